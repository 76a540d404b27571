import { cdkFunctions } from './cdk.js';
import { serverlessFunctions } from './serverless.js';
import { templateFunctions } from './templates.js';
import { terraformFunctions } from './terraform.js';
import { insideFolders, notSourceFolders } from '../util/excluded-folders.js';
/** A declared variable's value as the function's code sees it: text, with references named as written. */
export function environmentValue(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
        const [key, inner] = Object.entries(value)[0] ?? [];
        if (key === 'Ref' && typeof inner === 'string')
            return `Ref ${inner}`;
        if (key === 'Fn::Sub' && typeof inner === 'string')
            return inner;
        if (key === 'Fn::GetAtt')
            return `GetAtt ${Array.isArray(inner) ? inner.join('.') : String(inner)}`;
    }
    return JSON.stringify(value) ?? '';
}
/** The declared variables of `shared` (globals, provider) then `own`, or undefined when neither names any. */
export function declaredEnvironment(shared, own) {
    const out = {};
    for (const vars of [shared, own])
        if (vars && typeof vars === 'object' && !Array.isArray(vars))
            for (const [name, value] of Object.entries(vars))
                out[name] = environmentValue(value);
    return Object.keys(out).length ? out : undefined;
}
/** `arm64` / `x86_64`, alone or as the one item of a list (Lambda takes exactly one); undefined for anything else. */
export function declaredArchitecture(value) {
    const only = Array.isArray(value) && value.length === 1 ? value[0] : value;
    return only === 'arm64' || only === 'x86_64' ? only : undefined;
}
/** A whole number of MB, or its digits as a string (CloudFormation and Terraform take `"512"`); undefined for anything else. */
export function declaredMemorySize(value) {
    const mb = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    return typeof mb === 'number' && Number.isInteger(mb) && mb > 0 ? mb : undefined;
}
/** Every Lambda function the repository's infrastructure code declares, in file order. */
export function lambdaFunctions(repo) {
    const found = [
        ...templateFunctions(repo),
        ...serverlessFunctions(repo),
        ...cdkFunctions(repo),
        ...terraformFunctions(repo),
    ];
    return found.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
const nodeRuntime = /^nodejs(\d+)?(?:\.(?:x|\d+))?$/;
/** Whether the declared runtime is a Node.js one. */
export function isNodeRuntime(fn) {
    return fn.runtime !== undefined && nodeRuntime.test(fn.runtime);
}
/** The Node.js major of the declared runtime; undefined for `nodejs` (unnamed) and other runtimes. */
export function nodeMajor(fn) {
    const match = fn.runtime === undefined ? null : nodeRuntime.exec(fn.runtime);
    return match?.[1] === undefined ? undefined : Number(match[1]);
}
/** The major a Node.js function runs on after an upgrade to `target` (never lowered); `target` when unnamed. */
export function majorAfterUpgrade(fn, target) {
    return Math.max(nodeMajor(fn) ?? target, target);
}
/** `dir/rest` normalised; undefined when it leaves the repository or names something outside it (s3://, an absolute path). */
export function insideRepo(dir, relative) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(relative) || relative.startsWith('/') || /^[A-Za-z]:[\\/]/.test(relative))
        return undefined;
    const parts = [];
    for (const part of `${dir}/${relative}`.replace(/\\/g, '/').split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (!parts.length)
                return undefined;
            parts.pop();
        }
        else
            parts.push(part);
    }
    return parts.join('/') || '.';
}
const notSource = insideFolders(notSourceFolders);
/** Folders atx never reads functions from: dependencies, build output, documentation and fixtures. */
export function isIgnoredPath(path) {
    return notSource.test(path);
}
/** 1-based line of an offset. */
export function lineAt(text, offset) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
        line++;
    return line;
}
