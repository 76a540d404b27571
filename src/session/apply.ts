// Applying: the repository and an optional build command, then the run as an effect.
import { atx, buildQuestion, turn } from './say.js';
import type { ApplyEffect, SessionContext, SessionState, Turn } from './types.js';

export async function onRepo(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  const path = said.replace(/^(?:it'?s |the path is |path:?\s*|at |in )/i, '').replace(/^["'`]|["'`.]$/g, '').trim();
  const folder = await ctx.services.folder(path);
  if (!folder) return turn(state, 'repo', [atx(`There is no folder at ${path}. What is the path of the repository?`, 'warning')]);
  return turn(state, 'build', [atx(buildQuestion)], { repo: folder });
}

export async function onBuild(state: SessionState, said: string): Promise<Turn> {
  const none = /^\s*(none|no|nope|skip|n\/a|nothing|there is none|no build( command)?|-)\s*[.!]?\s*$/i.test(said);
  const buildCommand = none ? undefined : said.replace(/^(?:it'?s |use |run )/i, '').replace(/^[`'"]|[`'"]$/g, '').trim();
  const selected = state.selected!;
  const next = turn(state, 'applying', [atx(`Planning ${selected.name} for ${state.repo}${buildCommand ? ` with build command \`${buildCommand}\`` : ''}…`)], { buildCommand });
  const configuration = draftTarget(state);
  return { ...next, effect: { kind: 'apply', name: selected.name, version: selected.version, repo: state.repo!, buildCommand, ...(configuration ? { configuration } : {}) } };
}

/**
 * The planner gives every codemod one target version (by default the newest Node.js), so a
 * draft that climbs to a named version passes that version as the run's target.
 */
export function draftTarget(state: SessionState): string | undefined {
  if (!state.draft) return undefined;
  const targets = [...state.draft.matchAll(/^\s*targetVersion:\s*(\d+)\s*$/gm)].map((m) => Number(m[1]));
  return targets.length ? `targetVersion=${Math.max(...targets)}` : undefined;
}

/** The run a conversation in `applying` started, to start again on resume. */
export function applyEffectOf(s: SessionState): ApplyEffect {
  const configuration = draftTarget(s);
  return { kind: 'apply', name: s.selected!.name, version: s.selected!.version, repo: s.repo!, buildCommand: s.buildCommand, ...(configuration ? { configuration } : {}) };
}
