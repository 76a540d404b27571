// Benchmark (issue 6): the aws-sdk-v2-to-v3 migration of a generated repository of typical v2
// code, atx (`custom def exec --dry-run` through the built CLI) against aws-sdk-js-codemod@3
// (jscodeshift; installed here from the npm registry, never a dependency of atx), in the same run
// on identical copies of the corpus. Also: the codemod function on one file holding 100, 200 and
// 400 clients, to see that the time per client stays flat. The many-client files are kept out of
// the shared corpus: aws-sdk-js-codemod grows much faster than linearly with clients per file
// (about 8 s for 25 clients, 18 s for 50, 120 s for 100 on a 2-core machine), so a 400-client
// file would dominate its run for an hour; its per-file curve is sampled at 25 and 50 instead.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const atxBin = process.env.ATX_BENCH_BIN || fileURLToPath(new URL('../bin/atx.js', import.meta.url));
const codemodModule = join(dirname(atxBin), '..', 'dist', 'codemods', 'aws-sdk-v2-to-v3', 'index.js');

// Typical v2 files, one per shape; `i` makes every file distinct.
const shapes = [
  (i) => `'use strict';
// Notes ${i}: copy an object between buckets.
const AWS = require('aws-sdk');
const s3 = new AWS.S3({ region: process.env.AWS_REGION, maxRetries: 3 });

exports.handler = async (event) => {
  const obj = await s3.getObject({ Bucket: event.from, Key: 'note-${i}' }).promise();
  const text = obj.Body.toString();
  await s3.putObject({ Bucket: event.to, Key: 'note-${i}', Body: text.toUpperCase() }).promise();
  return { length: text.length };
};
`,
  (i) => `'use strict';
// Users ${i}: DocumentClient reads and conditional writes.
const AWS = require('aws-sdk');
const doc = new AWS.DynamoDB.DocumentClient({ convertEmptyValues: true });
const TABLE = process.env.TABLE || 'users-${i}';

async function save(user) {
  try {
    await doc.put({ TableName: TABLE, Item: user, ConditionExpression: 'attribute_not_exists(id)' }).promise();
    return 'created';
  } catch (err) {
    if (err.code === 'ConditionalCheckFailedException') return 'exists';
    throw err;
  }
}

const byTeam = (team) => doc.query({ TableName: TABLE, IndexName: 'team', KeyConditionExpression: 'team = :t', ExpressionAttributeValues: { ':t': team } })
  .promise()
  .then((r) => r.Items);

module.exports = { save, byTeam, get: (id) => doc.get({ TableName: TABLE, Key: { id } }).promise() };
`,
  (i) => `'use strict';
// Queue ${i}: node-style callbacks.
const SQS = require('aws-sdk/clients/sqs');
const sqs = new SQS({ apiVersion: '2012-11-05' });

exports.enqueue = (job, done) => {
  sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify({ job, n: ${i} }) }, (err, data) => {
    if (err) return done(new Error('queue failed: ' + err.code));
    done(null, data.MessageId);
  });
};
`,
  (i) => `import AWS from 'aws-sdk';

// Events ${i}: SNS and Lambda from an ES module.
const sns = new AWS.SNS();
const lambda = new AWS.Lambda({ region: 'eu-west-1' });

export async function announce(topic, message) {
  const res = await sns.publish({ TopicArn: topic, Message: message, Subject: 'event ${i}' }).promise();
  return res.MessageId;
}

export async function price(sku) {
  const out = await lambda.invoke({ FunctionName: 'pricing', Payload: JSON.stringify({ sku, n: ${i} }) }).promise();
  return JSON.parse(out.Payload).price;
}
`,
  (i) => `'use strict';
// Config ${i}: global configuration and secrets.
const AWS = require('aws-sdk');
AWS.config.update({ region: 'us-west-2' });
const secrets = new AWS.SecretsManager();
const ssm = new AWS.SSM();

exports.load = async () => {
  const s = await secrets.getSecretValue({ SecretId: 'app/${i}' }).promise();
  const p = await ssm.getParameter({ Name: '/app/${i}/flag', WithDecryption: true }).promise();
  return { secret: JSON.parse(s.SecretString), flag: p.Parameter.Value };
};
`,
  (i) => `'use strict';
// Util ${i}: no SDK at all; most repositories have many of these.
exports.format = (n) => 'item-' + String(n + ${i}).padStart(6, '0');
exports.sum = (xs) => xs.reduce((a, b) => a + b, 0);
`,
];

