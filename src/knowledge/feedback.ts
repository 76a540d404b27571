// Lessons in what people said at plan review ("never touch legacy/", "use the aggregated
// client style", "always run npm run lint"), understood by simple rules.
import { settableOptions } from '../codemods/index.js';
import type { Effect, NewItem } from './types.js';

const notPaths = new Set([
  'anything',
  'everything',
  'it',
  'that',
  'this',
  'them',
  'those',
  'these',
  'the',
  'any',
  'code',
  'files',
]);
const pathLike = '[`\'"]?([A-Za-z0-9_.@/*-]+?)[`\'"]?';
const folderWord = '(?:\\s+(?:folder|directory|dir|package|module|files?))?';
// A path may hold dots; a dot ends it only at the end of a sentence.
const end = '(?=[\\s,;!?]|\\.(?:\\s|$)|$)';

const exclusionRules = [
  new RegExp(
    `\\b(?:never|don'?t|do not|must not|should not)\\s+(?:touch|change|modify|edit|rewrite)\\s+(?:anything\\s+(?:in|under)\\s+)?(?:the\\s+)?${pathLike}${folderWord}${end}`,
    'gi',
  ),
  new RegExp(`\\bleave\\s+(?:the\\s+)?${pathLike}${folderWord}\\s+alone\\b`, 'gi'),
  new RegExp(`\\bexclude\\s+(?:the\\s+)?${pathLike}${folderWord}${end}`, 'gi'),
];
const commandRule = /\b(?:always|also)\s+run\s+[`'"]?(.+?)[`'"]?\s*[.!]?\s*$/i;

/** The effects one piece of feedback asks for, each with a title; empty when none is understood. */
export function effectsOf(text: string): Array<{ title: string; effect: Effect }> {
  const found: Array<{ title: string; effect: Effect }> = [];
  const paths = new Set<string>();
  for (const rule of exclusionRules) {
    for (const match of text.matchAll(rule)) {
      const path = match[1]!.replace(/^\.\//, '');
      if (!notPaths.has(path.toLowerCase()) && /[A-Za-z0-9]/.test(path)) paths.add(path);
    }
  }
  for (const path of paths) found.push({ title: `Do not touch ${path}`, effect: { kind: 'exclude', paths: [path] } });
  // The options codemods declare that a person can choose in words ("use the aggregated client style").
  for (const { codemod, option, spec } of settableOptions()) {
    const said = spec.said.exec(text);
    const value = said
      ?.slice(1)
      .find((group) => group !== undefined)
      ?.toLowerCase();
    if (value !== undefined && spec.values.includes(value))
      found.push({ title: spec.title(value), effect: { kind: 'codemod-option', codemod, option, value } });
  }
  const command = commandRule.exec(text);
  if (command) {
    const line = command[1]!.trim();
    found.push({ title: `Also run \`${line}\` to validate`, effect: { kind: 'validation-command', command: line } });
  }
  return found;
}

/** Knowledge items from a run's plan-review feedback. */
export function itemsFromFeedback(feedback: readonly string[], origin: NewItem['origin']): NewItem[] {
  return feedback.flatMap((said) =>
    effectsOf(said).map(({ title, effect }) => ({
      source: 'feedback' as const,
      title,
      content: `Said at plan review: "${said}"`,
      effect,
      origin,
    })),
  );
}
