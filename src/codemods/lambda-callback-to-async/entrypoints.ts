// Lambda entry points named by infrastructure code (SAM/CloudFormation templates, serverless.yml,
// CDK constructs, Terraform), as ../../lambda reads them: each source file with the export names
// Lambda calls.
import { lambdaFunctions } from '../../lambda/functions.js';
import type { RepoView } from '../types.js';

/** Repository-relative file → names of its exports that Lambda invokes. */
export type EntryPoints = Map<string, Set<string>>;

/** Every entry point the repository's infrastructure code names. Never throws on a bad template. */
export function discoverEntryPoints(repo: RepoView): EntryPoints {
  const found: EntryPoints = new Map();
  for (const fn of lambdaFunctions(repo)) {
    if (fn.handlerFile === undefined || fn.exportName === undefined) continue;
    const names = found.get(fn.handlerFile) ?? new Set<string>();
    names.add(fn.exportName);
    found.set(fn.handlerFile, names);
  }
  return found;
}
