// The base and the result checkouts live in different folders: what a handler reports about
// where it runs reads as Lambda's task root, so the same code answers the same from either.
import { describe, expect, it } from 'vitest';
import { checkout, invoke } from './helpers.js';

const files = {
  'where.js': `const fs = require('fs');
exports.handler = async () => ({ file: __filename, cwd: process.cwd(), root: process.env.LAMBDA_TASK_ROOT });`,
  'read-missing.js': `exports.handler = async () => require('fs').promises.readFile(__dirname + '/config/absent.json', 'utf8');`,
  'missing-package.js': `const jwt = require('not-installed-package');\nexports.handler = async () => jwt;`,
};
const first = checkout(files);
const second = checkout(files);

describe('paths of the checkout', () => {
  it('read as /var/task in answers, errors and init errors, whichever checkout ran', async () => {
    const names = Object.keys(files);
    const [a, b] = await Promise.all(
      [first, second].map((repo) => Promise.all(names.map((file) => invoke(repo.root(), file, 22)))),
    );
    expect(first.root()).not.toBe(second.root());
    expect(a!.map((r) => r.outcome)).toEqual(b!.map((r) => r.outcome));
    expect(a![0]!.outcome).toEqual({
      kind: 'resolved',
      value: { file: '/var/task/where.js', cwd: '/var/task', root: '/var/task' },
    });
    expect(a![1]!.outcome).toEqual({
      kind: 'error',
      name: 'Error',
      message: "ENOENT: no such file or directory, open '/var/task/config/absent.json'",
    });
    expect(a![2]!.outcome).toEqual({
      kind: 'not-loaded',
      reason: "Runtime.ImportModuleError: Cannot find module 'not-installed-package'",
    });
  });
});
