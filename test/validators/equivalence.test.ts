// validator: equivalence — each handler the run changed is run before and after on the same
// events with the same AWS answers; a conversion that keeps behaviour passes, and each kind of
// broken conversion (a lost return, another error, a v3 call with other parameters, a promise
// that never settles, a callback handler moved to Node.js 24) fails naming the difference. A
// handler that cannot load, or is TypeScript, is reported as not checked and the criterion is
// skipped, never passed; without -t nothing of the repository runs.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runValidator, validatorSpecProblem, type Evidence } from '../../src/validators/index.js';
import { criterion, git, makeRepo, type TempRepo } from './helpers.js';

const spec = { validator: 'equivalence', options: { timeoutMs: 2000 } };
// Node.js 22 and 24 from the npm registry, shared by the test files that need them.
const nodeHome = process.env.ATX_TEST_NODE_HOME ?? join(tmpdir(), 'atx-test-node-home');

function template(functions: Record<string, { file: string; runtime: string; api?: boolean }>): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Transform: AWS::Serverless-2016-10-31', 'Resources:'];
  for (const [name, fn] of Object.entries(functions)) {
    lines.push(
      `  ${name}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      `      Handler: ${fn.file.replace(/\.js$/, '')}.handler`,
      `      Runtime: ${fn.runtime}`,
    );
    if (fn.api)
      lines.push(
        '      Events:',
        '        Get:',
        '          Type: Api',
        '          Properties:',
        '            Path: /items/{id}',
        '            Method: get',
      );
  }
  return `${lines.join('\n')}\n`;
}

// The callback-era handler every case starts from: a DocumentClient read answered by callback.
const v2Get = `const AWS = require('aws-sdk');
const db = new AWS.DynamoDB.DocumentClient();

exports.handler = (event, context, callback) => {
  const id = event.pathParameters.id;
  db.get({ TableName: 'items', Key: { id } }, (err, data) => {
    if (err) return callback(err);
    callback(null, { statusCode: 200, body: JSON.stringify({ id, item: data.Item || null }) });
  });
};
`;

const v3Get = (body: string) => `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

exports.handler = async (event) => {
  const id = event.pathParameters.id;
${body}
};
`;

const converted = v3Get(`  const data = await db.send(new GetCommand({ TableName: 'items', Key: { id } }));
  return { statusCode: 200, body: JSON.stringify({ id, item: data.Item || null }) };`);

const validate = `exports.handler = function (event, context) {
  if (!event.id) return context.fail(new Error('id is required'));
  context.succeed({ id: event.id });
};
`;

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function handlerEvidence(evidence: Evidence[], file: string): Evidence {
  const found = evidence.find((e) => e.details.file === file);
  if (!found) throw new Error(`no evidence for ${file}: ${evidence.map((e) => e.summary).join('\n')}`);
  return found;
}

describe('equivalence validator', () => {
  it('passes a conversion that keeps behaviour and catches each kind of broken one with its difference', async () => {
    const same = { runtime: 'nodejs20.x', api: true };
    const files = {
      'src/right.js': v2Get,
      'src/lost-return.js': v2Get,
      'src/other-params.js': v2Get,
      'src/never-settles.js': v2Get,
      'src/swapped-error.js': validate,
      'src/untouched.js': v2Get,
    };
    repo = makeRepo({
      'template.yaml': template({
        RightFunction: { file: 'src/right.js', ...same },
        LostReturnFunction: { file: 'src/lost-return.js', ...same },
        OtherParamsFunction: { file: 'src/other-params.js', ...same },
        NeverSettlesFunction: { file: 'src/never-settles.js', ...same },
        SwappedErrorFunction: { file: 'src/swapped-error.js', runtime: 'nodejs20.x' },
        UntouchedFunction: { file: 'src/untouched.js', ...same },
      }),
      ...files,
    });
    expect(validatorSpecProblem(spec)).toBeUndefined();
    repo.write('src/right.js', converted);
    repo.write(
      'src/lost-return.js',
      v3Get(`  const data = await db.send(new GetCommand({ TableName: 'items', Key: { id } }));
  const response = { statusCode: 200, body: JSON.stringify({ id, item: data.Item || null }) };`),
    );
    repo.write(
      'src/other-params.js',
      v3Get(`  const data = await db.send(new GetCommand({ TableName: 'item', Key: { id } }));
  return { statusCode: 200, body: JSON.stringify({ id, item: data.Item || null }) };`),
    );
    // Waits for something that never comes while a timer keeps the process busy (with nothing
    // pending at all, the callback-era runtime would answer null, as Lambda does).
    repo.write('src/never-settles.js', v3Get(`  return new Promise(() => setInterval(() => {}, 100));`));
    repo.write(
      'src/swapped-error.js',
      `exports.handler = async (event) => {
  if (!event.id) throw new Error('missing id');
  return { id: event.id };
};
`,
    );
    repo.commit('convert');

    const runDir = join(repo.root, '..', 'run');
    mkdirSync(runDir);
    const result = await runValidator(criterion(spec), repo.ctx({ runDir }));
    expect(result.status).toBe('failed');
    expect(result.evidence[0]!.details).toMatchObject({ handlers: 5, different: 4, notChecked: 0 });
    expect(result.evidence[0]!.summary).toMatch(/^5 changed handler\(s\): 1 behave the same, 4 differ, 0 not checked/);
    // The untouched function is not run at all.
    expect(result.evidence.some((e) => e.details.file === 'src/untouched.js')).toBe(false);

    const right = handlerEvidence(result.evidence, 'src/right.js');
    expect(right.details.status).toBe('equal');
    const rightEvents = right.details.events as { name: string; equal: boolean; before: string }[];
    expect(rightEvents.map((e) => e.name)).toEqual([
      'generated api GET /items/{id}',
      'failing without pathParameters (read at src/right.js:5)',
    ]);
    expect(rightEvents.every((e) => e.equal)).toBe(true);
    expect(rightEvents[0]!.before).toMatch(/^answered \{"body":"\{\\"id\\":/);
    expect(rightEvents[1]!.before).toMatch(/^failed with TypeError: Cannot read properties of undefined/);

    const aspect = (file: string) => {
      const found = handlerEvidence(result.evidence, file);
      expect(found.details.status).toBe('different');
      const first = (found.details.events as { difference?: { aspect: string; summary: string; diff: string } }[]).find(
        (e) => e.difference,
      )!.difference!;
      return { ...first, summary: found.summary };
    };
    const lost = aspect('src/lost-return.js');
    expect(lost.aspect).toBe('outcome');
    expect(lost.summary).toMatch(/differs on the event "generated api GET \/items\/\{id\}": before it answered \{/);
    expect(lost.summary).toMatch(/after it answered null/);

    const params = aspect('src/other-params.js');
    expect(params.aspect).toBe('calls');
    expect(params.summary).toMatch(
      /AWS call 1: before DynamoDBDocument\.Get \{.*"TableName":"items"\}; after DynamoDBDocument\.Get \{.*"TableName":"item"\}/,
    );
    expect(params.diff).toMatch(/^-\s+"TableName": "items"/m);
    expect(params.diff).toMatch(/^\+\s+"TableName": "item"/m);

    const never = aspect('src/never-settles.js');
    expect(never.aspect).toBe('settled');
    expect(never.summary).toMatch(/never settles after the change; before it answered/);

    const swapped = aspect('src/swapped-error.js');
    expect(swapped.aspect).toBe('outcome');
    expect(swapped.summary).toMatch(
      /before it failed with Error: id is required; after it failed with Error: missing id/,
    );
    // The base side was written into the run folder and is gone afterwards; the repository got
    // no worktree of it, and the result worktree is as committed.
    expect(readdirSync(runDir)).toEqual([]);
    expect(git(repo.root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(2);
    expect(git(repo.worktree, 'status', '--porcelain')).toBe('');
  }, 120_000);

  it('reports a handler that cannot load, and a TypeScript one, as not checked: skipped, never passed', async () => {
    repo = makeRepo({
      'template.yaml': template({
        RightFunction: { file: 'src/right.js', runtime: 'nodejs20.x', api: true },
        NativeFunction: { file: 'src/native.js', runtime: 'nodejs20.x' },
        TypedFunction: { file: 'src/typed.ts', runtime: 'nodejs20.x' },
      }),
      'src/right.js': v2Get,
      'src/native.js': `const sharp = require('./build/Release/resize.node');\nexports.handler = (event, context, callback) => callback(null, sharp(event));\n`,
      'src/typed.ts': `export const handler = (event: unknown, context: unknown, callback: (e: null, r: unknown) => void) => callback(null, event);\n`,
    });
    repo.write('src/right.js', converted);
    repo.write(
      'src/native.js',
      `const sharp = require('./build/Release/resize.node');\nexports.handler = async (event) => sharp(event);\n`,
    );
    repo.write('src/typed.ts', `export const handler = async (event: unknown) => event;\n`);
    repo.commit('convert');

    const result = await runValidator(criterion(spec), repo.ctx());
    expect(result.status).toBe('skipped');
    expect(result.evidence[0]!.summary).toMatch(/^3 changed handler\(s\): 1 behave the same, 0 differ, 2 not checked/);
    const native = handlerEvidence(result.evidence, 'src/native.js');
    expect(native.details).toMatchObject({ checked: false, status: 'not-checked' });
    expect(native.summary).toMatch(
      /not checked: it does not load before the change: Runtime\.ImportModuleError: .*resize\.node/,
    );
    const typed = handlerEvidence(result.evidence, 'src/typed.ts');
    expect(typed.details).toMatchObject({ checked: false });
    expect(typed.summary).toContain('not checked (TypeScript source: atx does not build the project to run it)');
  }, 120_000);

  it("installs a function folder's own dependencies and lends them to the base side", async () => {
    const greet = (settle: string) => `const greet = require('greet');\nexports.handler = ${settle};\n`;
    repo = makeRepo({
      'template.yaml': template({ HelloFunction: { file: 'hello/app.js', runtime: 'nodejs20.x' } }),
      'vendor/greet/package.json': '{ "name": "greet", "version": "1.0.0", "main": "index.js" }\n',
      'vendor/greet/index.js': "module.exports = (name) => `hello ${name || 'you'}`;\n",
      'hello/package.json': '{ "name": "hello", "dependencies": { "greet": "file:../vendor/greet" } }\n',
      'hello/app.js': greet('(event, context, callback) => callback(null, greet(event.name))'),
    });
    repo.write('hello/app.js', greet('async (event) => greet(event.name)'));
    repo.commit('convert');
    const result = await runValidator(criterion(spec), repo.ctx());
    expect(result.status).toBe('passed');
    expect(result.evidence.map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/^`\(in hello\) npm install --no-audit --no-fund --no-package-lock` exited 0/),
    );
    const hello = handlerEvidence(result.evidence, 'hello/app.js');
    expect((hello.details.events as { before: string }[])[0]!.before).toBe('answered "hello you"');
    // Only node_modules was added to the result checkout.
    expect(git(repo.worktree, 'status', '--porcelain')).toBe('?? hello/node_modules/');
  }, 120_000);

  it('runs nothing of the repository without -t, and skips when the run changed no handler', async () => {
    repo = makeRepo({
      'template.yaml': template({ RightFunction: { file: 'src/right.js', runtime: 'nodejs20.x', api: true } }),
      'src/right.js': v2Get,
    });
    repo.write('src/right.js', converted);
    repo.commit('convert');
    const asked: string[] = [];
    const refused = await runValidator(
      criterion(spec),
      repo.ctx({
        permit: async (command) => {
          asked.push(command);
          return { granted: false, reason: 'was not run: pass -t to allow it' };
        },
      }),
    );
    expect(refused.status).toBe('skipped');
    expect(asked).toEqual([
      "run 1 changed Lambda handler(s) of the repository before and after the change, under Node.js 20, after installing their folders' dependencies (equivalence check)",
    ]);
    expect(refused.evidence[0]!.summary).toContain('was not run: pass -t to allow it');
    expect(existsSync(join(repo.ctx().atxHome, 'cache'))).toBe(false);

    repo.cleanup();
    repo = makeRepo({
      'template.yaml': template({ RightFunction: { file: 'src/right.js', runtime: 'nodejs20.x', api: true } }),
      'src/right.js': converted,
      'README.md': 'hello\n',
    });
    repo.write('README.md', 'hello again\n');
    repo.commit('docs');
    const none = await runValidator(criterion(spec), repo.ctx());
    expect(none.status).toBe('skipped');
    expect(none.evidence[0]!.summary).toBe('The run changed no Lambda handler: nothing to compare');
  }, 60_000);

  it('runs the base side under the old runtime and the result under the new one: an unconverted callback handler fails on Node.js 24, a message Node.js words anew does not', async () => {
    const parse = (settle: string) => `exports.handler = ${settle} {
  try {
    JSON.parse(event.body);
  } catch (err) {
    return ${settle.includes('callback') ? 'callback(null, ' : '('}{ statusCode: 400, body: err.message });
  }
  return ${settle.includes('callback') ? 'callback(null, ' : '('}{ statusCode: 200 });
};
`;
    repo = makeRepo({
      'template.yaml': template({
        RightFunction: { file: 'src/right.js', runtime: 'nodejs22.x', api: true },
        LeftFunction: { file: 'src/left.js', runtime: 'nodejs22.x', api: true },
        ParseFunction: { file: 'src/parse.js', runtime: 'nodejs20.x' },
        OldFunction: { file: 'src/old.js', runtime: 'nodejs14.x', api: true },
      }),
      'src/right.js': v2Get,
      'src/old.js': v2Get,
      'src/left.js': v2Get,
      'src/parse.js': parse('(event, context, callback) =>'),
      'events/parse.json': '{ "body": "{bad" }\n',
    });
    repo.write(
      'template.yaml',
      template({
        RightFunction: { file: 'src/right.js', runtime: 'nodejs24.x', api: true },
        LeftFunction: { file: 'src/left.js', runtime: 'nodejs24.x', api: true },
        ParseFunction: { file: 'src/parse.js', runtime: 'nodejs24.x' },
        OldFunction: { file: 'src/old.js', runtime: 'nodejs24.x', api: true },
      }),
    );
    repo.write('src/right.js', converted);
    repo.write('src/old.js', converted);
    repo.write('src/parse.js', parse('async (event) =>'));
    repo.commit('upgrade');
    const result = await runValidator(criterion(spec), repo.ctx({ atxHome: nodeHome, runDir: undefined }));
    expect(result.status).toBe('failed');
    const right = handlerEvidence(result.evidence, 'src/right.js');
    expect(right.details).toMatchObject({ status: 'equal', sourceMajor: 22, targetMajor: 24 });
    const left = handlerEvidence(result.evidence, 'src/left.js');
    expect(left.details).toMatchObject({
      status: 'different',
      why: 'its runtime moved from nodejs22.x to nodejs24.x',
    });
    // A runtime older than the check runs is run under Node.js 16, and says so.
    const old = handlerEvidence(result.evidence, 'src/old.js');
    expect(old.details).toMatchObject({ status: 'equal', sourceMajor: 16, targetMajor: 24 });
    expect(old.summary).toContain('Node.js 16 (nodejs14.x run under Node.js 16, the oldest the check runs) → 24');
    expect((old.details.events as { before: string }[])[0]!.before).toMatch(/^answered \{"body":/);
    // Node.js 24 adds "(line 1 column 2)" to JSON.parse's message; the converted handler answers
    // as the unchanged one does under 24: said, not counted as a difference.
    const parsed = handlerEvidence(result.evidence, 'src/parse.js');
    expect(parsed.details).toMatchObject({ status: 'equal', sourceMajor: 20, targetMajor: 24 });
    expect(parsed.summary).toMatch(
      /where the answers differ, Node\.js 24 itself words them differently \(under Node\.js 20 the changed code answers as before\): "repository events\/parse\.json": before it answered \{"body":"Expected property name or '\}' in JSON at position 1","statusCode":400\}; after it answered \{"body":"Expected property name or '\}' in JSON at position 1 \(line 1 column 2\)"/,
    );
    expect(left.summary).toMatch(
      /before it answered \{.*; after it failed with Runtime\.CallbackHandlerDeprecated: .*; the changed code behaves as before under Node\.js 22: Node\.js 24 makes this difference$/,
    );
  }, 300_000);
});
