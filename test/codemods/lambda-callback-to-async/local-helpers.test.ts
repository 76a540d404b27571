// Inline before/after cases: callbacks and contexts handed to functions of the same module.
import { describe, expect, it } from 'vitest';
import { convert } from './helpers.js';

const settle = (cb: string) =>
  `const ${cb} = (err, result) => (err !== undefined && err !== null ? reject(err) : resolve(result));`;
const rules = (findings: ReturnType<typeof convert>['findings']) => findings.map((f) => [f.rule, f.line]);

describe('lambda-callback-to-async: helpers converted with their handlers', () => {
  it('a chain of response helpers becomes functions that return the response', () => {
    const { code, findings } = convert(`exports.handler = (ev, context, callback) => {
  if (ev.source === 'sms') {
    handleSms(ev, context, callback);
  } else {
    handleMail(ev, context, callback);
  }
};

function handleSms(ev, context, callback) {
  if (!ev.from) {
    textResponse(callback, 403, 'not registered');
    return;
  }
  textResponse(callback, 200, 'ok ' + ev.from);
}

function handleMail(ev, context, callback) {
  xmlResponse(callback, 200, '<ok/>');
}

function textResponse(callback, statusCode, body) {
  sendResponse(callback, statusCode, 'text/plain', body)
}

const xmlResponse = (callback, statusCode, body) => sendResponse(callback, statusCode, 'text/xml', body);

function sendResponse(callback, statusCode, contentType, body) {
  callback(null, { statusCode, headers: { 'Content-Type': contentType }, body });
}
`);
    expect(code).toBe(`exports.handler = async (ev, context) => {
  if (ev.source === 'sms') {
    return handleSms(ev, context);
  } else {
    return handleMail(ev, context);
  }
};

function handleSms(ev, context) {
  if (!ev.from) {
    return textResponse(403, 'not registered');
  }
  return textResponse(200, 'ok ' + ev.from);
}

function handleMail(ev, context) {
  return xmlResponse(200, '<ok/>');
}

function textResponse(statusCode, body) {
  return sendResponse(statusCode, 'text/plain', body)
}

const xmlResponse = (statusCode, body) => sendResponse(statusCode, 'text/xml', body);

function sendResponse(statusCode, contentType, body) {
  return { statusCode, headers: { 'Content-Type': contentType }, body };
}
`);
    expect(findings).toEqual([]);
  });

  it('a one-parameter arrow helper keeps its parentheses', () => {
    expect(
      convert(
        `const ok = callback => callback(null, 'ok');\nexports.handler = (event, context, callback) => ok(callback);\n`,
      ).code,
    ).toBe(`const ok = () => 'ok';\nexports.handler = async (event, context) => ok();\n`);
  });

  it('context.succeed/fail in a helper become return/throw; its callbackWaits line goes', () => {
    const { code } = convert(
      `function finish(context, err, data) {\n  context.callbackWaitsForEmptyEventLoop = false;\n  if (err) {\n    context.fail(err);\n    return;\n  }\n  context.succeed(data);\n}\nexports.handler = (event, context) => {\n  if (!event.name) return finish(context, new Error('name is required'));\n  finish(context, null, 'hello ' + event.name);\n};\n`,
    );
    expect(code).toBe(
      `function finish(context, err, data) {\n  if (err) {\n    throw err;\n  }\n  return data;\n}\nexports.handler = async (event, context) => {\n  if (!event.name) return finish(context, new Error('name is required'));\n  return finish(context, null, 'hello ' + event.name);\n};\n`,
    );
  });

  it('a loader that answers only with errors: its call stays, guarded, and it throws', () => {
    const { code } = convert(
      `function load(event, callback) {\n  if (!event.id) {\n    callback(new Error('id is required'));\n    return;\n  }\n  return db.read(event.id);\n}\nexports.handler = (event, context, callback) => {\n  const item = load(event, callback);\n  if (item === undefined) return;\n  callback(null, item);\n};\n`,
    );
    expect(code).toBe(
      `function load(event) {\n  if (!event.id) {\n    throw new Error('id is required');\n  }\n  return db.read(event.id);\n}\nexports.handler = async (event, context) => {\n  const item = load(event);\n  if (item === undefined) return;\n  return item;\n};\n`,
    );
  });

  it('a helper call inside try whose catch hands the error to the callback', () => {
    const { code } = convert(
      `function respond(callback, status) {\n  callback(null, { statusCode: status });\n}\nexports.handler = (event, context, callback) => {\n  try {\n    respond(callback, work(event));\n  } catch (e) {\n    callback(e);\n  }\n};\n`,
    );
    expect(code).toBe(
      `function respond(status) {\n  return { statusCode: status };\n}\nexports.handler = async (event, context) => {\n  try {\n    return respond(work(event));\n  } catch (e) {\n    throw e;\n  }\n};\n`,
    );
  });
});

