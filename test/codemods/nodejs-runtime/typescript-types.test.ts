// `@types/node` and `@tsconfig/nodeNN` move only as far as the project's TypeScript can read;
// short of the target is a finding that names the TypeScript the target needs.
import { describe, expect, it } from 'vitest';
import { nodejs } from '../../../src/codemods/nodejs-runtime/language.js';
import { SurfaceContext } from '../../../src/codemods/runtime-upgrade/surface.js';
import { packageJson } from '../../../src/codemods/nodejs-runtime/surfaces/package-json.js';
import { tsconfig } from '../../../src/codemods/nodejs-runtime/surfaces/tsconfig.js';
import { inlineRepo } from './helpers.js';

/** One surface on `path`, with `files` as the repository (or only the file itself). */
function run(surface: typeof packageJson, files: Record<string, string>, path: string, withRepo = true) {
  const text = files[path];
  const ctx = new SurfaceContext(path, nodejs, 24, text, withRepo ? inlineRepo(files) : undefined);
  return { text: surface.apply(text, ctx), findings: ctx.findings };
}

// The package.json of a CDK v1 app as `cdk init` wrote it in 2020: tabs, an exact @types/node pin.
const cdkV1 = `{
\t"name": "widget-service",
\t"version": "0.1.0",
\t"devDependencies": {
\t\t"@types/node": "10.17.5",
\t\t"typescript": "~3.7.2"
\t},
\t"dependencies": {
\t\t"@aws-cdk/aws-lambda": "1.30.0",
\t\t"@aws-cdk/core": "1.30.0"
\t}
}
`;

describe('@types/node', () => {
  it('moves an exact pin to the newest major TypeScript 3.7 reads, keeping every other byte, and says what 24 needs', () => {
    for (const withRepo of [true, false]) {
      const { text, findings } = run(packageJson, { 'package.json': cdkV1 }, 'package.json', withRepo);
      // 16.0.0 declares typeScriptVersion 3.6; 18.0.0 declares 4.0 and 24.0.0 declares 5.1.
      expect(text).toBe(cdkV1.replace('"10.17.5"', '"16.0.0"'));
      expect(findings).toEqual([
        expect.objectContaining({
          file: 'package.json',
          line: 5,
          rule: 'nodejs-runtime/types-node-needs-typescript',
          severity: 'manual',
        }),
      ]);
      expect(findings[0].message).toContain('needs TypeScript 5.1 or later');
      expect(findings[0].message).toContain('TypeScript "~3.7.2" (package.json)');
      expect(findings[0].message).toContain('"16.0.0"');
    }
  });

  it('reads a caret range as the newest release of each major, and leaves it when none above it fits', () => {
    const pkg = cdkV1.replace('"10.17.5"', '"^10.17.0"');
    const { text, findings } = run(packageJson, { 'package.json': pkg }, 'package.json');
    // ^12 installs 12.20.55 (TypeScript 3.9), ^16 installs 16.18.126 (5.0): nothing above 10 fits 3.7.
    expect(text).toBe(pkg);
    expect(findings).toMatchObject([{ line: 5, rule: 'nodejs-runtime/types-node-needs-typescript' }]);
    expect(findings[0].message).toContain('needs TypeScript 5.6 or later');
    expect(findings[0].message).toContain('stays "^10.17.0"');
  });

  it('takes the TypeScript the lockfile resolves over the declared range', () => {
    const pkg = '{\n  "devDependencies": {\n    "@types/node": "^18.19.0",\n    "typescript": "^5.0.4"\n  }\n}\n';
    const lock = (ts: string) =>
      JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/typescript': { version: ts } } });
    const newer = run(packageJson, { 'package.json': pkg, 'package-lock.json': lock('5.9.3') }, 'package.json');
    expect(newer.text).toBe(pkg.replace('^18.19.0', '^24.0.0'));
    expect(newer.findings).toEqual([]);
    const older = run(packageJson, { 'package.json': pkg, 'package-lock.json': lock('5.3.3') }, 'package.json');
    expect(older.text).toBe(pkg.replace('^18.19.0', '^20.0.0'));
    expect(older.findings[0].message).toContain('TypeScript 5.3.3 (package-lock.json)');
  });

  it('finds the TypeScript of a workspace package in the root package.json, and moves freely without any', () => {
    const root = '{ "private": true, "workspaces": ["infra"], "devDependencies": { "typescript": "4.9.5" } }';
    const infra = '{ "devDependencies": { "@types/node": "~18.11.9" } }';
    const { text } = run(packageJson, { 'package.json': root, 'infra/package.json': infra }, 'infra/package.json');
    expect(text).toBe(infra.replace('~18.11.9', '~22.0.0'));
    const plain = '{ "devDependencies": { "@types/node": "^18.0.0" } }';
    expect(run(packageJson, { 'package.json': plain }, 'package.json')).toEqual({
      text: plain.replace('^18.0.0', '^24.0.0'),
      findings: [],
    });
  });

  it('treats `*` and `latest` TypeScript as the newest', () => {
    for (const range of ['*', 'latest']) {
      const pkg = `{ "devDependencies": { "@types/node": "^20.0.0", "typescript": "${range}" } }`;
      expect(run(packageJson, { 'package.json': pkg }, 'package.json').text).toBe(pkg.replace('^20.0.0', '^24.0.0'));
    }
  });
});

