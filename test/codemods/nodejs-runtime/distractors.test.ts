// The mixed repository: what must not change stays byte-identical, and every YAML output
// still parses with its CloudFormation tags in place.
import { join } from 'node:path';
import { isNode, parseDocument, visit, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { codemod } from '../../../src/codemods/nodejs-runtime/index.js';
import { cloudFormationTags } from '../../../src/codemods/runtime-upgrade/yaml-doc.js';
import { fixturesRoot, readTree, repoOf, runOn } from './helpers.js';

const input = readTree(join(fixturesRoot, 'mixed', 'input'));

const distractors = [
  'README.md',
  'CHANGELOG.md',
  'docs/upgrade.md',
  'docs/example-template.yaml',
  'fixtures/sample/template.yaml',
  '__fixtures__/event.json',
  'testdata/.nvmrc',
  'test/__snapshots__/stack.test.ts.snap',
  'data/runtimes.json',
  'src/version.ts',
  'template-python.yaml',
];

function tags(doc: Document): string[] {
  const found: string[] = [];
  visit(doc, (_key, node) => {
    if (isNode(node) && node.tag) found.push(node.tag);
  });
  return found;
}

describe('mixed repository', () => {
  it('leaves documentation, fixtures, data and other runtimes byte-identical', async () => {
    const { result, tree } = await runOn(codemod, input);
    for (const path of distractors) {
      expect(input.has(path)).toBe(true);
      expect(tree.get(path)).toBe(input.get(path));
      expect(result.changes.has(path)).toBe(false);
    }
    // Candidates come from cheap text tests: a Python template that mentions nodejs20.x in a
    // description is looked at (and left alone); excluded folders and formats never are.
    const candidates = codemod.candidates(repoOf(input), {});
    expect(candidates.filter((path) => distractors.includes(path))).toEqual(['template-python.yaml']);
    expect(candidates.filter((path) => path !== 'template-python.yaml')).toEqual([...result.changes.keys()].sort());
  });

  it('keeps YAML valid with every CloudFormation short tag intact', async () => {
    const { tree } = await runOn(codemod, input);
    for (const path of ['template.yaml', 'serverless.yml', 'buildspec.yml', '.github/workflows/ci.yml']) {
      const before = parseDocument(input.get(path)!, { customTags: cloudFormationTags });
      const after = parseDocument(tree.get(path)!, { customTags: cloudFormationTags });
      expect(after.errors).toEqual([]);
      expect(after.warnings).toEqual([]);
      expect(tags(after)).toEqual(tags(before));
    }
    const template = parseDocument(tree.get('template.yaml')!, { customTags: cloudFormationTags }).toJS();
    expect(template.Globals.Function.Runtime).toBe('nodejs24.x');
    expect(template.Resources.CreateOrder.Properties.Runtime).toBe('nodejs24.x');
    expect(template.Resources.Report.Properties.Runtime).toBe('python3.12');
    expect(template.Resources.SharedLayer.Properties.CompatibleRuntimes).toEqual(['nodejs24.x', 'python3.12']);
    expect(template.Resources.Edge.Properties.Code.ZipFile).toContain("runtime: 'nodejs20.x'");
  });

  it('keeps JSON and TypeScript outputs valid', async () => {
    const { tree } = await runOn(codemod, input);
    const pkg = JSON.parse(tree.get('package.json')!);
    expect(pkg.engines).toEqual({ node: '>=24.0.0', npm: '>=10' });
    expect(pkg.devDependencies['@tsconfig/node24']).toBe('^24.0.0');
    expect(ts.parseConfigFileTextToJson('tsconfig.json', tree.get('tsconfig.json')!).config.extends).toBe(
      '@tsconfig/node24/tsconfig.json',
    );
    const cdk = ts.transpileModule(tree.get('lib/api-stack.ts')!, {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext },
    });
    expect(cdk.diagnostics).toEqual([]);
    expect(JSON.parse(tree.get('infra/stack.template.json')!).Resources.Fn.Properties.Runtime).toBe('nodejs24.x');
  });

  it('reports findings with file and 1-based line', async () => {
    const { result } = await runOn(codemod, input);
    for (const finding of result.findings) {
      expect(input.has(finding.file)).toBe(true);
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.rule).toMatch(/^nodejs-runtime\//);
    }
    // The template already has a nodejs24.x function; with target 22 it is reported, not downgraded.
    const lower = await runOn(codemod, input, { targetVersion: 22 });
    expect(lower.result.findings).toContainEqual(
      expect.objectContaining({ file: 'template.yaml', line: 49, rule: 'nodejs-runtime/newer-than-target' }),
    );
  });
});