describe('lambda-callback-to-async: helpers left as they are, handlers wrapped', () => {
  it('a helper another module may call (exported) keeps its callback', () => {
    const before = `export function respond(callback, status, body) {\n  callback(null, { statusCode: status, body: JSON.stringify(body) });\n}\n`;
    const { code } = convert(
      `${before}export const handler = (event, context, callback) => {\n  respond(callback, 200, event);\n};\n`,
      'src/index.mjs',
    );
    expect(code).toBe(
      `${before}export const handler = async (event, context) => new Promise((resolve, reject) => {\n  ${settle('callback')}\n  respond(callback, 200, event);\n});\n`,
    );
  });

  it('a helper used by a handler that needs the wrapper stays, so the other handler is wrapped too', () => {
    const helper = `const respond = (callback, status, body) => callback(null, { statusCode: status, body: JSON.stringify(body) });\n`;
    const { code } = convert(
      `${helper}exports.get = (event, context, callback) => {\n  db.get(event.id, (err, item) => {\n    if (err) return respond(callback, 500, { message: err.message });\n    respond(callback, 200, item);\n  });\n};\nexports.ping = (event, context, callback) => {\n  respond(callback, 200, 'pong');\n};\n`,
    );
    expect(code).toBe(
      `${helper}exports.get = async (event, context) => new Promise((resolve, reject) => {\n  ${settle('callback')}\n  db.get(event.id, (err, item) => {\n    if (err) return respond(callback, 500, { message: err.message });\n    respond(callback, 200, item);\n  });\n});\nexports.ping = async (event, context) => new Promise((resolve, reject) => {\n  ${settle('callback')}\n  respond(callback, 200, 'pong');\n});\n`,
    );
  });

  it('code after the callback call in the helper, a helper that calls itself, a helper name assigned again', () => {
    for (const helper of [
      `function respond(callback, status) {\n  callback(null, { statusCode: status });\n  metrics.push(status);\n}\n`,
      `function respond(callback, n) {\n  if (n > 3) return callback(new Error('gave up'));\n  respond(callback, n + 1);\n}\n`,
      `function respond(callback, status) {\n  callback(null, { statusCode: status });\n}\nrespond = function (callback) { callback(new Error('replaced')); };\n`,
    ]) {
      const { code } = convert(
        `${helper}exports.handler = (event, context, callback) => {\n  respond(callback, 204);\n};\n`,
      );
      expect(code).toBe(
        `${helper}exports.handler = async (event, context) => new Promise((resolve, reject) => {\n  ${settle('callback')}\n  respond(callback, 204);\n});\n`,
      );
    }
  });

  it('a context handed to a helper that ends the invocation later: the helper gets a context with succeed/fail/done', () => {
    const helper = `function sendResponse(event, context, status) {\n  https.request(event.ResponseURL, { method: 'PUT' }, () => context.done(null, status)).end();\n}\n`;
    const { code, findings } = convert(
      `${helper}exports.handler = function (event, context, callback) {\n  if (event.RequestType === 'Delete') {\n    sendResponse(event, context, 'SUCCESS');\n    return;\n  }\n  sendResponse(event, context, create(event));\n};\n`,
    );
    // Before, the unused callback went and the handler still ended through context.done (gone in Node.js 24).
    expect(code).toBe(
      `${helper}exports.handler = async function (event, context) { return new Promise((resolve, reject) => {\n  ${settle('callback')}\n  if (event.RequestType === 'Delete') {\n    sendResponse(event, { ...context, succeed: resolve, fail: reject, done: callback }, 'SUCCESS');\n    return;\n  }\n  sendResponse(event, { ...context, succeed: resolve, fail: reject, done: callback }, create(event));\n}); };\n`,
    );
    expect(findings).toEqual([]);
  });

  it('the held-back return after a loader that answers whenever it returns nothing', () => {
    const loader = `function getUser(event, callback) {\n  const user = event.requestContext && event.requestContext.authorizer;\n  if (!user) {\n    callback(null, { statusCode: 401, body: 'unauthorized' });\n    return;\n  }\n  return user;\n}\n`;
    const { code } = convert(
      `${loader}exports.handler = (event, context, callback) => {\n  const user = getUser(event, callback);\n  if (!user) return;\n  store.get(user.id, (err, item) => callback(err, { statusCode: 200, body: JSON.stringify(item) }));\n};\n`,
    );
    expect(code).toBe(
      `${loader}exports.handler = async (event, context) => new Promise((resolve, reject) => {\n  ${settle('callback')}\n  const user = getUser(event, callback);\n  if (!user) return;\n  store.get(user.id, (err, item) => callback(err, { statusCode: 200, body: JSON.stringify(item) }));\n});\n`,
    );
  });
});

