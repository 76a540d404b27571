// `atx custom def export-ki-markdown`: every item of a definition as one markdown document,
// for review in a pull request or a wiki.
import type { KnowledgeFile, KnowledgeItem } from './types.js';

export function knowledgeMarkdown(file: KnowledgeFile): string {
  const lines = [
    `# Knowledge items: ${file.definition}`,
    '',
    `Auto-enable new items: ${file.autoEnabled ? 'TRUE' : 'FALSE'}. Items: ${file.items.length} (${file.items.filter((i) => i.status === 'ENABLED').length} enabled).`,
  ];
  if (file.items.length === 0) lines.push('', 'No knowledge items yet.');
  for (const item of file.items) lines.push('', ...itemMarkdown(item));
  return `${lines.join('\n')}\n`;
}

export function itemMarkdown(item: KnowledgeItem): string[] {
  const origin = [
    item.origin.runId && `run ${item.origin.runId}`,
    item.origin.branch && `branch ${item.origin.branch}`,
    item.origin.commit && `commit ${item.origin.commit.slice(0, 12)}`,
    item.origin.author && `by ${item.origin.author}`,
  ].filter(Boolean);
  return [
    `## ${item.id}: ${item.title}`,
    '',
    `- Status: ${item.status}`,
    `- Source: ${item.source}`,
    `- Applied as: ${effectText(item)}`,
    `- Learned: ${item.createdAt}${origin.length ? ` (${origin.join(', ')})` : ''}`,
    '',
    item.content,
  ];
}

export function effectText(item: KnowledgeItem): string {
  const e = item.effect;
  switch (e.kind) {
    case 'exclude':
      return `guardrail and exclusion of ${e.paths.join(', ')}`;
    case 'codemod-option':
      return `codemod option ${e.codemod} ${e.option}=${String(e.value)}`;
    case 'validation-command':
      return `validation command \`${e.command}\``;
    case 'rewrite':
      return `rewrite step (${e.patterns.length} before/after pattern${e.patterns.length === 1 ? '' : 's'})`;
    case 'context':
      return 'context for the model';
  }
}
