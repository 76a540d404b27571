// The dialogue state machine: (state, what the person said) → new state, messages, and at
// most one long-running effect (a run) for the driver. It holds no terminal and no timers.
import { randomBytes } from 'node:crypto';
import { keywords } from '../llm/offline/intents.js';
import type { RegistryEntry } from '../registry/types.js';
import { onDescribe, onDocs } from './create.js';
import { onBuild, onRepo } from './apply.js';
import { onModify, onName, onReview } from './review.js';
import { everywhere, readNavigation, type Navigation } from './navigate.js';
import { helpFor } from './help.js';
import {
  atx,
  buildQuestion,
  chooseQuestion,
  describeQuestion,
  docsQuestion,
  modifyQuestion,
  nextQuestion,
  repoQuestion,
  turn,
} from './say.js';
import type { SessionContext, SessionState, Turn } from './types.js';

export function newConversationId(now = new Date()): string {
  return `c-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

/** A fresh conversation and its opening question. */
export function openSession(id = newConversationId(), now = new Date()): Turn {
  const state: SessionState = {
    schemaVersion: 1,
    id,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    phase: 'choose',
    documents: [],
    transcript: [],
  };
  return { state, messages: [atx(`Welcome to atx. ${chooseQuestion}`)] };
}

export async function advance(state: SessionState, text: string, ctx: SessionContext): Promise<Turn> {
  const said = text.trim();
  if (!said) return { state, messages: [atx(repeatQuestion(state))] };
  const navigation = state.phase === 'applying' ? undefined : readNavigation(said);
  if (navigation) return navigate(state, navigation, ctx);
  switch (state.phase) {
    case 'choose':
    case 'done':
      return onChoose(state, said, ctx);
    case 'pick':
      return onPick(state, said, ctx);
    case 'describe':
      return onDescribe(state, said, ctx);
    case 'docs':
      return onDocs(state, said, ctx);
    case 'review':
      return onReview(state, said, ctx);
    case 'modify':
      return onModify(state, said, ctx);
    case 'name':
      return onName(state, said, ctx);
    case 'repo':
      return onRepo(state, said, ctx);
    case 'build':
      return onBuild(state, said);
    case 'applying':
      return { state, messages: [atx('A run is in progress; wait for it to finish.')] };
  }
}

/** Help, back, start over, use an existing one, quit: the same at every question. */
async function navigate(state: SessionState, navigation: Navigation, ctx: SessionContext): Promise<Turn> {
  switch (navigation) {
    case 'quit':
      return {
        state,
        messages: [atx(`Bye. Continue this conversation later with \`atx --conversation-id ${state.id}\`.`)],
        effect: { kind: 'exit' },
      };
    case 'help':
      return { state, messages: [atx(`${await helpFor(state, ctx)}\n${everywhere}`), atx(repeatQuestion(state))] };
    case 'start-over':
      return turn(state, 'choose', [atx(`Starting over. ${chooseQuestion}`)], fresh());
    case 'use-existing': {
      const entries = await ctx.services.list();
      return turn(state, 'pick', [atx(`Which one? Say its number or name:\n${numbered(entries)}`)], fresh());
    }
    case 'back':
      return back(state, ctx);
  }
}

/** The question before this one, with what was decided since forgotten. */
async function back(state: SessionState, ctx: SessionContext): Promise<Turn> {
  switch (state.phase) {
    case 'choose':
      return turn(state, 'choose', [atx(`This is the first question. ${chooseQuestion}`)]);
    case 'pick':
    case 'describe':
    case 'done':
      return turn(state, 'choose', [atx(chooseQuestion)], fresh());
    case 'docs':
      return turn(state, 'describe', [atx(describeQuestion)], { description: undefined, documents: [] });
    case 'review':
      return turn(
        state,
        'docs',
        [atx(`Back to the documents for "${state.description ?? 'this transformation'}". ${docsQuestion}`)],
        { draft: undefined, selected: undefined, documents: [] },
      );
    case 'modify':
    case 'name':
      return turn(state, 'review', [atx(nextQuestion)], {
        proposed: undefined,
        storeAs: undefined,
        applyAfterStore: undefined,
      });
    case 'repo':
      if (state.draft) return turn(state, 'review', [atx(nextQuestion)]);
      return turn(state, 'pick', [atx(`Which one? Say its number or name:\n${numbered(await ctx.services.list())}`)], {
        selected: undefined,
      });
    case 'build':
      return turn(state, 'repo', [atx(repoQuestion)], { repo: undefined });
    case 'applying':
      return { state, messages: [atx('A run is in progress; wait for it to finish.')] };
  }
}

