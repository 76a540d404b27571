// "help" at any question: what can be said there, with examples taken from the conversation
// as it stands (the registry's own names, the draft's own phases and steps, the folder atx runs in).
import { parseDefinition } from '../definitions/parse.js';
import type { Definition } from '../definitions/types.js';
import type { SessionContext, SessionState } from './types.js';

export async function helpFor(state: SessionState, ctx: SessionContext): Promise<string> {
  switch (state.phase) {
    case 'choose':
    case 'done':
    case 'pick': {
      const entries = await ctx.services.list();
      const first = entries[0];
      const lines = [
        'Here you choose what to apply:',
        `  - an existing transformation: say its number or name${first ? ` (for example "1" or "${first.name}")` : ''}, or "use an existing one" to see the list`,
        '  - a new one: "create a new one", "I want to write my own"',
      ];
      if (entries.length)
        lines.push(
          `There are ${entries.length} transformations: ${entries
            .slice(0, 6)
            .map((e) => e.name)
            .join(', ')}${entries.length > 6 ? ', …' : ''}.`,
        );
      return lines.join('\n');
    }
    case 'describe':
      return [
        'Say what the transformation changes: the technology, library, runtime or API, and versions if any. For example:',
        '  - "angular 16 to 19 application migration"',
        '  - "move our lambda functions from node 18 to node 22"',
        '  - "replace moment.js with date-fns" (I will ask for a migration guide when I do not know the technology)',
        'A multi-line paste is kept as one answer.',
      ].join('\n');
    case 'docs':
      return [
        `Documents for "${state.description ?? 'the transformation'}":`,
        '  - paths to files or folders: "docs/migration.md", "~/guides/upgrade", "it\'s in ./notes"',
        '  - or paste the guide itself (a multi-line paste is kept as one answer); its headings and code blocks become steps',
        '  - or "none, follow best practices"',
      ].join('\n');
    case 'review':
    case 'modify': {
      const draft = definitionOf(state);
      const phase = draft?.phases[0];
      const step = draft?.phases.flatMap((p) => p.steps)[1] ?? phase?.steps[0];
      return [
        'With the draft you can:',
        '  - apply it to a repository: "apply it", "run it on my repo"',
        '  - save it: "save it as a draft", "publish it"',
        `  - change it: "add a step to run the linter"${phase ? `, "drop the ${phase.title.toLowerCase()} phase", "remove phase ${phase.number}"` : ''}${step ? `, "remove step ${step.id}"` : ''}, "add a guardrail: never touch legacy/", "drop exit criterion 1", "rename it to <title>"`,
      ].join('\n');
    }
    case 'name':
      return [
        `The name to store it under${state.proposed ? ` (now "${state.proposed.name}")` : ''}:`,
        '  - "yes" to accept',
        '  - "call it MyOrg/Some-Name" for another name (letters, digits, ".", "_", "-", and an optional "MyOrg/" prefix)',
        '  - "description: what it does" for another description',
      ].join('\n');
    case 'repo':
      return [
        'The repository to transform: a folder that is a git repository. For example:',
        '  - "./services/orders", "~/src/my-service", "/home/me/repos/api"',
        '  - in words: "it\'s at repos/lambda-svc", "apply it to ../api"',
        `Relative paths are read from the folder atx was started in.`,
      ].join('\n');
    case 'build':
      return [
        'The command that builds and checks the project; it runs after each phase and for the exit criteria:',
        '  - "npm test", "npm run build && npm test", "mvn -q verify"',
        '  - "none" to skip building',
      ].join('\n');
    case 'applying':
      return 'A run is in progress.';
  }
}

function definitionOf(state: SessionState): Definition | undefined {
  if (!state.draft) return undefined;
  try {
    return parseDefinition(state.draft, 'transformation_definition.md');
  } catch {
    return undefined;
  }
}
