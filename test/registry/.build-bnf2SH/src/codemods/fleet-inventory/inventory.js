// One repository's Lambda inventory: every function with its runtime (and how close that runtime is
// to deprecation), architecture, memory and handler; its SDK v2 use, callback-style handlers and
// `context.*` uses; functions that load an SDK their runtime does not include; whether tests are
// there; and, for each thing to fix, the AWS/ definition that fixes it and how much it would touch,
// measured by running that definition's codemods in memory.
import { posix } from 'node:path';
import { lambdaFunctions, isNodeRuntime, nodeMajor } from '../../lambda/functions.js';
import { RUNTIME_SCHEDULE, RUNTIME_SCHEDULE_SOURCE } from '../../lambda/runtime-schedule.js';
import { ModuleGraph } from '../../lambda/modules.js';
import { unbundledSdkFunctions, FIRST_V3_ONLY_MAJOR } from '../../lambda/unbundled-sdk.js';
import { sdkV2Usage } from '../aws-sdk-v2-to-v3/usage.js';
import { codemod as sdkCodemod } from '../aws-sdk-v2-to-v3/index.js';
import { codemod as callbackCodemod, runHere as callbackRun, RULES as CALLBACK_RULES, } from '../lambda-callback-to-async/index.js';
import { findHandlers } from '../lambda-callback-to-async/handlers.js';
import { isAsync } from '../lambda-callback-to-async/scope.js';
import { parseFile } from '../lambda-callback-to-async/transform.js';
import { codemod as runtimeCodemod } from '../nodejs-runtime/index.js';
import { isOtherProvider } from '../providers.js';
/** The AWS/ definition that moves a function of a runtime family off a deprecated runtime (Node.js has its own rules). */
export const VERSION_UPGRADES = {
    python: 'AWS/python-version-upgrade',
    java: 'AWS/java-version-upgrade',
};
/** A runtime this close to its deprecation date is `deprecating`. */
export const DEPRECATING_WITHIN_DAYS = 180;
const DAY = 86_400_000;
const testFile = /(^|\/)(test|tests|__tests__|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.py$/;
const noTestScript = /no test specified/;
const contextMember = /\b(?:context|ctx|lambdaContext|awsContext)\.(succeed|fail|done)\s*\(|\b(callbackWaitsForEmptyEventLoop)\b/g;
export async function buildInventory(repo, asOf, target) {
    const declared = lambdaFunctions(repo).filter((fn) => !isOtherProvider(repo, fn.file));
    const sdk = sdkV2Usage(repo);
    const found = handlersOf(repo, declared);
    const toConvert = found.filter((h) => h.style === 'callback' || h.style === 'context');
    // What the remediations would change here: their codemods, run in memory on the same view.
    const callback = toConvert.length ? callbackRun(repo, { targetVersion: target }) : undefined;
    const oldNode = declared.some((fn) => (nodeMajor(fn) ?? target) < target);
    const runtime = oldNode ? await runtimeCodemod.run(repo, { targetVersion: target }) : undefined;
    const sdkResult = sdk.length ? await sdkCodemod.run(repo, {}) : undefined;
    const handlers = found.map(({ endLine, ...h }) => h.style === 'callback' || h.style === 'context' ? { ...h, converts: converts(h, endLine, callback) } : h);
    const tests = repo.files.filter((f) => testFile.test(f));
    // One reading of the modules for both: which functions' code loads v2, and which ship nothing of it.
    const graph = new ModuleGraph(repo);
    const unbundled = new Map(unbundledSdkFunctions(repo, target, declared, graph).map((u) => [u.fn, u]));
    const sdkFiles = new Set(sdk.map((f) => f.file));
    const functions = declared.map((fn) => {
        const schedule = scheduleOf(fn.runtime);
        const handler = handlers.find((h) => h.file === fn.handlerFile && h.exportName === (fn.exportName ?? 'handler'));
        const u = unbundled.get(fn);
        const major = nodeMajor(fn);
        const root = fn.codeRoot ?? (fn.handlerFile ? posix.dirname(fn.handlerFile) : undefined);
        const upgradeFiles = major !== undefined && major < target
            ? [fn.file, fn.handlerFile].filter((f) => f !== undefined && (runtime?.changes.has(f) || callback?.changes.has(f)) === true)
            : undefined;
        return {
            name: fn.name,
            source: fn.source,
            file: fn.file,
            line: fn.line,
            ...(fn.runtime ? { runtime: fn.runtime } : {}),
            status: statusOf(fn, schedule, asOf),
            ...(schedule?.deprecation ? { deprecation: schedule.deprecation } : {}),
            ...(schedule?.blockCreate ? { blockCreate: schedule.blockCreate } : {}),
            ...(schedule?.blockUpdate ? { blockUpdate: schedule.blockUpdate } : {}),
            architecture: fn.architecture ?? 'x86_64',
            architectureDeclared: fn.architecture !== undefined,
            ...(fn.memorySize !== undefined ? { memoryMb: fn.memorySize } : {}),
            ...(fn.handler ? { handler: fn.handler } : {}),
            ...(fn.handlerFile ? { handlerFile: fn.handlerFile } : {}),
            ...(handler ? { handlerStyle: handler.style } : {}),
            // Its code: the handler's file and the modules it loads (a `lib/db.js` that wraps the SDK).
            sdkV2: u !== undefined ||
                (fn.handlerFile !== undefined && graph.modulesOf(fn.handlerFile).some((m) => sdkFiles.has(m))),
            ...(u ? { sdkNotIncluded: major === undefined || major >= FIRST_V3_ONLY_MAJOR ? 'now' : 'after-upgrade' } : {}),
            ...(root === undefined ? {} : { tests: tests.some((t) => root === '.' || t.startsWith(`${root}/`)) }),
            ...(upgradeFiles ? { upgradeFiles } : {}),
        };
    });
    const files = sdk.map((f) => ({ ...f, converts: sdkResult?.changes.has(f.file) === true }));
    const services = {};
    for (const f of sdk)
        for (const name of f.services)
            services[name] = (services[name] ?? 0) + 1;
    const changed = { callback: callback?.changes, runtime: runtime?.changes, sdk: sdkResult?.changes };
    return {
        asOf,
        schedule: { ...RUNTIME_SCHEDULE_SOURCE },
        functions,
        handlers,
        sdkV2: { files, services, calls: sdk.reduce((n, f) => n + f.calls, 0) },
        tests: { files: tests.length, ...testScript(repo) },
        recommendations: recommend(functions, handlers, files, changed, target),
    };
}
/** Whether the conversion changes the handler's file and reports nothing inside the handler. */
function converts(h, endLine, result) {
    if (!result?.changes.has(h.file))
        return false;
    return !result.findings.some((f) => f.file === h.file && f.rule === CALLBACK_RULES.unconvertible && f.line >= h.line && f.line <= endLine);
}
function scheduleOf(runtime) {
    // `nodejs` is CDK's latest Node.js here (see LambdaFunction.runtime), not Lambda's retired Node.js 0.10.
    return runtime === undefined || runtime === 'nodejs' ? undefined : RUNTIME_SCHEDULE.find((r) => r.id === runtime);
}
function statusOf(fn, schedule, asOf) {
    // CDK's NODEJS_LATEST and a NodejsFunction's default follow Lambda's newest Node.js.
    if (fn.runtime === 'nodejs')
        return 'supported';
    if (!schedule?.deprecation)
        return 'unknown';
    const days = (Date.parse(schedule.deprecation) - Date.parse(asOf)) / DAY;
    return days <= 0 ? 'deprecated' : days <= DEPRECATING_WITHIN_DAYS ? 'deprecating' : 'supported';
}
/**
 * Handlers the callback conversion would look at (by convention or named by a template), and the
 * declared functions' own handlers, each with how it answers.
 */
function handlersOf(repo, functions) {
    const named = new Map();
    for (const fn of functions)
        if (isNodeRuntime(fn) && fn.handlerFile)
            (named.get(fn.handlerFile) ?? named.set(fn.handlerFile, new Set()).get(fn.handlerFile)).add(fn.exportName ?? 'handler');
    const files = new Set([...callbackCodemod.candidates(repo, {}), ...named.keys()]);
    const out = [];
    for (const file of [...files].sort()) {
        if (!/\.[cm]?[jt]s$/.test(file) || /\.d\.[cm]?ts$/.test(file))
            continue;
        let sf;
        try {
            sf = parseFile(file, repo.read(file));
        }
        catch {
            continue;
        }
        for (const h of findHandlers(sf, named.get(file))) {
            const text = h.fn.getText(sf);
            const uses = new Set();
            for (const m of text.matchAll(contextMember))
                uses.add(m[1] ? `context.${m[1]}` : m[2]);
            const params = h.fn.parameters.length;
            const style = params >= 3 ? 'callback' : uses.size ? 'context' : isAsync(h.fn) ? 'async' : 'other';
            const line = sf.getLineAndCharacterOfPosition(h.fn.getStart(sf)).line + 1;
            const endLine = sf.getLineAndCharacterOfPosition(h.fn.end).line + 1;
            out.push({ file, line, endLine, exportName: h.exportName, style, contextUses: [...uses].sort() });
        }
    }
    return out;
}
function testScript(repo) {
    if (!repo.files.includes('package.json'))
        return {};
    try {
        const script = JSON.parse(repo.read('package.json')).scripts?.test;
        return typeof script === 'string' && !noTestScript.test(script) ? { script } : {};
    }
    catch {
        return {};
    }
}
/** For each kind of thing to fix, the AWS/ definition that fixes it, with what its codemods would change. */
function recommend(functions, handlers, sdk, changed, target) {
    const out = [];
    const oldNode = functions.filter((f) => f.upgradeFiles !== undefined);
    const toConvert = handlers.filter((h) => h.style === 'callback' || h.style === 'context');
    const converted = toConvert.filter((h) => h.converts).length;
    if (oldNode.length) {
        out.push({
            definition: 'AWS/nodejs-version-upgrade',
            why: `${oldNode.length} function(s) on a Node.js runtime older than nodejs${target}.x`,
            files: new Set([...(changed.runtime?.keys() ?? []), ...(changed.callback?.keys() ?? [])]).size,
            handlers: converted,
            functions: oldNode.length,
        });
    }
    if (toConvert.length) {
        out.push({
            definition: 'AWS/nodejs-lambda-callback-to-async',
            why: `${toConvert.length} handler(s) answer through a callback or context.succeed/fail/done, which Node.js 24 removed; ${converted} convert, the rest are reported for a person`,
            files: changed.callback?.size ?? 0,
            handlers: converted,
            functions: functions.filter((f) => f.handlerStyle === 'callback' || f.handlerStyle === 'context').length,
        });
    }
    if (sdk.length) {
        out.push({
            definition: 'AWS/nodejs-aws-sdk-v2-to-v3',
            why: `${sdk.length} file(s) load aws-sdk v2, which Lambda's Node.js 18 and later runtimes do not include; ${sdk.filter((f) => f.converts).length} convert`,
            files: changed.sdk?.size ?? 0,
            handlers: 0,
            functions: functions.filter((f) => f.sdkV2).length,
        });
    }
    // Other families whose runtime is deprecated or near it, and the AWS/ definition that moves them.
    for (const [family, definition] of Object.entries(VERSION_UPGRADES)) {
        const old = functions.filter((f) => f.runtime?.startsWith(family) && (f.status === 'deprecated' || f.status === 'deprecating'));
        if (!old.length)
            continue;
        out.push({
            definition,
            why: `${old.length} function(s) on a ${family === 'python' ? 'Python' : 'Java'} runtime deprecated or within ${DEPRECATING_WITHIN_DAYS} days of deprecation`,
            files: new Set(old.map((f) => f.file)).size,
            handlers: 0,
            functions: old.length,
        });
    }
    return out;
}
