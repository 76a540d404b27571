// Creating a definition: the description, close matches in the registry, the person's
// documents, then a complete draft from the brain.
import { renderDefinition } from '../definitions/render.js';
import { UsageError } from '../errors.js';
import { ModelConfigError } from '../llm/errors.js';
import { keywords } from '../llm/offline/intents.js';
import { findTechnology } from '../llm/offline/knowledge.js';
import { withGuideSteps } from './guide.js';
import type { RegistryEntry } from '../registry/types.js';
import { atx, docsQuestion, nextQuestion, repoQuestion, turn } from './say.js';
import type { Message, SessionContext, SessionState, Turn } from './types.js';

export interface Match {
  entry: RegistryEntry;
  score: number;
  exact: boolean;
}

/** Registry entries that share words with the description; exact when they cover all of it. */
export function closeMatches(description: string, entries: RegistryEntry[]): Match[] {
  const wanted = [...new Set(keywords(description))].filter(
    (w) => !['application', 'app', 'project', 'service', 'code'].includes(w),
  );
  const numbers = wanted.filter((w) => /^\d/.test(w));
  const words = wanted.filter((w) => !/^\d/.test(w));
  return entries
    .map((entry) => {
      const have = new Set(keywords(`${entry.name.replace(/\//g, ' ')} ${entry.description}`));
      const hits = words.filter(
        (w) =>
          have.has(w) || [...have].some((h) => h.length > 3 && w.length > 3 && (h.startsWith(w) || w.startsWith(h))),
      );
      const exact = hits.length === words.length && numbers.every((n) => have.has(n)) && hits.length > 0;
      return { entry, score: hits.length + numbers.filter((n) => have.has(n)).length * 0.5, exact };
    })
    .filter((m) => m.score >= 1 && m.score >= Math.min(2, words.length))
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score)
    .slice(0, 3);
}

/** Words that say a change to code is wanted. */
const changeWords =
  /\b(migrat\w*|upgrad\w*|updat\w*|convert\w*|replac\w*|mov(?:e|ing)|port(?:ing)?|switch\w*|moderni[sz]\w*|refactor\w*|rewrit\w*|adopt\w*|bump\w*|transform\w*|translat\w*|transpil\w*|deprecat\w*|remov\w*|renam\w*|rais\w*|lift\w*|instead of|away from|off of|onto)\b/i;

/**
 * Whether a description names something to migrate: a technology the rules know, or a change
 * to code said with its object ("replace moment with date-fns", "express 4 to 5").
 */
