// The events the equivalence check runs a handler on (issue 18, point 3): the repository's own
// sample events for the function when it has any; else one generated event per trigger its
// declaration names; else one generic `{}`. Plus, where the handler reads a field without a guard,
// an event without that field (made from the first event above), so the error path is compared too.
import { posix } from 'node:path';
import { ts } from '../../util/typescript.cjs';
import type { RepoView } from '../../codemods/types.js';
import { lambdaFunctions, type LambdaFunction } from '../../lambda/functions.js';
import { handlerFunction, requiredFields, withoutField, type FieldPath } from './failing.js';
import { generatedEvent, triggerLabel } from './generate.js';
import { ownersOf, repositorySamples } from './samples.js';

export interface EventCase {
  name: string;
  event: unknown;
  source: 'repository' | 'generated' | 'failing';
  /** The sample's file (repository events). */
  file?: string;
}

/** The name of the one event given to a function with no sample and no trigger atx reads. */
export const GENERIC_EVENT_NAME = 'generic {} (no sample event and no trigger read)';

/** At most this many failing events per function: one per field, in the order the handler reads them. */
const maxFailing = 3;

export function eventsFor(repo: RepoView, fn: LambdaFunction): EventCase[] {
  const cases: EventCase[] = [];
  const all = functionsOf(repo);
  // the function as the inventory lists it, so ownership compares like with like
  const same = (other: LambdaFunction) => other.file === fn.file && other.name === fn.name && other.line === fn.line;
  for (const sample of repositorySamples(repo)) {
    const owners = ownersOf(sample, all.some(same) ? all : [...all, fn]);
    if (owners.some(same) || owners.includes(fn))
      cases.push({ name: `repository ${sample.file}`, event: sample.event, source: 'repository', file: sample.file });
  }
  if (!cases.length)
    for (const trigger of fn.triggers ?? [])
      cases.push({ name: `generated ${triggerLabel(trigger)}`, event: generatedEvent(trigger), source: 'generated' });
  if (!cases.length) {
    cases.push({ name: GENERIC_EVENT_NAME, event: {}, source: 'generated' });
    return cases;
  }
  // each field is removed from the first event that has it (an SQS trigger's event has Records, its API one not)
  const bases = cases.map((c) => c.event);
  let failing = 0;
  for (const field of handlerFields(repo, fn)) {
    if (failing >= maxFailing) break;
    const event = bases.map((base) => withoutField(base, field.path)).find((e) => e !== undefined);
    if (event === undefined) continue;
    failing++;
    cases.push({
      name: `failing without ${fieldName(field.path)} (read at ${fn.handlerFile}:${field.line})`,
      event,
      source: 'failing',
    });
  }
  return cases;
}

/** `Records[0].body`; a path ending in the first element names the list: `Records (empty list)`. */
function fieldName(path: FieldPath): string {
  const last = path[path.length - 1];
  const shown = (last === 0 ? path.slice(0, -1) : path).map((seg, i) =>
    typeof seg === 'number' ? `[${seg}]` : i ? `.${seg}` : seg,
  );
  return `${shown.join('')}${last === 0 ? ' (empty list)' : ''}`;
}

const inventories = new WeakMap<RepoView, LambdaFunction[]>();

function functionsOf(repo: RepoView): LambdaFunction[] {
  let found = inventories.get(repo);
  if (!found) inventories.set(repo, (found = lambdaFunctions(repo)));
  return found;
}

function handlerFields(repo: RepoView, fn: LambdaFunction) {
  if (!fn.handlerFile || !fn.exportName || !repo.files.includes(fn.handlerFile)) return [];
  let sf: ts.SourceFile;
  try {
    sf = ts.createSourceFile(
      fn.handlerFile,
      repo.read(fn.handlerFile),
      ts.ScriptTarget.Latest,
      true,
      scriptKind(fn.handlerFile),
    );
  } catch {
    return [];
  }
  const handler = handlerFunction(sf, fn.exportName);
  return handler ? requiredFields(sf, handler) : [];
}

function scriptKind(file: string): ts.ScriptKind {
  return /\.[cm]?tsx?$/.test(posix.extname(file)) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}
