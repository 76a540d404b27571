// v2 TypeScript types: what they become, that the result type-checks against the installed v3
// packages, and that what has no known v3 type is left alone with a finding.
import { afterAll, describe, expect, it } from 'vitest';
import { documentTable, v3TypeOf } from '../../../src/codemods/aws-sdk-v2-to-v3/type-table.js';
import { documentClientTypes, v2Types } from '../../../src/codemods/aws-sdk-v2-to-v3/types-data.js';
import { convertTwice } from './helpers.js';
import { typeChecker } from './type-check.js';

const checker = typeChecker();
afterAll(() => checker.dispose());
const typeCheck = (files: Record<string, string>) => checker.check(files);

describe('aws-sdk-v2-to-v3: TypeScript types', () => {
  it('turns v2 aliases of native types into native types and imports only structures and enums', async () => {
    const { text, findings } = await convertTwice(
      `import AWS from 'aws-sdk';

export const key: AWS.S3.ObjectKey = 'photos/1.jpg';
export const size: AWS.S3.ContentLength = 12;
export const enabled: AWS.S3.BucketKeyEnabled = false;
export const when: AWS.S3.LastModified = new Date();
export const buckets: AWS.S3.Buckets = [{ Name: 'b' }];
export const meta: AWS.S3.Types.Metadata = { owner: 'me' };
export const objects: AWS.S3.ObjectList = [{ Key: 'k' }];
export const tags: AWS.S3.TagSet | undefined = [{ Key: 'k', Value: 'v' }];
export const algorithm: AWS.S3.ChecksumAlgorithm = 'SHA256';
export const items: AWS.DynamoDB.ItemList = [{ id: { S: '1' } }];
export const payload: AWS.Lambda._Blob = new Uint8Array();
export type Got = Promise<AWS.S3.GetObjectOutput>;
`,
      {},
      'src/a.ts',
    );
    expect(text).toBe(`import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type {
  Bucket,
  ChecksumAlgorithm,
  GetObjectCommandOutput,
  Tag,
  _Object,
} from '@aws-sdk/client-s3';

export const key: string = 'photos/1.jpg';
export const size: number = 12;
export const enabled: boolean = false;
export const when: Date = new Date();
export const buckets: Bucket[] = [{ Name: 'b' }];
export const meta: Record<string, string> = { owner: 'me' };
export const objects: _Object[] = [{ Key: 'k' }];
export const tags: Tag[] | undefined = [{ Key: 'k', Value: 'v' }];
export const algorithm: ChecksumAlgorithm = 'SHA256';
export const items: Record<string, AttributeValue>[] = [{ id: { S: '1' } }];
export const payload: Uint8Array = new Uint8Array();
export type Got = Promise<Omit<GetObjectCommandOutput, '$metadata'>>;
`);
    expect(findings).toEqual([]);
    expect(typeCheck({ 'a.ts': text })).toEqual([]);
  });

  it('maps operation shapes to command types, also when the shape is named otherwise', async () => {
    const { text } = await convertTwice(
      `import { ListTablesInput, ListTablesOutput } from 'aws-sdk/clients/dynamodb';
import { InvocationRequest as Req } from 'aws-sdk/clients/lambda';
import SQS = require('aws-sdk/clients/sqs');

export const list = (input: ListTablesInput): ListTablesOutput | undefined => (input.Limit ? undefined : undefined);
export const invoke: Req = { FunctionName: 'f' };
export const send: SQS.SendMessageRequest = { QueueUrl: 'q', MessageBody: 'm' };
`,
      {},
      'src/b.ts',
    );
    const dynamo = `import type { ListTablesCommandInput, ListTablesCommandOutput } from '@aws-sdk/client-dynamodb';`;
    expect(text).toContain(dynamo);
    expect(text).toContain(`import type { InvokeCommandInput } from '@aws-sdk/client-lambda';`);
    expect(text).toContain(`import type { SendMessageCommandInput } from '@aws-sdk/client-sqs';`);
    expect(text).toContain('export const invoke: InvokeCommandInput = ');
    expect(text).not.toContain('aws-sdk/clients');
    expect(typeCheck({ 'b.ts': text })).toEqual([]);
  });

  it('maps DocumentClient types to lib-dynamodb (native attribute values) and DynamoDB structures', async () => {
    const { text } = await convertTwice(
      `import { DynamoDB } from 'aws-sdk';

export const key: DynamoDB.DocumentClient.Key = { id: 1 };
export const rows: DynamoDB.DocumentClient.ItemList = [{ id: 1, tags: ['a'] }];
export const get: DynamoDB.DocumentClient.GetItemInput = { TableName: 't', Key: key };
export type Page = DynamoDB.DocumentClient.QueryOutput;
// a canned answer, as a test double gives: v2's output had no $metadata
export const page: Page = { Items: [] };
export const used: DynamoDB.DocumentClient.ConsumedCapacity = { TableName: 't' };
`,
      {},
      'src/c.ts',
    );
    expect(text).toBe(`import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type {
  GetCommandInput,
  NativeAttributeValue,
  QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';

export const key: Record<string, NativeAttributeValue> = { id: 1 };
export const rows: Record<string, NativeAttributeValue>[] = [{ id: 1, tags: ['a'] }];
export const get: GetCommandInput = { TableName: 't', Key: key };
export type Page = Omit<QueryCommandOutput, '$metadata'>;
// a canned answer, as a test double gives: v2's output had no $metadata
export const page: Page = { Items: [] };
export const used: ConsumedCapacity = { TableName: 't' };
`);
    expect(typeCheck({ 'c.ts': text })).toEqual([]);
  });

  it('turns AWSError into smithy ServiceException, imported as a type', async () => {
    const guard = `(e: unknown): e is AWSError => e instanceof Error && '$metadata' in e;\n`;
    const source = `import { AWSError } from 'aws-sdk';\nexport const isSdkError = ${guard}`;
    const named = await convertTwice(source, {}, 'src/d.ts');
    expect(named.text).toBe(`import type { ServiceException } from '@smithy/smithy-client';
export const isSdkError = ${guard.replace('AWSError', 'ServiceException')}`);
    const global = await convertTwice(
      `import AWS = require('aws-sdk');
export function status(e: AWS.AWSError): string {
  return e.name + e.message;
}
`,
      {},
      'src/e.ts',
    );
    expect(global.text).toBe(`import type { ServiceException } from '@smithy/smithy-client';
export function status(e: ServiceException): string {
  return e.name + e.message;
}
`);
    expect(typeCheck({ 'd.ts': named.text, 'e.ts': global.text })).toEqual([]);
  });

  it('leaves types with no known v3 type alone, with a finding, and keeps the v2 import', async () => {
    const input = `import AWS from 'aws-sdk';

export let upload: AWS.S3.ManagedUpload | undefined;
export let body: AWS.S3.Body | undefined;
export let lifecycle: AWS.S3.LifecycleConfiguration | undefined;
export let instance: AWS.EC2.Instance | undefined;
export let nested: AWS.S3.Types.Tag.Key | undefined;
export let attrs: AWS.DynamoDB.DocumentClient.KeysAndAttributes | undefined;
`;
    const { text, findings } = await convertTwice(input, {}, 'src/f.ts');
    expect(text).toBe(input);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/type').map((f) => f.line)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('converts the types it knows in a file and keeps v2 for the rest', async () => {
    const { text } = await convertTwice(
      `import AWS from 'aws-sdk';
export let key: AWS.S3.ObjectKey | undefined;
export let upload: AWS.S3.ManagedUpload | undefined;
`,
      {},
      'src/g.ts',
    );
    expect(text).toBe(`import AWS from 'aws-sdk';
export let key: string | undefined;
export let upload: AWS.S3.ManagedUpload | undefined;
`);
  });

  it('does not import a v3 name the file already declares or imports from another package', async () => {
    const input = `import AWS from 'aws-sdk';
interface Bucket { id: string }
export const mine: Bucket = { id: 'x' };
export let theirs: AWS.S3.Bucket | undefined;
export let sqsTags: AWS.SQS.TagMap | undefined;
export let s3Tag: AWS.S3.Tag | undefined;
export let ecsTag: AWS.ECS.Tag | undefined;
`;
    const { text, findings } = await convertTwice(input, {}, 'src/h.ts');
    expect(text).toContain('export let theirs: AWS.S3.Bucket | undefined;');
    expect(text).toContain('export let sqsTags: Record<string, string> | undefined;');
    expect(text).toContain('export let s3Tag: Tag | undefined;');
    expect(text).toContain('export let ecsTag: AWS.ECS.Tag | undefined;');
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/type').map((f) => f.line)).toEqual([4, 7]);
  });

  it('leaves a named import from a client module whole when one of its names has no v3 type', async () => {
    const input = `import { ListTablesInput, StreamingBody } from 'aws-sdk/clients/dynamodb';
export let a: ListTablesInput | undefined;
export let b: StreamingBody | undefined;
`;
    const { text, findings } = await convertTwice(input, {}, 'src/i.ts');
    expect(text).toBe(input);
    expect(findings.map((f) => f.rule)).toContain('aws-sdk-v3/unsupported-import');
  });

  it('names only types the installed v3 packages export, for every entry of their tables', () => {
    const services: [key: string, data: string, pkg: string][] = [
      ['S3', v2Types.S3, '@aws-sdk/client-s3'],
      ['DynamoDB', v2Types.DynamoDB, '@aws-sdk/client-dynamodb'],
      ['Lambda', v2Types.Lambda, '@aws-sdk/client-lambda'],
      ['SNS', v2Types.SNS, '@aws-sdk/client-sns'],
      ['SQS', v2Types.SQS, '@aws-sdk/client-sqs'],
      [documentTable, documentClientTypes, '@aws-sdk/lib-dynamodb'],
    ];
    const files: Record<string, string> = {};
    const dynamoDb = '@aws-sdk/client-dynamodb';
    for (const [key, data, pkg] of services) {
      // DocumentClient's structures without attribute values are client-dynamodb's
      const pkgOf = (n: string) => (key === documentTable && n !== 'NativeAttributeValue' ? dynamoDb : pkg);
      const qualify = (t: string, n: string) => t.replace(new RegExp(`\\b${n}\\b`, 'g'), `import('${pkgOf(n)}').${n}`);
      const lines: string[] = [];
      for (const name of data
        .split(/\s+/)
        .map((e) => /^\w+/.exec(e)?.[0])
        .filter((n) => n !== undefined)) {
        const v3 = v3TypeOf(key, name);
        if (v3?.kind === 'command') lines.push(`export type ${name} = import('${pkg}').${v3.op}Command${v3.io};`);
        else if (v3) lines.push(`export type ${name} = ${v3.names.reduce(qualify, v3.text)};`);
      }
      expect(lines.length).toBeGreaterThan(50);
      files[`${key.replace('.', '-')}.ts`] = `${lines.join('\n')}\n`;
    }
    expect(typeCheck(files)).toEqual([]);
  });
});
