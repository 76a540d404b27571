// Benchmark (issue 18, point 7): the `equivalence` exit criterion on a generated SAM repository of
// callback-style Node.js 22 handlers, each with an API trigger (one generated event plus two
// failing ones, from the fields it reads), against the run's own codemod step. One run of
// `atx custom def exec -n AWS/nodejs-lambda-callback-to-async -x -t --json` through the built CLI
// gives both: the codemod step's durationMs (baseline) and the criterion's own durationMs (atx).
// The Node.js 22 and 24 binaries come from the npm registry through ensureNode; they are kept in
// <tmpdir>/atx-bench-home/cache/node between bench runs (only that folder: ATX_HOME is fresh).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitCommitAll } from './generate.mjs';

const atxBin = fileURLToPath(new URL('../bin/atx.js', import.meta.url));

// Realistic bodies: read the event (path parameter, JSON body), call AWS through SDK v2
// (DocumentClient or S3; callback or .promise()), settle through the callback or context.
const shapes = [
  (i) => `'use strict';
// Item ${i}: reads one item from DynamoDB.
const AWS = require('aws-sdk');
const doc = new AWS.DynamoDB.DocumentClient();
const TABLE = process.env.TABLE_NAME || 'items-${i}';

exports.handler = (event, context, callback) => {
  const id = event.pathParameters.id;
  const filter = JSON.parse(event.body);
  doc.get({ TableName: TABLE, Key: { id } }, (err, data) => {
    if (err) return callback(err);
    const item = data.Item || { id, missing: true };
    callback(null, { statusCode: 200, body: JSON.stringify({ item, filter, n: ${i} }) });
  });
};
`,
  (i) => `'use strict';
// Note ${i}: stores the request body in S3.
const AWS = require('aws-sdk');
const s3 = new AWS.S3();

exports.handler = function (event, context, callback) {
  const note = JSON.parse(event.body);
  const key = 'notes/${i}/' + event.pathParameters.id + '.json';
  s3.putObject({ Bucket: process.env.BUCKET || 'notes-${i}', Key: key, Body: JSON.stringify(note) })
    .promise()
    .then((out) => callback(null, { statusCode: 201, body: JSON.stringify({ key, etag: out.ETag || null }) }))
    .catch((err) => callback(err));
};
`,
  (i) => `'use strict';
// Order ${i}: writes an order, old-style context methods.
const AWS = require('aws-sdk');
const doc = new AWS.DynamoDB.DocumentClient({ convertEmptyValues: true });

exports.handler = (event, context) => {
  context.callbackWaitsForEmptyEventLoop = false;
  const order = JSON.parse(event.body);
  const id = event.pathParameters.id;
  doc
    .put({ TableName: 'orders-${i}', Item: { id, ...order, at: new Date().toISOString() } })
    .promise()
    .then(() => context.succeed({ statusCode: 200, body: JSON.stringify({ id, saved: true }) }))
    .catch((err) => context.fail(err));
};
`,
  (i) => `'use strict';
// Report ${i}: reads an object from S3, answers with a summary.
const AWS = require('aws-sdk');
const s3 = new AWS.S3({ region: 'us-east-1' });

exports.handler = (event, context, callback) => {
  const id = event.pathParameters.id;
  const options = JSON.parse(event.body);
  s3.getObject({ Bucket: 'reports-${i}', Key: 'reports/' + id }, (err, obj) => {
    if (err) {
      callback(null, { statusCode: 404, body: JSON.stringify({ message: err.code, options }) });
      return;
    }
    const text = obj.Body ? obj.Body.toString() : '';
    callback(null, { statusCode: 200, body: JSON.stringify({ id, length: text.length }) });
  });
};
`,
];

const pascal = (i) => `Fn${String(i).padStart(4, '0')}`;

/** The repository: src/fnN/app.js per function, one SAM template declaring them all on nodejs22.x. */
export function generateEquivalenceRepo(dir, handlers) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench-equivalence', private: true, dependencies: { 'aws-sdk': '^2.1692.0' } }, null, 2)}\n`,
  );
  const resources = [];
  for (let i = 0; i < handlers; i++) {
    const path = join(dir, 'src', `fn${i}`, 'app.js');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, shapes[i % shapes.length](i));
    resources.push(`  ${pascal(i)}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/fn${i}/
      Handler: app.handler
      Events:
        Api:
          Type: Api
          Properties:
            Path: /r${i}/{id}
            Method: post
`);
  }
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: generated for the equivalence benchmark

Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 10

