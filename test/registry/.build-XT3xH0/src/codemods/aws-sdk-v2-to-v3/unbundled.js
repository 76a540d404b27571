// `only: unbundled`: convert just the code of the Lambda functions that load aws-sdk v2 without
// shipping it (src/lambda/unbundled-sdk.ts), which Node.js 18 and later runtimes no longer load.
// Their v3 clients go to the `dependencies` of the package deployed with each function, so the
// version is the one the code was converted against; a function deployed without a package.json
// takes them from the SDK v3 its Node.js 18+ runtime includes, which a finding says.
import { UsageError } from '../../errors.js';
import { relativeSpecifiers } from '../../lambda/modules.js';
import { nodeMajor } from '../../lambda/functions.js';
import { describeFunction, FIRST_V3_ONLY_MAJOR, unbundledSdkFunctions, } from '../../lambda/unbundled-sdk.js';
import { resolveOptions } from '../nodejs-runtime/target.js';
import { resolveModule } from './crossmodule.js';
/** The restriction the options ask for, or undefined for a whole-repository run. Throws UsageError on a bad value. */
export function restrictTo(repo, options) {
    if (options.only === undefined)
        return undefined;
    if (options.only !== 'unbundled') {
        throw new UsageError(`aws-sdk-v2-to-v3: option only must be 'unbundled' (the Lambda functions that load aws-sdk v2 without shipping it), not ${JSON.stringify(options.only)}`);
    }
    const list = unbundledSdkFunctions(repo, resolveOptions(options).targetVersion).filter((u) => u.modules.length);
    const files = new Set();
    const packages = new Map();
    for (const u of list) {
        for (const file of u.modules) {
            files.add(file);
            if (u.pkg)
                packages.set(file, (packages.get(file) ?? new Set()).add(u.pkg));
        }
    }
    const names = [...new Set(list.map((u) => u.fn.name))];
    const what = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more functions` : names.join(', ');
    const known = new Set(repo.files);
    return {
        files,
        packages,
        what,
        noPackage: (file, pkgs) => noPackage(list.filter((u) => u.modules.includes(file)), file, pkgs),
        loadsConverted: (path, changes) => relativeSpecifiers(path, repo.read(path)).some((spec) => changes.has(resolveModule(path, spec, known) ?? '')),
    };
}
function noPackage(functions, file, pkgs) {
    const many = functions.length > 1;
    const runtimes = [...new Set(functions.map((u) => `nodejs${u.major}.x`))].join(' and ');
    // the runtimes they leave in phase 2 that include no SDK v3
    const before = [
        ...new Set(functions.filter((u) => (nodeMajor(u.fn) ?? FIRST_V3_ONLY_MAJOR) < FIRST_V3_ONLY_MAJOR).map((u) => u.fn.runtime)),
    ].join(', ');
    return {
        file,
        line: 1,
        rule: 'aws-sdk-v3/runtime-provided',
        severity: 'info',
        message: `${functions.map((u) => describeFunction(u.fn)).join(' and ')} ${many ? 'are' : 'is'} deployed without a package.json, so ${pkgs.join(', ')} ` +
            `come${pkgs.length > 1 ? '' : 's'} from the SDK v3 that Lambda's ${runtimes} runtime includes: deploy this conversion together with the runtime change` +
            `${before ? ` (on ${before} there is no SDK v3)` : ''}, or add a package.json that lists them beside the code`,
    };
}
