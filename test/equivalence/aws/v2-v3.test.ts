// The same AWS calls made through aws-sdk v2 and v3, each in a fresh process after
// installAwsInterception, in a folder with no node_modules (stub modules, as Lambda bundles the
// SDK): the records are deep-equal, the answers read the same, each shaped as its SDK gives them.
import { describe, expect, it } from 'vitest';
import type { AnswerTable } from '../../../src/equivalence/aws/index.js';
import { runHandler } from './child.js';
import { answers, expectedCalls, expectedOut } from './cases.js';
import { v2Handler, v2Missing, v3Handler, v3Missing } from './handlers.js';

describe('v2 and v3 without node_modules', () => {
  it('v2 (CommonJS): records the calls in the common form and answers in v2 shapes', async () => {
    const r = await runHandler({ 'index.js': v2Handler() }, 'index.js', answers);
    expect(r.realSdk).toBe(false);
    expect(r.calls).toEqual(expectedCalls);
    expect(r.value.out).toEqual(expectedOut);
    expect(r.value.shape).toEqual({ body: 'Buffer', payload: 'string', metadata: false });
  });

  it('v3 (CommonJS require and ESM import): the same records and values, in v3 shapes', async () => {
    for (const [file, text] of [
      ['index.js', v3Handler()],
      ['index.mjs', v3Handler({ esm: true })],
    ]) {
      const r = await runHandler({ [file]: text }, file, answers);
      expect(r.realSdk).toBe(false);
      expect(r.calls, file).toEqual(expectedCalls);
      expect(r.value.out, file).toEqual(expectedOut);
      expect(r.value.shape, file).toMatchObject({
        bodyMethods: ['transformToByteArray', 'transformToString', 'transformToWebStream'],
        payloadIsBytes: true,
        payload: 'Uint8ArrayBlobAdapter',
        metadataKeys: ['attempts', 'cfId', 'extendedRequestId', 'httpStatusCode', 'requestId', 'totalRetryDelay'],
      });
    }
  });

  it('a v3 call with other params gives a different record', async () => {
    const r = await runHandler({ 'index.js': v3Handler({ objectKey: 'other.txt' }) }, 'index.js', answers);
    expect(r.calls[0]).toEqual({ service: 'S3', operation: 'GetObject', params: { Bucket: 'in', Key: 'other.txt' } });
    expect(r.calls).not.toEqual(expectedCalls);
  });

  it('an error answer rejects as each SDK does: v2 code and name, v3 name, $metadata and its class', async () => {
    const table: AnswerTable = {
      rules: [
        { service: 'S3', answer: { error: { name: 'NoSuchKey', message: 'The specified key does not exist.' } } },
      ],
    };
    const call = { service: 'S3', operation: 'GetObject', params: { Bucket: 'in', Key: 'gone' } };
    const v2 = await runHandler({ 'index.js': v2Missing }, 'index.js', table);
    expect(v2.calls).toEqual([call]);
    expect(v2.error).toMatchObject({
      isError: true,
      name: 'NoSuchKey',
      code: 'NoSuchKey',
      message: 'The specified key does not exist.',
      statusCode: 404,
    });
    const v3 = await runHandler({ 'index.js': v3Missing }, 'index.js', table);
    expect(v3.calls).toEqual([call]);
    expect(v3.error).toMatchObject({
      isError: true,
      name: 'NoSuchKey',
      message: 'The specified key does not exist.',
      ctor: 'NoSuchKey',
      instanceOfNoSuchKey: true,
      $fault: 'client',
      $metadata: { httpStatusCode: 404, attempts: 1 },
    });
    expect(v3.error?.code).toBeUndefined();
  });
});
