// Campaign throughput: a generated fleet of small repositories, run at concurrency 1 and 2 in
// one process each, in the same bench run; repositories per minute and peak memory of the
// whole process tree (the campaign and its exec children), sampled from /proc.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const atx = join(root, 'bin/atx.js');

/** Called by bench/run.mjs (synchronous): the measurement runs in a child so it can sample memory. */
export function benchCampaign({ repos = 50 } = {}) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', String(repos)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`campaign bench failed (${child.status})`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop());
  return {
    name: `campaign (${repos} repositories, fixtures/campaign/fleet definition)`,
    baselineMs: r.c1.ms,
    atxMs: r.c2.ms,
    ratio: r.c1.ms / r.c2.ms,
    goal: 'concurrency 2 faster than 1 on 2 cores',
    notes: `concurrency 1: ${r.c1.perMinute.toFixed(1)} repos/min, peak ${r.c1.peakMb} MB; concurrency 2: ${r.c2.perMinute.toFixed(1)} repos/min, peak ${r.c2.peakMb} MB; all completed: ${r.c1.completed === repos && r.c2.completed === repos}`,
  };
}

function makeFleet(dir, count) {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'b@b',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'b@b',
  };
  const paths = [];
  for (let i = 0; i < count; i++) {
    const repo = join(dir, `svc-${String(i).padStart(3, '0')}`);
    mkdirSync(join(repo, 'src'), { recursive: true });
    writeFileSync(join(repo, 'src/index.js'), `exports.handler = async () => ({ statusCode: 200, body: '${i}' });\n`);
    writeFileSync(join(repo, 'package.json'), `{ "name": "svc-${i}", "version": "1.0.0" }\n`);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    execFileSync('git', ['add', '-A'], { cwd: repo });
    execFileSync('git', ['commit', '-q', '-m', 'initial'], { cwd: repo, env });
    paths.push(repo);
  }
  writeFileSync(join(dir, 'repos.txt'), `${paths.join('\n')}\n`);
}

/** Sum of VmRSS over a process and all its descendants, from /proc. */
function treeRssKb(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {}
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

async function measure(env, name, concurrency, count) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [atx, 'custom', 'campaign', 'run', '-n', name, '--concurrency', String(concurrency), '--json'],
    { env, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid))), 100);
  await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const ms = performance.now() - started;
  const completed = JSON.parse(out).records.filter((r) => r.status === 'COMPLETED').length;
  return { ms, perMinute: (count * 60_000) / ms, peakMb: Math.round(peak / 1024), completed };
}

if (process.argv[2] === '--measure') {
  const count = Number(process.argv[3]);
  const dir = mkdtempSync(join(tmpdir(), 'atx-bench-campaign-'));
  const env = { ...process.env, ATX_HOME: join(dir, 'home'), NO_COLOR: '1' };
  makeFleet(dir, count);
  const run = (args) =>
    execFileSync(process.execPath, [atx, ...args], { env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  run([
    'custom',
    'def',
    'publish',
    '-n',
    'Bench/fleet',
    '--description',
    'bench',
    '--sd',
    join(root, 'fixtures/campaign/fleet'),
  ]);
  for (const name of ['c1', 'c2'])
    run([
      'custom',
      'campaign',
      'create',
      '-n',
      name,
      '--transformation',
      'Bench/fleet',
      '--repos',
      'repos.txt',
      '-c',
      'true',
    ]);
  const c1 = await measure(env, 'c1', 1, count);
  const c2 = await measure(env, 'c2', 2, count);
  console.log(JSON.stringify({ c1, c2 }));
}
