// Reviewing a draft: edits in words, then apply, save a draft or publish under a proposed name.
import { parseDefinition } from '../definitions/parse.js';
import { renderDefinition } from '../definitions/render.js';
import type { Definition } from '../definitions/types.js';
import { UsageError } from '../errors.js';
import { ModelConfigError } from '../llm/errors.js';
import { readYesNo } from '../llm/yes-no.js';
import { validateWritableName } from '../registry/names.js';
import { matchesName } from './plan-answer.js';
import { placeAddedStep } from './placement.js';
import { atx, modifyQuestion, nextQuestion, repoQuestion, turn } from './say.js';
import type { SessionContext, SessionState, Turn } from './types.js';

export function draftOf(state: SessionState): Definition {
  return parseDefinition(state.draft!, 'transformation_definition.md');
}

export async function onReview(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  const intent = await ctx.brain.interpret('next', said);
  switch (intent.kind) {
    case 'apply':
      if (state.selected) return turn(state, 'repo', [atx(repoQuestion)]);
      // A run names a stored definition, so an unsaved draft is stored as a draft first.
      return askName(state, 'draft', true);
    case 'save-draft':
      return askName(state, 'draft', false);
    case 'publish':
      return askName(state, 'publish', false);
    case 'modify':
      if (!intent.change) return turn(state, 'modify', [atx(modifyQuestion)]);
      return onModify(state, intent.change, ctx);
    default:
      // Anything else is taken as a change to the draft.
      return onModify(state, said, ctx);
  }
}

export async function onModify(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  let revision;
  const before = draftOf(state);
  said = said.replace(
    /^\s*(?:please\s+)?(?:put in|throw in|stick in|append|tack on|we need|i want|i'?d like|let'?s have|there should be|can you add|could you add|pls add)\s+(an?(?:other)?|one more|a new|an extra)\s+step\b/i,
    'add a step',
  );
  const named = byName(before, said);
  if (typeof named === 'object') return turn(state, 'review', [atx(named.problem, 'warning'), atx(nextQuestion)]);
  try {
    revision = await ctx.brain.reviseDefinition(before, named ?? said, ctx.onText);
  } catch (error) {
    // A revision that breaks the format is the model's slip; a bad model configuration is not.
    if (!(error instanceof UsageError) || error instanceof ModelConfigError) throw error;
    return turn(state, 'review', [
      atx(`The revised definition did not follow the format (${error.message}); the draft is unchanged.`, 'error'),
      atx(nextQuestion),
    ]);
  }
  if (!revision.changed) return turn(state, 'review', [atx(revision.reply, 'warning'), atx(nextQuestion)]);
  const placed = placeAddedStep(before, revision.definition);
  const reply = placed.where
    ? revision.reply.replace(/^Added step \S+ to phase \d+ \([^)]*\)/, placed.where)
    : revision.reply;
  const markdown = renderDefinition(placed.definition);
  return turn(
    state,
    'review',
    [atx(reply), atx(`The definition now reads:\n\n${markdown}`, 'definition'), atx(nextQuestion)],
    {
      draft: markdown,
      // The stored version no longer matches the draft.
      selected: undefined,
    },
  );
}

