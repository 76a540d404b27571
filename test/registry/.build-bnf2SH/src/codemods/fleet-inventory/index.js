// AWS/lambda-fleet-inventory: an analysis. Changes nothing; its findings say what each function
// runs on and what to fix, each naming the AWS/ definition that fixes it, and its report is the
// repository's inventory as data (a campaign's fleet view reads it from the run's summary).
import { UsageError } from '../../errors.js';
import { FIRST_V3_ONLY_MAJOR } from '../../lambda/unbundled-sdk.js';
import { DEFAULT_TARGET, readTargetVersion } from '../nodejs-runtime/target.js';
import { buildInventory, VERSION_UPGRADES } from './inventory.js';
import { renderInventory } from './markdown.js';
export const RULES = {
    runtime: 'inventory/runtime-deprecation',
    callback: 'inventory/callback-handler',
    sdkV2: 'inventory/sdk-v2',
    notIncluded: 'inventory/sdk-not-included',
    noTests: 'inventory/no-tests',
};
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
function parseOptions(options) {
    const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
    if (typeof asOf !== 'string' || !isoDate.test(asOf) || Number.isNaN(Date.parse(asOf)))
        throw new UsageError(`lambda-fleet-inventory: option "asOf" must be a date such as 2026-12-01, not ${String(asOf)}`);
    const target = options.targetVersion === undefined ? DEFAULT_TARGET : readTargetVersion(options.targetVersion);
    if (target === undefined)
        throw new UsageError(`lambda-fleet-inventory: option "targetVersion" must be a Node.js major such as 24, not ${String(options.targetVersion)}`);
    return { asOf, target };
}
export const codemod = {
    name: 'lambda-fleet-inventory',
    description: 'Inventory of the Lambda functions a repository declares: runtimes and their deprecation dates, SDK v2 and callback handlers, and which AWS/ definition fixes what.',
    candidates(repo) {
        return [...repo.files];
    },
    async run(repo, options) {
        const { asOf, target } = parseOptions(options);
        const inventory = await buildInventory(repo, asOf, target);
        return {
            changes: new Map(),
            findings: findingsOf(inventory, target),
            report: inventory,
            reportMarkdown: renderInventory(inventory),
        };
    },
};
const upgradeOf = (runtime) => Object.entries(VERSION_UPGRADES).find(([family]) => runtime?.startsWith(family))?.[1];
const list = (files) => files.length ? `${files.length} file(s): ${files.join(', ')}` : 'nothing to change in this repository';
function findingsOf(inventory, target) {
    const out = [];
    for (const fn of inventory.functions) {
        if (fn.status === 'deprecated' || fn.status === 'deprecating') {
            const when = fn.status === 'deprecated' ? `deprecated since ${fn.deprecation}` : `deprecated on ${fn.deprecation}`;
            const block = fn.blockUpdate ? `; Lambda blocks updates to it from ${fn.blockUpdate}` : '';
            const fix = fn.upgradeFiles
                ? `; AWS/nodejs-version-upgrade moves it to nodejs${target}.x (${list(fn.upgradeFiles)})`
                : upgradeOf(fn.runtime)
                    ? `; ${upgradeOf(fn.runtime)} moves it`
                    : '';
            out.push({
                file: fn.file,
                line: fn.line,
                rule: RULES.runtime,
                severity: fn.status === 'deprecated' ? 'warning' : 'info',
                message: `${fn.name} runs ${fn.runtime}, ${when}${block}${fix}`,
            });
        }
        if (fn.sdkNotIncluded) {
            const where = `${fn.name} (handler ${fn.handlerFile ?? 'inline code'}) loads aws-sdk v2 and nothing deployed with it ships it`;
            const fix = 'AWS/nodejs-version-upgrade converts exactly these files to SDK v3 (AWS/nodejs-aws-sdk-v2-to-v3 converts the whole repository)';
            out.push({
                file: fn.file,
                line: fn.line,
                rule: RULES.notIncluded,
                severity: fn.sdkNotIncluded === 'now' ? 'manual' : 'warning',
                message: fn.sdkNotIncluded === 'now'
                    ? `${where}, and ${fn.runtime ?? 'its runtime'} includes only SDK v3: it fails at cold start unless it is deployed some other way; ${fix}`
                    : `${where}: it works on ${fn.runtime}, which includes SDK v2, and fails at cold start on nodejs${FIRST_V3_ONLY_MAJOR}.x and later; ${fix}`,
            });
        }
    }
    for (const h of inventory.handlers) {
        if (h.style !== 'callback' && h.style !== 'context')
            continue;
        const how = h.style === 'callback' ? 'through its callback' : `through ${h.contextUses.join(', ')}`;
        out.push({
            file: h.file,
            line: h.line,
            rule: RULES.callback,
            severity: 'warning',
            message: `handler \`${h.exportName}\` answers ${how}, which the Node.js 24 runtime removed; ${h.converts
                ? 'AWS/nodejs-lambda-callback-to-async converts it'
                : 'AWS/nodejs-lambda-callback-to-async cannot prove a conversion behaves the same and would leave it for a person'}`,
        });
    }
    for (const f of inventory.sdkV2.files) {
        const services = f.services.length ? ` (${f.services.join(', ')}; ${f.calls} call(s))` : '';
        out.push({
            file: f.file,
            line: f.line,
            rule: RULES.sdkV2,
            severity: 'info',
            message: `loads aws-sdk v2${services}; ${f.converts
                ? 'AWS/nodejs-aws-sdk-v2-to-v3 converts this file'
                : 'AWS/nodejs-aws-sdk-v2-to-v3 would leave it on v2 (its findings say why)'}`,
        });
    }
    if (inventory.functions.length && !inventory.tests.files) {
        const first = inventory.functions[0];
        out.push({
            file: first.file,
            line: first.line,
            rule: RULES.noTests,
            severity: 'info',
            message: 'no test files in the repository: a remediation can check that the code still builds, not that it behaves the same (its equivalence check still runs the handlers)',
        });
    }
    return out;
}
