// Inline before/after cases: handlers whose callback calls become plain return/throw.
import { describe, expect, it } from 'vitest';
import { convert } from './helpers.js';

describe('lambda-callback-to-async: direct return/throw', () => {
  it('converts the try/catch handler of the Node.js 24 announcement', () => {
    const before = `exports.handler = (event, context, callback) => {
    try {
        // Some processing...
        callback(null, {
            statusCode: 200,
            body: JSON.stringify({ message: "Operation completed successfully" })
        });
    } catch (error) {
        callback(error);
    }
};
`;
    const { code, findings } = convert(before);
    expect(code).toBe(`exports.handler = async (event, context) => {
    try {
        // Some processing...
        return {
            statusCode: 200,
            body: JSON.stringify({ message: "Operation completed successfully" })
        };
    } catch (error) {
        throw error;
    }
};
`);
    expect(findings).toEqual([]);
  });

  it('module.exports.handler = function … with return callback(null, x)', () => {
    const { code } = convert(
      `module.exports.handler = function (event, context, callback) {\n  if (!event.id) return callback(new Error('id required'));\n  return callback(null, { id: event.id });\n};\n`,
    );
    expect(code).toBe(
      `module.exports.handler = async function (event, context) {\n  if (!event.id) throw new Error('id required');\n  return { id: event.id };\n};\n`,
    );
  });

  it('module.exports = { handler } with the function declared elsewhere in the file', () => {
    const { code } = convert(
      `'use strict';\n\nfunction handler(event, context, callback) {\n  callback(null, event.a + event.b); // sum\n}\n\nmodule.exports = { handler };\n`,
    );
    expect(code).toBe(
      `'use strict';\n\nasync function handler(event, context) {\n  return event.a + event.b; // sum\n}\n\nmodule.exports = { handler };\n`,
    );
  });

  it('object-literal method in module.exports', () => {
    const { code } = convert(`module.exports = {\n  handler(event, context, cb) {\n    cb(null, 'pong');\n  },\n};\n`);
    expect(code).toBe(`module.exports = {\n  async handler(event, context) {\n    return 'pong';\n  },\n};\n`);
  });

  it('export const with an expression body returning an object literal', () => {
    const { code } = convert(
      `export const handler = (event, context, callback) => callback(null, { ok: true });\n`,
      'src/index.mjs',
    );
    expect(code).toBe(`export const handler = async (event, context) => ({ ok: true });\n`);
  });

  it('export function with a renamed callback (done) and if/else', () => {
    const { code } = convert(
      `export function handler(event, context, done) {\n  if (event.n > 0) {\n    done(null, 'positive');\n  } else {\n    done('not positive');\n  }\n}\n`,
      'src/index.mjs',
    );
    expect(code).toBe(
      `export async function handler(event, context) {\n  if (event.n > 0) {\n    return 'positive';\n  } else {\n    throw 'not positive';\n  }\n}\n`,
    );
  });

  it('export default function', () => {
    const { code } = convert(
      `export default function (event, context, cb) {\n  cb(null, event);\n}\n`,
      'src/index.mjs',
    );
    expect(code).toBe(`export default async function (event, context) {\n  return event;\n}\n`);
  });

  it('exports.handler = impl, bound to a const arrow elsewhere', () => {
    const { code } = convert(
      `const impl = (event, context, callback) => {\n  callback(null, 1);\n};\n\nexports.handler = impl;\n`,
    );
    expect(code).toBe(`const impl = async (event, context) => {\n  return 1;\n};\n\nexports.handler = impl;\n`);
  });

  it('export { impl as handler } and module.exports = { handler: function … }', () => {
    expect(
      convert(
        `function impl(event, context, callback) {\n  callback(null, 'esm');\n}\nexport { impl as handler };\n`,
        'src/a.mjs',
      ).code,
    ).toBe(`async function impl(event, context) {\n  return 'esm';\n}\nexport { impl as handler };\n`);
    expect(
      convert(
        `module.exports = {\n  'handler': function (event, context, callback) {\n    callback(null, 'cjs');\n  },\n};\n`,
      ).code,
    ).toBe(`module.exports = {\n  'handler': async function (event, context) {\n    return 'cjs';\n  },\n};\n`);
  });

  it('return callback(…) inside a loop keeps first-call-wins', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  for (const item of event.items) {\n    if (item.match) return callback(null, item);\n  }\n  callback(new Error('no match'));\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async (event, context) => {\n  for (const item of event.items) {\n    if (item.match) return item;\n  }\n  throw new Error('no match');\n};\n`,
    );
  });

  it('folds callback(err); return; into one throw', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  if (!event.ok) {\n    callback(new Error('bad'));\n    return;\n  }\n  doWork(event);\n  callback(null, 'done');\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async (event, context) => {\n  if (!event.ok) {\n    throw new Error('bad');\n  }\n  doWork(event);\n  return 'done';\n};\n`,
    );
  });

  it('context.succeed / context.fail in a two-parameter handler', () => {
    const { code } = convert(
      `exports.handler = function (event, context) {\n  if (!event.name) {\n    context.fail(new Error('name required'));\n    return;\n  }\n  context.succeed('hello ' + event.name);\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async function (event, context) {\n  if (!event.name) {\n    throw new Error('name required');\n  }\n  return 'hello ' + event.name;\n};\n`,
    );
  });

  it('context.done(null, x) and context.done(err) guarded by if (err)', () => {
    const { code } = convert(
      `exports.handler = (event, ctx) => {\n  const err = validate(event);\n  if (err) {\n    ctx.done(err);\n  } else {\n    ctx.done(null, 'valid');\n  }\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async (event, ctx) => {\n  const err = validate(event);\n  if (err) {\n    throw err;\n  } else {\n    return 'valid';\n  }\n};\n`,
    );
  });

  it('drops callbackWaitsForEmptyEventLoop = false silently and warns for = true', () => {
    const before = `exports.handler = (event, context, callback) => {\n  context.callbackWaitsForEmptyEventLoop = false; // reuse the pool\n  callback(null, 1);\n};\nexports.other = (event, context, callback) => {\n  context.callbackWaitsForEmptyEventLoop = true;\n  callback(null, 2);\n};\n`;
    const { code, findings } = convert(before);
    expect(code).toBe(
      `exports.handler = async (event, context) => {\n  return 1;\n};\nexports.other = async (event, context) => {\n  return 2;\n};\n`,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'src/index.js',
        line: 5,
        rule: 'lambda-callback/callback-waits',
        severity: 'warning',
      }),
    ]);
  });

  it('drops the line in an already-async handler too', () => {
    const { code } = convert(
      `export const handler = async (event, context) => {\n  context.callbackWaitsForEmptyEventLoop = false;\n  return db.query(event.sql);\n};\n`,
      'src/index.mjs',
    );
    expect(code).toBe(`export const handler = async (event, context) => {\n  return db.query(event.sql);\n};\n`);
  });

  it('destructured events and default parameters', () => {
    const { code } = convert(
      `exports.handler = ({ body, headers = {} } = {}, context, cb = () => {}) => {\n  cb(null, { body, type: headers['content-type'] });\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async ({ body, headers = {} } = {}, context) => {\n  return { body, type: headers['content-type'] };\n};\n`,
    );
  });

  it('an async handler that declares an unused callback loses the parameter', () => {
    const { code } = convert(
      `exports.handler = async (event, context, callback) => {\n  return { statusCode: 204 };\n};\n`,
    );
    expect(code).toBe(`exports.handler = async (event, context) => {\n  return { statusCode: 204 };\n};\n`);
  });

  it('a non-async handler that returns a promise and never calls its callback loses the parameter', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  return load(event.id).then((item) => ({ item }));\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = (event, context) => {\n  return load(event.id).then((item) => ({ item }));\n};\n`,
    );
    // A plain value was ignored by Node.js 22 (the answer came from the callback), so that one stays.
    const plain = convert(`exports.handler = (event, context, callback) => {\n  return { statusCode: 200 };\n};\n`);
    expect(plain.changed).toBe(false);
    expect(plain.findings).toEqual([expect.objectContaining({ rule: 'lambda-callback/unconvertible' })]);
  });

  it('a throw inside try is direct when the catch only hands the same error to the callback', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  try {\n    if (!event.id) return callback(new Error('id'));\n    callback(null, lookup(event.id));\n  } catch (e) {\n    callback(e);\n  }\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async (event, context) => {\n  try {\n    if (!event.id) throw new Error('id');\n    return lookup(event.id);\n  } catch (e) {\n    throw e;\n  }\n};\n`,
    );
  });

  it('ignores a nested function parameter that shadows the callback name', () => {
    const { code } = convert(
      `exports.handler = (event, context, callback) => {\n  const fns = event.items.map((callback) => callback.name);\n  event.hooks.forEach(function () {\n    var callback = 1;\n    return callback;\n  });\n  callback(null, fns);\n};\n`,
    );
    expect(code).toBe(
      `exports.handler = async (event, context) => {\n  const fns = event.items.map((callback) => callback.name);\n  event.hooks.forEach(function () {\n    var callback = 1;\n    return callback;\n  });\n  return fns;\n};\n`,
    );
  });

  it('a second run changes no byte', () => {
    const first = convert(
      `exports.handler = (event, context, callback) => {\n  context.callbackWaitsForEmptyEventLoop = false;\n  setTimeout(() => callback(null, 1), 10);\n};\n`,
    );
    expect(first.changed).toBe(true);
    const second = convert(first.code);
    expect(second.changed).toBe(false);
    expect(second.code).toBe(first.code);
  });
});
