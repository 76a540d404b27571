'use strict';
// Calls a Lambda handler the way the managed Node.js runtime does, so one test suite
// covers callback-style handlers (Node.js 22 and older) and async handlers (Node.js 24).
//
// Node.js 22 runtime: the handler gets (event, context, callback); the invocation ends at
// the first callback(err, result), context.succeed/fail/done, or settlement of a returned
// promise. Node.js 24 runtime: the handler gets (event, context), the context has no
// succeed/fail/done, and callback-style handlers are refused.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const TEMPLATE = path.join(__dirname, '..', 'template.yaml');
const TIMEOUT_MS = 3000; // the functions' real timeouts are longer; tests need no more

/** The oldest nodejsNN.x runtime template.yaml declares for a function (what is deployed). */
function declaredRuntimeMajor() {
  const text = fs.readFileSync(TEMPLATE, 'utf8');
  const majors = [...text.matchAll(/^\s*Runtime:\s*['"]?nodejs(\d+)\.x/gm)].map((m) => Number(m[1]));
  return majors.length ? Math.min(...majors) : undefined;
}

/** A handler written for the callback interface: a third parameter, or context.succeed/fail/done. */
function isCallbackStyle(handler) {
  const source = Function.prototype.toString.call(handler);
  return handler.length >= 3 || /\bcontext\.(succeed|fail|done)\s*\(/.test(source);
}

function makeContext(legacy, settle, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const context = {
    functionName: 'orders-service-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-service-test',
    memoryLimitInMB: '256',
    awsRequestId: crypto.randomUUID(),
    logGroupName: '/aws/lambda/orders-service-test',
    logStreamName: '2025/01/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  if (legacy) {
    context.callbackWaitsForEmptyEventLoop = true;
    context.succeed = (result) => settle(null, result);
    context.fail = (err) => settle(err ?? new Error('context.fail called without an error'));
    context.done = (err, result) => settle(err, result);
  }
  return context;
}

/**
 * Invokes `handler` with `event`; resolves with its result or rejects with the error value
 * it failed with. `options.runtime` (a Node.js major) overrides the one template.yaml declares;
 * `options.timeoutMs` bounds how long it may take.
 */
function invoke(handler, event, options = {}) {
  const runtime = options.runtime ?? declaredRuntimeMajor() ?? 22;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const legacy = isCallbackStyle(handler);
  if (legacy && runtime >= 24) {
    return Promise.reject(
      new Error(`nodejs${runtime}.x does not run callback-based handlers; convert this handler to async`),
    );
  }
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => settle(new Error(`handler did not finish within ${timeoutMs} ms`)), timeoutMs);
    function settle(err, result) {
      if (done) return; // the first outcome wins, as in the runtime
      done = true;
      clearTimeout(timer);
      if (err !== null && err !== undefined) reject(err);
      else resolve(result);
    }
    const context = makeContext(legacy, settle, timeoutMs);
    try {
      const returned = legacy ? handler(event, context, settle) : handler(event, context);
      if (returned && typeof returned.then === 'function') {
        returned.then((result) => settle(null, result), (err) => settle(err ?? new Error('handler rejected')));
      } else if (!legacy) {
        settle(null, returned);
      }
    } catch (err) {
      settle(err);
    }
  });
}

module.exports = { invoke, isCallbackStyle, declaredRuntimeMajor };
