// `validator: node-runtime` — the project's tests pass under the target Node.js (e.g. the
// Lambda nodejs24.x runtime's major), not only under the Node.js that ran the transformation.
// The tests are the repository's code: they run only when the run allows it, and without that
// no Node.js is installed for them either.
import { delimiter } from 'node:path';
import { nodejsTarget } from '../codemods/nodejs-runtime/family.js';
import { ensureNode, NodeInstallError } from './node-install.js';
import { resolveTestCommand } from './project.js';
import { commandEvidence, failed, notRun, runInScope, skipped } from './shell.js';
import { defaultTimeoutMs, type Evidence, type Validator, type ValidatorContext } from './types.js';

function targetMajor(ctx: ValidatorContext, options: Record<string, unknown> | undefined): number | undefined {
  const major = Number(nodejsTarget.read(ctx.targetVersion ?? options?.version));
  return Number.isInteger(major) && major > 0 ? major : undefined;
}

export const nodeRuntime: Validator = async (spec, ctx) => {
  const major = targetMajor(ctx, spec.options);
  if (!major)
    return skipped('No target Node.js version for this run: nothing to check the tests against', {}, 'metric');
  const fromSpec = spec.command?.trim();
  const test = fromSpec ? { command: fromSpec, source: 'criterion' } : await resolveTestCommand(ctx);
  if (!test) {
    return skipped(`No test command to run under Node.js ${major}: package.json has no real test script`, {
      file: 'package.json',
    });
  }
  const permission = await ctx.permit(test.command);
  if (!permission.granted) return notRun(test.command, permission.reason);
  let node;
  try {
    node = await ensureNode(ctx.atxHome, major, { timeoutMs: ctx.timeoutMs ?? defaultTimeoutMs, signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof NodeInstallError)) throw error;
    if (error.run) return { status: 'failed', evidence: [commandEvidence(error.run, ctx, { error: error.message })] };
    return failed(error.message, {}, 'command');
  }
  const evidence: Evidence[] = [];
  if (node.install) evidence.push(commandEvidence(node.install, ctx));
  const env = { PATH: `${node.binDir}${delimiter}${process.env.PATH ?? ''}` };
  // Ask the PATH the tests will see, not the binary we picked: this is the version they ran on.
  const versionRun = await runInScope(ctx, 'node --version', env);
  const ranVersion = versionRun.output.trim();
  const rightMajor = versionRun.exitCode === 0 && ranVersion.startsWith(`v${major}.`);
  evidence.push({
    kind: 'metric',
    summary: `Node.js ${ranVersion || 'unknown'} (${node.source === 'machine' ? "the machine's own" : node.source === 'cache' ? 'cached' : 'installed from the npm registry'}), target ${major}`,
    details: { targetMajor: major, nodeVersion: ranVersion, source: node.source, binDir: node.binDir },
  });
  const testRun = await runInScope(ctx, test.command, env);
  evidence.push(commandEvidence(testRun, ctx, { source: test.source, nodeVersion: ranVersion }));
  const passed = rightMajor && testRun.exitCode === 0 && !testRun.timedOut;
  return { status: passed ? 'passed' : 'failed', evidence };
};
