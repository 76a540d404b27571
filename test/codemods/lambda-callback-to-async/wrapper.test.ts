// Inline before/after cases that need the Promise wrapper, and the cases left alone with a finding.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fixture-tree.js';
import { convert } from './helpers.js';

const settle = (cb: string, resolve = 'resolve', reject = 'reject') =>
  `const ${cb} = (err, result) => (err !== undefined && err !== null ? ${reject}(err) : ${resolve}(result));`;

describe('lambda-callback-to-async: Promise wrapper', () => {
  it('a callback called from an fs callback', () => {
    const { code, findings } = convert(
      `const fs = require('fs');\n\nexports.handler = function (event, context, callback) {\n  fs.readFile(event.path, 'utf8', (err, data) => {\n    if (err) return callback(err);\n    callback(null, data.length);\n  });\n};\n`,
    );
    expect(code).toBe(
      `const fs = require('fs');\n\nexports.handler = async function (event, context) { return new Promise((resolve, reject) => {\n  ${settle('callback')}\n  fs.readFile(event.path, 'utf8', (err, data) => {\n    if (err) return callback(err);\n    callback(null, data.length);\n  });\n}); };\n`,
    );
    expect(findings).toEqual([]);
  });

  it('.then(…).catch(callback): the callback passed as a value', () => {
    const { code, findings } = convert(
      `exports.handler = (event, context, cb) => {\n  work(event).then((r) => cb(null, r)).catch(cb);\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async (event, context) => new Promise((resolve, reject) => {\n  ${settle('cb')}\n  work(event).then((r) => cb(null, r)).catch(cb);\n});\n`,
    );
    expect(findings).toEqual([]); // the chain settles the invocation: not an unawaited promise
  });

  it('the callback handed to a function of another module', () => {
    const { code } = convert(
      `const { process } = require('./records');\nexports.handler = (event, context, callback) => {\n  process(event.records, callback);\n};\n`,
    );
    expect(code).toContain(
      `new Promise((resolve, reject) => {\n  ${settle('callback')}\n  process(event.records, callback);\n});`,
    );
  });

  it('code that still runs after callback(...) without return keeps running', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  callback(null, 'accepted');\n  audit.push(event);\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async (event, context) => new Promise((resolve, reject) => {\n  ${settle('callback')}\n  callback(null, 'accepted');\n  audit.push(event);\n});\n`,
    );
  });

  it('callback(err) inside a try whose catch does more than rethrow', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  try {\n    if (!event.id) callback(new Error('no id'));\n    else callback(null, event.id);\n  } catch (e) {\n    callback(new Error('wrapped: ' + e.message));\n  }\n};\n`,
    );
    expect(code).toContain('=> new Promise((resolve, reject) => {');
    expect(code).toContain(`  } catch (e) {\n    callback(new Error('wrapped: ' + e.message));\n  }`);
  });

  it('an error argument whose nullness is only known at run time', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  callback(event.error, 'result');\n};\n`,
    );
    expect(code).toContain(settle('callback'));
  });

  it('a callback call inside try/finally', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  try {\n    callback(null, 1);\n  } finally {\n    cleanup();\n  }\n};\n`,
    );
    expect(code).toContain('=> new Promise(');
  });

  it('context.succeed/fail/done used from a timer become resolve/reject/local callback', () => {
    const { code } = convert(
      `exports.handler = function (event, context) {\n  setTimeout(function () {\n    if (event.fail) context.fail(new Error('x'));\n    else if (event.done) context.done(null, 'd');\n    else context.succeed('s');\n  }, 5);\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async function (event, context) { return new Promise((resolve, reject) => {\n  ${settle('callback')}\n  setTimeout(function () {\n    if (event.fail) reject(new Error('x'));\n    else if (event.done) callback(null, 'd');\n    else resolve('s');\n  }, 5);\n}); };\n`,
    );
  });

  it('picks fresh names when resolve/reject are taken, and leaves template text as it was', () => {
    const { code } = convert(
      `const { resolve } = require('path');\nexports.handler = (event, context, callback) => {\n  const reject = 1;\n  setImmediate(() => callback(null, \`a\nb \${resolve(event.p)}\`));\n};\n`,
    );
    expect(code).toBe(
      `const { resolve } = require('path');\nexports.handler = async (event, context) => new Promise((resolve2, reject2) => {\n  ${settle('callback', 'resolve2', 'reject2')}\n  const reject = 1;\n  setImmediate(() => callback(null, \`a\nb \${resolve(event.p)}\`));\n});\n`,
    );
  });

  it('keeps CRLF line endings and tab indentation', () => {
    const before =
      'exports.handler = (event, context, callback) => {\r\n\tsetImmediate(() => {\r\n\t\tcallback(null, 1);\r\n\t});\r\n};\r\n';
    const { code } = convert(before);
    expect(code).toBe(
      `exports.handler = async (event, context) => new Promise((resolve, reject) => {\r\n\t${settle('callback')}\r\n\tsetImmediate(() => {\r\n\t\tcallback(null, 1);\r\n\t});\r\n});\r\n`,
    );
  });

  it('keeps blank lines and comments, removes the callbackWaits line', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  context.callbackWaitsForEmptyEventLoop = false;\n\n  // fetch the item\n  db.get(event.id, (err, item) => {\n    callback(err, item);\n  });\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async (event, context) => new Promise((resolve, reject) => {\n  ${settle('callback')}\n\n  // fetch the item\n  db.get(event.id, (err, item) => {\n    callback(err, item);\n  });\n});\n`,
    );
  });
});

