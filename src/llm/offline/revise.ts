// Offline definition review: the common edits people ask for, understood by rules.
import type { Definition, Phase, Step, StepAction } from '../../definitions/types.js';
import type { Revision } from '../types.js';
import { findTechnology } from './knowledge.js';
import { pathGuardrails, withPathGuardrails } from './protect.js';

const help =
  'Without a model I understand: "add a step to run the linter", "add a step to run <command>", ' +
  '"add a step to <do something>", "drop phase 2", "remove step 1.2", "drop exit criterion 3", "add an exit criterion that <…>", ' +
  '"add a guardrail: <…>" ("never touch legacy/" protects the folder), "drop guardrail 2", "rename it to <title>".';

export function reviseOffline(definition: Definition, feedback: string): Revision {
  const said = feedback.trim().replace(/[.!]+$/, '');
  const edit =
    dropPhase(definition, said) ??
    dropStep(definition, said) ??
    dropCriterion(definition, said) ??
    dropGuardrail(definition, said) ??
    addCriterion(definition, said) ??
    addGuardrail(definition, said) ??
    protectPaths(definition, said) ??
    rename(definition, said) ??
    addStep(definition, said);
  if (!edit) return { definition, changed: false, reply: `I did not understand that change. ${help}` };
  return { definition: edit.definition, changed: true, reply: edit.reply };
}

type Edit = { definition: Definition; reply: string } | undefined;

function dropPhase(d: Definition, said: string): Edit {
  const match = /\b(?:drop|remove|delete|skip)\s+(?:the\s+)?phase\s+(\d+)\b/i.exec(said);
  if (!match) return undefined;
  const number = Number(match[1]);
  const target = d.phases.find((p) => p.number === number);
  if (!target)
    return {
      definition: d,
      reply: `There is no phase ${number}; the phases are ${d.phases.map((p) => p.number).join(', ')}.`,
    };
  const kept = d.phases.filter((p) => p !== target);
  return {
    definition: { ...d, phases: renumber(kept, new Set(target.steps.map((s) => s.id))) },
    reply: `Dropped phase ${number} (${target.title}); the later phases move up.`,
  };
}

function dropStep(d: Definition, said: string): Edit {
  const match = /\b(?:drop|remove|delete|skip)\s+(?:the\s+)?step\s+(\d+)\.(\d+)\b/i.exec(said);
  if (!match) return undefined;
  const id = `${match[1]}.${match[2]}`;
  const owner = d.phases.find((p) => p.steps.some((s) => s.id === id));
  if (!owner) return { definition: d, reply: `There is no step ${id}.` };
  const phases = d.phases
    .map((p) => (p === owner ? { ...p, steps: p.steps.filter((s) => s.id !== id) } : p))
    .filter((p) => p.steps.length > 0);
  return { definition: { ...d, phases: renumber(phases, new Set([id])) }, reply: `Removed step ${id}.` };
}

/** Phases and steps are numbered by position; dependencies follow their steps' new ids. */
function renumber(phases: Phase[], removed: Set<string>): Phase[] {
  const newId = new Map<string, string>();
  phases.forEach((p, i) => p.steps.forEach((s, j) => newId.set(s.id, `${i + 1}.${j + 1}`)));
  return phases.map((p, i) => ({
    ...p,
    number: i + 1,
    steps: p.steps.map((s, j) => ({
      ...s,
      id: `${i + 1}.${j + 1}`,
      ...(s.action ? { action: remapDeps(s.action, newId, removed) } : {}),
    })),
  }));
}

function remapDeps(action: StepAction, newId: Map<string, string>, removed: Set<string>): StepAction {
  if (!action.dependsOn) return action;
  const dependsOn = action.dependsOn.filter((id) => !removed.has(id)).map((id) => newId.get(id) ?? id);
  const { dependsOn: _old, ...rest } = action;
  return (dependsOn.length ? { ...rest, dependsOn } : rest) as StepAction;
}

function dropCriterion(d: Definition, said: string): Edit {
  const match = /\b(?:drop|remove|delete|skip)\s+(?:the\s+)?(?:exit\s+)?criterion\s+(\d+)\b/i.exec(said);
  if (!match) return undefined;
  const index = Number(match[1]) - 1;
  const target = d.exitCriteria[index];
  if (!target)
    return { definition: d, reply: `There is no exit criterion ${match[1]}; there are ${d.exitCriteria.length}.` };
  const exitCriteria = d.exitCriteria.filter((c) => c !== target).map((c, i) => ({ ...c, id: `exit-${i + 1}` }));
  return {
    definition: { ...d, exitCriteria },
    reply: `Removed exit criterion ${match[1]} (${target.text.split('\n')[0]}).`,
  };
}

function addCriterion(d: Definition, said: string): Edit {
  const match = /\badd (?:an? )?(?:exit )?criteri(?:on|a)\s+(?:that\s+|:\s*)?(.+)$/i.exec(said);
  if (!match) return undefined;
  const text = sentence(match[1]!);
  return {
    definition: { ...d, exitCriteria: [...d.exitCriteria, { id: `exit-${d.exitCriteria.length + 1}`, text }] },
    reply: `Added exit criterion: ${text} (checked by a person; say a command to check it automatically).`,
  };
}

