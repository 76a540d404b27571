// Builds the plan from a definition and the repository analysis. Reads files, changes nothing.
import type { DefinitionBundle, Step } from '../definitions/types.js';
import { isCodemodName, loadCodemod } from '../codemods/index.js';
import type { TargetVersion } from '../codemods/types.js';
import type { RepoAnalysis } from './analyse.js';
import type { RunConfiguration } from './config.js';
import { compactTree, namedFiles } from './facts.js';
import { lookAt } from './held-back.js';
import { DiskRepoView } from './repo-view.js';
import { targetVersionFor } from './target.js';
import type { Plan, PlanStep } from './types.js';

export { expandValidator, targetVersionFor } from './target.js';

export interface PlanInput {
  runId: string;
  bundle: DefinitionBundle;
  transformation: { name: string; version: string; origin: string };
  repository: string;
  scope: string;
  /** Absolute folder holding the checkout the steps will see (worktree + scope). */
  checkoutDir: string;
  baseCommit: string;
  branch: string | null;
  configuration: RunConfiguration;
  analysis: RepoAnalysis;
  hasModel: boolean;
  /** The view of `checkoutDir` to read (a dry run goes on with it, reading every file once); default: a new one. */
  view?: DiskRepoView;
}

export async function createPlan(input: PlanInput): Promise<Plan> {
  const { configuration, analysis } = input;
  const definition = input.bundle.definition;
  const targetVersion = targetVersionFor(definition, configuration);
  const view = input.view ?? new DiskRepoView(input.checkoutDir, analysis.files);
  const steps: PlanStep[] = [];
  for (const phase of input.bundle.definition.phases) {
    for (const step of phase.steps) {
      steps.push(await planStep(step, phase.number, phase.title, view, analysis.files, targetVersion, input.hasModel));
    }
  }
  return {
    schemaVersion: 1,
    runId: input.runId,
    createdAt: new Date().toISOString(),
    transformation: input.transformation,
    repository: input.repository,
    scope: input.scope,
    baseCommit: input.baseCommit,
    branch: input.branch,
    configuration: {
      buildCommand: configuration.buildCommand,
      validationCommands: configuration.validationCommands,
      additionalPlanContext: configuration.additionalPlanContext,
      targetVersion,
    },
    definition: {
      title: definition.title,
      objective: definition.objective,
      summary: definition.summary,
      phases: definition.phases.map((phase) => ({
        number: phase.number,
        title: phase.title,
        ...(phase.description ? { description: phase.description } : {}),
      })),
    },
    analysis: {
      files: analysis.files.length,
      languages: analysis.languages,
      packageManager: analysis.packageManager,
      lockfile: analysis.lockfile,
      templates: analysis.templates,
      testCommand: analysis.packageJson?.testScript ? testCommandFor(analysis) : undefined,
      tree: compactTree(analysis.files),
    },
    steps,
    exitCriteria: definition.exitCriteria.map((criterion) => ({
      id: criterion.id,
      description: criterion.text,
      validator: criterion.validator,
    })),
    guardrails: input.bundle.definition.guardrails,
    // Protected paths (issue 13): each with the text of the guardrail that names them, for the findings.
    ...(definition.protectedPaths?.length
      ? {
          protectedPaths: definition.protectedPaths.map((p) => ({
            guardrail: definition.guardrails[p.guardrail - 1]!,
            paths: p.paths,
          })),
        }
      : {}),
    feedback: [],
  };
}

export function testCommandFor(analysis: RepoAnalysis): string {
  const manager = analysis.packageManager ?? 'npm';
  return manager === 'npm' ? 'npm test' : `${manager} test`;
}

/**
 * A short title for a step: its first sentence, cut at a word near 72 characters. Emphasis
 * marks and code quotes go; characters of names stay (`MIGRATION_NOTES.md`, `snake_case`, `*`).
 * The whole text is kept beside it (PlanStep.text).
 */
export function stepTitle(text: string): string {
  const plain = plainLine(text.split('\n')[0]!).trim();
  const sentence = /^(.+?[.:;])(\s|$)/.exec(plain)?.[1] ?? plain;
  if (sentence.length <= 72) return sentence.replace(/[:;]$/, '');
  const cut = sentence.slice(0, 72);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).replace(/[,;:]$/, '')}…`;
}

/** One line of markdown as plain text: code spans unquoted as they are, emphasis around words dropped. */
function plainLine(line: string): string {
  return line
    .split(/(`+)(.*?)\1/)
    .map((part, i) => {
      // split with two groups: [text, ticks, code, text, ticks, code, …]
      if (i % 3 === 1) return '';
      if (i % 3 === 2) return part;
      // A closing mark followed by `.name` is part of a name (`__init__.py`), not emphasis.
      return part
        .replace(/(^|[^\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\2(?![\w*]|\.\w)/g, '$1$3')
        .replace(/(^|[^\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\2(?![\w*]|\.\w)/g, '$1$3');
    })
    .join('');
}

async function planStep(
  step: Step,
  phase: number,
  phaseTitle: string,
  view: DiskRepoView,
  files: readonly string[],
  targetVersion: TargetVersion | undefined,
  hasModel: boolean,
): Promise<PlanStep> {
  const base = {
    id: step.id,
    phase,
    phaseTitle,
    title: stepTitle(step.text),
    text: step.text,
    action: step.action,
    retries: step.action?.retries ?? 0,
    dependsOn: step.action?.dependsOn ?? [],
  };
  const action = step.action;
  if (action && 'codemod' in action && isCodemodName(action.codemod)) {
    const options: Record<string, unknown> = { ...action.options };
    // A step that names its own target (one rung of a version ladder) keeps it.
    if (targetVersion !== undefined && options.targetVersion === undefined) options.targetVersion = targetVersion;
    const codemod = await loadCodemod(action.codemod);
    for (const [key, value] of Object.entries(codemod.planOptions?.(view, options) ?? {})) options[key] ??= value;
    // Files held back (not UTF-8, links out) count: the step then runs and reports them.
    const targets = lookAt(codemod, view, options).candidates;
    return {
      ...base,
      kind: 'codemod',
      options,
      targets,
      expectedChange:
        targets.length === 0
          ? `nothing to change: no file matches ${codemod.name}`
          : `${codemod.description} (${targets.length} candidate file${targets.length === 1 ? '' : 's'})`,
      status: targets.length === 0 ? 'no-change' : 'pending',
    };
  }
  if (action && 'command' in action) {
    return {
      ...base,
      kind: 'command',
      options: {},
      targets: [],
      expectedChange: `runs \`${action.command}\``,
      status: 'pending',
    };
  }
  return {
    ...base,
    kind: 'agent',
    options: {},
    // The files its text names, so the model starts from them.
    targets: namedFiles(step.text, files),
    expectedChange: hasModel
      ? 'carried out by the model with file and command tools'
      : 'needs a language model (ANTHROPIC_API_KEY)',
    status: hasModel ? 'pending' : 'needs-model',
  };
}
