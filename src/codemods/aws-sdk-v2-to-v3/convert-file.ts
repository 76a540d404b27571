// One file, one parse, one walk: prepare() collects the node lists, the flow (flow.ts) decides from
// them which clients convert, and convertPrepared() converts exactly those, again from the same
// lists, so the work grows with the file, not with the number of clients in it.
import { ts } from '../../util/typescript.cjs';
import { collectAliases, collectImports, removeDeclarators, reportNoV3Client, resolveRef } from './bindings.js';
import { convertPlanned, planCall } from './calls.js';
import { convertClient } from './clients.js';
import { createContext, lastName, report, within, type FileContext, type Style } from './context.js';
import { convertConstruction } from './credentials.js';
import { Edits } from './edits.js';
import { convertEndpoint } from './endpoint.js';
import { applyGlobals, collectGlobals, settingsFor, type Globals, type SharedImport } from './globals.js';
import type { FileDecision } from './groups.js';
import { rewriteImports } from './imports.js';
import { fakesV2 } from './still-v2.js';
import { importOf } from '../aws-sdk-test-mocks/nodes.js';
import { isMemberName, Names } from './scopes.js';
import { convertTypeRef } from './types.js';
import { convertUtil } from './util.js';
import { captureInstances, collectCaptures } from './xray.js';

export interface Nodes {
  decls: ts.VariableDeclaration[];
  news: ts.NewExpression[];
  calls: ts.CallExpression[];
  typeRefs: ts.TypeReferenceNode[];
  /** Every identifier of the file, by name, in source order. */
  byName: Names;
}

function walk(sf: ts.SourceFile): Nodes {
  const ids: ts.Identifier[] = [];
  const nodes: Nodes = { decls: [], news: [], calls: [], typeRefs: [], byName: new Names(ids) };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) ids.push(node);
    else if (ts.isVariableDeclaration(node)) nodes.decls.push(node);
    else if (ts.isNewExpression(node)) nodes.news.push(node);
    else if (ts.isCallExpression(node)) nodes.calls.push(node);
    else if (ts.isTypeReferenceNode(node)) nodes.typeRefs.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return nodes;
}

/** A parsed file, ready for the flow to follow its clients before anything is converted. */
export interface Prepared {
  ctx: FileContext;
  nodes: Nodes;
  /** `const S3 = AWS.S3;` and the like: removed at the end, unless a client kept on v2 still uses them. */
  aliasStatements: ts.Node[];
  /** AWS.config settings shared between modules (shared-config.ts): exported by this one, or imported. */
  carry?: { exports?: string; imports: SharedImport[]; clientsElsewhere?: boolean };
}

/** Run a pass that removes statements, without removing them yet; returns what it would remove. */
function deferRemovals(ctx: FileContext, pass: () => void): ts.Node[] {
  const before = ctx.removed.length;
  const edits = ctx.edits;
  ctx.edits = new Edits(edits.text);
  try {
    pass();
  } finally {
    ctx.edits = edits;
  }
  return ctx.removed.slice(before);
}

export function prepare(path: string, text: string, style: Style): Prepared {
  const ctx = createContext(path, text, style);
  collectImports(ctx);
  collectCaptures(ctx);
  const nodes = walk(ctx.sf);
  const aliasStatements = ctx.names.size ? deferRemovals(ctx, () => collectAliases(ctx, nodes.decls)) : [];
  return { ctx, nodes, aliasStatements };
}

/**
 * Identifiers still naming v2 things after the passes: the v2 import must stay. Reported, except
 * inside `kept` (clients the flow keeps on v2, which have their own finding). Returns their names.
 */
function leftovers(ctx: FileContext, nodes: Nodes, kept: ts.Node[]): Set<string> {
  const left = new Set<string>();
  for (const name of ctx.names.keys()) {
    for (const id of nodes.byName.get(name) ?? []) {
      if (ctx.consumed.has(id) || within(id, ctx.v2Imports) || within(id, ctx.removed) || isMemberName(id)) continue;
      left.add(name);
      if (!within(id, kept) && !reportNoV3Client(ctx, id))
        report(
          ctx,
          id,
          'unconverted',
          `\`${id.parent.getText(ctx.sf).slice(0, 60)}\` still uses aws-sdk v2; convert it by hand`,
        );
    }
  }
  return left;
}

