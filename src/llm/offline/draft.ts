// Offline drafting: a complete definition from a description, the knowledge base and the
// person's documents. Versions are climbed one rung at a time (16 → 17 → 18 → 19).
import type { Definition, ExitCriterion, Phase } from '../../definitions/types.js';
import type { DraftRequest, SourceDocument } from '../types.js';
import { findTechnology, pinPattern, type DraftStep, type Technology } from './knowledge.js';
import { pathGuardrails, withoutPathGuardrails, withPathGuardrails } from './protect.js';

export interface VersionRange {
  from: number;
  to: number;
  /** What was assumed because the description did not say. */
  assumed?: string;
}

/** A draft; paths the description says never to touch become guardrails that protect them. */
export function draftOffline(request: DraftRequest): Definition {
  const draft = draftFor({ ...request, description: withoutPathGuardrails(request.description) });
  return withPathGuardrails(draft, pathGuardrails(request.description));
}

function draftFor(request: DraftRequest): Definition {
  const tech = findTechnology(request.description);
  if (!tech) return genericDraft(request);
  const range = versionRange(tech, request.description);
  const rungs = ladderBetween(tech, range);
  const phases: Phase[] = [];
  for (let i = 1; i < rungs.length; i++) {
    const from = rungs[i - 1]!;
    const to = rungs[i]!;
    phases.push(phase(phases.length + 1, `${tech.label} ${show(tech, from)} to ${show(tech, to)}`, tech.hop(from, to)));
  }
  const validation = [...tech.validate];
  if (request.documents.length) validation.unshift(documentStep(request.documents));
  phases.push(phase(phases.length + 1, 'Validation', validation));
  const path = rungs.map((v) => show(tech, v)).join(' → ');
  return {
    format: 'transformation_definition',
    title: `${tech.label} ${show(tech, range.from)} to ${show(tech, range.to)} migration`,
    objective: `Move a project from ${tech.label} ${show(tech, range.from)} to ${tech.label} ${show(tech, range.to)} one version at a time (${path}), so that it stays on a supported release and builds and passes its tests after every step.`,
    summary: summary(tech, rungs, range, request),
    entryCriteria: tech.entry,
    phases,
    guardrails: tech.guardrails,
    exitCriteria: exitCriteria(tech, range.to),
  };
}

/** "angular 16 to 19" → 16..19; "python 3.8 to 3.12" → minors 8..12; one number is the target. */
export function versionRange(tech: Technology, description: string): VersionRange {
  if (tech.fixedHop) return { from: tech.fixedHop[0], to: tech.fixedHop[1] };
  const numbers = [...description.matchAll(/\b(\d+)(?:\.(\d+))?(?:\.x)?\b/g)].map((m) =>
    tech.id === 'python' && m[1] === '3' && m[2] ? Number(m[2]) : Number(m[1]),
  );
  const known = numbers.filter((n) => tech.ladder.includes(n) || (n > tech.ladder[0]! && n < tech.ladder.at(-1)!));
  if (known.length >= 2) return { from: Math.min(known[0]!, known[1]!), to: Math.max(known[0]!, known[1]!) };
  if (known.length === 1) {
    const only = known[0]!;
    const saysFrom = new RegExp(`\\bfrom\\b[^0-9]*${tech.id === 'python' ? `3\\.${only}` : only}\\b`, 'i').test(
      description,
    );
    if (saysFrom)
      return {
        from: only,
        to: tech.latest,
        assumed: `the target is ${tech.label} ${show(tech, tech.latest)}, the newest I know`,
      };
    const below = [...tech.ladder].reverse().find((v) => v < only) ?? tech.ladder[0]!;
    return { from: below, to: only, assumed: `the project starts on ${tech.label} ${show(tech, below)}` };
  }
  const previous = tech.ladder.at(-2) ?? tech.ladder[0]!;
  return {
    from: previous,
    to: tech.latest,
    assumed: `a move from ${tech.label} ${show(tech, previous)} to ${show(tech, tech.latest)}`,
  };
}

