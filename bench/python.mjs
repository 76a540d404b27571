// Benchmark (issue 20): AWS/python-version-upgrade over a generated repository of Python Lambda
// functions (`atx custom def exec --dry-run`: the version declarations and the removals report,
// read with the tree-sitter grammar), against CPython itself parsing the same files (`ast.parse`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const atxBin = new URL('../bin/atx.js', import.meta.url).pathname;

const handler = (i) => `"""Function ${i}: reads an order and answers."""
import json
import os
${i % 7 === 0 ? 'from distutils.util import strtobool\n' : ''}from datetime import datetime, timezone


def price(items):
    return sum(float(item["price"]) * int(item["qty"]) for item in items)


def handler(event, context):
    body = json.loads(event.get("body") or "{}")
    total = price(body.get("items", []))
    stamp = ${i % 5 === 0 ? 'datetime.utcnow()' : 'datetime.now(timezone.utc)'}
    return {"statusCode": 200, "body": json.dumps({"total": total, "at": stamp.isoformat(), "stage": os.environ.get("STAGE")})}
`;

function write(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function generate(repo, files) {
  const paths = [];
  for (let i = 0; i < files; i++) {
    const path = `services/s${Math.floor(i / 50)}/src/fn${i}.py`;
    write(repo, path, handler(i));
    paths.push(path);
  }
  for (let s = 0; s * 50 < files; s++) {
    const resources = Array.from(
      { length: Math.min(50, files - s * 50) },
      (_, k) =>
        `  Fn${k}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: src/fn${s * 50 + k}.handler\n      Runtime: python3.9\n`,
    ).join('');
    write(repo, `services/s${s}/template.yaml`, `Transform: AWS::Serverless-2016-10-31\nResources:\n${resources}`);
    write(
      repo,
      `services/s${s}/pyproject.toml`,
      '[project]\nname = "svc"\nrequires-python = ">=3.9"\n\n[tool.ruff]\ntarget-version = "py39"\n',
    );
  }
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'fleet'], { cwd: repo });
  return paths;
}

const parseScript = `
import ast, sys
root, listing = sys.argv[1], sys.argv[2]
count = 0
for path in open(listing).read().split():
    with open(root + '/' + path, encoding='utf-8') as f:
        count += len(ast.parse(f.read()).body)
print(count)
`;

function timed(fn) {
  const started = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function benchPython({ files = 2000, repeats = 3 } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'atx-bench-python-'));
  const repo = join(root, 'repo');
  const paths = generate(repo, files);
  const list = join(root, 'files.txt');
  writeFileSync(list, paths.join('\n'));
  const home = join(root, 'atx-home');
  const baseline = [];
  const atx = [];
  let summary;
  for (let i = 0; i < repeats; i++) {
    baseline.push(timed(() => execFileSync('python3', ['-c', parseScript, repo, list])).ms);
    const run = timed(() =>
      execFileSync(
        process.execPath,
        [atxBin, 'custom', 'def', 'exec', '-p', repo, '-n', 'AWS/python-version-upgrade', '--dry-run', '--json'],
        {
          env: { ...process.env, ATX_HOME: home },
          stdio: ['ignore', 'pipe', 'ignore'],
          maxBuffer: 1 << 30,
        },
      ),
    );
    atx.push(run.ms);
    summary = JSON.parse(run.value.toString());
  }
  const findings = summary.findings.length;
  const baselineMs = median(baseline);
  const atxMs = median(atx);
  return {
    name: `python-version-upgrade: ${files} Python files, ${Math.ceil(files / 50)} templates and pyproject.toml files (dry run)`,
    baselineMs,
    atxMs,
    ratio: atxMs / baselineMs,
    goal: 'baseline: CPython ast.parse of the same files in one process',
    notes: `${findings} findings; medians of ${repeats}`,
  };
}