/** Promise calls on receivers that are not known clients, in a file that used v2. */
function unresolvedPromises(ctx: FileContext, nodes: Nodes, clients: readonly string[]): void {
  for (const call of nodes.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'promise' || call.arguments.length) continue;
    const inner = callee.expression;
    if (!ts.isCallExpression(inner) || !ts.isPropertyAccessExpression(inner.expression)) continue;
    const name = lastName(inner.expression.expression);
    if (name !== undefined && !clients.includes(name)) {
      report(
        ctx,
        call,
        'unresolved-client',
        `\`${inner.expression.getText(ctx.sf)}(…).promise()\` is called on something not known to be a v2 client; check it`,
        'warning',
      );
    }
  }
}

/** The calls of a test that fake v2: `AWSMock.mock('S3', 'getObject', …)`, `jest.mock('aws-sdk', …)`. */
function v2Fakes(sf: ts.SourceFile, calls: readonly ts.CallExpression[]): ts.Node[] {
  if (!fakesV2.test(sf.text)) return [];
  // the names aws-sdk-mock is bound to (import, import-equals or require)
  const mocks = new Set(
    sf.statements.map(importOf).flatMap((i) => (i?.spec === 'aws-sdk-mock' && i.name ? [i.name] : [])),
  );
  return calls.filter((call) => {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
    if (mocks.has(callee.expression.text)) return true;
    const first = call.arguments[0];
    return (
      /^(jest|vi)$/.test(callee.expression.text) &&
      /^(do)?[mM]ock$/.test(callee.name.text) &&
      !!first &&
      ts.isStringLiteralLike(first) &&
      /^aws-sdk(\/|$)/.test(first.text)
    );
  });
}

/** Whether a v2 name is still used outside `nodes` (and outside what the conversion consumed or removed). */
function usedOutside(ctx: FileContext, nodes: Nodes, names: Set<string>, inside: ts.Node[]): boolean {
  return [...names].some((name) =>
    (nodes.byName.get(name) ?? []).some(
      (id) =>
        !ctx.consumed.has(id) &&
        !within(id, ctx.v2Imports) &&
        !within(id, ctx.removed) &&
        !within(id, inside) &&
        !isMemberName(id),
    ),
  );
}

/** Whether the file already binds `name` (any declaration or reference in any scope). */
function occupied(p: Prepared, name: string, v2Kept: boolean): boolean {
  if (p.ctx.names.has(name)) return v2Kept;
  return p.ctx.edits.text.includes(name) && p.nodes.byName.some(name, (id) => !isMemberName(id));
}

function boundNames(stmt: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isVariableDeclaration(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name)) out.push(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(stmt);
  return out;
}

/** Remove the alias statements (or declarators) whose names no kept v2 use still needs. */
function removeAliases(ctx: FileContext, aliases: readonly ts.Node[], left: Set<string>): void {
  const declarators = new Map<ts.VariableStatement, Set<ts.Node>>();
  for (const node of aliases) {
    if (boundNames(node).some((n) => left.has(n))) continue;
    if (!ts.isVariableDeclaration(node)) ctx.edits.removeStatement(node, ctx.sf);
    else {
      const stmt = node.parent.parent as ts.VariableStatement;
      declarators.set(stmt, (declarators.get(stmt) ?? new Set()).add(node));
    }
  }
  for (const [stmt, removed] of declarators) removeDeclarators(ctx, stmt, removed);
}

/** Operation calls the flow accepted, converted as planned (planned again on a new parse of the file). */
function convertCalls(ctx: FileContext, nodes: Nodes, d: FileDecision): void {
  for (const call of nodes.calls) {
    const accepted = d.calls.get(call.end);
    if (!accepted || within(call, ctx.removed)) continue;
    const callee = call.expression as ts.PropertyAccessExpression;
    const op = { call, receiver: callee.expression, name: callee.name, service: accepted.service };
    const plan = (d.plannedOn === ctx && accepted.plan) || planCall(ctx, op, nodes.byName);
    if ('rule' in plan) throw new Error(`the call at ${call.end} was planned but no longer converts`);
    convertPlanned(ctx, op, plan);
  }
}

