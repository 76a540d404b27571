// One file, one parse, one walk: the passes below read the node lists the walk collected, so the
// work grows with the file, not with the number of clients in it.
import { ts } from 'ts-morph';
import { collectAliases, collectImports, reportNoV3Client } from './bindings.js';
import { convertCall, opCall } from './calls.js';
import { convertClient } from './clients.js';
import { addInstance, createContext, lastName, report, type FileContext, type Style } from './context.js';
import { clientExports, type ClientExports } from './crossmodule.js';
import { convertConstruction } from './credentials.js';
import { convertEndpoint } from './endpoint.js';
import { collectGlobals, settingsFor } from './globals.js';
import { rewriteImports } from './imports.js';
import { captureInstances, collectCaptures } from './xray.js';
import type { ServiceInfo } from './services.js';
import { convertTypeRef } from './types.js';
import { convertUtil } from './util.js';

interface Nodes {
  decls: ts.VariableDeclaration[];
  news: ts.NewExpression[];
  calls: ts.CallExpression[];
  typeRefs: ts.TypeReferenceNode[];
  ids: ts.Identifier[];
}

function walk(sf: ts.SourceFile): Nodes {
  const nodes: Nodes = { decls: [], news: [], calls: [], typeRefs: [], ids: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) nodes.ids.push(node);
    else if (ts.isVariableDeclaration(node)) nodes.decls.push(node);
    else if (ts.isNewExpression(node)) nodes.news.push(node);
    else if (ts.isCallExpression(node)) nodes.calls.push(node);
    else if (ts.isTypeReferenceNode(node)) nodes.typeRefs.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return nodes;
}

/** A parsed candidate, ready to report its client exports before anything is converted. */
export interface Prepared {
  ctx: FileContext;
  nodes: Nodes;
  exports: ClientExports;
}

export function prepare(path: string, text: string, style: Style): Prepared {
  const ctx = createContext(path, text, style);
  collectImports(ctx);
  collectCaptures(ctx);
  const nodes = walk(ctx.sf);
  collectAliases(ctx, nodes.decls);
  return { ctx, nodes, exports: ctx.names.size ? clientExports(ctx, nodes.news) : new Map() };
}

const within = (node: ts.Node, outer: ts.Node[]) => outer.some((o) => node.pos >= o.pos && node.end <= o.end);

/** Function parameters that receive a client from a call in the same file: `list(s3)`. */
function propagateToParams(ctx: FileContext, nodes: Nodes): void {
  const fns = new Map<string, ts.SignatureDeclaration>();
  for (const d of nodes.decls) {
    if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) fns.set(d.name.text, d.initializer);
  }
  for (const s of ctx.sf.statements) if (ts.isFunctionDeclaration(s) && s.name) fns.set(s.name.text, s);
  for (const call of nodes.calls) {
    const fn = ts.isIdentifier(call.expression) ? fns.get(call.expression.text) : undefined;
    if (!fn) continue;
    call.arguments.forEach((arg, i) => {
      const name = lastName(arg);
      const service = name === undefined ? undefined : ctx.instances.get(name);
      const param = fn.parameters[i];
      if (service && service !== 'ambiguous' && param && ts.isIdentifier(param.name)) addInstance(ctx, param.name.text, service);
    });
  }
}

/** Identifiers still naming v2 things after the passes: the v2 import must stay. */
function leftovers(ctx: FileContext, nodes: Nodes): boolean {
  let left = false;
  for (const id of nodes.ids) {
    if (!ctx.names.has(id.text) || ctx.consumed.has(id) || within(id, ctx.v2Imports) || within(id, ctx.removed)) continue;
    const parent = id.parent;
    if ((ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && (parent as { name?: ts.Node; right?: ts.Node }).name === id) continue;
    if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === id) continue;
    const what = parent.getText(ctx.sf).slice(0, 60);
    if (!reportNoV3Client(ctx, id)) report(ctx, id, 'unconverted', `\`${what}\` still uses aws-sdk v2; convert it by hand`);
    left = true;
  }
  return left;
}

/** Promise calls on receivers that are not known clients, in a file that used v2. */
function unresolvedPromises(ctx: FileContext, nodes: Nodes): void {
  for (const call of nodes.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'promise' || call.arguments.length) continue;
    const inner = callee.expression;
    if (!ts.isCallExpression(inner) || !ts.isPropertyAccessExpression(inner.expression)) continue;
    const name = lastName(inner.expression.expression);
    if (name !== undefined && !ctx.instances.has(name)) {
      report(ctx, call, 'unresolved-client', `\`${inner.expression.getText(ctx.sf)}(…).promise()\` is called on something not known to be a v2 client; check it`, 'warning');
    }
  }
}

export function convertPrepared(p: Prepared, external: Map<string, ServiceInfo>): { text: string; keepsV2: boolean } {
  const { ctx, nodes } = p;
  for (const [name, service] of external) addInstance(ctx, name, service);
  const globals = collectGlobals(ctx);
  for (const ref of nodes.typeRefs) convertTypeRef(ctx, ref);
  for (const node of nodes.news) {
    if (within(node, ctx.removed) || convertEndpoint(ctx, node)) continue;
    if (!convertConstruction(ctx, node)) convertClient(ctx, node, settingsFor(ctx, globals, node));
  }
  propagateToParams(ctx, nodes);
  for (const call of nodes.calls) {
    if (within(call, ctx.removed) || convertUtil(ctx, call)) continue;
    const op = opCall(ctx, call);
    if (op) convertCall(ctx, op, nodes.ids);
  }
  captureInstances(ctx, nodes.calls);
  if (ctx.v2Imports.length) unresolvedPromises(ctx, nodes);
  const keepsV2 = leftovers(ctx, nodes);
  if (ctx.v2Imports.length || ctx.values.size || ctx.types.size) rewriteImports(ctx, keepsV2);
  return { text: ctx.edits.size ? ctx.edits.apply() : ctx.edits.text, keepsV2 };
}
