// Lambda Node.js 24 runtime: callback-style handlers and context.succeed/fail/done are gone.
// Converts them to async handlers with the same result and error for every input.
// https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/
import { UsageError } from '../../errors.js';
import { inPaths } from '../../util/glob.js';
import { isOtherProvider } from '../providers.js';
import { readTargetVersion } from '../nodejs-runtime/target.js';
import { discoverEntryPoints } from './entrypoints.js';
import { mapInputs } from '../file-pool.js';
import { perFile } from './candidate.js';
import { holdsInlineCode } from './inline.js';
import { buildOutputFolders, dependencyFolders, deployStateFolders, fixtureFolders, insideFolders, testFolders, } from '../../util/excluded-folders.js';
export { RULES } from './transform.js';
/** The first Lambda Node.js runtime without callback handlers. */
export const FIRST_ASYNC_ONLY_RUNTIME = 24;
const SOURCE = /\.(js|mjs|cjs|ts|mts|cts)$/;
// Dependencies, tests, and generated output (a bundle is rebuilt from its sources, which are converted instead).
const EXCLUDED = insideFolders([
    ...dependencyFolders,
    ...buildOutputFolders,
    ...deployStateFolders,
    ...testFolders,
    ...fixtureFolders,
]);
const TEST_FILE = /\.(test|spec)\.[mc]?[jt]s$|\.min\.[mc]?js$/;
// Cheap text tests: a parameter after `context`, or a Node.js 22-only context member.
const CONTEXT_THEN_PARAM = /\b_*(?:context|ctx|lambdaContext|awsContext)\b\s*(?::[^,()]{0,200})?,\s*[\w$]/;
const LEGACY_CONTEXT = /\.(?:succeed|fail|done)\s*\(|callbackWaitsForEmptyEventLoop/;
// Async `(event, context)` handlers: checked for promises they leave running.
const ASYNC_WITH_CONTEXT = /\basync\b[^;{]{0,200}[,(]\s*_*(?:context|ctx|lambdaContext|awsContext)\b\s*(?::[^,()]{0,200})?\)/;
export function parseOptions(options) {
    const target = options.targetVersion === undefined ? undefined : readTargetVersion(options.targetVersion);
    if (options.targetVersion !== undefined && (target === undefined || !Number.isInteger(target))) {
        throw new UsageError(`lambda-callback-to-async: option "targetVersion" must be a Node.js major such as 24, not ${String(options.targetVersion)}`);
    }
    const targetVersion = target === undefined ? {} : { targetVersion: target };
    const paths = options.paths;
    if (paths === undefined)
        return targetVersion;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
        throw new UsageError('lambda-callback-to-async: option "paths" must be a list of repository-relative folders or globs, e.g. ["src/functions"] or ["services/*/src"]');
    }
    return { ...targetVersion, paths: paths.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')) };
}
// Candidates and run see the same repository view; its templates are read once.
const entryPointCache = new WeakMap();
function entryPoints(repo) {
    let found = entryPointCache.get(repo);
    if (!found) {
        found = discoverEntryPoints(repo);
        entryPointCache.set(repo, found);
    }
    return found;
}
export const codemod = {
    name: 'lambda-callback-to-async',
    description: 'Convert callback-style Lambda handlers and context.succeed/fail/done to async handlers (Node.js 24 runtime).',
    candidates(repo, options) {
        const { paths, targetVersion } = parseOptions(options);
        if (targetVersion !== undefined && targetVersion < FIRST_ASYNC_ONLY_RUNTIME)
            return [];
        const named = entryPoints(repo);
        const files = repo.files.filter((file) => {
            if (!EXCLUDED.test(file) && !TEST_FILE.test(file) && inPaths(file, paths) && holdsInlineCode(file, repo))
                return true;
            if (!SOURCE.test(file) ||
                /\.d\.[mc]?ts$/.test(file) ||
                EXCLUDED.test(file) ||
                TEST_FILE.test(file) ||
                !inPaths(file, paths))
                return false;
            // Azure's context.done, Google's (data, context, callback): not Lambda handlers.
            if (isOtherProvider(repo, file))
                return false;
            if (named.has(file))
                return true;
            const text = repo.read(file);
            return CONTEXT_THEN_PARAM.test(text) || LEGACY_CONTEXT.test(text) || ASYNC_WITH_CONTEXT.test(text);
        });
        return files;
    },
    async run(repo, options) {
        const inputs = candidateInputs(repo, options);
        return collect(inputs, await mapInputs('lambda-callback-to-async', inputs, perFile()));
    },
};
/** The codemod on this thread alone, as `run` does it for fewer than MIN_INPUTS_FOR_WORKERS files. */
export function runHere(repo, options) {
    const inputs = candidateInputs(repo, options);
    return collect(inputs, inputs.map(perFile()));
}
function candidateInputs(repo, options) {
    const named = entryPoints(repo);
    return codemod.candidates(repo, options).map((file) => ({ file, text: repo.read(file), names: named.get(file) }));
}
function collect(inputs, outputs) {
    const result = { changes: new Map(), findings: [] };
    outputs.forEach(({ text, findings }, i) => {
        if (text !== undefined)
            result.changes.set(inputs[i].file, text);
        result.findings.push(...findings);
    });
    return result;
}
