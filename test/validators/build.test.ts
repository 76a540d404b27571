import { afterEach, describe, expect, it } from 'vitest';
import { runValidator } from '../../src/validators/index.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

// The "build" writes a real bundle from the project's source, so the metric evidence
// measures files the command produced.
const buildScript = `
const fs = require('node:fs');
fs.mkdirSync('dist/lib', { recursive: true });
fs.writeFileSync('dist/index.js', fs.readFileSync('src/index.js'));
fs.writeFileSync('dist/lib/extra.js', 'x'.repeat(1000));
console.log('built 2 files');
`;

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe('build validator', () => {
  it('passes when the build command exits 0 and measures the build output', async () => {
    repo = makeRepo({ 'build.cjs': buildScript, 'src/index.js': 'exports.handler = async () => 1;\n' });
    const result = await runValidator(criterion({ validator: 'build' }), repo.ctx({ buildCommand: 'node build.cjs' }));
    expect(result.status).toBe('passed');
    const [run, metric] = result.evidence;
    expect(run.kind).toBe('command');
    expect(run.details).toMatchObject({ command: 'node build.cjs', exitCode: 0, timedOut: false, cwd: '.' });
    expect(run.details.durationMs).toEqual(expect.any(Number));
    expect(run.details.outputTail).toContain('built 2 files');
    expect(metric.kind).toBe('metric');
    const sourceBytes = 'exports.handler = async () => 1;\n'.length;
    expect(metric.details).toEqual({ path: 'dist', totalBytes: sourceBytes + 1000, fileCount: 2 });
    expect(metric.summary).toContain('dist/: 2 files');
  });

  it('fails with the exit code and only the last 40 lines of output', async () => {
    repo = makeRepo({
      'build.cjs':
        'for (let i = 1; i <= 100; i++) console.log("line " + i);\nconsole.error("TS2304: Cannot find name");\nprocess.exit(3);\n',
    });
    const result = await runValidator(criterion({ validator: 'build' }), repo.ctx({ buildCommand: 'node build.cjs' }));
    expect(result.status).toBe('failed');
    const details = result.evidence[0].details;
    expect(details.exitCode).toBe(3);
    const tailLines = String(details.outputTail).split('\n');
    expect(tailLines).toHaveLength(40);
    expect(tailLines.at(-1)).toBe('TS2304: Cannot find name');
    expect(tailLines).not.toContain('line 60');
    expect(result.evidence[0].summary).toContain('exited 3');
    // No output folder: no metric evidence.
    expect(result.evidence.filter((e) => e.kind === 'metric')).toEqual([]);
  });

  it('is skipped with a reason when there is no build command', async () => {
    repo = makeRepo({ 'index.js': '' });
    const result = await runValidator(criterion({ validator: 'build' }), repo.ctx());
    expect(result.status).toBe('skipped');
    expect(result.evidence[0].summary).toMatch(/no build command/i);
  });

  it("runs in the scope folder and measures that package's outputs (SAM and CDK too)", async () => {
    repo = makeRepo({
      'packages/api/build.cjs':
        "const fs=require('node:fs');fs.mkdirSync('.aws-sam/build/Fn',{recursive:true});fs.writeFileSync('.aws-sam/build/Fn/app.js','abc');" +
        "fs.mkdirSync('cdk.out',{recursive:true});fs.writeFileSync('cdk.out/manifest.json','{}');",
      'dist/root-only.js': 'not in scope',
    });
    const result = await runValidator(
      criterion({ validator: 'build' }),
      repo.ctx({ scope: 'packages/api', buildCommand: 'node build.cjs' }),
    );
    expect(result.status).toBe('passed');
    expect(result.evidence[0].details.cwd).toBe('packages/api');
    const metrics = result.evidence.filter((e) => e.kind === 'metric').map((e) => e.details);
    expect(metrics).toEqual([
      { path: '.aws-sam/build', totalBytes: 3, fileCount: 1 },
      { path: 'cdk.out', totalBytes: 2, fileCount: 1 },
    ]);
  });

  it('a command in the criterion wins over -c, and a hung build times out as failed', async () => {
    repo = makeRepo({ 'index.js': '' });
    const result = await runValidator(
      criterion({ validator: 'build', command: 'node -e "setTimeout(() => {}, 30000)"' }),
      repo.ctx({ buildCommand: 'true', timeoutMs: 500 }),
    );
    expect(result.status).toBe('failed');
    expect(result.evidence[0].details).toMatchObject({
      timedOut: true,
      command: 'node -e "setTimeout(() => {}, 30000)"',
    });
    expect(result.evidence[0].summary).toContain('timed out');
  });
});