const dropVerb =
  /^\s*(?:please\s+)?(?:get rid of|drop|remove|delete|skip|cut|take out|throw out|lose|leave out|omit|we don'?t need|no need for)\s+(?:the\s+)?(.+?)\s*[.!]?\s*$/i;

/**
 * "get rid of the assess phase" → "drop phase 1", "remove the lint step" → "remove step 3.2":
 * phases and steps named by their titles, said the way the rules read them. An object when
 * the name matches nothing (or several), undefined when the answer names no phase or step.
 */
export function byName(d: Definition, said: string): string | { problem: string } | undefined {
  const drop = dropVerb.exec(said);
  if (!drop) return undefined;
  const object = drop[1]!.replace(/\s+(?:one|please)$/i, '');
  if (/^(?:phase|step)\s+\d+(?:\.\d+)?$/i.test(object) || /\bcriteri|guardrail|constraint/i.test(object))
    return undefined;
  const phase = /^(?:the\s+)?(.+?)\s+phase$|^phase\s+(?:called\s+|named\s+)?["']?(.+?)["']?$/i.exec(object);
  if (phase) {
    const name = (phase[1] ?? phase[2])!;
    const hits = d.phases.filter((p) => matchesName(p.title, name));
    if (hits.length === 1) return `drop phase ${hits[0]!.number}`;
    const list = d.phases.map((p) => `${p.number} (${p.title})`).join(', ');
    return {
      problem: hits.length
        ? `Several phases are called "${name}": ${list}. Say its number.`
        : `No phase is called "${name}"; the phases are ${list}.`,
    };
  }
  const step = /^(?:the\s+)?(.+?)\s+step$|^step\s+(?:called\s+|named\s+|that\s+|to\s+)?["']?(.+?)["']?$/i.exec(object);
  if (step) {
    const name = (step[1] ?? step[2])!;
    const steps = d.phases.flatMap((p) => p.steps);
    const hits = steps.filter((s) =>
      matchesName(`${s.text} ${s.action && 'command' in s.action ? s.action.command : ''}`, name),
    );
    if (hits.length === 1) return `remove step ${hits[0]!.id}`;
    return {
      problem: hits.length
        ? `Several steps match "${name}" (${hits.map((s) => s.id).join(', ')}). Say its number, e.g. "remove step ${hits[0]!.id}".`
        : `No step matches "${name}"; say its number, e.g. "remove step ${steps[0]?.id ?? '1.1'}".`,
    };
  }
  return undefined;
}

function askName(state: SessionState, storeAs: 'draft' | 'publish', applyAfterStore: boolean): Turn {
  const definition = draftOf(state);
  const proposed = state.proposed ?? {
    name: proposeName(definition.title),
    description: proposeDescription(state, definition),
  };
  const verb = storeAs === 'publish' ? 'publish it' : 'save it as a draft';
  const why = applyAfterStore ? 'To apply it, I first store it as a draft. ' : '';
  return turn(
    state,
    'name',
    [
      atx(
        `${why}I will ${verb} as "${proposed.name}" with the description "${proposed.description}". OK? Say yes, or give another name ("call it MyOrg/…") or description ("description: …").`,
      ),
    ],
    { proposed, storeAs, applyAfterStore },
  );
}

/** "Angular 16 to 19 migration" → "Angular-16-to-19-Migration". */
export function proposeName(title: string): string {
  const words = title
    .replace(/[^A-Za-z0-9._ -]+/g, ' ')
    .split(/[\s_-]+/)
    .filter(Boolean);
  const name = words
    .map((w, i) => (i === 0 || /^[a-z]{4,}$/.test(w) ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join('-');
  return name.replace(/\.+$/, '').slice(0, 80) || 'My-Transformation';
}

function proposeDescription(state: SessionState, definition: Definition): string {
  const asked = (state.description ?? definition.title).trim().replace(/[.!]+$/, '');
  const ladder = /\(([^)]*→[^)]*)\)/.exec(definition.objective)?.[1];
  return `${asked.charAt(0).toUpperCase()}${asked.slice(1)}${ladder ? `, one version at a time (${ladder})` : ''}.`;
}

export async function onName(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  const proposed = state.proposed!;
  const description = /^\s*(?:(?:change|set|use) (?:the )?)?description(?: to| as|:)\s*["']?(.+?)["']?\s*$/i.exec(said);
  if (description) return askAgain(state, { ...proposed, description: description[1]! });
  const renamed =
    /^\s*(?:(?:no,?\s*)?(?:call|name) it|(?:change|set|use) (?:the )?name(?: to| as)?|name:|rename(?: it)?(?: to)?)\s*["'`]?([^\s"'`]+)["'`]?\s*$/i.exec(
      said,
    );
  const bare = /^\s*["'`]?((?:[A-Za-z0-9._-]+\/)?[A-Za-z0-9._-]*[A-Za-z][A-Za-z0-9._-]*)["'`]?\s*$/.exec(said);
  // Read by atx itself: a yes or a no is never sent to the model.
  const answer = readYesNo(said);
  if (answer === 'yes') return store(state, proposed, ctx);
  const name = renamed?.[1] ?? (answer === 'unclear' ? bare?.[1] : undefined);
  if (name) return askAgain(state, { ...proposed, name });
  if (answer === 'no')
    return turn(state, 'name', [
      atx('What name should it have? (letters, digits, ".", "_" and "-", with an optional "MyOrg/" prefix)'),
    ]);
  return turn(state, 'name', [atx('Say yes to accept, "call it <name>" or "description: <text>" to change them.')]);
}

function askAgain(state: SessionState, proposed: { name: string; description: string }): Turn {
  try {
    validateWritableName(proposed.name);
  } catch (error) {
    if (error instanceof UsageError)
      return turn(state, 'name', [atx(`${error.message}. Give another name.`, 'warning')]);
    throw error;
  }
  return turn(state, 'name', [atx(`Name "${proposed.name}", description "${proposed.description}". OK?`)], {
    proposed,
  });
}

async function store(
  state: SessionState,
  proposed: { name: string; description: string },
  ctx: SessionContext,
): Promise<Turn> {
  const kind = state.storeAs ?? 'draft';
  let stored: { name: string; version: string };
  try {
    stored = await ctx.services.store(kind, proposed.name, proposed.description, state.draft!, state.documents);
  } catch (error) {
    if (error instanceof UsageError)
      return turn(state, 'name', [atx(`${error.message}. Give another name.`, 'warning')]);
    throw error;
  }
  const done =
    kind === 'publish'
      ? `Published ${stored.name} version ${stored.version}.`
      : `Saved ${stored.name} version ${stored.version} as a draft.`;
  const patch = {
    selected: { name: stored.name, version: stored.version },
    applyAfterStore: undefined,
    storeAs: undefined,
  };
  if (state.applyAfterStore) return turn(state, 'repo', [atx(done), atx(repoQuestion)], patch);
  return turn(state, 'review', [atx(done), atx(nextQuestion)], patch);
}
