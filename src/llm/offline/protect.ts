// Guardrails that name paths, understood by rules: "never touch the legacy folder", "don't
// modify vendor/ or *.min.js", "leave generated/ alone". Each becomes a guardrail in the
// person's words with a `protect: [globs]` block, so the executor holds it, not just the model.
import { protectGlobProblem } from '../../definitions/protect.js';
import type { Definition } from '../../definitions/types.js';

export interface PathGuardrail {
  /** The guardrail as a sentence, in the person's words. */
  text: string;
  paths: string[];
}

const path = '[`\'"]?[A-Za-z0-9_.@/*?-]+[`\'"]?';
// After the first, a list goes on only with what looks like a path: "legacy/ and keep" stops at "and".
const pathy = `(?=[\`'"]?[A-Za-z0-9_.@-]*(?:[/*?]|\\.[A-Za-z][A-Za-z0-9]{0,7}\\b))${path}`;
const folderWord = '(?:folders?|director(?:y|ies)|dirs?|trees?)';
const paths = `(?:the\\s+)?${path}(?:\\s*(?:,|\\band\\b|\\bor\\b|\\bnor\\b)\\s*${pathy})*(?:\\s+${folderWord})?`;
const don = "(?:never|don'?t|do\\s+not|must\\s+not|mustn'?t|should\\s+not|shouldn'?t|may\\s+not|cannot|can'?t)";
const change = '(?:touch|change|modify|edit|rewrite|alter|update|write\\s+to|delete|remove)';
const within = '(?:(?:anything|any\\s+files?|files?|code)\\s+(?:in|under|inside|within|below)\\s+)?';

const rules = [
  new RegExp(`\\b${don}\\s+(?:ever\\s+)?${change}\\s+${within}(${paths})`, 'gi'),
  new RegExp(`\\bleave\\s+${within}(${paths})\\s+(?:alone|untouched|unchanged|as\\s+(?:it\\s+is|they\\s+are))`, 'gi'),
  new RegExp(
    `\\b(?:keep|protect)\\s+${within}(${paths})(?:\\s+(?:unchanged|untouched|as\\s+(?:it\\s+is|they\\s+are)))`,
    'gi',
  ),
  new RegExp(`\\b(?:protect)\\s+(${paths})`, 'gi'),
];

/** Words a rule may catch that name no path ("never change anything", "don't touch it"). */
const notPaths = new Set([
  'anything',
  'everything',
  'it',
  'that',
  'this',
  'them',
  'those',
  'these',
  'any',
  'code',
  'files',
  'file',
  'behaviour',
  'behavior',
]);

/** The path guardrails in what a person said; empty when none names a path. */
export function pathGuardrails(said: string): PathGuardrail[] {
  const found: PathGuardrail[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    for (const match of said.matchAll(rule)) {
      const globs = globsOf(match[1]!).filter((g) => !seen.has(g));
      if (globs.length === 0) continue;
      globs.forEach((g) => seen.add(g));
      found.push({ text: sentence(match[0]), paths: globs });
    }
  }
  return found;
}

/**
 * What a person said without its path guardrails, so "angular 16 to 19, never touch legacy-v2/"
 * titles a draft (and names its versions) by the migration alone.
 */
export function withoutPathGuardrails(said: string): string {
  let rest = said;
  for (const rule of rules)
    rest = rest.replace(rule, (clause, list: string) => (globsOf(list).length > 0 ? ' ' : clause));
  const tidy = rest
    .replace(/\s+([,;.])/g, '$1')
    .replace(/([,;]\s*)+([.!]|$)/g, '$2')
    .replace(/(?:[,;:]|\s)+(?:and|but|while|so|also)?\s*[,;.!]*\s*$/i, '')
    .replace(/^(?:[,;:\s]+|(?:and|but|also)\b)+/i, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return /[A-Za-z0-9]/.test(tidy) ? tidy : said.trim();
}

/** "the legacy folder" → legacy/**, "vendor/ and *.min.js" → vendor/**, *.min.js; a bare word is no path. */
function globsOf(list: string): string[] {
  const folder = new RegExp(`\\s+${folderWord}$`, 'i').test(list);
  const items = list
    .replace(new RegExp(`\\s+${folderWord}$`, 'i'), '')
    .split(/\s*(?:,|\band\b|\bor\b|\bnor\b)\s*/i)
    .map((item) =>
      item
        .replace(/^the\s+/i, '')
        .replace(/^[`'"]|[`'"]$/g, '')
        .replace(/^\.\//, '')
        .replace(/\.$/, ''),
    )
    .filter((item) => item !== '' && !notPaths.has(item.toLowerCase()));
  const globs: string[] = [];
  for (const item of items) {
    const isGlob = /[*?]/.test(item);
    const isFolder = item.endsWith('/') || (folder && !isGlob && !item.includes('/'));
    const isPath = isGlob || isFolder || item.includes('/') || /\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(item);
    if (!isPath) continue;
    const glob = isFolder ? `${item.replace(/\/+$/, '')}/**` : item;
    if (!protectGlobProblem(glob) && !globs.includes(glob)) globs.push(glob);
  }
  return globs;
}

/** `definition` with these guardrails added at the end, each protecting its paths. */
export function withPathGuardrails(definition: Definition, found: readonly PathGuardrail[]): Definition {
  if (found.length === 0) return definition;
  const guardrails = [...definition.guardrails];
  const protectedPaths = [...(definition.protectedPaths ?? [])];
  for (const { text, paths } of found) {
    guardrails.push(text);
    protectedPaths.push({ guardrail: guardrails.length, paths });
  }
  return { ...definition, guardrails, protectedPaths };
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.!]+$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}
