// Applying: the repository and an optional build command, then the run as an effect.
import { parseDefinition } from '../definitions/parse.js';
import { DefinitionError } from '../errors.js';
import type { TargetVersion } from '../codemods/types.js';
import { familyOf, stepTargets } from '../planner/target.js';
import { atx, buildQuestion, turn } from './say.js';
import type { ApplyEffect, SessionContext, SessionState, Turn } from './types.js';

export async function onRepo(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  // "yes" to "did you mean …?" takes the suggestion.
  const suggested =
    state.suggestedRepo && /^\s*(y|yes|yeah|yep|sure|ok|okay|that one|right|correct)\b/i.test(said)
      ? state.suggestedRepo
      : undefined;
  const found = await ctx.services.repository(suggested ?? said);
  if (found.problem !== undefined) {
    const hint = found.suggestion
      ? ` Did you mean ${found.suggestion}? Say yes, or give another path.`
      : ' What is the path of the repository?';
    return turn(state, 'repo', [atx(`${found.problem.replace(/[.]$/, '')}.${hint}`, 'warning')], {
      suggestedRepo: found.suggestion,
    });
  }
  return turn(state, 'build', [atx(`Repository: ${found.path}. ${buildQuestion}`)], {
    repo: found.path,
    suggestedRepo: undefined,
  });
}

export async function onBuild(state: SessionState, said: string): Promise<Turn> {
  const none = /^\s*(none|no|nope|skip|n\/a|nothing|there is none|no build( command)?|-)\s*[.!]?\s*$/i.test(said);
  // Quotes come off only when they wrap the whole command: `node -e "…"` keeps its own.
  const bare = said.replace(/^(?:it'?s |use |run )/i, '').trim();
  const buildCommand = none ? undefined : (/^([`'"])(.+)\1$/.exec(bare)?.[2] ?? bare).trim();
  const selected = state.selected!;
  const next = turn(
    state,
    'applying',
    [
      atx(
        `Planning ${selected.name} for ${state.repo}${buildCommand ? ` with build command \`${buildCommand}\`` : ''}…`,
      ),
    ],
    { buildCommand },
  );
  const configuration = draftTarget(state);
  return {
    ...next,
    effect: {
      kind: 'apply',
      name: selected.name,
      version: selected.version,
      repo: state.repo!,
      buildCommand,
      ...(configuration ? { configuration } : {}),
    },
  };
}

/**
 * The planner gives every codemod one target version (by default its family's newest), so a
 * draft whose steps climb to named versions passes the highest as the run's target.
 */
export function draftTarget(state: SessionState): string | undefined {
  if (!state.draft) return undefined;
  let definition;
  try {
    definition = parseDefinition(state.draft, 'transformation_definition.md');
  } catch (error) {
    // A draft that does not parse is not applied (storing it refuses it); it names no target.
    if (error instanceof DefinitionError) return undefined;
    throw error;
  }
  const targets = stepTargets(definition);
  const rank = familyOf(definition)?.rank ?? Number;
  const highest = targets.reduce<TargetVersion | undefined>(
    (best, version) => (best === undefined || rank(version) > rank(best) ? version : best),
    undefined,
  );
  return highest === undefined ? undefined : `targetVersion=${highest}`;
}

/** The run a conversation in `applying` started, to start again on resume. */
export function applyEffectOf(s: SessionState): ApplyEffect {
  const configuration = draftTarget(s);
  return {
    kind: 'apply',
    name: s.selected!.name,
    version: s.selected!.version,
    repo: s.repo!,
    buildCommand: s.buildCommand,
    ...(configuration ? { configuration } : {}),
  };
}
