// Global `AWS.config` settings. v3 has no global configuration. Settings made at the top of a file
// move into each client created after them there. Settings made anywhere else (in a function, under
// an `if`) go to one object the file declares, which each of its clients is created with, so a
// client gets exactly what v2 would have given it when it was created.
import { ts } from '../../util/typescript.cjs';
import { markConsumed, resolveRef } from './bindings.js';
import { mapKey, planConfig, reportKey, valueOf, type PropPlan } from './config.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { lineOf } from './edits.js';
import { isHeaderStatement } from './imports.js';
import { copiedText } from './credentials.js';
import { whileMoving } from './value-uses.js';

/** `AWS.config` (or `AWS.config.<member>`) where AWS is the v2 namespace. */
function configMember(ctx: FileContext, expr: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(expr)) return undefined;
  const base = expr.expression;
  if (!ts.isPropertyAccessExpression(base) || base.name.text !== 'config') return undefined;
  return resolveRef(ctx, base.expression)?.kind === 'ns' ? expr.name.text : undefined;
}

/** A module this one imports that exports its AWS.config settings as `name`, and the import of it. */
export interface SharedImport {
  spec: string;
  name: string;
  from: ts.ImportDeclaration;
}

export interface Globals {
  /** From a position on (the statement's end), v3 key -> property text. */
  settings: { after: number; key: string; text: string }[];
  removed: ts.Node[];
  /** Global settings left on v2: clients created after them do not get them. */
  left: { after: number; line: number }[];
  /** Every statement that sets AWS.config, moved or not. */
  statements: ts.Node[];
  /** Settings kept in a shared object: its name, its declaration, each statement's new text ('' removes it). */
  shared?: Shared;
}

interface Shared {
  name: string;
  /** Where the object is declared (before the first statement after the imports), and the text. */
  at: number;
  declaration: string;
  rewrites: Map<ts.Node, string>;
  /** Clients created from here on, or in a function, get the object. */
  from: number;
}

function keyOf(text: string): string {
  return /^\s*([\w$]+)/.exec(text)![1];
}

/** The client option texts of a global settings statement; undefined when it stays; 'other' when it is none. */
function settingTexts(ctx: FileContext, stmt: ts.ExpressionStatement): string[] | undefined | 'other' {
  const expr = stmt.expression;
  if (ts.isCallExpression(expr) && configMember(ctx, expr.expression) === 'setPromisesDependency') return [];
  if (ts.isCallExpression(expr) && configMember(ctx, expr.expression) === 'update') {
    const arg = expr.arguments[0];
    if (expr.arguments.length !== 1 || !ts.isObjectLiteralExpression(arg)) return undefined;
    const plan = planConfig(ctx, arg);
    if (plan.size !== arg.properties.length) return undefined; // keys it could not map stay for a person
    return updateTexts(ctx, arg, plan, stmt);
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const key = configMember(ctx, expr.left);
    return key ? mapAssignment(ctx, key, expr.right, stmt) : 'other';
  }
  return 'other';
}

/** A statement that sets AWS.config, and the client option texts it maps to (none: it stays). */
interface Setting {
  stmt: ts.ExpressionStatement;
  texts: string[] | undefined;
}

