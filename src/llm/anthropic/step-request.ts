// The one user message that opens an agent step: the transformation it belongs to, what must
// not change, how it is checked, the repository, what was learned and done already, and last
// the step itself, its text exactly as the definition wrote it. Sections are in a fixed order
// and capped, so a large definition or repository keeps the request compact.
import type { Finding } from '../../codemods/types.js';
import type { Plan, PlanStep } from '../../planner/types.js';
import type { AgentContext, DoneStep } from '../types.js';

const caps = { prose: 4000, item: 1000, findings: 30, filesPerStep: 20, message: 300, knowledge: 20 };

export function stepRequest(step: PlanStep, context: Pick<AgentContext, 'plan' | 'progress'>): string {
  const plan = context.plan;
  const sections = plan
    ? [
        transformation(plan),
        list('Constraints and guardrails (never break these; a change that breaks one is not done)', plan.guardrails),
        list(
          'Protected paths (no step may change them: the file tools refuse, and atx reverts any change there before committing)',
          (plan.protectedPaths ?? []).flatMap((p) => p.paths.map((glob) => `${glob} (${p.guardrail})`)),
        ),
        list(
          'Exit criteria (checked after the last step)',
          plan.exitCriteria.map((c) => c.description),
        ),
        target(plan),
        repository(plan),
        list(
          'Learned from earlier runs of this transformation',
          (plan.knowledge?.context ?? []).slice(0, caps.knowledge),
        ),
        list('Said at plan review', plan.feedback),
        progress(context.progress?.steps ?? [], context.progress?.findings ?? []),
      ]
    : [];
  sections.push(theStep(step, plan));
  return sections.filter((s): s is string => Boolean(s)).join('\n\n');
}

function transformation(plan: Plan): string {
  const about = plan.definition;
  const lines = [
    `# Transformation: ${about?.title ?? plan.transformation.name} (${plan.transformation.name} v${plan.transformation.version})`,
  ];
  if (about?.objective) lines.push('', '## Objective', cut(about.objective, caps.prose));
  if (about?.summary) lines.push('', '## Summary', cut(about.summary, caps.prose));
  return lines.join('\n');
}

function target(plan: Plan): string | undefined {
  const { targetVersion, additionalPlanContext } = plan.configuration;
  const lines = [];
  if (targetVersion !== undefined) lines.push(`Target version: ${targetVersion}`);
  if (additionalPlanContext?.trim())
    lines.push(`Additional plan context: ${cut(additionalPlanContext.trim(), caps.prose)}`);
  return lines.length ? ['# Target', ...lines].join('\n') : undefined;
}

function repository(plan: Plan): string {
  const a = plan.analysis;
  const languages = Object.entries(a.languages)
    .sort(([, x], [, y]) => y - x)
    .map(([name, count]) => `${name} ${count}`);
  const lines = [
    '# Repository',
    `Tracked files: ${a.files}${plan.scope ? ` (in ${plan.scope}/, the folder your paths start from)` : ''}`,
  ];
  if (a.packageManager)
    lines.push(`Package manager: ${a.packageManager}${a.lockfile ? ` (lockfile ${a.lockfile})` : ''}`);
  if (languages.length) lines.push(`Languages: ${languages.join(', ')}`);
  if (a.templates.length) lines.push(`Infrastructure templates: ${a.templates.join(', ')}`);
  if (a.testCommand) lines.push(`Test command: ${a.testCommand}`);
  if (plan.configuration.buildCommand)
    lines.push(`Build command (run by atx after each phase): ${plan.configuration.buildCommand}`);
  if (a.tree?.length) lines.push('', 'Files (compact tree):', ...a.tree);
  return lines.join('\n');
}

function progress(steps: DoneStep[], findings: Finding[]): string {
  const lines = ['# Earlier steps of this run'];
  if (steps.length === 0) lines.push('None: this is the first step carried out.');
  for (const step of steps) {
    const files = step.filesChanged.length ? `; changed ${fileList(step.filesChanged)}` : '; changed nothing';
    lines.push(
      `- ${step.id} ${step.title} → ${step.status}${step.reason ? ` (${cut(step.reason, caps.message)})` : ''}${files}`,
    );
    if (step.message) lines.push(`  The model said: ${cut(step.message, caps.message)}`);
  }
  if (findings.length) {
    lines.push('', 'Found so far (for a person to look at):');
    for (const f of findings.slice(0, caps.findings))
      lines.push(`- ${f.file}:${f.line} ${f.rule}: ${cut(f.message, caps.message)}`);
    if (findings.length > caps.findings) lines.push(`- … ${findings.length - caps.findings} more`);
  }
  return lines.join('\n');
}

function theStep(step: PlanStep, plan: Plan | undefined): string {
  const phase = plan?.definition?.phases.find((p) => p.number === step.phase);
  const lines = [`# Your step: ${step.id} (phase ${step.phase}: ${step.phaseTitle})`];
  if (phase?.description) lines.push(`About this phase: ${cut(phase.description, caps.item)}`);
  lines.push('', step.text ?? step.title);
  if (step.targets.length) lines.push('', `Files the step names: ${fileList(step.targets)}`);
  lines.push(
    '',
    'Carry out this step only. When you are done, answer with what you changed; if you change nothing, say why.',
  );
  return lines.join('\n');
}

function list(title: string, items: readonly string[]): string | undefined {
  if (items.length === 0) return undefined;
  return [`# ${title}`, ...items.map((item) => `- ${cut(item, caps.item).replace(/\n/g, '\n  ')}`)].join('\n');
}

function fileList(files: readonly string[]): string {
  const shown = files.slice(0, caps.filesPerStep).join(', ');
  return files.length > caps.filesPerStep ? `${shown} and ${files.length - caps.filesPerStep} more` : shown;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (cut)`;
}