describe('lambda-callback-to-async: the wrapper keeps the diff reviewable', () => {
  /** Lines removed and added by turning `before` into `after`. */
  const changedLines = (before: string, after: string) => {
    const parts = diffLines(before, after);
    const lines = (p: { value: string }) => p.value.replace(/\n$/, '').split('\n');
    return {
      removed: parts.filter((p) => p.removed).flatMap(lines),
      added: parts.filter((p) => p.added).flatMap(lines),
    };
  };

  it('a 70-line handler: only its first and last lines change, and the local callback is added', () => {
    const before = readFileSync(join(FIXTURES, 'large-handler/input/report.js'), 'utf8');
    const { code, changed } = convert(before, 'report.js');
    expect(changed).toBe(true);
    expect(before.split('\n').length).toBeGreaterThan(70);
    expect(changedLines(before, code)).toEqual({
      removed: ['exports.handler = function (event, context, callback) {', '};'],
      added: [
        'exports.handler = async function (event, context) { return new Promise((resolve, reject) => {',
        `  ${settle('callback')}`,
        '}); };',
      ],
    });
  });

  it('an arrow handler with context.succeed/fail in callbacks: the changed lines are the ones that settle', () => {
    const body = Array.from({ length: 40 }, (_, i) => `  const step${i} = event.values[${i}] * 2;`).join('\n');
    const before = `exports.handler = (event, context) => {\n${body}\n  setImmediate(() => {\n    if (event.fail) context.fail(new Error('failed'));\n    else context.succeed(step0);\n  });\n};\n`;
    const { removed, added } = changedLines(before, convert(before).code);
    expect(removed).toEqual([
      'exports.handler = (event, context) => {',
      "    if (event.fail) context.fail(new Error('failed'));",
      '    else context.succeed(step0);',
      '};',
    ]);
    expect(added).toEqual([
      'exports.handler = async (event, context) => new Promise((resolve, reject) => {',
      "    if (event.fail) reject(new Error('failed'));",
      '    else resolve(step0);',
      '});',
    ]);
  });
});