describe('@tsconfig/nodeNN', () => {
  const pkg =
    '{\n  "devDependencies": {\n    "@tsconfig/node18": "^18.2.4",\n    "@types/node": "^18.19.0",\n    "typescript": "~5.6.3"\n  }\n}\n';
  const config = '{\n  // the deployed LTS\n  "extends": "@tsconfig/node18/tsconfig.json",\n  "include": ["src"],\n}\n';

  it('moves the base and the extends that names it to the same newest base TypeScript reads', () => {
    const files = { 'package.json': pkg, 'tsconfig.json': config };
    const manifest = run(packageJson, files, 'package.json');
    // @tsconfig/node24 needs 5.9 (lib ESNext.Error), node22 5.7 (lib es2024), node20 5.0; @types/node 24 needs 5.6.
    expect(manifest.text).toBe(
      pkg.replace('"@tsconfig/node18": "^18.2.4"', '"@tsconfig/node20": "^20.0.0"').replace('^18.19.0', '^24.0.0'),
    );
    expect(manifest.findings).toMatchObject([
      { line: 3, rule: 'nodejs-runtime/tsconfig-base-needs-typescript', severity: 'manual' },
    ]);
    expect(manifest.findings[0].message).toContain('needs TypeScript 5.9 or later');
    const extended = run(tsconfig, files, 'tsconfig.json');
    expect(extended.text).toBe(config.replace('@tsconfig/node18/', '@tsconfig/node20/'));
    expect(extended.findings).toMatchObject([{ line: 3, rule: 'nodejs-runtime/tsconfig-base-needs-typescript' }]);
  });

  it('moves both to the target when TypeScript reads it', () => {
    const files = { 'package.json': pkg.replace('~5.6.3', '~5.9.2'), 'tsconfig.json': config };
    expect(run(tsconfig, files, 'tsconfig.json')).toEqual({ text: config.replace('node18', 'node24'), findings: [] });
    expect(run(packageJson, files, 'package.json').text).toContain('"@tsconfig/node24": "^24.0.0"');
  });

  it('without the repository, package.json and tsconfig.json still agree', () => {
    const files = { 'package.json': pkg, 'tsconfig.json': config };
    const manifest = run(packageJson, files, 'package.json', false).text;
    const extended = run(tsconfig, files, 'tsconfig.json', false).text;
    const base = (text: string) => /@tsconfig\/node(\d+)/.exec(text)![1];
    expect(base(manifest)).toBe(base(extended));
  });
});