export function namesMigration(said: string): boolean {
  if (findTechnology(said)) return true;
  const words = said
    .toLowerCase()
    .split(/[^a-z0-9.#+-]+/)
    .filter((w) => w.length > 1);
  const versions =
    /\b[a-z][\w.#+-]*\s*v?\d+(?:\.\d+)*(?:\.x)?\s*(?:to|->|→|=>|-)\s*v?\d+/i.test(said) ||
    /\bfrom\b.+\b(to|into)\b/i.test(said);
  const change = changeWords.test(said) || /\b[\w.#+-]+\s+(?:to|->|→|=>|into)\s+[\w.#+-]+/i.test(said);
  return (versions || change) && words.length >= 2;
}

const describeExamples =
  'for example "express 4 to 5", "replace moment.js with date-fns", "move our lambdas from node 18 to 22", "angular 16 to 19 migration"';

export async function onDescribe(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  // The offline rules need the migration named; a model reads more, but one word that names no
  // technology ("banana") is not a description for either.
  const vague =
    ctx.brain.kind === 'offline' ? !namesMigration(said) : !findTechnology(said) && said.trim().split(/\s+/).length < 2;
  if (vague) {
    return turn(state, 'describe', [
      atx(
        `"${said.length > 60 ? `${said.slice(0, 57)}...` : said}" does not say what to migrate. Name a technology, library, runtime or API and the change (${describeExamples}).`,
        'warning',
      ),
    ]);
  }
  const matches = closeMatches(said, await ctx.services.list());
  const messages: Message[] = [];
  // Without a model, a technology the rules do not know gets real steps only from a guide.
  const unknown = ctx.brain.kind === 'offline' && !findTechnology(said);
  if (matches.length === 0) {
    messages.push(atx('No existing transformation is close to that; I will draft a new one.', 'warning'));
  } else {
    const list = matches
      .map((m, i) => `  ${i + 1}. ${m.entry.name} (${m.entry.origin}): ${m.entry.description}`)
      .join('\n');
    const exact = matches.some((m) => m.exact);
    messages.push(atx(`Close matches in the registry:\n${list}`));
    messages.push(
      exact
        ? atx(
            'One of them looks like exactly this: say "use 1" to apply it instead, or answer below to draft a new one.',
          )
        : atx(
            'None of them is an exact match, so I will draft a new definition (say "use 1" if one will do).',
            'warning',
          ),
    );
  }
  messages.push(
    unknown
      ? atx(
          'I have no built-in knowledge of this migration, so without a guide the draft would only be a generic outline. Give me a migration guide: a file or folder path, ' +
            'or paste its text (a multi-line paste is one answer); its headings and code blocks become the steps. Or say "no guide" for the outline.',
        )
      : atx(docsQuestion),
  );
  return turn(state, 'docs', messages, { description: said, documents: [] });
}

const noDocs = /\b(don'?t|do not|no|none|nothing|haven'?t|skip|without|best practices?|outline)\b/i;

export async function onDocs(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  const use = /^\s*(?:use|apply|take|pick)\s+(?:number\s+|#)?(\d)\b/i.exec(said);
  if (use) {
    const matches = closeMatches(state.description ?? '', await ctx.services.list());
    const match = matches[Number(use[1]) - 1];
    if (!match) return turn(state, 'docs', [atx(`There is no match ${use[1]}. ${docsQuestion}`)]);
    return turn(state, 'repo', [atx(`Using ${match.entry.name} v${match.entry.version}.\n${repoQuestion}`)], {
      selected: { name: match.entry.name, version: match.entry.version },
    });
  }
  const messages: Message[] = [];
  let documents = state.documents;
  // "no docs" means none, even when a folder called docs happens to be here.
  const declined = noDocs.test(said) && said.length < 120 && !/[/\\]|\.\w{1,5}\b/.test(said);
  // A multi-line paste is the document itself: its words are not looked up as paths.
  const pasted = said.includes('\n') && said.trim().split('\n').length > 2;
  const read = declined || pasted ? undefined : await ctx.services.readDocuments(said);
  if (read && read.length) {
    documents = [...documents, ...read];
    messages.push(atx(`Read ${read.map((d) => d.name).join(', ')}.`));
  } else if (!pasted && (declined || (noDocs.test(said) && said.length < 120))) {
    messages.push(atx('Fine: I will follow the common upgrade path and best practices.'));
  } else if (
    !pasted &&
    said.length < 200 &&
    !/https?:\/\/|\b[\w-]+\.(?:com|org|io|dev|net)\//i.test(said) &&
    /(?:^|\s)["'`]?(?:~|\.{1,2})?\/?[\w.-]+\/[\w./-]*|\S+\.(?:md|txt|markdown|rst|html?|pdf|adoc)\b/i.test(said)
  ) {
    // One line that names a path that is not there: a slip to correct, not text to use.
    const near = await ctx.services.nearestPath(said);
    if (near)
      return turn(state, 'docs', [
        atx(
          `I found no file or folder at ${near.wanted}. Did you mean ${near.fixed}? Give the path again, or paste the text.`,
          'warning',
        ),
      ]);
    return turn(state, 'docs', [atx(`I found no file or folder named in "${said}". ${docsQuestion}`, 'warning')]);
  } else if (said.length >= 40 || said.includes('\n')) {
    documents = [...documents, { name: `pasted text ${documents.length + 1}`, text: said }];
    messages.push(atx('Thanks, I will use the text you pasted.'));
  } else {
    return turn(state, 'docs', [atx(`I found no file or folder at "${said}". ${docsQuestion}`, 'warning')]);
  }
  let markdown: string;
  try {
    let definition = await ctx.brain.draftDefinition({ description: state.description ?? said, documents }, ctx.onText);
    // Without a model and without built-in knowledge, the guide's own sections are the steps.
    if (ctx.brain.kind === 'offline' && documents.length && !findTechnology(state.description ?? said)) {
      const guided = withGuideSteps(definition, documents);
      definition = guided.definition;
      if (guided.count)
        messages.push(
          atx(`The guide gave ${guided.count} step${guided.count === 1 ? '' : 's'} for the migration phase.`),
        );
    }
    markdown = renderDefinition(definition);
  } catch (error) {
    // A draft that does not follow the format is the model's mistake, not the end of the session;
    // a bad model configuration is not a draft's problem.
    if (!(error instanceof UsageError) || error instanceof ModelConfigError) throw error;
    return turn(
      state,
      'docs',
      [
        ...messages,
        atx(
          `The draft did not follow the definition format (${error.message}). Answer again to retry, or add details.`,
          'error',
        ),
      ],
      { documents },
    );
  }
  messages.push(atx(`Here is the draft:\n\n${markdown}`, 'definition'));
  messages.push(atx(nextQuestion));
  return turn(state, 'review', messages, { documents, draft: markdown, selected: undefined });
}
