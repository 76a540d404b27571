// The Implementation Steps section: `### Phase N: title` headings, each over a numbered
// list of steps. Step ids are `<phase number>.<position in the phase>`.
import { DefinitionError } from '../errors.js';
import { readAtxBlock } from './atx-block.js';
import { stepActionOf } from './actions.js';
import { attachLooseBlock, readListItem, runs, type Item, type ItemContext } from './items.js';
import { headingSource, plainText, sliceSource, startLine, type RootContent } from './markdown.js';
import { parsePhaseHeading } from './sections.js';
import type { Phase, Step } from './types.js';

interface RawPhase {
  number: number;
  title: string;
  line: number;
  items: Item[];
  prose: RootContent[];
}

export function readPhases(nodes: readonly RootContent[], source: string, file: string, sectionLine: number): Phase[] {
  const ctx: ItemContext = { source, file, kind: 'step', allowAtx: true };
  const raw: RawPhase[] = [];
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth === 3) {
      raw.push(startPhase(node, source, file, raw));
      continue;
    }
    // Raw HTML (usually an author's comment) is not part of any field.
    if (node.type === 'html') continue;
    const phase = raw[raw.length - 1];
    if (!phase) {
      throw new DefinitionError(file, startLine(node), "steps go under a phase heading such as '### Phase 1: Prepare'");
    }
    if (node.type === 'list') {
      for (const item of node.children) phase.items.push(readListItem(item, ctx));
    } else if (node.type === 'code' && (node.lang ?? '').toLowerCase() === 'atx') {
      attachLooseBlock(phase.items, node, ctx);
    } else {
      phase.prose.push(node);
    }
  }
  if (raw.length === 0) {
    throw new DefinitionError(
      file,
      sectionLine,
      "'## Implementation Steps' has no phases; add '### Phase 1: <title>' with a numbered list of steps",
    );
  }
  const phases = raw.map((p) => toPhase(p, source, file));
  checkDependencies(phases, raw, file);
  return phases;
}

function startPhase(node: RootContent & { type: 'heading' }, source: string, file: string, seen: RawPhase[]): RawPhase {
  const line = startLine(node);
  const parsed = parsePhaseHeading(headingSource(source, node)) ?? parsePhaseHeading(plainText(node));
  if (!parsed) {
    throw new DefinitionError(
      file,
      line,
      `expected a phase heading like '### Phase 1: Prepare', found '### ${plainText(node)}'`,
    );
  }
  if (parsed.number < 1) throw new DefinitionError(file, line, 'phase numbers start at 1');
  const twin = seen.find((p) => p.number === parsed.number);
  if (twin) {
    throw new DefinitionError(
      file,
      line,
      `duplicate phase number ${parsed.number} (first at line ${twin.line}); step ids must be unique`,
    );
  }
  return { ...parsed, line, items: [], prose: [] };
}

function toPhase(raw: RawPhase, source: string, file: string): Phase {
  if (raw.items.length === 0) {
    throw new DefinitionError(
      file,
      raw.line,
      `Phase ${raw.number} has no steps; add a numbered list of steps under it`,
    );
  }
  const steps = raw.items.map((item, i): Step => {
    const step: Step = { id: `${raw.number}.${i + 1}`, text: item.text };
    if (item.atx) step.action = stepActionOf(readAtxBlock(item.atx, file, source));
    return step;
  });
  const phase: Phase = { number: raw.number, title: raw.title, steps };
  const description = runs(raw.prose, () => true)
    .map((run) => sliceSource(source, run[0], run[run.length - 1]).trim())
    .join('\n\n');
  if (description !== '') phase.description = description;
  return phase;
}

/** dependsOn must name other steps that exist, without cycles. */
function checkDependencies(phases: Phase[], raw: RawPhase[], file: string): void {
  const steps = new Map<string, { step: Step; line: number }>();
  phases.forEach((phase, p) =>
    phase.steps.forEach((step, s) => steps.set(step.id, { step, line: raw[p].items[s].line })),
  );
  for (const { step, line } of steps.values()) {
    for (const dep of step.action?.dependsOn ?? []) {
      if (dep === step.id) throw new DefinitionError(file, line, `step ${step.id} depends on itself`);
      if (!steps.has(dep)) {
        throw new DefinitionError(
          file,
          line,
          `step ${step.id} depends on '${dep}', which is not a step id; ids are <phase>.<step>, e.g. 1.2`,
        );
      }
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id].join(' → ');
      throw new DefinitionError(file, steps.get(id)?.line, `steps depend on each other in a cycle: ${cycle}`);
    }
    state.set(id, 'visiting');
    for (const dep of steps.get(id)?.step.action?.dependsOn ?? []) visit(dep, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of steps.keys()) visit(id, []);
}