/**
 * Convert what the decision accepts. `v2Kept` says the v2 import stays, so its names are taken for
 * new imports; `clash` reports that it stayed although not expected, with a v3 import of a v2 name.
 */
export function convertPrepared(
  p: Prepared,
  d: FileDecision,
  v2Kept = false,
): { text: string; keepsV2: boolean; clash: boolean; movedGlobals: boolean } {
  const { ctx, nodes } = p;
  const expectV2 = v2Kept || d.keepsClients;
  ctx.taken = (name) => occupied(p, name, expectV2);
  let globals: Globals = { settings: [], removed: [], left: [], statements: [] };
  const clients = nodes.news.filter((node) => d.news.has(node.end));
  const configStatements = deferRemovals(
    ctx,
    () => void (globals = collectGlobals(ctx, clients, expectV2, p.carry?.exports, p.carry?.clientsElsewhere ?? true)),
  );
  // AWS.config stays while v2 stays in the file: a v2 client, or what is made from the namespace, reads it
  if (!expectV2) applyGlobals(ctx, globals, configStatements);
  const kept: ts.Node[] = [];
  const fakes = v2Fakes(ctx.sf, nodes.calls);
  for (const ref of nodes.typeRefs) {
    if (within(ref, ctx.removed)) continue;
    // a v2 fake's parameters are v2 requests: its types move when the fake does (aws-sdk-test-mocks)
    if (d.keptTypes.includes(ref.end) || within(ref, fakes)) kept.push(ref);
    else convertTypeRef(ctx, ref);
  }
  for (const node of nodes.news) {
    if (within(node, ctx.removed) || convertEndpoint(ctx, node)) continue;
    // credentials and configuration objects stay v2 beside a client kept on v2, which reads them
    if (!d.keepsClients && convertConstruction(ctx, node)) continue;
    if (d.news.has(node.end)) convertClient(ctx, node, settingsFor(ctx, globals, node, p.carry?.imports), nodes.byName);
    else if (resolveRef(ctx, node.expression)?.kind === 'service') kept.push(node.expression);
  }
  convertCalls(ctx, nodes, d);
  for (const call of nodes.calls) if (!within(call, ctx.removed)) convertUtil(ctx, call);
  captureInstances(ctx, nodes.calls);
  if (ctx.v2Imports.length) unresolvedPromises(ctx, nodes, d.names);
  const left = leftovers(ctx, nodes, kept);
  removeAliases(ctx, p.aliasStatements, left);
  const keepsV2 = left.size > 0;
  const clash =
    keepsV2 &&
    !expectV2 &&
    [...ctx.values.values(), ...ctx.types.values()].some((names) =>
      [...names].some((n) => ctx.names.has(n) && !ctx.aliases?.has(n)),
    );
  if (ctx.v2Imports.length || ctx.values.size || ctx.types.size) rewriteImports(ctx, left);
  // v2 kept for more than its own AWS.config settings: what it still makes may read the moved ones
  const movedGlobals =
    !expectV2 && configStatements.length > 0 && usedOutside(ctx, nodes, left, [...kept, ...globals.statements]);
  return { text: ctx.edits.size ? ctx.edits.apply() : ctx.edits.text, keepsV2, clash, movedGlobals };
}

/**
 * Convert; again, knowing v2 stays, when it stayed unexpectedly: then a v3 import of one of its
 * names is aliased, and the AWS.config settings the first pass moved stay for what v2 still makes.
 */
export function convertFile(p: Prepared, d: FileDecision, again: () => Prepared): { text: string; ctx: FileContext } {
  const first = convertPrepared(p, d);
  if (!first.clash && !(first.keepsV2 && first.movedGlobals)) return { text: first.text, ctx: p.ctx };
  const q = again();
  q.carry = p.carry;
  return { text: convertPrepared(q, d, true).text, ctx: q.ctx };
}
