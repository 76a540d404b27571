// Offline intent recognition: the phrasings people use for each question, matched by rules.
import type { Intent, IntentContext, Question } from '../types.js';
import { readYesNo } from '../yes-no.js';

export function interpretOffline(question: Question, text: string, context: IntentContext = {}): Intent {
  const said = text.trim();
  if (!said) return { kind: 'unknown' };
  switch (question) {
    case 'choose':
      return chooseIntent(said, context);
    case 'next':
      return nextIntent(said);
    case 'yes-no': {
      const answer = readYesNo(said);
      return { kind: answer === 'unclear' ? 'unknown' : answer };
    }
  }
}

/** "Use an existing transformation (1) or create a new one (2)?" */
function chooseIntent(said: string, context: IntentContext): Intent {
  if (/^\(?2\)?[.)]?$|^(option|number|choice) ?(2|two)\b|^two$|^second\b|^the second\b/i.test(said))
    return { kind: 'create' };
  if (/^\(?1\)?[.)]?$|^(option|number|choice) ?(1|one)\b|^one$|^first\b|^the first\b/i.test(said))
    return { kind: 'use-existing' };
  if (
    /\b(new|create|creating|make|build|write|draft|author|from scratch|my own|custom)\b/i.test(said) &&
    !/\bexisting\b/i.test(said)
  ) {
    return { kind: 'create' };
  }
  const named = matchEntry(said, context.entries ?? []);
  if (named) return { kind: 'use-existing', name: named };
  if (
    /\b(existing|available|already|list|show|browse|one of (yours|them|those)|pick|choose|use|apply|run)\b/i.test(said)
  )
    return { kind: 'use-existing' };
  return { kind: 'unknown' };
}

/** After a draft is shown: apply, modify, save a draft, publish — or an edit said directly. */
function nextIntent(said: string): Intent {
  if (/\bpublish/i.test(said)) return { kind: 'publish' };
  if (/\b(save|keep|store)\b.*\bdraft\b|^draft$|\bsave\b/i.test(said)) return { kind: 'save-draft' };
  if (
    /^\s*(apply|run|execute|use|try)\b|\bapply (it|this|that)\b|\brun (it|this|that)\b|\bon (my|a|the) (repo|repository|code|project)\b/i.test(
      said,
    )
  ) {
    return { kind: 'apply' };
  }
  if (/^\s*(modify|change|edit|update|revise|tweak|adjust)( (it|this|the definition|that))?\s*[.!]?\s*$/i.test(said))
    return { kind: 'modify' };
  // Anything else that reads like an edit ("add a step to run the linter") is the change itself.
  if (
    /\b(add|drop|remove|delete|skip|rename|insert|include|also|replace|move|change|modify|edit|never|touch|protect|guardrail)\b/i.test(
      said,
    )
  ) {
    return { kind: 'modify', change: said };
  }
  return { kind: 'unknown' };
}

const stopWords = new Set([
  'the',
  'a',
  'an',
  'one',
  'to',
  'of',
  'for',
  'i',
  'want',
  'use',
  'run',
  'apply',
  'please',
  'transformation',
  'existing',
  'my',
  'that',
  'this',
  'with',
  'and',
]);
const synonyms: Record<string, string> = {
  node: 'nodejs',
  'node.js': 'nodejs',
  js: 'nodejs',
  javascript: 'nodejs',
  py: 'python',
  boto: 'boto2',
  callbacks: 'callback',
  handlers: 'lambda',
  sdk: 'sdk',
};

/** Words of a name or description, normalised so "node" finds "nodejs-version-upgrade". */
export function keywords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9.]+|(?<=[a-z])\.(?=[a-z])/)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter((word) => word.length > 1 && !stopWords.has(word))
    .map((word) => synonyms[word] ?? word);
}

/** The registry entry the person names, when exactly one fits best. */
export function matchEntry(said: string, entries: Array<{ name: string; description: string }>): string | undefined {
  const exact = entries.find(
    (e) => e.name.toLowerCase() === said.toLowerCase() || e.name.split('/').pop()!.toLowerCase() === said.toLowerCase(),
  );
  if (exact) return exact.name;
  const wanted = keywords(said);
  if (wanted.length === 0) return undefined;
  const scored = entries
    .map((entry) => ({ entry, score: nameScore(wanted, entry.name) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return undefined;
  if (scored.length > 1 && scored[0]!.score === scored[1]!.score) return undefined;
  return scored[0]!.entry.name;
}

function nameScore(wanted: string[], name: string): number {
  const words = keywords(name.replace(/\//g, ' '));
  return wanted.filter((w) => words.some((n) => n === w || (w.length > 3 && n.startsWith(w)))).length;
}
