// What the passes over one file share: the parsed file, the edits, the v3 imports it now needs
// and what it knows about v2 names and client instances.
import { ts } from 'ts-morph';
import { syntaxError } from '../syntax.js';
import { Edits, lineOf } from './edits.js';
/** The file does not parse: it is reported (with the line of its first syntax error) and left alone. */
export class UnparsableFile extends Error {
    line;
    constructor(line, reason) {
        super(`it does not parse (line ${line}: ${reason})`);
        this.line = line;
    }
}
export function createContext(path, text, style) {
    const kind = /\.tsx$/.test(path)
        ? ts.ScriptKind.TSX
        : /\.[mc]?ts$/.test(path)
            ? ts.ScriptKind.TS
            : /\.jsx$/.test(path)
                ? ts.ScriptKind.JSX
                : ts.ScriptKind.JS;
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
    const error = syntaxError(sf);
    if (error)
        throw new UnparsableFile(error.line, error.message);
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
export function report(ctx, node, rule, message, severity = 'manual') {
    const line = lineOf(ctx.sf, node.getStart(ctx.sf));
    if (ctx.findings.some((f) => f.line === line && f.rule === `aws-sdk-v3/${rule}`))
        return;
    ctx.findings.push({ file: ctx.path, line, rule: `aws-sdk-v3/${rule}`, message, severity });
}
export function needValue(ctx, pkg, name) {
    let set = ctx.values.get(pkg);
    if (!set)
        ctx.values.set(pkg, (set = new Set()));
    if (set.has(name))
        return ctx.aliases?.get(name) ?? name;
    set.add(name);
    return localName(ctx, name);
}
/** The name an import of `name` is bound to in this file: itself, or `name2`, `name3`… when taken. */
export function localName(ctx, name) {
    const known = ctx.aliases?.get(name);
    if (known !== undefined)
        return known;
    let local = name;
    for (let i = 2; ctx.taken(local) || isAlias(ctx, local); i++)
        local = `${name}${i}`;
    if (local !== name)
        (ctx.aliases ??= new Map()).set(name, local);
    return local;
}
function isAlias(ctx, local) {
    for (const alias of ctx.aliases?.values() ?? [])
        if (alias === local)
            return true;
    return false;
}
export function needType(ctx, pkg, name) {
    let set = ctx.types.get(pkg);
    if (!set)
        ctx.types.set(pkg, (set = new Set()));
    if (set.has(name))
        return ctx.aliases?.get(name) ?? name;
    set.add(name);
    return localName(ctx, name);
}
export function addInstance(ctx, name, service) {
    const known = ctx.instances.get(name);
    ctx.instances.set(name, known === undefined || known === service ? service : 'ambiguous');
}
/** The node lies inside one of `outer`. */
export const within = (node, outer) => outer.some((o) => node.pos >= o.pos && node.end <= o.end);
export function textOf(ctx, node) {
    return node.getText(ctx.sf);
}
/** The name a client is reached through: `s3`, `this.s3`, `deps.s3` -> `s3`. */
export function lastName(expr) {
    if (ts.isIdentifier(expr))
        return expr.text;
    if (ts.isPropertyAccessExpression(expr))
        return expr.name.text;
    if (ts.isParenthesizedExpression(expr))
        return lastName(expr.expression);
    if (ts.isNonNullExpression(expr))
        return lastName(expr.expression);
    return undefined;
}
export function instanceOf(ctx, expr) {
    const name = lastName(expr);
    return name === undefined ? undefined : ctx.instances.get(name);
}