describe('lambda-callback-to-async: handlers left whole, with a finding', () => {
  const unchanged = (code: string) => {
    const result = convert(code);
    expect(result.code).toBe(code);
    return result.findings;
  };

  it('a loader that may return a falsy value without answering: the guard could end the invocation unanswered', () => {
    const findings = unchanged(
      `function loadBody(event, callback) {\n  try {\n    return JSON.parse(event.body);\n  } catch (e) {\n    callback(null, { statusCode: 400, body: 'bad json' });\n  }\n}\nexports.handler = (event, context, callback) => {\n  const body = loadBody(event, callback);\n  if (!body) return;\n  store.put(body, (err) => callback(err, { statusCode: 201 }));\n};\n`,
    );
    expect(rules(findings)).toEqual([['lambda-callback/unconvertible', 8]]);
  });

  it('succeed/fail/done taken out of the context, by destructuring or another name', () => {
    const findings = unchanged(
      `exports.handler = (event, context, callback) => {\n  const { done } = context;\n  done(null, 1);\n};\nexports.alias = (event, context) => {\n  const ctx = context;\n  setImmediate(() => ctx.succeed(1));\n};\n`,
    );
    expect(rules(findings)).toEqual([
      ['lambda-callback/unconvertible', 1],
      ['lambda-callback/unconvertible', 5],
    ]);
    expect(findings[0]!.message).toMatch(/takes succeed\/fail\/done out of the context/);
  });

  it('a context handed to cfn-response, whose send() calls context.done()', () => {
    const findings = unchanged(
      `const response = require('cfn-response');\nexports.handler = async (event, context) => {\n  await work(event);\n  return response.send(event, context, response.SUCCESS, {});\n};\nexports.old = function (event, context, callback) {\n  response.send(event, context, response.SUCCESS);\n};\n`,
    );
    expect(rules(findings)).toEqual([
      ['lambda-callback/unconvertible', 2],
      ['lambda-callback/unconvertible', 6],
    ]);
    expect(findings[0]!.severity).toBe('manual');
    expect(findings[0]!.message).toMatch(/cfn-response/);
  });

  it('a context handed twice to one helper call', () => {
    const findings = unchanged(
      `function both(a, b) {\n  setImmediate(() => (a === b ? b.succeed(1) : a.fail(new Error('two'))));\n}\nexports.handler = (event, context) => {\n  both(context, context);\n};\n`,
    );
    expect(rules(findings)).toEqual([['lambda-callback/unconvertible', 4]]);
  });

  it('a callbackWaitsForEmptyEventLoop use the codemod cannot remove', () => {
    const findings = unchanged(
      `exports.handler = (event, context, callback) => {\n  if (event.keepAlive) context.callbackWaitsForEmptyEventLoop = false;\n  callback(null, 1);\n};\n`,
    );
    expect(rules(findings)).toEqual([['lambda-callback/unconvertible', 1]]);
    expect(findings[0]!.message).toMatch(/callbackWaitsForEmptyEventLoop/);
  });
});
