// Each fixture repository: input → codemod (target 3.13, the default) → output, compared byte for
// byte, with the findings it must give; a second run on the output changes nothing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, fixturesRoot, readTree, runTwice, writeTree } from './helpers.js';

/** Each case and its findings (`file:line rule severity`). */
const cases: Record<string, string[]> = {
  // Globals, a quoted per-function runtime, a layer, SAM's BuildMethod; the Node.js function stays.
  'sam-yaml': ['template.yaml:12 al2023-runtime warning', 'template.yaml:62 layer-runtimes-kept info'],
  // A parameter's default and allowed values, a function, a layer; nodejs18.x stays.
  'cloudformation-json': [
    'infra/stack.template.json:7 al2023-runtime warning',
    'infra/stack.template.json:34 layer-runtimes-kept info',
  ],
  // provider.runtime and a function's own; python3.10 (deprecated) leaves the layer too.
  serverless: ['serverless.yml:6 al2023-runtime warning'],
  terraform: ['infra/main.tf:15 al2023-runtime warning', 'infra/main.tf:31 layer-runtimes-kept info'],
  // yum becomes dnf only under the image that moves from Amazon Linux 2 (3.9), not under 3.12 → 3.13.
  dockerfile: [
    'Dockerfile:1 al2023-runtime warning',
    'pinned/Dockerfile:1 pinned-digest manual',
    'pinned/Dockerfile:4 image-variant warning',
  ],
  'github-actions': [],
  'gitlab-ci': ['.gitlab-ci.yml:20 al2023-runtime warning', '.gitlab-ci.yml:35 newer-than-target info'],
  buildspec: [],
  'version-files': [
    '.python-version:1 pinned-patch info',
    '.tool-versions:2 pinned-patch info',
    'runtime.txt:1 pinned-patch info',
  ],
  pyproject: [],
  'pyproject-poetry': [],
  pipfile: ['Pipfile:15 pinned-release manual'],
  'setup-cfg': [],
  'tox-ini': ['tox.ini:17 newer-than-target info'],
  'setup-py': [],
  // The lockfile installs aws-cdk-lib 2.150.0, which has no PYTHON_3_13 (2.167.0): the constructor form.
  'cdk-typescript': [
    'lib/ingest-stack.ts:15 al2023-runtime warning',
    'lib/ingest-stack.ts:11 layer-runtimes-kept info',
    'lib/ingest-stack.ts:11 cdk-runtime-constructor manual',
  ],
  // requirements.txt pins aws-cdk-lib 2.170.0, which has PYTHON_3_13.
  'cdk-python': ['stacks/api_stack.py:10 al2023-runtime warning', 'stacks/api_stack.py:23 layer-runtimes-kept info'],
  repository: [
    'infra/alarms.template.json:8 al2023-runtime warning',
    'template.yaml:7 al2023-runtime warning',
    'template.yaml:40 layer-runtimes-kept info',
  ],
};

describe('python-runtime-upgrade fixtures (target 3.13)', () => {
  for (const [name, findings] of Object.entries(cases)) {
    it(name, async () => {
      const input = readTree(join(fixturesRoot, name, 'input'));
      const { result, tree } = await runTwice(input);
      const outputDir = join(fixturesRoot, name, 'output');
      // Regenerate on purpose only (ATX_UPDATE_FIXTURES=1), then review the diff by hand.
      if (process.env.ATX_UPDATE_FIXTURES === '1') writeTree(outputDir, tree);
      expect(existsSync(outputDir)).toBe(true);
      expect(Object.fromEntries(tree)).toEqual(Object.fromEntries(readTree(outputDir)));
      expect(result.changes.size).toBeGreaterThan(0);
      expect(brief(result.findings)).toEqual(findings);
    });
  }
});
