// A migration guide for a technology the offline rules do not know, turned into steps: each
// section heading becomes a step (with its first sentence and the code it shows as the
// example), and each shell block of package-manager commands becomes a command step.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Definition, Phase, Step, StepAction } from '../definitions/types.js';
import type { SourceDocument } from '../llm/types.js';

interface Section {
  heading: string;
  sentence?: string;
  code: Array<{ lang: string; value: string }>;
}

const shells = new Set(['sh', 'bash', 'shell', 'console', 'zsh', 'shellscript', 'cmd', 'powershell', 'ps']);
const commandLine =
  /^(?:\$\s*)?((?:npm|npx|yarn|pnpm|bun|pip|pip3|poetry|mvn|gradle|\.\/gradlew|go|cargo|dotnet|composer|bundle|gem)\s+\S.*)$/;

function textOf(node: { type: string; value?: string; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((child) => textOf(child as { type: string })).join('');
}

/** The sections of a guide, in order; the document's title (its one top heading) is not a step. */
export function guideSections(markdown: string): Section[] {
  const tree = fromMarkdown(markdown);
  const headings = tree.children.filter((n) => n.type === 'heading');
  const titleDepth = headings.filter((h) => h.depth === 1).length === 1 ? 1 : 0;
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (node.depth === titleDepth) {
        current = undefined;
        continue;
      }
      current = { heading: textOf(node).trim(), code: [] };
      sections.push(current);
    } else if (current && node.type === 'paragraph' && !current.sentence) {
      const text = textOf(node).replace(/\s+/g, ' ').trim();
      current.sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
    } else if (current && node.type === 'code') {
      current.code.push({ lang: (node.lang ?? '').toLowerCase(), value: node.value });
    }
  }
  return sections.filter((s) => s.heading);
}

/** The commands of a shell block, when every line of it is a package-manager command. */
function commandsOf(block: { lang: string; value: string }): string[] | undefined {
  const lines = block.value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.length === 0 || (block.lang && !shells.has(block.lang))) return undefined;
  const commands = lines.map((l) => commandLine.exec(l)?.[1]);
  return commands.every(Boolean) ? (commands as string[]) : undefined;
}

function short(text: string, max = 140): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, one.lastIndexOf(' ', max)).replace(/[,;:]$/, '')} (see the guide)`;
}

/** The steps a guide gives: one per section, plus one per block of commands. */
export function stepsFromGuide(document: SourceDocument): Array<Omit<Step, 'id'>> {
  const steps: Array<Omit<Step, 'id'>> = [];
  for (const section of guideSections(document.text)) {
    const examples = section.code.filter((block) => !commandsOf(block));
    const example = examples[0]?.value
      .split('\n')
      .find((l) => l.trim())
      ?.trim();
    const head = section.heading.replace(/[.:]+$/, '');
    const said = section.sentence ? `${head}: ${short(section.sentence)}` : head;
    const shown = example
      ? ` Follow the guide's example (\`${short(example, 80).replace(/`/g, "'")}\`${examples.length > 1 ? ` and ${examples.length - 1} more` : ''}).`
      : '';
    steps.push({
      text: `${said}${/[.!?]$/.test(said) ? '' : '.'}${shown} (From ${document.name}, section "${section.heading}".)`,
    });
    for (const block of section.code) {
      const commands = commandsOf(block);
      if (!commands) continue;
      const command = commands.join(' && ');
      steps.push({
        text: `Run \`${command}\` as the guide says under "${section.heading}".`,
        action: { command } satisfies StepAction,
      });
    }
  }
  return steps;
}

/** The draft with its migration phase made of the guides' steps (the other phases as they were). */
export function withGuideSteps(
  definition: Definition,
  documents: SourceDocument[],
): { definition: Definition; count: number } {
  const steps = documents.flatMap(stepsFromGuide);
  if (steps.length === 0) return { definition, count: 0 };
  const index = definition.phases.findIndex((p) => /migrat|change|convert|upgrade/i.test(p.title));
  if (index < 0) return { definition, count: 0 };
  const target = definition.phases[index]!;
  // The step that says "apply the supplied documents" stays last: what the sections did not cover.
  const kept = target.steps.filter((s) => /supplied documents/.test(s.text));
  const phases: Phase[] = definition.phases.map((p, i) =>
    i === index ? { ...p, steps: [...steps, ...kept].map((s, j) => ({ ...s, id: `${p.number}.${j + 1}` })) } : p,
  );
  const summary = `${definition.summary.replace(/ I have no built-in knowledge of this migration, so its steps are carried out by a language model or a person; edit them to add deterministic commands\./, '')}\n\nThe ${target.title} phase follows the supplied guide (${documents.map((d) => d.name).join(', ')}): one step per section, and its package-manager commands as command steps; the other steps are carried out by a language model or a person.`;
  return { definition: { ...definition, summary, phases }, count: steps.length };
}
