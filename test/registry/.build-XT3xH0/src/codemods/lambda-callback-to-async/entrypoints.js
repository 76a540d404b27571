// Lambda entry points named by infrastructure code (SAM/CloudFormation templates, serverless.yml,
// CDK constructs, Terraform), as ../../lambda reads them: each source file with the export names
// Lambda calls.
import { lambdaFunctions } from '../../lambda/functions.js';
/** Every entry point the repository's infrastructure code names. Never throws on a bad template. */
export function discoverEntryPoints(repo) {
    const found = new Map();
    for (const fn of lambdaFunctions(repo)) {
        if (fn.handlerFile === undefined || fn.exportName === undefined)
            continue;
        const names = found.get(fn.handlerFile) ?? new Set();
        names.add(fn.exportName);
        found.set(fn.handlerFile, names);
    }
    return found;
}
