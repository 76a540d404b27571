// AWS/nodejs-version-upgrade on a TypeScript project whose compiler (4.9) cannot read
// @types/node 24: TypeScript is raised in its own step and commit (1.4), and the runtime step
// after it (2.1) moves @types/node all the way to the target.
import { describe, expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir } from '../helpers/cli.js';

const manifest = `{
  "name": "orders",
  "engines": { "node": ">=16" },
  "devDependencies": {
    "@types/node": "^16.18.0",
    "typescript": "^4.9.5"
  }
}
`;
const template = `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs16.x\n      Handler: index.handler\n`;

describe('TypeScript raised as its own step', () => {
  it('commits the TypeScript raise alone, then moves @types/node to the target', async () => {
    const repo = await makeRepo({
      'package.json': manifest,
      'template.yaml': template,
      'index.ts': 'export const handler = async () => 1;\n',
    });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
      env: { ATX_HOME: await tempDir('atx-home-') },
    });
    const summary = JSON.parse(run.stdout);
    const byId = Object.fromEntries(summary.steps.map((s: any) => [s.id, s]));
    expect(byId['1.4'].commit, run.stderr).toMatch(/^[0-9a-f]{40}$/);
    const raise = await git(repo, ['show', '--format=', '--unified=0', byId['1.4'].commit]);
    expect(raise.split('\n').filter((line) => /^[-+] /.test(line))).toEqual([
      '-    "typescript": "^4.9.5"',
      '+    "typescript": "^5.6.3"',
    ]);
    // The helper gives git's output without its final newline.
    expect(await git(repo, ['show', `${summary.branch}:package.json`])).toBe(
      manifest.replace('">=16"', '">=24"').replace('"^16.18.0"', '"^24.0.0"').replace('"^4.9.5"', '"^5.6.3"').trimEnd(),
    );
    expect(summary.findings.filter((f: any) => f.rule === 'nodejs-runtime/types-node-needs-typescript')).toEqual([]);
    expect(summary.findings.find((f: any) => f.rule === 'nodejs-runtime/typescript-raised')).toMatchObject({
      file: 'package.json',
      line: 6,
    });
  }, 180_000);
});
