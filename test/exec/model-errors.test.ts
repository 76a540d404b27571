// The model's availability is not a step's failure. An unreachable model skips the agent step
// and every later one without asking again, the rest of the run goes on, and the run stays
// resumable; a reached limit stops the run like an interrupt (exit 130) with the step pending.
// Both are continued by a resume. (The client turns SDK errors into these; here the agent hook
// throws them, as the client will.)
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { humanSummary } from '../../src/executor/summary-text.js';
import { exitCodeOf, InterruptedError } from '../../src/errors.js';
import { execDefinition, resumeRun, type ExecIO } from '../../src/executor/index.js';
import type { StepOutcome } from '../../src/executor/steps.js';
import { latestUnfinishedRun } from '../../src/executor/state.js';
import { exitCodeFor } from '../../src/executor/summary.js';
import { ModelConfigError, ModelLimitError, ModelUnavailableError } from '../../src/llm/errors.js';
import type { AgentRun } from '../../src/llm/types.js';
import type { PlanStep } from '../../src/planner/types.js';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';
import { failure } from '../helpers/failure.js';

const definition = `# Notes around a runtime move

## Objective
Agent steps around a codemod.

## Summary
Two agent steps and a codemod.

## Implementation Steps

### Phase 1: Runtime
1. Write NOTES.md naming the runtime.
2. Move the runtime.
   \`\`\`atx
   codemod: nodejs-runtime-upgrade
   \`\`\`

### Phase 2: More notes
1. Write MORE.md.

## Validation / Exit Criteria
- No Node.js 18 remains in .nvmrc.
  \`\`\`atx
  validator: no-match
  pattern: '^18'
  paths: ['.nvmrc']
  \`\`\`
`;

const request = {
  transformationName: 'Test/model-errors',
  configuration: 'targetVersion=22',
  nonInteractive: true,
  trustAllTools: true,
  doNotLearn: true,
  dryRun: false,
};

let home: string;
beforeAll(async () => {
  home = await tempDir('atx-home-');
  const sd = await tempDir('atx-def-');
  await writeFile(join(sd, 'transformation_definition.md'), definition);
  const published = await atx(
    ['custom', 'def', 'publish', '-n', request.transformationName, '--description', 'd', '--sd', sd],
    { env: { ATX_HOME: home } },
  );
  expect(published.exitCode, published.stderr).toBe(0);
});

const files: Record<string, string> = { '1.1': 'NOTES.md', '2.1': 'MORE.md' };

/** A model that works: writes the step's file, and keeps what it was told of the run. */
function workingModel(calls: string[], told: Record<string, AgentRun>) {
  return async (step: PlanStep, checkoutDir: string, run: AgentRun): Promise<StepOutcome> => {
    calls.push(step.id);
    told[step.id] = run;
    await writeFile(join(checkoutDir, files[step.id]!), `${step.id}\n`);
    return { status: 'completed', findings: [], written: [files[step.id]!] };
  };
}

function io(repo: string, hooks: Partial<ExecIO>, log: string[] = []): ExecIO {
  return {
    cwd: repo,
    env: { ...process.env, ATX_HOME: home },
    log: (line) => log.push(line),
    hasModel: true,
    ...hooks,
  };
}

async function stateOf(
  runId: string,
): Promise<{ status: string; steps: Array<{ id: string; status: string; reason?: string }> }> {
  return JSON.parse(await readFile(join(home, 'runs', runId, 'state.json'), 'utf8'));
}

async function atxCommits(repo: string, branch: string): Promise<string[]> {
  return (await git(repo, ['log', '--format=%s', `main..${branch}`])).split('\n').filter(Boolean).reverse();
}

