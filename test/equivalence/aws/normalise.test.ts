// The recorded form of parameters: what a v2 call and its v3 form may differ in becomes one value.
import { describe, expect, it } from 'vitest';
import { decodeValue, normaliseParams } from '../../../src/equivalence/aws/normalise.js';

describe('normaliseParams', () => {
  it('a blob given as a string, a Buffer or a Uint8Array is one { $bytes } value', () => {
    const base64 = Buffer.from('{"a":1}').toString('base64');
    for (const Body of ['{"a":1}', Buffer.from('{"a":1}'), new TextEncoder().encode('{"a":1}')]) {
      expect(normaliseParams('S3', { Bucket: 'b', Body })).toEqual({ Bucket: 'b', Body: { $bytes: base64 } });
    }
    // a string that is not a blob stays a string
    expect(normaliseParams('SQS', { MessageBody: '{"a":1}' })).toEqual({ MessageBody: '{"a":1}' });
    expect(normaliseParams('S3', { Bucket: 'b' })).not.toEqual(normaliseParams('S3', { Bucket: 'c' }));
  });

  it('dates become ISO strings, undefined fields go, DynamoDB sets of either SDK are one form', () => {
    const v2Set = { wrapperName: 'Set', values: ['a'], type: 'String' };
    const v3 = normaliseParams('DynamoDBDocument', {
      Item: { at: new Date(0), s: new Set(['a']), x: undefined, l: [1, undefined] },
    });
    const v2 = normaliseParams('DynamoDBDocument', { Item: { at: new Date(0), s: v2Set, l: [1, undefined] } });
    expect(v3).toEqual({ Item: { at: '1970-01-01T00:00:00.000Z', s: { $set: ['a'] }, l: [1, null] } });
    expect(v2).toEqual(v3);
    expect(Object.keys((v3 as { Item: object }).Item)).not.toContain('x');
  });

  it('a stream body is recorded as a stream, a cycle does not loop', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(normaliseParams('X', cyclic)).toEqual({ a: 1, self: '[Circular]' });
    expect(normaliseParams('S3', { Body: { pipe() {} } })).toEqual({ Body: { $stream: true } });
  });
});

describe('decodeValue', () => {
  it('turns $bytes, $date and $set in an answer into the SDK values', () => {
    const v = decodeValue(
      { B: { $bytes: 'aGk=' }, at: { $date: '2020-01-01T00:00:00.000Z' }, tags: { $set: ['a'] }, n: [1] },
      (b) => new Uint8Array(b),
      (values) => new Set(values),
    ) as Record<string, unknown>;
    expect(v.B).toEqual(new Uint8Array(Buffer.from('hi')));
    expect(v.at).toEqual(new Date('2020-01-01T00:00:00.000Z'));
    expect(v.tags).toEqual(new Set(['a']));
    expect(v.n).toEqual([1]);
  });
});
