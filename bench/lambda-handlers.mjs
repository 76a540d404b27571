// Benchmark (issue 4): a generated repository of handler files through the whole
// `atx custom def exec --dry-run`, against merely parsing the same files with the same compiler.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHandlerRepo } from './generate.mjs';

const atxBin = new URL('../bin/atx.js', import.meta.url).pathname;

/** Parse-only in a fresh process: load the TypeScript compiler atx uses (ts-morph's, alone), read, parse. */
const parseOnlyScript = `
const ts = require('@ts-morph/common/dist/typescript.js');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const [root, list] = [process.argv[1], process.argv[2]];
const files = readFileSync(list, 'utf8').split('\\n').filter(Boolean);
let nodes = 0;
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  const kind = file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  nodes += sf.statements.length;
}
process.stdout.write(String(nodes));
`;

function timed(fn) {
  const started = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

export function benchLambdaHandlers({ files = 5000, repeats = 3 } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'atx-bench-handlers-'));
  const repo = join(root, 'repo');
  const paths = generateHandlerRepo(repo, files);
  const list = join(root, 'files.txt');
  writeFileSync(list, paths.join('\n'));
  const home = join(root, 'atx-home');
  const parse = [];
  const atx = [];
  const oneWorker = [];
  let summary;
  const runAtx = (env) =>
    timed(() =>
      execFileSync(
        process.execPath,
        [
          atxBin,
          'custom',
          'def',
          'exec',
          '-p',
          repo,
          '-n',
          'AWS/nodejs-lambda-callback-to-async',
          '--dry-run',
          '--json',
        ],
        {
          env: { ...process.env, ATX_HOME: home, ...env },
          stdio: ['ignore', 'pipe', 'ignore'],
          maxBuffer: 1 << 30,
        },
      ),
    );
  for (let i = 0; i < repeats; i++) {
    parse.push(
      timed(() =>
        execFileSync(process.execPath, ['-e', parseOnlyScript, repo, list], {
          cwd: new URL('..', import.meta.url).pathname,
        }),
      ).ms,
    );
    const run = runAtx({});
    atx.push(run.ms);
    summary = JSON.parse(run.value.toString());
    // The same run with one worker thread beside the main one (the default depends on the cores).
    const shared = runAtx({ ATX_WORKERS: '1' });
    oneWorker.push(shared.ms);
    if (JSON.stringify(JSON.parse(shared.value.toString()).diff) !== JSON.stringify(summary.diff))
      throw new Error('the default and a worker thread give different diffs');
  }
  const changed = new Set(summary.steps.flatMap((s) => s.filesChanged)).size;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    name: `lambda-callback-to-async: ${files} files, exec --dry-run vs parse-only`,
    baselineMs: median(parse),
    atxMs: median(atx),
    ratio: median(atx) / median(parse),
    goal: 'ratio <= 2',
    notes: `${changed} files converted, ${summary.findings.length} findings; first run ${atx[0].toFixed(0)} ms (ratio ${(atx[0] / median(parse)).toFixed(2)}x, in a fresh ATX_HOME: on Node.js 20 the compiler's compiled code comes from the build's dist/cache/v8); with one worker thread (ATX_WORKERS=1) ${median(oneWorker).toFixed(0)} ms, ratio ${(median(oneWorker) / median(parse)).toFixed(2)}x`,
  };
}