function write(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** One file with `n` clients, each used once. */
export function manyClients(n) {
  const services = ['S3', 'SQS', 'SNS', 'Lambda', 'DynamoDB', 'SSM'];
  const ops = {
    S3: 'listBuckets',
    SQS: 'listQueues',
    SNS: 'listTopics',
    Lambda: 'listFunctions',
    DynamoDB: 'listTables',
    SSM: 'describeParameters',
  };
  const lines = [`'use strict';`, `const AWS = require('aws-sdk');`];
  for (let i = 0; i < n; i++)
    lines.push(`const c${i} = new AWS.${services[i % services.length]}({ region: 'r${i % 7}' });`);
  for (let i = 0; i < n; i++)
    lines.push(`exports.f${i} = async () => (await c${i}.${ops[services[i % services.length]]}({}).promise());`);
  return `${lines.join('\n')}\n`;
}

/** The corpus as a git repository; returns the source paths. */
export function generateAwsRepo(root, files) {
  const paths = [];
  for (let i = 0; i < files; i++) {
    const path = `src/m${Math.floor(i / 100)}/f${i}.js`;
    write(root, path, shapes[i % shapes.length](i));
    paths.push(path);
  }
  write(
    root,
    'package.json',
    `${JSON.stringify({ name: 'bench-aws', version: '1.0.0', dependencies: { 'aws-sdk': '^2.1692.0' } }, null, 2)}\n`,
  );
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'corpus');
  return paths;
}

function timed(fn) {
  const started = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

// The codemod function itself on one file, best of ten after a warm-up (run in a child so this
// module stays synchronous like the other benchmarks).
const scalingScript = `
const { codemod } = await import(process.argv[1]);
const { readFileSync } = await import('node:fs');
const sizes = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
const repos = Object.entries(sizes).map(([n, text]) => [n, { files: ['big.js'], read: () => text }]);
for (let k = 0; k < 5; k++) for (const [, repo] of repos) codemod.run(repo, {}); // warm the JIT on every size first
for (const [n, repo] of repos) {
  const times = [];
  for (let k = 0; k < 10; k++) {
    globalThis.gc?.(); // a collection left over from the last size is not this size's time
    const t = process.hrtime.bigint();
    const r = codemod.run(repo, {});
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!r.changes.get('big.js')?.includes('Client(')) throw new Error('not converted: ' + n);
  }
  out[n] = Math.min(...times);
}
process.stdout.write(JSON.stringify(out));
`;

function perClientScaling(counts = [100, 200, 400]) {
  const sizes = Object.fromEntries(counts.map((n) => [n, manyClients(n)]));
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--input-type=module', '-e', scalingScript, codemodModule],
    { input: JSON.stringify(sizes), maxBuffer: 1 << 26 },
  );
  return JSON.parse(out.toString());
}

/** aws-sdk-js-codemod on one file of `n` clients (a fresh copy each time). */
function baselineScaling(root, prefix, counts) {
  const out = {};
  for (const n of counts) {
    const file = join(root, `clients-${n}.js`);
    writeFileSync(file, manyClients(n));
    out[n] = timed(() =>
      execFileSync('npx', ['aws-sdk-js-codemod', '-t', 'v2-to-v3', file], { cwd: prefix, stdio: 'ignore' }),
    ).ms;
  }
  return out;
}

function installBaseline(root) {
  const prefix = join(root, 'baseline');
  mkdirSync(prefix, { recursive: true });
  execFileSync(
    'npm',
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', 'aws-sdk-js-codemod@3'],
    { stdio: 'ignore' },
  );
  if (!existsSync(join(prefix, 'node_modules', '.bin', 'aws-sdk-js-codemod')))
    throw new Error('aws-sdk-js-codemod did not install');
  return prefix;
}

