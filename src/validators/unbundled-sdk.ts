// `validator: unbundled-sdk` — no Lambda function of the transformed tree loads aws-sdk v2 without
// shipping it: on the Node.js 18+ runtime it moves to, such a function would fail at cold start
// ("Cannot find module 'aws-sdk'"). Reads the tracked files only; runs nothing.
import { DEFAULT_TARGET, readTargetVersion } from '../codemods/nodejs-runtime/target.js';
import { isNodeRuntime, lambdaFunctions } from '../lambda/functions.js';
import { describeFunction, unbundledSdkFunctions } from '../lambda/unbundled-sdk.js';
import { listTrackedFiles } from '../planner/analyse.js';
import { DiskRepoView } from '../planner/repo-view.js';
import { scopeDir } from './shell.js';
import type { Evidence, Validator } from './types.js';

export const unbundledSdk: Validator = async (_spec, ctx) => {
  const target = readTargetVersion(ctx.targetVersion) ?? DEFAULT_TARGET;
  const view = new DiskRepoView(scopeDir(ctx), await listTrackedFiles(ctx.worktree, ctx.scope));
  const functions = lambdaFunctions(view);
  const left = unbundledSdkFunctions(view, target, functions);
  const node = functions.filter(isNodeRuntime).length;
  const evidence: Evidence[] = [
    {
      kind: 'metric',
      summary: `${functions.length} Lambda function(s) declared, ${node} on Node.js; ${left.length} load aws-sdk v2 without shipping it on Node.js ${target}`,
      details: { functions: functions.length, nodejs: node, unbundled: left.length, targetVersion: target },
    },
  ];
  for (const u of left) {
    const loads = u.loads.map((l) => `${l.file}:${l.line}`);
    evidence.push({
      kind: 'file',
      summary: `${describeFunction(u.fn)} loads aws-sdk v2 at ${loads.join(', ')} and fails at cold start on nodejs${u.major}.x: ${u.why}`,
      details: {
        function: u.fn.name,
        declaredAt: `${u.fn.file}:${u.fn.line}`,
        handler: u.fn.handlerFile ?? null,
        runtime: u.fn.runtime ?? null,
        loads,
        why: u.why,
      },
    });
  }
  return { status: left.length ? 'failed' : 'passed', evidence };
};