/** "add a guardrail: never touch legacy/" → the guardrail, protecting the paths it names. */
function addGuardrail(d: Definition, said: string): Edit {
  const match =
    /\b(?:add|include)\s+(?:an?(?:other)? |one more )?(?:guardrail|constraint)\s*(?:that\s+|saying\s+|:\s*|-\s*)?(.+)$/i.exec(
      said,
    );
  if (!match) return undefined;
  const text = sentence(match[1]!);
  const paths = [...new Set(pathGuardrails(match[1]!).flatMap((g) => g.paths))];
  if (paths.length === 0)
    return { definition: { ...d, guardrails: [...d.guardrails, text] }, reply: `Added guardrail: ${text}` };
  return { definition: withPathGuardrails(d, [{ text, paths }]), reply: `Added guardrail: ${text} ${protects(paths)}` };
}

/** Said on its own, "never touch the legacy folder" is a guardrail too. */
function protectPaths(d: Definition, said: string): Edit {
  if (/^\s*(?:add|include|insert)\b/i.test(said)) return undefined;
  const found = pathGuardrails(said);
  if (found.length === 0) return undefined;
  const added = found.map((g) => `${g.text} ${protects(g.paths)}`).join(' ');
  return { definition: withPathGuardrails(d, found), reply: `Added guardrail${found.length > 1 ? 's' : ''}: ${added}` };
}

function protects(paths: readonly string[]): string {
  return `(protects ${paths.join(', ')}: no step may change files there; atx reverts any change and reports it).`;
}

function dropGuardrail(d: Definition, said: string): Edit {
  const match = /\b(?:drop|remove|delete)\s+(?:the\s+)?(?:guardrail|constraint)\s+(\d+)\b/i.exec(said);
  if (!match) return undefined;
  const number = Number(match[1]);
  const target = d.guardrails[number - 1];
  if (target === undefined)
    return { definition: d, reply: `There is no guardrail ${number}; there are ${d.guardrails.length}.` };
  const guardrails = d.guardrails.filter((_, i) => i !== number - 1);
  // Protections follow their guardrails to their new positions; the dropped one's go with it.
  const protectedPaths = (d.protectedPaths ?? [])
    .filter((p) => p.guardrail !== number)
    .map((p) => (p.guardrail > number ? { ...p, guardrail: p.guardrail - 1 } : p));
  const { protectedPaths: _old, ...rest } = d;
  return {
    definition: { ...rest, guardrails, ...(protectedPaths.length ? { protectedPaths } : {}) },
    reply: `Removed guardrail ${number} (${target.split('\n')[0]}).`,
  };
}

function rename(d: Definition, said: string): Edit {
  const match =
    /\b(?:rename|retitle|call)\s+(?:it|this|the (?:definition|transformation))\s+(?:to\s+)?["']?(.+?)["']?$/i.exec(
      said,
    );
  if (!match) return undefined;
  return { definition: { ...d, title: match[1]! }, reply: `Renamed the definition to "${match[1]}".` };
}

const toolWords: Array<[RegExp, (d: Definition) => string]> = [
  [/\b(linter|lint|linting)\b/i, (d) => findTechnology(`${d.title} ${d.summary}`)?.lintCommand ?? 'npm run lint'],
  [/\b(formatter|prettier|format(ting)?)\b/i, () => 'npx prettier --check .'],
  [/\b(type ?check(er|ing)?|tsc)\b/i, () => 'npx tsc --noEmit'],
  [/\b(tests?|test suite)\b/i, () => 'npm test'],
  [/\b(audit|vulnerabilit)/i, () => 'npm audit --omit=dev'],
];

/** "add a step to run the linter" / "add a step to run npm run e2e" / "add a step to update the README". */
function addStep(d: Definition, said: string): Edit {
  const match =
    /\b(?:add|include|insert|also)\s+(?:an?(?:other)? |one more )?(?:final |extra |new )?step\s+(?:that\s+|to\s+|which\s+|for\s+|:\s*)?(.+)$/i.exec(
      said,
    ) ?? /^\s*also\s+(.+)$/i.exec(said);
  if (!match) return undefined;
  const what = match[1]!.trim();
  const run = /^(?:run|execute|invoke)s?\s+(?:the\s+)?[`'"]?(.+?)[`'"]?$/i.exec(what);
  let step: Omit<Step, 'id'>;
  if (run) {
    const named = toolWords.find(
      ([pattern]) =>
        pattern.test(run[1]!) &&
        run[1]!.split(/\s+/).length <= 3 &&
        !/^(npm|npx|yarn|pnpm|mvn|gradle|python|make)\b/.test(run[1]!),
    );
    const command = named ? named[1](d) : run[1]!;
    step = { text: `Run ${named ? `the ${run[1]!.replace(/^the\s+/i, '')}` : `\`${command}\``}.`, action: { command } };
  } else {
    step = { text: sentence(what) };
  }
  const last = d.phases.at(-1);
  if (!last) return undefined;
  const id = `${last.number}.${last.steps.length + 1}`;
  const phases = d.phases.map((p) => (p === last ? { ...p, steps: [...p.steps, { id, ...step }] } : p));
  const how =
    step.action && 'command' in step.action
      ? ` (\`${step.action.command}\`)`
      : ' (an agent step: it needs a model or a person)';
  return {
    definition: { ...d, phases },
    reply: `Added step ${id} to phase ${last.number} (${last.title}): ${step.text}${how}`,
  };
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.!]+$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}
