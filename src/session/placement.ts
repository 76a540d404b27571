// Where a step added in words belongs: a change to code goes to the last phase that changes
// code (before the build and tests); a check (linter, type check, audit) goes to the validation
// phase, before its build-and-test step. The offline rules append every step at the very end.
import type { Definition, Phase, Step, StepAction } from '../definitions/types.js';

const validation = /\b(valid\w*|verif\w*|tests?|testing|checks?|build|qa|quality)\b/i;
const check = /\b(lint\w*|eslint|tsc|type ?check\w*|prettier|format\w*|audit|tests?)\b/i;

export interface Placed {
  definition: Definition;
  /** "Added step 2.3 to phase 2 (Migrate)", when the step moved. */
  where?: string;
}

export function placeAddedStep(before: Definition, after: Definition): Placed {
  const known = new Set(before.phases.flatMap((p) => p.steps.map((s) => s.text)));
  const added = after.phases.flatMap((p) => p.steps).filter((s) => !known.has(s.text));
  const last = after.phases.at(-1);
  if (
    added.length !== 1 ||
    !last ||
    last.steps.at(-1) !== added[0] ||
    after.phases.length < 2 ||
    !validation.test(last.title)
  )
    return { definition: after };
  const step = added[0]!;
  const command = step.action && 'command' in step.action ? step.action.command : '';
  const isCheck =
    check.test(`${step.text} ${command}`) &&
    !/\b(fix|rewrite|convert|replace|migrate|update|change)\b/i.test(step.text);
  const phases = after.phases.map((p) => ({ ...p, steps: p === last ? p.steps.slice(0, -1) : [...p.steps] }));
  let target: Phase;
  let at: number;
  if (isCheck) {
    target = phases.at(-1)!;
    const buildStep = target.steps.findIndex(
      (s) => /\b(build|tests?)\b/i.test(s.text) && !check.test(s.text.replace(/\btests?\b/gi, '')),
    );
    at = buildStep < 0 ? target.steps.length : buildStep;
    if (at === target.steps.length) return { definition: after };
  } else {
    target = phases[phases.length - 2]!;
    at = target.steps.length;
  }
  target.steps.splice(at, 0, step);
  const definition = renumber({ ...after, phases });
  const placed = definition.phases.find((p) => p.number === target.number)!;
  return { definition, where: `Added step ${placed.number}.${at + 1} to phase ${placed.number} (${placed.title})` };
}

/** Step ids follow positions again; dependencies follow their steps. */
function renumber(d: Definition): Definition {
  const newId = new Map<string, string>();
  d.phases.forEach((p) => p.steps.forEach((s, j) => newId.set(s.id, `${p.number}.${j + 1}`)));
  return {
    ...d,
    phases: d.phases.map((p) => ({
      ...p,
      steps: p.steps.map((s, j): Step => ({
        ...s,
        id: `${p.number}.${j + 1}`,
        ...(s.action ? { action: remap(s.action, newId) } : {}),
      })),
    })),
  };
}

function remap(action: StepAction, newId: Map<string, string>): StepAction {
  if (!action.dependsOn) return action;
  return { ...action, dependsOn: action.dependsOn.map((id) => newId.get(id) ?? id) } as StepAction;
}
