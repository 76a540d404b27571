// What a guardrail's atx block may say: `protect: [globs]`, the paths no step may change. The
// globs are matched the way .gitignore reads them (src/util/glob.ts), and only the plainest
// of them are accepted: a glob its author may mean otherwise (`/legacy`, `[…]`, `{a,b}`) could
// protect nothing, and a guardrail that silently protects nothing is worse than none.
import { relativePathProblem } from '../util/confine.js';
import { fail, optionalTextList } from './atx-block.js';
const protectKeys = ['protect'];
const stepKeys = new Set(['codemod', 'command', 'options', 'retries', 'dependsOn', 'timeoutSeconds', 'readOnly']);
const criterionKeys = new Set(['validator', 'pattern', 'paths']);
/** The globs of a guardrail's block; a DefinitionError (file:line) for anything else. */
export function protectedGlobsOf(block) {
    for (const key of block.values.keys()) {
        if (protectKeys.includes(key))
            continue;
        const where = stepKeys.has(key)
            ? ` ('${key}' belongs in a step)`
            : criterionKeys.has(key)
                ? ` ('${key}' belongs in an exit criterion)`
                : '';
        fail(block, key, `unknown key '${key}' in guardrail atx block${where}; a guardrail's block says only 'protect: ["legacy/**"]'`);
    }
    if (!block.values.has('protect'))
        fail(block, '', `a guardrail's atx block needs 'protect: [globs]', e.g. protect: ["legacy/**"]`);
    const globs = optionalTextList(block, 'protect');
    if (globs.length === 0)
        fail(block, 'protect', '\'protect\' lists at least one glob, e.g. protect: ["legacy/**"]');
    for (const glob of globs) {
        const problem = protectGlobProblem(glob);
        if (problem)
            fail(block, 'protect', `protect glob ${JSON.stringify(glob)} ${problem}`);
    }
    return globs;
}
/** Why `glob` cannot name protected paths, or undefined when it can. Pure string checks. */
export function protectGlobProblem(glob) {
    if (glob.trim() !== glob)
        return 'has spaces around it';
    if (glob.startsWith('/'))
        return `starts with "/": globs are relative to the repository; write ${JSON.stringify(`${glob.replace(/^\/+|\/+$/g, '')}/**`)} for a folder at its root`;
    const path = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    const unsafe = relativePathProblem(path);
    if (unsafe)
        return `is not a path inside the repository: ${unsafe}`;
    if (path.startsWith('!'))
        return 'starts with "!": negation is not supported; list only what to protect';
    if (/[[\]{}]/.test(path))
        return 'uses [ ] or { }, which are not supported; write one glob per path, with * ** and ? only';
    const segments = path.split('/');
    if (segments.some((s) => s === '' || s === '.'))
        return 'has an empty or "." folder in it';
    if (segments.every((s) => /^\*+$/.test(s)))
        return 'protects every file, so no step could change anything; name the folders or files to keep';
    if (segments.some((s) => /\*\*/.test(s) && s !== '**'))
        return 'uses ** inside a name; ** stands alone between slashes, e.g. legacy/**/*.js';
    return undefined;
}