/** Whether the text may set AWS.config (`config.update(`, `config.key =`, `config.setPromisesDependency(`): most files do not. */
export function maySetConfig(text: string): boolean {
  return /\bconfig\s*\.\s*(?:update|setPromisesDependency)\s*\(|\bconfig\s*\.\s*[\w$]+\s*=[^=]/.test(text);
}

/** Every statement that sets AWS.config, at any depth. */
export function configStatements(ctx: FileContext): Setting[] {
  const found: Setting[] = [];
  if (!maySetConfig(ctx.edits.text)) return found;
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const texts = whileMoving(node, () => settingTexts(ctx, node));
      if (texts !== 'other') return void found.push({ stmt: node, texts });
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return found;
}

/**
 * Collect the `AWS.config.update({...})` and `AWS.config.x = y` statements and plan their removal.
 * `clients` are the v3 clients the file will create. `stays`: a client of this file stays on v2,
 * so the statements stay too (v3 clients still get those at the top of the file). `exportAs`: the
 * settings go to an object exported under that name (shared-config.ts). `clientsElsewhere`: other
 * modules create clients, which in v2 read these settings too.
 */
export function collectGlobals(
  ctx: FileContext,
  clients: readonly ts.Node[],
  stays = false,
  exportAs?: string,
  clientsElsewhere = true,
): Globals {
  const found = configStatements(ctx);
  // a client created in a function is created when it is called: after any setting made at load
  const later = (stmt: ts.Node) => clients.some((c) => inFunction(c) && c.getStart(ctx.sf) < stmt.getStart(ctx.sf));
  const shareable = found.some(({ stmt }) => stmt.parent !== ctx.sf || later(stmt));
  const shared = (shareable || exportAs) && !stays ? shareSettings(ctx, found, exportAs) : undefined;
  const globals: Globals = { settings: [], removed: [], left: [], statements: found.map((f) => f.stmt), shared };
  const reaches = (stmt: ts.Node) =>
    !!exportAs || clients.some((c) => c.getStart(ctx.sf) >= stmt.getEnd() || (shared && inFunction(c)));
  for (const { stmt, texts } of found) {
    // kept on v2: what does not map, and settings made in a function for a client kept on v2
    if (!texts || (stmt.parent !== ctx.sf && !shared)) {
      globals.left.push({ after: stmt.getEnd(), line: lineOf(ctx.sf, stmt.getStart(ctx.sf)) });
      continue;
    }
    // settings no client of the repository reads go; ones other modules' clients read in v2 stay
    if (!stays && !reaches(stmt) && clientsElsewhere) {
      // no client of this file gets them: they were for clients elsewhere, which v3 does not give them
      const keys = texts.map(keyOf).join(', ') || 'nothing v3 needs';
      const why = `AWS.config set here (${keys}) reaches no v3 client of this file, and v3 clients created elsewhere read no global configuration; it stays on v2 until a person passes these settings to the clients that relied on them`;
      report(ctx, stmt, 'global-config', why);
      continue;
    }
    if (!shared) for (const text of texts) globals.settings.push({ after: stmt.getEnd(), key: keyOf(text), text });
    markConsumed(ctx, stmt);
    globals.removed.push(stmt);
    ctx.removed.push(stmt);
    ctx.edits.removeStatement(stmt, ctx.sf);
    const moved = exportAs
      ? `AWS.config settings now go to the exported \`${exportAs}\`, which the v3 clients of the modules that import this one are created with`
      : shared
        ? `AWS.config settings now go to \`${shared.name}\`, which every v3 client of this file is created with; clients in other modules do not get them`
        : stays
          ? 'AWS.config stays for the clients kept on v2 here; v3 clients created after it in this file get its settings'
          : 'AWS.config moved into the clients created in this file; clients in other modules do not get it';
    report(ctx, stmt, 'global-config', moved, 'info');
  }
  return globals;
}

/** The shared object for settings made outside the top of the file, and each statement's new text. */
function shareSettings(ctx: FileContext, found: Setting[], exportAs?: string): Shared | undefined {
  const first = ctx.sf.statements.find((stmt) => !isHeaderStatement(ctx.sf, stmt));
  if (!first) return undefined;
  let name = exportAs ?? 'awsConfig';
  for (let i = 2; !exportAs && ctx.taken(name); i++) name = `awsConfig${i}`;
  const rewrites = new Map<ts.Node, string>();
  for (const { stmt, texts } of found) {
    if (!texts) continue;
    const semi = stmt.getText(ctx.sf).endsWith(';') ? ';' : '';
    // an emptied statement goes, unless it is the whole body of an `if` or a loop
    const empty =
      ts.isBlock(stmt.parent) || ts.isSourceFile(stmt.parent) || ts.isCaseOrDefaultClause(stmt.parent) ? '' : '{}';
    rewrites.set(stmt, texts.length ? `Object.assign(${name}, { ${texts.join(', ')} })${semi}` : empty);
  }
  const semi = found.some(({ stmt }) => stmt.getText(ctx.sf).endsWith(';')) ? ';' : '';
  const typed = /\.[mc]?tsx?$/.test(ctx.path) ? ': Record<string, unknown>' : '';
  const comments = ts.getLeadingCommentRanges(ctx.edits.text, first.getFullStart()) ?? [];
  const at = lineStart(ctx.edits.text, comments[0]?.pos ?? first.getStart(ctx.sf));
  const from = Math.min(...found.map(({ stmt }) => stmt.getStart(ctx.sf)));
  const declaration = `${exportAs ? 'export ' : ''}const ${name}${typed} = {}${semi}\n\n`;
  return { name, at, declaration, rewrites, from };
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Apply the planned removal of each collected statement, or its new text when settings are shared. */
export function applyGlobals(ctx: FileContext, globals: Globals, statements: readonly ts.Node[]): void {
  const shared = globals.shared;
  for (const stmt of statements) {
    const text = shared?.rewrites.get(stmt);
    if (text) ctx.edits.replaceNode(stmt, text, ctx.sf);
    else ctx.edits.removeStatement(stmt, ctx.sf);
  }
  if (shared && statements.some((stmt) => shared.rewrites.get(stmt))) ctx.edits.insert(shared.at, shared.declaration);
}

/** Whether the node runs when a function is called, not when the module loads. */
export function inFunction(node: ts.Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) if (ts.isFunctionLike(cur)) return true;
  return false;
}

const sharedImported = new WeakMap<FileContext, Map<string, string>>();

/**
 * The local name of an imported settings object, added to the file's import of its module once:
 * `import './config'` gets `{ awsConfig } from`, a named import gets the name, a namespace import
 * reads it as a member; otherwise a new import line.
 */
function importShared(ctx: FileContext, { spec, name, from }: SharedImport): string {
  const done = sharedImported.get(ctx) ?? new Map<string, string>();
  sharedImported.set(ctx, done);
  let local = done.get(spec);
  if (local) return local;
  const clause = from.importClause;
  const bindings = clause?.namedBindings;
  if (!clause) {
    ctx.edits.insert(from.moduleSpecifier.getStart(ctx.sf), `{ ${name} } from `);
    local = name;
  } else if (bindings && ts.isNamespaceImport(bindings)) local = `${bindings.name.text}.${name}`;
  else if (bindings && bindings.elements.length && !clause.isTypeOnly) {
    ctx.edits.insert(bindings.elements[0].getStart(ctx.sf), `${name}, `);
    local = name;
  } else if (!bindings && clause.name && !clause.isTypeOnly) {
    ctx.edits.insert(clause.name.getEnd(), `, { ${name} }`);
    local = name;
  } else local = needValue(ctx, spec, name);
  done.set(spec, local);
  return local;
}

/** `AWS.config.<key> = value` as client option text (none when dropped), or undefined to leave it. */
function mapAssignment(ctx: FileContext, key: string, value: ts.Expression, stmt: ts.Node): string[] | undefined {
  const result = mapKey(ctx, key, value);
  reportKey(ctx, stmt, key, result);
  if (result === null) return [];
  if (!('to' in result)) return undefined;
  const copied = result.value === undefined ? copiedText(ctx, value) : { text: result.value, imports: [] };
  return 'why' in copied ? reportCopy(ctx, stmt, copied.why) : [`${result.to}: ${take(ctx, copied)}`];
}

/** Texts of a planned `AWS.config.update({...})` with the v2 credentials in its values converted. */
function updateTexts(
  ctx: FileContext,
  literal: ts.ObjectLiteralExpression,
  plan: PropPlan,
  stmt: ts.Node,
): string[] | undefined {
  const texts: string[] = [];
  for (const prop of literal.properties) {
    const text = plan.get(prop);
    if (typeof text !== 'string') continue;
    const value = valueOf(prop)!;
    const copied = copiedText(ctx, value);
    if ('why' in copied) return reportCopy(ctx, stmt, copied.why);
    texts.push(text.replace(textOf(ctx, value), take(ctx, copied)));
  }
  return texts;
}

function reportCopy(ctx: FileContext, stmt: ts.Node, why: string): undefined {
  report(ctx, stmt, 'global-config', `AWS.config setting left on v2: ${why}`);
  return undefined;
}

/** The text of a converted value, with the imports it needs. */
function take(ctx: FileContext, out: { text: string; imports: [string, string][] }): string {
  for (const [pkg, name] of out.imports) needValue(ctx, pkg, name);
  return out.text;
}

/** A `new AWS.Config(...)`, directly or through the variable holding it. */
function isConfigObject(ctx: FileContext, arg: ts.Expression | undefined): boolean {
  let expr = arg;
  if (arg && ts.isIdentifier(arg)) {
    const decl = ctx.sf.statements
      .filter(ts.isVariableStatement)
      .flatMap((s) => [...s.declarationList.declarations])
      .find((d) => ts.isIdentifier(d.name) && d.name.text === arg.text);
    expr = decl?.initializer;
  }
  return !!expr && ts.isNewExpression(expr) && resolveRef(ctx, expr.expression)?.kind === 'config';
}

/**
 * Settings that apply to the client `node` creates. A v2 client given an AWS.Config object took
 * every key from it (its defaults too), so AWS.config did not reach that client.
 */
export function settingsFor(
  ctx: FileContext,
  globals: Globals,
  node: ts.NewExpression,
  imported: readonly SharedImport[] = [],
): Map<string, string> {
  const out = new Map<string, string>();
  if (isConfigObject(ctx, node.arguments?.[0])) return out;
  // settings of imported modules ran before this module's body, so before any of its clients
  for (const shared of imported) {
    const local = importShared(ctx, shared);
    out.set(`...${local}`, `...${local}`);
  }
  const pos = node.getStart(ctx.sf);
  const shared = globals.shared;
  if (shared && (pos >= shared.from || inFunction(node))) out.set(`...${shared.name}`, `...${shared.name}`);
  for (const s of globals.settings) if (s.after <= pos) out.set(s.key, s.text);
  const left = globals.left.filter((l) => l.after <= pos).map((l) => l.line);
  const why = `AWS.config set on line ${left.join(', ')} stays v2 and does not reach this v3 client: set it here`;
  if (left.length) report(ctx, node, 'global-config', why, 'warning');
  return out;
}