Resources:
${resources.join('')}`,
  );
  gitCommitAll(dir);
}

/**
 * ATX_HOME for one run: <tmpdir>/atx-bench-home with everything but cache/node removed, so the
 * runs folder is fresh and the Node.js binaries stay. (A fresh folder linking cache/node would
 * not do: ensureNode's marker records the binary's path through the home it was installed from.)
 * One bench run at a time.
 */
function freshHome() {
  const home = join(tmpdir(), 'atx-bench-home');
  mkdirSync(join(home, 'cache', 'node'), { recursive: true });
  for (const entry of readdirSync(home))
    if (entry !== 'cache') rmSync(join(home, entry), { recursive: true, force: true });
  for (const entry of readdirSync(join(home, 'cache')))
    if (entry !== 'node') rmSync(join(home, 'cache', entry), { recursive: true, force: true });
  return home;
}

function nodeBinary(home, major) {
  try {
    const { binary } = JSON.parse(readFileSync(join(home, 'cache', 'node', String(major), '.atx-node.json'), 'utf8'));
    return existsSync(binary) ? binary : undefined;
  } catch {
    return major === Number(process.versions.node.split('.')[0]) ? process.execPath : undefined;
  }
}

/** Mean wall time of an empty process of `binary` (what each invocation pays before any work). */
function processStartMs(binary, times = 5) {
  let total = 0;
  for (let k = 0; k < times; k++) {
    const started = process.hrtime.bigint();
    execFileSync(binary, ['-e', '0'], { stdio: 'ignore' });
    total += Number(process.hrtime.bigint() - started) / 1e6;
  }
  return total / times;
}

function runExec(repo, home) {
  const started = process.hrtime.bigint();
  let out;
  try {
    out = execFileSync(
      process.execPath,
      [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-lambda-callback-to-async', '-x', '-t', '--json'],
      { env: { ...process.env, ATX_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 },
    );
  } catch (error) {
    // a failed criterion ends the run with a non-zero exit; the summary is still on stdout
    if (!error.stdout?.length) throw new Error(`atx exec failed without a summary: ${error.stderr}`);
    out = error.stdout;
  }
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, summary: JSON.parse(out.toString()) };
}

export function benchEquivalence({ handlers = 200, keep = false } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'atx-bench-equivalence-'));
  try {
    const repo = join(root, 'repo');
    generateEquivalenceRepo(repo, handlers);
    const home = freshHome();
    const { ms: totalMs, summary } = runExec(repo, home);
    const codemod = summary.steps.find((s) => /lambda-callback-to-async|callback/i.test(`${s.id} ${s.title}`));
    if (!codemod) throw new Error(`no codemod step in the summary: ${JSON.stringify(summary.steps)}`);
    const criterion = summary.exitCriteria.find((c) =>
      c.evidence.some((e) => e.kind === 'metric' && e.details && 'eventRuns' in e.details),
    );
    if (!criterion)
      throw new Error(
        `no equivalence evidence: ${JSON.stringify(summary.exitCriteria.map((c) => [c.id, c.status, c.evidence[0]?.summary]))}`,
      );
    const metric = criterion.evidence.find((e) => e.kind === 'metric').details;
    const perHandler = criterion.evidence.filter((e) => e.kind === 'file' && e.details?.handler);
    const same = perHandler.filter((e) => e.details.status === 'equal').length;
    const invocations = metric.eventRuns * 2;
    const problems = perHandler.filter((e) => e.details.status !== 'equal').map((e) => e.summary);
    if (criterion.status !== 'passed' || same !== handlers || metric.different || metric.notChecked)
      throw new Error(
        `equivalence did not find all ${handlers} handlers the same: ${criterion.status}; ${criterion.evidence[0].summary}; ` +
          `first problems: ${problems.slice(0, 3).join(' | ')}` +
          (keep ? `; repository kept at ${repo}` : ''),
      );
    const installed = criterion.evidence.some((e) => e.kind === 'command');
    const starts = [22, 24]
      .map((major) => [major, nodeBinary(home, major)])
      .filter(([, binary]) => binary)
      .map(([major, binary]) => `Node.js ${major} ${processStartMs(binary).toFixed(0)} ms`);
    const parallel = availableParallelism();
    const wallPer = metric.durationMs / invocations;
    return {
      name: `equivalence criterion: ${handlers} callback handlers (SAM nodejs22.x, 22 vs 24), exec -x -t, vs the codemod step`,
      baselineMs: codemod.durationMs,
      atxMs: metric.durationMs,
      ratio: metric.durationMs / codemod.durationMs,
      goal: 'goal: ≤ 10× the codemod time; issue 18 asks it be fast enough to leave on',
      notes:
        `${metric.handlers} handlers: ${same} behave the same, ${metric.different} differ, ${metric.notChecked} not checked; ` +
        `${metric.eventRuns} event runs = ${invocations} invocations, ${wallPer.toFixed(0)} ms wall each ` +
        `(${(wallPer * parallel).toFixed(0)} ms of a child process each, ${parallel} at once); ` +
        `an empty process: ${starts.join(', ')}${installed ? '; Node.js was installed in this run (time included)' : ''}; ` +
        `whole exec ${totalMs.toFixed(0)} ms`,
    };
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = benchEquivalence({
    handlers: Number(process.env.BENCH_EQ_HANDLERS || 200),
    keep: process.env.BENCH_KEEP === '1',
  });
  console.log(JSON.stringify(result, null, 2));
}