export function benchAwsSdk({ files = 2000 } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'atx-bench-aws-'));
  try {
    const repo = join(root, 'repo');
    generateAwsRepo(repo, files);
    const prefix = installBaseline(root);
    const copy = join(root, 'baseline-copy');
    cpSync(repo, copy, { recursive: true });
    const baseline = timed(() =>
      execFileSync('npx', ['aws-sdk-js-codemod', '-t', 'v2-to-v3', join(copy, 'src')], {
        cwd: prefix,
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 1 << 28,
      }).toString(),
    );
    const atx = timed(() =>
      execFileSync(
        process.execPath,
        [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-aws-sdk-v2-to-v3', '--dry-run', '--json'],
        {
          env: { ...process.env, ATX_HOME: join(root, 'atx-home') },
          stdio: ['ignore', 'pipe', 'ignore'],
          maxBuffer: 1 << 30,
        },
      ),
    );
    const summary = JSON.parse(atx.value.toString());
    const changed = new Set(summary.steps.flatMap((s) => s.filesChanged)).size;
    const ok = /(\d+) ok/.exec(baseline.value)?.[1] ?? '?';
    const scaling = perClientScaling();
    const perClient = Object.entries(scaling)
      .map(([n, ms]) => `${n}: ${(ms / Number(n)).toFixed(3)} ms/client`)
      .join(', ');
    const base = baselineScaling(root, prefix, [25, 50]);
    const basePerClient = Object.entries(base)
      .map(([n, ms]) => `${n}: ${(ms / Number(n)).toFixed(0)} ms/client`)
      .join(', ');
    const linearity = scaling[400] / 400 / (scaling[100] / 100);
    return {
      name: `aws-sdk-v2-to-v3: ${files} files, atx exec --dry-run vs aws-sdk-js-codemod@3`,
      baselineMs: baseline.ms,
      atxMs: atx.ms,
      ratio: baseline.ms / atx.ms,
      goal: 'ratio >= 3 (atx at least 3x faster); per-client time flat from 100 to 400 clients',
      notes: `atx changed ${changed} files with ${summary.findings.length} findings, aws-sdk-js-codemod ${ok} ok; one file: ${perClient} (400 vs 100 per client: ${linearity.toFixed(2)}x); aws-sdk-js-codemod on one file: ${basePerClient}`,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The codemod's time per client in one file, from 100 to 1600 clients: linear means flat. No
 * baseline and no network; `node bench/aws-sdk.mjs linearity` (after `npm run build`) prints it
 * and exits 1 when the time per client at 1600 is more than twice that at 100 (a pass over the
 * whole file for each client gives 2.5 to 3 times; a linear run on a busy machine about 1.1 to 1.5).
 */
export function benchAwsSdkLinearity({ sizes = [100, 200, 400, 800, 1600], limit = 2 } = {}) {
  const scaling = perClientScaling(sizes);
  const perClient = Object.fromEntries(Object.entries(scaling).map(([n, ms]) => [n, ms / Number(n)]));
  const growth = perClient[sizes.at(-1)] / perClient[sizes[0]];
  return {
    name: `aws-sdk-v2-to-v3: one file of ${sizes.join(', ')} clients`,
    perClient,
    growth,
    ok: growth <= limit,
    goal: `time per client at ${sizes.at(-1)} clients at most ${limit}x that at ${sizes[0]}`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'linearity') {
  const result = benchAwsSdkLinearity();
  console.log(result.name);
  const cells = Object.entries(result.perClient)
    .map(([n, ms]) => `${n}: ${ms.toFixed(3)} ms/client`)
    .join(', ');
  console.log(`  ${cells}; ${result.growth.toFixed(2)}x (${result.goal}): ${result.ok ? 'ok' : 'NOT LINEAR'}`);
  process.exitCode = result.ok ? 0 : 1;
}
