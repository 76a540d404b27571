// Creating a definition: the description, close matches in the registry, the person's
// documents, then a complete draft from the brain.
import { renderDefinition } from '../definitions/render.js';
import { UsageError } from '../errors.js';
import { ModelConfigError } from '../llm/errors.js';
import { keywords } from '../llm/offline/intents.js';
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
  const wanted = [...new Set(keywords(description))].filter((w) => !['application', 'app', 'project', 'service', 'code'].includes(w));
  const numbers = wanted.filter((w) => /^\d/.test(w));
  const words = wanted.filter((w) => !/^\d/.test(w));
  return entries
    .map((entry) => {
      const have = new Set(keywords(`${entry.name.replace(/\//g, ' ')} ${entry.description}`));
      const hits = words.filter((w) => have.has(w) || [...have].some((h) => h.length > 3 && w.length > 3 && (h.startsWith(w) || w.startsWith(h))));
      const exact = hits.length === words.length && numbers.every((n) => have.has(n)) && hits.length > 0;
      return { entry, score: hits.length + numbers.filter((n) => have.has(n)).length * 0.5, exact };
    })
    .filter((m) => m.score >= 1 && m.score >= Math.min(2, words.length))
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score)
    .slice(0, 3);
}

export async function onDescribe(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  const matches = closeMatches(said, await ctx.services.list());
  const messages: Message[] = [];
  if (matches.length === 0) {
    messages.push(atx('No existing transformation is close to that; I will draft a new one.', 'warning'));
  } else {
    const list = matches.map((m, i) => `  ${i + 1}. ${m.entry.name} (${m.entry.origin}): ${m.entry.description}`).join('\n');
    const exact = matches.some((m) => m.exact);
    messages.push(atx(`Close matches in the registry:\n${list}`));
    messages.push(
      exact
        ? atx('One of them looks like exactly this: say "use 1" to apply it instead, or answer below to draft a new one.')
        : atx('None of them is an exact match, so I will draft a new definition (say "use 1" if one will do).', 'warning'),
    );
  }
  messages.push(atx(docsQuestion));
  return turn(state, 'docs', messages, { description: said, documents: [] });
}

const noDocs = /\b(don'?t|do not|no|none|nothing|haven'?t|skip|without|best practices?)\b/i;

export async function onDocs(state: SessionState, said: string, ctx: SessionContext): Promise<Turn> {
  const use = /^\s*(?:use|apply|take|pick)\s+(?:number\s+|#)?(\d)\b/i.exec(said);
  if (use) {
    const matches = closeMatches(state.description ?? '', await ctx.services.list());
    const match = matches[Number(use[1]) - 1];
    if (!match) return turn(state, 'docs', [atx(`There is no match ${use[1]}. ${docsQuestion}`)]);
    return turn(state, 'repo', [atx(`Using ${match.entry.name} v${match.entry.version}.\n${repoQuestion}`)], { selected: { name: match.entry.name, version: match.entry.version } });
  }
  const messages: Message[] = [];
  let documents = state.documents;
  // "no docs" means none, even when a folder called docs happens to be here.
  const declined = noDocs.test(said) && said.length < 120 && !/[/\\]|\.\w{1,5}\b/.test(said);
  const read = declined ? undefined : await ctx.services.readDocuments(said);
  if (read && read.length) {
    documents = [...documents, ...read];
    messages.push(atx(`Read ${read.map((d) => d.name).join(', ')}.`));
  } else if (declined || (noDocs.test(said) && said.length < 120)) {
    messages.push(atx('Fine: I will follow the common upgrade path and best practices.'));
  } else if (said.length >= 40 || said.includes('\n')) {
    documents = [...documents, { name: `pasted text ${documents.length + 1}`, text: said }];
    messages.push(atx('Thanks, I will use the text you pasted.'));
  } else {
    return turn(state, 'docs', [atx(`I found no file or folder at "${said}". ${docsQuestion}`, 'warning')]);
  }
  let markdown: string;
  try {
    markdown = renderDefinition(await ctx.brain.draftDefinition({ description: state.description ?? said, documents }, ctx.onText));
  } catch (error) {
    // A draft that does not follow the format is the model's mistake, not the end of the session;
    // a bad model configuration is not a draft's problem.
    if (!(error instanceof UsageError) || error instanceof ModelConfigError) throw error;
    return turn(state, 'docs', [...messages, atx(`The draft did not follow the definition format (${error.message}). Answer again to retry, or add details.`, 'error')], { documents });
  }
  messages.push(atx(`Here is the draft:\n\n${markdown}`, 'definition'));
  messages.push(atx(nextQuestion));
  return turn(state, 'review', messages, { documents, draft: markdown, selected: undefined });
}