/** The question the conversation is waiting on, to ask again after a resume. */
export function repeatQuestion(state: SessionState): string {
  const fixed: Partial<Record<SessionState['phase'], string>> = {
    choose: chooseQuestion,
    done: chooseQuestion,
    describe: describeQuestion,
    docs: docsQuestion,
    review: nextQuestion,
    modify: modifyQuestion,
    repo: repoQuestion,
    build: buildQuestion,
  };
  const last = [...state.transcript].reverse().find((m) => m.from === 'atx' && m.style !== 'progress');
  return fixed[state.phase] ?? last?.text ?? chooseQuestion;
}

async function onChoose(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  const entries = await ctx.services.list();
  const intent = await ctx.brain.interpret('choose', said, { entries });
  if (intent.kind === 'create') {
    return turn(state, 'describe', [atx(describeQuestion)], fresh());
  }
  if (intent.kind === 'use-existing') {
    if (intent.name && entries.some((e) => e.name === intent.name))
      return chosen(
        state,
        entries.find((e) => e.name === intent.name)!,
      );
    return turn(state, 'pick', [atx(`Which one? Say its number or name:\n${numbered(entries)}`)]);
  }
  return turn(state, state.phase, [atx(`I did not catch that. ${chooseQuestion}`)]);
}

async function onPick(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  const entries = await ctx.services.list();
  const number = /^\D{0,12}?(\d+)\D{0,12}$/.exec(said);
  if (number && entries[Number(number[1]) - 1]) return chosen(state, entries[Number(number[1]) - 1]!);
  const intent = await ctx.brain.interpret('choose', said, { entries });
  if (intent.kind === 'use-existing' && intent.name)
    return chosen(
      state,
      entries.find((e) => e.name === intent.name)!,
    );
  if (intent.kind === 'create') return onChoose(state, said, ctx);
  // Several fit ("the nodejs one"): name them, so the number is easy to give.
  const words = keywords(said).filter((w) => !['one', 'it', 'please', 'that'].includes(w));
  const fitting = (pool: Array<{ e: RegistryEntry; i: number }>, every: boolean) =>
    pool.filter(({ e }) => {
      const name = keywords(e.name.replace(/\//g, ' '));
      const hit = (w: string) => name.some((k) => k === w || (w.length > 3 && k.startsWith(w)));
      return words.length > 0 && (every ? words.every(hit) : words.some(hit));
    });
  const all = entries.map((e, i) => ({ e, i }));
  // A second answer narrows the names offered after the first ("the nodejs one", then "the version upgrade").
  const offered = state.pickFrom ? all.filter(({ e }) => state.pickFrom!.includes(e.name)) : [];
  const narrowed = fitting(offered, false);
  if (narrowed.length === 1) return chosen(state, narrowed[0]!.e);
  const exact = fitting(all, true);
  if (exact.length === 1) return chosen(state, exact[0]!.e);
  const fits = narrowed.length > 1 ? narrowed : fitting(all, false);
  if (fits.length > 1) {
    return turn(
      state,
      'pick',
      [
        atx(
          `Several fit "${said}":\n${fits.map(({ e, i }) => `  ${i + 1}. ${e.name}: ${e.description}`).join('\n')}\nWhich one? Say its number.`,
        ),
      ],
      { pickFrom: fits.map(({ e }) => e.name) },
    );
  }
  return turn(state, 'pick', [
    atx(`I could not tell which one you mean. Say its number (1–${entries.length}) or its name.`),
  ]);
}

function chosen(state: SessionState, entry: RegistryEntry): Turn {
  return turn(state, 'repo', [atx(`Using ${entry.name} v${entry.version}: ${entry.description}\n${repoQuestion}`)], {
    ...fresh(),
    pickFrom: undefined,
    selected: { name: entry.name, version: entry.version },
  });
}

/** Starting over: forget the previous draft, choice and run. */
export function fresh(): Partial<SessionState> {
  return {
    description: undefined,
    documents: [],
    draft: undefined,
    selected: undefined,
    proposed: undefined,
    storeAs: undefined,
    applyAfterStore: undefined,
    runId: undefined,
  };
}

export function numbered(entries: RegistryEntry[]): string {
  return entries.map((e, i) => `  ${i + 1}. ${e.name} (${e.origin}, v${e.version}): ${e.description}`).join('\n');
}