function ladderBetween(tech: Technology, range: VersionRange): number[] {
  const inner = tech.ladder.filter((v) => v > range.from && v < range.to);
  return [range.from, ...inner, range.to];
}

function show(tech: Technology, version: number): string {
  return tech.id === 'python' ? `3.${version}` : String(version);
}

function phase(number: number, title: string, steps: DraftStep[]): Phase {
  return {
    number,
    title,
    steps: steps.map((s, i) => ({ id: `${number}.${i + 1}`, text: s.text, ...(s.action ? { action: s.action } : {}) })),
  };
}

function documentStep(documents: SourceDocument[]): DraftStep {
  return {
    text: `Apply the project-specific guidance in the supplied documents (${documents.map((d) => d.name).join(', ')}) that the steps above do not already cover.`,
  };
}

function summary(tech: Technology, rungs: number[], range: VersionRange, request: DraftRequest): string {
  const parts = [
    `Requested: "${request.description.trim()}". Each phase moves ${tech.label} one version (${rungs.map((v) => show(tech, v)).join(' → ')}), and the project is built after each phase, so a failure points at one version's changes.`,
  ];
  const notes = rungs
    .slice(1)
    .filter((v) => tech.notes?.[v])
    .map((v) => `${tech.label} ${show(tech, v)}: ${tech.notes![v]}.`);
  if (notes.length) parts.push(notes.join(' '));
  if (range.assumed) parts.push(`Assumed: ${range.assumed}.`);
  parts.push(
    request.documents.length
      ? `Reference material supplied: ${request.documents.map((d) => `${d.name} (${d.text.split('\n').length} lines)`).join(', ')}.`
      : 'No reference documents were supplied; the steps follow the common upgrade path and best practices.',
  );
  return parts.join('\n\n');
}

function exitCriteria(tech: Technology, to: number): ExitCriterion[] {
  const items: Array<Omit<ExitCriterion, 'id'>> = [];
  if (tech.packages) {
    items.push({
      text: `The project depends on ${tech.label} ${to}.`,
      validator: { validator: 'no-match', pattern: pinPattern(tech.packages, to), paths: ['package.json'] },
    });
  }
  items.push(...tech.exit.map((e) => ({ text: e.text, ...(e.validator ? { validator: e.validator } : {}) })));
  return items.map((item, i) => ({ id: `exit-${i + 1}`, ...item }));
}

/** No built-in knowledge: an honest skeleton of agent steps, to be refined by the person. */
function genericDraft(request: DraftRequest): Definition {
  const topic = request.description.trim().replace(/[.!]+$/, '');
  const steps = (texts: string[]): DraftStep[] => texts.map((text) => ({ text }));
  const migrate = steps(['Make the changes the migration requires, one module at a time, keeping behaviour the same.']);
  if (request.documents.length) migrate.push(documentStep(request.documents));
  return {
    format: 'transformation_definition',
    title: topic.charAt(0).toUpperCase() + topic.slice(1),
    objective: `${topic.charAt(0).toUpperCase() + topic.slice(1)}, with the project building and passing its tests afterwards.`,
    summary: `Requested: "${topic}". I have no built-in knowledge of this migration, so its steps are carried out by a language model or a person; edit them to add deterministic commands.`,
    entryCriteria: [
      'The project is a git repository with at least one commit and a clean working tree.',
      'The build and the tests pass before the migration.',
    ],
    phases: [
      phase(
        1,
        'Assess',
        steps([
          'List every place the migration touches (code, configuration, build files, CI) and record it in the step summary.',
        ]),
      ),
      phase(2, 'Migrate', migrate),
      phase(3, 'Validation', steps(['Build the project and run its tests; fix what the migration broke.'])),
    ],
    guardrails: [
      'Business logic, public APIs and observable behaviour stay the same.',
      'Leave unrelated code and documentation untouched.',
    ],
    exitCriteria: [
      { id: 'exit-1', text: 'The project builds with the build command.', validator: { validator: 'build' } },
      { id: 'exit-2', text: "The project's tests pass.", validator: { validator: 'tests' } },
    ],
  };
}
