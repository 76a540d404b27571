// What the passes over one file share: the parsed file, the edits, the v3 imports it now needs
// and what it knows about v2 names and client instances.
import { ts } from '../../util/typescript.cjs';
import type { Finding, Severity } from '../types.js';
import { syntaxError } from '../syntax.js';
import { Edits, lineOf } from './edits.js';
import type { ServiceInfo } from './services.js';

export type Style = 'bare' | 'aggregated';

/** What a v2 name in this file stands for. */
export type V2Ref =
  | { kind: 'ns' }
  | { kind: 'service'; service: ServiceInfo }
  | { kind: 'credentials'; name: string }
  /** `AWS.util` and `AWS.Endpoint`: converted call by call (util.ts, endpoint.ts). */
  | { kind: 'helper'; name: string }
  /** A type name: `AWSError`, or one named-imported from a service module (`aws-sdk/clients/s3`). */
  | { kind: 'type'; name: string; service?: ServiceInfo }
  /** `AWS.Config`: becomes a plain configuration object (config.ts). */
  | { kind: 'config' };

export interface FileContext {
  path: string;
  sf: ts.SourceFile;
  edits: Edits;
  findings: Finding[];
  style: Style;
  /** The v2 import/require statements and the local names they bind. */
  v2Imports: ts.Node[];
  names: Map<string, V2Ref>;
  /** Identifiers that refer to v2 names and were rewritten (or deleted with their statement). */
  consumed: Set<ts.Node>;
  /** Client instances by the last name they are reached through (`s3`, `this.s3`, `deps.s3`). */
  instances: Map<string, ServiceInfo | 'ambiguous'>;
  /** v3 imports to add: package -> value names, and type-only names. */
  values: Map<string, Set<string>>;
  types: Map<string, Set<string>>;
  /** True when the file uses ESM `import` (new imports follow the file's style). */
  esm: boolean;
  /** Statements removed whole; v2 names inside them need no further work. */
  removed: ts.Node[];
  /** Whether a name is already bound in the file, so an import of it needs a local alias. */
  taken: (name: string) => boolean;
  /** Imported names the file binds under another name (`S3Client` -> `S3Client2`, when taken). */
  aliases?: Map<string, string>;
}

/** The file does not parse: it is reported (with the line of its first syntax error) and left alone. */
export class UnparsableFile extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`it does not parse (line ${line}: ${reason})`);
  }
}

export function createContext(path: string, text: string, style: Style): FileContext {
  const kind = /\.tsx$/.test(path)
    ? ts.ScriptKind.TSX
    : /\.[mc]?ts$/.test(path)
      ? ts.ScriptKind.TS
      : /\.jsx$/.test(path)
        ? ts.ScriptKind.JSX
        : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const error = syntaxError(sf);
  if (error) throw new UnparsableFile(error.line, error.message);
  return {
    path,
    sf,
    edits: new Edits(text),
    findings: [],
    style,
    v2Imports: [],
    names: new Map(),
    consumed: new Set(),
    instances: new Map(),
    values: new Map(),
    types: new Map(),
    esm: /\.m[jt]s$/.test(path) || sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s)),
    removed: [],
    taken: () => false,
  };
}

export function report(
  ctx: FileContext,
  node: ts.Node,
  rule: string,
  message: string,
  severity: Severity = 'manual',
): void {
  const line = lineOf(ctx.sf, node.getStart(ctx.sf));
  if (ctx.findings.some((f) => f.line === line && f.rule === `aws-sdk-v3/${rule}`)) return;
  ctx.findings.push({ file: ctx.path, line, rule: `aws-sdk-v3/${rule}`, message, severity });
}

export function needValue(ctx: FileContext, pkg: string, name: string): string {
  let set = ctx.values.get(pkg);
  if (!set) ctx.values.set(pkg, (set = new Set()));
  if (set.has(name)) return ctx.aliases?.get(name) ?? name;
  set.add(name);
  return localName(ctx, name);
}

/** The name an import of `name` is bound to in this file: itself, or `name2`, `name3`… when taken. */
export function localName(ctx: FileContext, name: string): string {
  const known = ctx.aliases?.get(name);
  if (known !== undefined) return known;
  let local = name;
  for (let i = 2; ctx.taken(local) || isAlias(ctx, local); i++) local = `${name}${i}`;
  if (local !== name) (ctx.aliases ??= new Map()).set(name, local);
  return local;
}

function isAlias(ctx: FileContext, local: string): boolean {
  for (const alias of ctx.aliases?.values() ?? []) if (alias === local) return true;
  return false;
}

export function needType(ctx: FileContext, pkg: string, name: string): string {
  let set = ctx.types.get(pkg);
  if (!set) ctx.types.set(pkg, (set = new Set()));
  if (set.has(name)) return ctx.aliases?.get(name) ?? name;
  set.add(name);
  return localName(ctx, name);
}

export function addInstance(ctx: FileContext, name: string, service: ServiceInfo): void {
  const known = ctx.instances.get(name);
  ctx.instances.set(name, known === undefined || known === service ? service : 'ambiguous');
}

/** The node lies inside one of `outer`. */
export const within = (node: ts.Node, outer: readonly ts.Node[]) =>
  outer.some((o) => node.pos >= o.pos && node.end <= o.end);

export function textOf(ctx: FileContext, node: ts.Node): string {
  return node.getText(ctx.sf);
}

/** The name a client is reached through: `s3`, `this.s3`, `deps.s3` -> `s3`. */
export function lastName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isParenthesizedExpression(expr)) return lastName(expr.expression);
  if (ts.isNonNullExpression(expr)) return lastName(expr.expression);
  return undefined;
}

export function instanceOf(ctx: FileContext, expr: ts.Expression): ServiceInfo | 'ambiguous' | undefined {
  const name = lastName(expr);
  return name === undefined ? undefined : ctx.instances.get(name);
}