describe('when the model is unavailable', () => {
  it('agent steps are skipped as model-unavailable without asking it again, the codemod still runs, and a resume with a model does them', async () => {
    const repo = await makeRepo({ '.nvmrc': '18\n', 'README.md': '# svc\n' });
    const asked: string[] = [];
    const why = 'api.anthropic.com: 529 overloaded_error: Overloaded (request req_123)';
    const log: string[] = [];
    const unavailable = async (step: PlanStep): Promise<StepOutcome> => {
      asked.push(step.id);
      throw new ModelUnavailableError(why, { host: 'api.anthropic.com', status: 529 });
    };
    const summary = await execDefinition(
      { ...request, codeRepositoryPath: repo },
      io(repo, { agent: unavailable }, log),
    );

    expect(asked).toEqual(['1.1']);
    expect(summary.steps.map((s) => [s.id, s.status, s.reason])).toEqual([
      ['1.1', 'skipped', `model-unavailable: ${why}`],
      ['1.2', 'completed', undefined],
      ['2.1', 'skipped', `model-unavailable: ${why}`],
    ]);
    expect(summary.status).toBe('partial');
    expect(exitCodeFor(summary)).toBe(0);
    expect(summary.exitCriteria[0]!.status).toBe('passed');
    expect(summary.resume).toEqual({
      reason: expect.stringMatching(/model was unavailable: agent steps 1\.1, 2\.1 were skipped/),
      command: `atx --conversation-id ${summary.runId}`,
    });
    expect(await readFile(summary.reportPath!, 'utf8')).toContain(
      `Run \`atx --conversation-id ${summary.runId}\` to carry them out.`,
    );
    expect(humanSummary(summary)).toContain(`Continue with \`atx --conversation-id ${summary.runId}\`.`);
    expect(log.join('\n')).toContain(`2.1 Write MORE.md.\n  – skipped (model-unavailable: ${why})`);
    expect(await atxCommits(repo, summary.branch!)).toEqual(['atx: 1.2 Move the runtime.']);
    // Resumable: `atx --resume` finds it.
    expect((await stateOf(summary.runId)).status).toBe('interrupted');
    expect(await latestUnfinishedRun(home)).toBe(summary.runId);

    const calls: string[] = [];
    const told: Record<string, AgentRun> = {};
    const resumed = await resumeRun(summary.runId, io(repo, { agent: workingModel(calls, told) }));
    expect(calls).toEqual(['1.1', '2.1']);
    expect(resumed.steps.map((s) => [s.id, s.status])).toEqual([
      ['1.1', 'completed'],
      ['1.2', 'completed'],
      ['2.1', 'completed'],
    ]);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.resume).toBeUndefined();
    // The run's progress reaches the model: the codemod's change before 1.1, 1.1's before 2.1.
    expect(told['1.1']!.progress.steps).toContainEqual(
      expect.objectContaining({ id: '1.2', status: 'completed', filesChanged: ['.nvmrc'] }),
    );
    expect(told['2.1']!.progress.steps.map((s) => s.id)).toEqual(['1.1', '1.2']);
    expect(told['2.1']!.plan.steps[2]!.text).toBe('Write MORE.md.');
    expect(await atxCommits(repo, summary.branch!)).toEqual([
      'atx: 1.2 Move the runtime.',
      'atx: 1.1 Write NOTES.md naming the runtime.',
      'atx: 2.1 Write MORE.md.',
    ]);
    expect((await stateOf(summary.runId)).status).toBe('completed');
    expect(await latestUnfinishedRun(home)).toBeUndefined();
  });
});

describe('when the model limit is reached', () => {
  it('the run stops like an interrupt with the step pending, nothing of it committed, and a resume continues it', async () => {
    const repo = await makeRepo({ '.nvmrc': '18\n', 'README.md': '# svc\n' });
    const calls: string[] = [];
    const limited = async (step: PlanStep, checkoutDir: string, run: AgentRun): Promise<StepOutcome> => {
      if (step.id === '1.1') return workingModel(calls, {})(step, checkoutDir, run);
      calls.push(step.id);
      // Half a step's work, then the limit.
      await writeFile(join(checkoutDir, 'HALF.md'), 'half\n');
      throw new ModelLimitError('this run used 1200 of its 1000 tokens', '2000');
    };
    const error = await failure(execDefinition({ ...request, codeRepositoryPath: repo }, io(repo, { agent: limited })));
    expect(error).toBeInstanceOf(InterruptedError);
    expect(exitCodeOf(error)).toBe(130);
    expect((error as Error).message).toMatch(
      /^model limit reached \(this run used 1200 of its 1000 tokens\); continue with `atx --conversation-id \S+ --limit 2000`$/,
    );
    expect(calls).toEqual(['1.1', '2.1']);

    const runId = (await latestUnfinishedRun(home))!;
    const state = await stateOf(runId);
    expect(state.status).toBe('interrupted');
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['1.1', 'completed'],
      ['1.2', 'completed'],
      ['2.1', 'pending'],
    ]);
    expect(existsSync(join(home, 'runs', runId, 'summary.json'))).toBe(false);

    const again: string[] = [];
    const resumed = await resumeRun(runId, io(repo, { agent: workingModel(again, {}) }));
    expect(again).toEqual(['2.1']);
    expect(resumed.status).toBe('succeeded');
    const branch = resumed.branch!;
    expect(await atxCommits(repo, branch)).toEqual([
      'atx: 1.1 Write NOTES.md naming the runtime.',
      'atx: 1.2 Move the runtime.',
      'atx: 2.1 Write MORE.md.',
    ]);
    expect(await git(repo, ['ls-tree', '--name-only', branch])).not.toContain('HALF.md');
  });
});

describe('when the model configuration is wrong', () => {
  it('the run stops with exit 2 at the first agent step, which stays pending, and the run can be resumed', async () => {
    const repo = await makeRepo({ '.nvmrc': '18\n', 'README.md': '# svc\n' });
    const misconfigured = async (): Promise<StepOutcome> => {
      throw new ModelConfigError('model "claude-nope" is not known to api.anthropic.com (404 not_found_error)');
    };
    const error = await failure(
      execDefinition({ ...request, codeRepositoryPath: repo }, io(repo, { agent: misconfigured })),
    );
    expect(error).toBeInstanceOf(ModelConfigError);
    expect(exitCodeOf(error)).toBe(2);
    const runId = (await latestUnfinishedRun(home))!;
    const state = await stateOf(runId);
    expect(state.status).toBe('interrupted');
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['1.1', 'pending'],
      ['1.2', 'pending'],
      ['2.1', 'pending'],
    ]);

    const resumed = await resumeRun(runId, io(repo, { agent: workingModel([], {}) }));
    expect(resumed.status).toBe('succeeded');
  });
});
