// Small TypeScript projects of the shapes that left type errors after conversion in real
// repositories (typescript-projects/README.md): each type-checks against aws-sdk v2's own types
// before, and its conversion type-checks against the installed v3 packages (and v2's types, for
// what stays on v2) after: no new type error, and nothing half converted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOn } from './helpers.js';
import { typeChecker } from './type-check.js';

const fixtures = join(import.meta.dirname, 'typescript-projects');
// strict, unused names are errors, Node's types: what these projects' own tsconfig asked for
const checker = typeChecker({ types: ['node'], noUnusedLocals: true, noUnusedParameters: true }, true);
afterAll(() => checker.dispose());

function project(name: string): Record<string, string> {
  const dir = join(fixtures, name);
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  return Object.fromEntries(walk(dir).map((f) => [relative(dir, f), readFileSync(f, 'utf8')]));
}

const typeScript = (files: Record<string, string>, prefix: string) =>
  Object.fromEntries(
    Object.entries(files)
      .filter(([path]) => path.endsWith('.ts'))
      .map(([path, text]) => [`${prefix}/${path}`, text]),
  );

/** Convert a project; check it type-checks before and after; the converted files and findings. */
async function convertChecked(name: string) {
  const files = project(name);
  expect(checker.check(typeScript(files, `${name}-before`))).toEqual([]);
  const { changes, findings } = await runOn(files);
  const after = Object.fromEntries(Object.entries(files).map(([path, text]) => [path, changes.get(path) ?? text]));
  expect(checker.check(typeScript(after, `${name}-after`))).toEqual([]);
  const second = await runOn(after);
  expect([...second.changes.keys()].filter((path) => second.changes.get(path) !== after[path])).toEqual([]);
  return { after, changes, findings };
}

// the first check parses aws-sdk v2's declarations of every service, and the v3 packages' (~20 s alone)
describe('aws-sdk-v2-to-v3: TypeScript projects type-check as well after as before', { timeout: 240_000 }, () => {
  it('a DocumentClient repository class, the interface it implements and the fake that implements it too', async () => {
    const { after } = await convertChecked('document-client-class');
    expect(after['src/repository.ts']).toContain('private readonly client: DynamoDBDocumentClient;');
    expect(after['src/repository.ts']).toContain(
      "async load(id: string): Promise<Omit<GetCommandOutput, '$metadata'>> {",
    );
    // the fake's canned answers have no $metadata, and need none
    expect(after['src/store.ts']).toContain("load(id: string): Promise<Omit<GetCommandOutput, '$metadata'>>;");
    expect(JSON.parse(after['package.json']).dependencies).toEqual({
      '@aws-sdk/client-dynamodb': expect.any(String),
      '@aws-sdk/lib-dynamodb': expect.any(String),
    });
  });

  it('client configuration passed in as an optional parameter, and a client kept on v2 with its configuration type', async () => {
    const { after, findings } = await convertChecked('config-injection');
    expect(after['src/queue.ts']).toContain('const sqs = new SQSClient(sqsConfig ?? {});');
    expect(after['src/queue.ts']).toContain('sqsConfig?: SQSClientConfig');
    // the SES client goes to a library that calls it the v2 way: it, and the type of its configuration, stay
    expect(after['src/transport.ts']).toBe(project('config-injection')['src/transport.ts']);
    expect(findings).toContainEqual(
      expect.objectContaining({ file: 'src/transport.ts', rule: 'aws-sdk-v3/client-kept-v2', severity: 'manual' }),
    );
  });

  it('PromiseResult return types, and a canned answer with $response', async () => {
    const { after } = await convertChecked('promise-result');
    expect(after['src/sqs.ts']).toContain("): Promise<Omit<SendMessageCommandOutput, '$metadata'>> {");
    expect(after['test/answers.ts']).toBe(`import type { SendMessageCommandOutput } from '@aws-sdk/client-sqs';

// the canned answer a stub of sendMessage resolves to
export const sent: Omit<SendMessageCommandOutput, '$metadata'> = {
  MD5OfMessageBody: '828bcef8763c1bc616e25a06be4b90ff',
  MessageId: '123',
};
`);
  });

  it('a module that only configures the SDK (a local endpoint) for the handlers importing it', async () => {
    const { after } = await convertChecked('local-endpoint');
    expect(after['src/aws.ts']).toContain('export const awsConfig: Record<string, unknown> = {};');
    expect(after['src/upload.ts']).toContain("import { awsConfig, bucket } from './aws';");
    expect(after['src/upload.ts']).toContain('const s3 = new S3Client({ ...awsConfig });');
    expect(after['src/upload.ts']).toContain('const sns = new SNSClient({ ...awsConfig });');
  });

  it('a client kept on v2 beside converted ones: its types stay v2, the imports nothing uses go', async () => {
    const { after, findings } = await convertChecked('kept-beside-converted');
    expect(after['src/audit.ts']).toContain("import AWS, { DynamoDB } from 'aws-sdk';");
    expect(after['src/audit.ts']).toContain("import { GetItemInput, GetItemOutput } from 'aws-sdk/clients/dynamodb';");
    expect(after['src/audit.ts']).not.toContain('aws-sdk/clients/s3');
    expect(after['src/audit.ts']).toContain('export const archive = (req: PutObjectCommandInput) =>');
    // AWSError read for a field v3's ServiceException lacks: the type stays, reported
    expect(after['src/audit.ts']).toContain('export const retried = (err: AWS.AWSError) => err.retryable === true;');
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'src/audit.ts',
        line: 17,
        rule: 'aws-sdk-v3/type',
        message: expect.stringContaining('reads `retryable`'),
      }),
    );
  });

  it('v2 loaded with require stays untyped as v3, a fake keeps its v2 request types, a client passed through exports converts', async () => {
    const { after } = await convertChecked('require-and-fakes');
    expect(after['tests/integ.ts']).toContain(
      "const { GetParameterCommand, SSMClient } = require('@aws-sdk/client-ssm');",
    );
    // the fake is aws-sdk-mock's, still v2 until aws-sdk-test-mocks moves it: its parameters stay v2 requests
    expect(after['tests/unit.ts']).toBe(project('require-and-fakes')['tests/unit.ts']);
    expect(after['src/check.ts']).toContain('export async function checkToken(client: DynamoDBDocumentClient,');
  });
});
