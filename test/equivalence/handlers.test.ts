// Which handlers the equivalence check runs: a declared function is run when the run changed its
// handler file, a module of the repository it loads (through relative requires and imports, at
// any depth), or its runtime; a changed file no declaration names is run when it exports a
// handler; tests, new handlers and TypeScript are never run, the last two reported.
import { describe, expect, it } from 'vitest';
import { changedHandlers } from '../../src/equivalence/handlers.js';
import { ModuleGraph } from '../../src/lambda/modules.js';
import { memoryRepo } from '../codemods/aws-sdk-v2-to-v3/helpers.js';

const sam = (fns: Record<string, [handler: string, runtime: string]>) =>
  [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    ...Object.entries(fns).flatMap(([name, [handler, runtime]]) => [
      `  ${name}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      `      Handler: ${handler}`,
      `      Runtime: ${runtime}`,
    ]),
  ].join('\n') + '\n';

const files = {
  'template.yaml': sam({
    OrdersFunction: ['src/orders.handler', 'nodejs18.x'],
    UsersFunction: ['src/users.handler', 'nodejs18.x'],
    AuditFunction: ['src/audit.handler', 'nodejs18.x'],
    OldFunction: ['old/index.handler', 'nodejs12.x'],
  }),
  'src/orders.js': "const { save } = require('./lib/store');\nexports.handler = async (e) => save(e);\n",
  'src/lib/store.js': "import { client } from '../../shared/db.js';\nexport const save = (e) => client.put(e);\n",
  'shared/db.js': 'export const client = { put: (e) => e };\n',
  'src/users.js': "const store = require('./lib/other');\nexports.handler = async (e) => e;\n",
  'src/lib/other.js': 'module.exports = {};\n',
  'src/audit.js': 'exports.handler = async (e) => e;\n',
  'old/index.js': 'exports.handler = (e, c, cb) => cb(null, e);\n',
  'scripts/tool.js': 'exports.handler = (e, c, cb) => cb(null, e);\n',
  'test/orders.test.js': 'exports.handler = (e, c, cb) => cb(null, e);\n',
  'src/helper.js': 'module.exports = { handle: () => 1 };\n',
};

describe('changed handlers', () => {
  it('follows relative requires and imports through the repository, at any depth', () => {
    const loaded = new ModuleGraph(memoryRepo(files)).modulesOf('src/orders.js').slice(1);
    expect(loaded.sort()).toEqual(['shared/db.js', 'src/lib/store.js']);
  });

  it('runs what the change reached, with the majors of each side, and leaves the rest alone', () => {
    const after = {
      ...files,
      'template.yaml': files['template.yaml'].replace('nodejs12.x', 'nodejs24.x'),
      'shared/db.js': 'export const client = { put: async (e) => e };\n',
      'scripts/tool.js': 'exports.handler = async (e) => e;\n',
      'test/orders.test.js': 'exports.handler = async (e) => e;\n',
      'src/helper.js': 'module.exports = { handle: () => 2 };\n',
    };
    const { handlers, notRun } = changedHandlers(
      memoryRepo(files),
      memoryRepo(after),
      new Set(['template.yaml', 'shared/db.js', 'scripts/tool.js', 'test/orders.test.js', 'src/helper.js']),
      { targetMajor: 24 },
    );
    expect(notRun).toEqual([]);
    expect(handlers.map((h) => [h.file, h.why, h.sourceMajor, h.targetMajor])).toEqual([
      ['src/orders.js', 'shared/db.js, which it loads, changed', 18, 18],
      ['old/index.js', 'its runtime moved from nodejs12.x to nodejs24.x', 16, 24],
      ['scripts/tool.js', 'its file changed', 22, 24],
    ]);
    expect(handlers[2]!.label).toBe('scripts/tool.js#handler (no declaration names it)');
  });

  it('reports new handlers and TypeScript ones as not run', () => {
    const before = {
      'template.yaml': sam({ TypedFunction: ['src/typed.handler', 'nodejs20.x'] }),
      'src/typed.ts': 'export const handler = (e: unknown, c: unknown, cb: Function) => cb(null, e);\n',
    };
    const after = {
      'template.yaml': sam({
        TypedFunction: ['src/typed.handler', 'nodejs20.x'],
        NewFunction: ['src/new.handler', 'nodejs20.x'],
      }),
      'src/typed.ts': 'export const handler = async (e: unknown) => e;\n',
      'src/new.js': 'exports.handler = async (e) => e;\n',
    };
    const { handlers, notRun } = changedHandlers(
      memoryRepo(before),
      memoryRepo(after),
      new Set(['template.yaml', 'src/typed.ts', 'src/new.js']),
    );
    expect(handlers).toEqual([]);
    expect(notRun.map((n) => [n.file, n.reason])).toEqual([
      ['src/typed.ts', 'TypeScript source: atx does not build the project to run it'],
      ['src/new.js', 'new in this run: there is no earlier version to compare with'],
    ]);
  });
});