describe('lambda-callback-to-async: left alone', () => {
  const unchanged = (code: string, file = 'src/index.js') => {
    const result = convert(code, file);
    expect(result.code).toBe(code);
    expect(result.changed).toBe(false);
    return result.findings;
  };

  it('Express-style (req, res, next) middleware', () => {
    expect(
      unchanged(
        `exports.auth = (req, res, next) => {\n  if (!req.user) return next(new Error('401'));\n  next();\n};\n`,
      ),
    ).toEqual([]);
  });

  it('a three-argument utility and a non-exported callback helper', () => {
    expect(
      unchanged(
        `export function retry(task, attempts, done) {\n  task((err) => (err && attempts > 1 ? retry(task, attempts - 1, done) : done(err)));\n}\nfunction helper(event, context, callback) {\n  callback(null, event);\n}\nexport const handler = async (event, context) => helper(event, context, () => {});\n`,
        'src/util.mjs',
      ),
    ).toEqual([]);
  });

  it('a response-streaming handler', () => {
    expect(
      unchanged(
        `export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {\n  responseStream.end('ok');\n});\n`,
        'src/index.mjs',
      ),
    ).toEqual([]);
  });

  it('an async handler that also calls its callback: manual finding', () => {
    const findings = unchanged(
      `\nexports.handler = async (event, context, callback) => {\n  const r = await work(event);\n  callback(null, r);\n};\n`,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'src/index.js',
        line: 2,
        rule: 'lambda-callback/unconvertible',
        severity: 'manual',
      }),
    ]);
    expect(findings[0]!.message).toMatch(/async/);
  });

  it('a handler that returns a promise and calls its callback', () => {
    const findings = unchanged(
      `exports.handler = (event, context, callback) => {\n  if (event.fast) return callback(null, 1);\n  return work(event);\n};\n`,
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'lambda-callback/unconvertible', line: 1 })]);
  });

  it('a handler that reads arguments or reassigns its callback', () => {
    expect(
      unchanged(
        `exports.a = function (event, context, callback) {\n  log(arguments.length);\n  callback(null, 1);\n};\n`,
      ),
    ).toHaveLength(1);
    expect(
      unchanged(
        `exports.handler = (event, context, callback) => {\n  callback = once(callback);\n  callback(null, 1);\n};\n`,
      ),
    ).toHaveLength(1);
    expect(
      unchanged(
        `exports.handler = (event, context, callback) => {\n  if (event.once) {\n    var callback = once(callback);\n  }\n  callback(null, 1);\n};\n`,
      ),
    ).toHaveLength(1);
  });

  it('a handler that other code in the file also calls with a callback', () => {
    const shared = `function handler(event, context, callback) {\n  callback(null, event);\n}\nexports.handler = handler;\n`;
    const { code, findings } = convert(
      `${shared}exports.batch = (event, context, callback) => handler(event.items[0], context, callback);\n`,
    );
    // It keeps its callback; the caller keeps handing it a real one (Promise wrapper).
    expect(code).toBe(
      `${shared}exports.batch = async (event, context) => new Promise((resolve, reject) => { ${settle('callback')} handler(event.items[0], context, callback); });\n`,
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['lambda-callback/unconvertible', 1]]);
    expect(findings[0]!.message).toMatch(/other code/);
  });

  it('a path that returns without calling the callback, when the wrapper would be needed', () => {
    const findings = unchanged(
      `exports.handler = (event, context, callback) => {\n  if (event.warmup) return;\n  setTimeout(() => callback(null, 'ok'), 1);\n};\n`,
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'lambda-callback/unconvertible', line: 1 })]);
    expect(findings[0]!.message).toMatch(/without calling its callback/);
  });

  it('a path that reaches the end without calling the callback, when the wrapper would be needed', () => {
    // Node.js 22 answered null for a cold event once the event loop emptied; wrapped, it would hang until the timeout.
    const findings = unchanged(
      `exports.handler = (event, context, callback) => {\n  if (event.records) {\n    setTimeout(() => callback(null, event.records.length), 1);\n  }\n};\n`,
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'lambda-callback/unconvertible', line: 1 })]);
    expect(findings[0]!.message).toMatch(/reach its end on some path without calling its callback/);
    const elseForgets = `exports.handler = (event, context, callback) => {\n  if (event.a) setTimeout(() => callback(null, 1), 1);\n  else if (event.b) setTimeout(() => callback(null, 2), 1);\n  else log('neither');\n};\n`;
    expect(unchanged(elseForgets)).toHaveLength(1);
  });

  it('every branch handing the callback on still converts with the wrapper', () => {
    const { changed, findings } = convert(
      `exports.handler = (event, context, callback) => {\n  if (event.a) setTimeout(() => callback(null, 1), 1);\n  else {\n    switch (event.kind) {\n      default: setTimeout(() => callback(null, 2), 1);\n    }\n  }\n};\n`,
    );
    expect(changed).toBe(true);
    expect(findings).toEqual([]);
  });

  it('a file that does not parse is reported, not touched', () => {
    expect(unchanged(`exports.handler = (event, context, callback) => {\n  callback(null, ;\n`)).toEqual([
      expect.objectContaining({ rule: 'lambda-callback/unparsable', severity: 'manual', line: 1 }),
    ]);
  });

  it('an already-async handler is untouched but unawaited promises are warned about', () => {
    const code = `async function sendMetric(name) {\n  await fetch('https://metrics.example/' + name);\n}\nexport const handler = async (event, context) => {\n  sendMetric('invoked');\n  fetch('https://example.com/ping');\n  client.send(new PutItemCommand({ TableName: 't' }));\n  await save(event);\n  return { ok: true };\n};\n`;
    const findings = unchanged(code, 'src/index.mjs');
    expect(findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['lambda-callback/unawaited-promise', 5, 'warning'],
      ['lambda-callback/unawaited-promise', 6, 'warning'],
      ['lambda-callback/unawaited-promise', 7, 'warning'],
    ]);
  });

  it('warns about a promise left running in a converted handler, at its new line', () => {
    const { code, findings } = convert(
      `exports.handler = (event, context, callback) => {\n  context.callbackWaitsForEmptyEventLoop = false;\n  notify(event).then(() => log('sent'));\n  callback(null, 'ok');\n};\n`,
    );
    expect(code.split('\n')[1]).toBe(`  notify(event).then(() => log('sent'));`);
    expect(findings).toEqual([expect.objectContaining({ rule: 'lambda-callback/unawaited-promise', line: 2 })]);
  });
});
