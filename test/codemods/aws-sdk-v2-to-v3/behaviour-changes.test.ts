// v3 behaviour changes found on real repositories, each as a handler module run before (fake v2)
// and after (real v3 clients, mocked or behind a fake transport): the same calls and results, or
// a finding with its line and the code there left as it was.
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  converted,
  fakeTransport,
  fakeV2,
  linesOf,
  load,
  outcome,
  req,
  sdkStreamMixin,
  V2Error,
  type Exports,
  type Reply,
  type V2Call,
} from './behaviour-harness.js';

const { mockClient } = req('aws-sdk-client-mock');
const apigw = req('@aws-sdk/client-apigatewaymanagementapi');
const s3 = req('@aws-sdk/client-s3');
const kinesis = req('@aws-sdk/client-kinesis');
const firehose = req('@aws-sdk/client-firehose');
const lambda = req('@aws-sdk/client-lambda');
const ddb = req('@aws-sdk/client-dynamodb');
const lib = req('@aws-sdk/lib-dynamodb');

const env = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_REGION: 'eu-west-1',
  AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
};
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const [k, v] of Object.entries(env)) [saved[k], process.env[k]] = [process.env[k], v];
});
afterAll(() => {
  for (const k of Object.keys(env)) saved[k] === undefined ? delete process.env[k] : (process.env[k] = saved[k]);
});
const undo: (() => void)[] = [];
afterEach(() => undo.splice(0).forEach((u) => u()));

function runV2(source: string, path: string, answer: (c: V2Call) => unknown, extra: Record<string, unknown> = {}) {
  const calls: V2Call[] = [];
  const aws = fakeV2(answer, calls);
  const resolve = (spec: string) => (spec === 'aws-sdk' ? aws : spec in extra ? extra[spec] : req(spec));
  return { calls, mod: load(source, path, resolve) };
}

function runV3(source: string, path: string, extra: Record<string, unknown> = {}): Exports {
  return load(source, path, (spec) => (spec in extra ? extra[spec] : req(spec)));
}

function mock(cls: unknown) {
  const m = mockClient(cls);
  undo.push(() => m.restore());
  return m;
}

function transport(classes: unknown[], reply: Parameters<typeof fakeTransport>[1]) {
  const t = fakeTransport(classes, reply);
  undo.push(t.restore);
  return t.sent;
}

describe('endpoints: v2 put https:// before a bare host, v3 needs it written', () => {
  const source = `const AWS = require('aws-sdk');

exports.broadcast = async (event) => {
  const { domainName, stage } = event.requestContext;
  const api = new AWS.ApiGatewayManagementApi({ apiVersion: '2018-11-29', endpoint: domainName + '/' + stage });
  const message = JSON.stringify({ text: event.body });
  await api.postToConnection({ ConnectionId: event.connectionId, Data: message }).promise();
  return { statusCode: 200 };
};

exports.notify = async (apiId, region, stage, id) => {
  const client = new AWS.ApiGatewayManagementApi({
    endpoint: \`\${apiId}.execute-api.\${region}.amazonaws.com/\${stage}\`,
  });
  await client.postToConnection({ ConnectionId: id, Data: 'ping' }).promise();
  return 'sent';
};

exports.fromEnv = () => new AWS.ApiGatewayManagementApi({ endpoint: process.env.WS_ENDPOINT });
`;

  it('the converted client really sends to the URL v2 used', async () => {
    const { text, findings } = await converted(source, 'src/ws.js');
    const requestContext = { domainName: 'abc123.execute-api.eu-west-1.amazonaws.com', stage: 'prod' };
    const event = { requestContext, connectionId: 'c-1', body: 'hi' };
    const v2 = runV2(source, 'src/ws.js', () => ({}));
    const act = async (m: Exports) => [
      await outcome(() => m.broadcast(event)),
      await outcome(() => m.notify('xyz789', 'us-east-1', 'dev', 'c-2')),
    ];
    const before = await act(v2.mod);
    const sent = transport([apigw.ApiGatewayManagementApiClient], () => ({ status: 200 }));
    const v3 = runV3(text, 'src/ws.js');
    const after = await act(v3);
    expect(after).toEqual(before);
    expect(before).toEqual([{ value: { statusCode: 200 } }, { value: 'sent' }]);
    // v2 sent to <endpoint>/@connections/<id>; v3 must send to the same URL, with the same body
    const v2Requests = v2.calls.map((c) => [`${c.endpoint}/@connections/${c.params.ConnectionId}`, c.params.Data]);
    expect(sent.map((s) => [s.url, s.body])).toEqual(v2Requests);
    expect(sent[0].url).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/@connections/c-1');
    // a value the file cannot read is reported where it stands, and left as written
    const line = linesOf(source, 'process.env.WS_ENDPOINT')[0];
    const scheme = { rule: 'aws-sdk-v3/endpoint-scheme', line, file: 'src/ws.js' };
    expect(findings).toContainEqual(expect.objectContaining(scheme));
    expect(text).toContain('new ApiGatewayManagementApiClient({ endpoint: process.env.WS_ENDPOINT })');
  });

  it('sslEnabled: false gave http://, and a literal with a scheme stays as it is', async () => {
    const { text } = await converted(
      `const AWS = require('aws-sdk');
const local = new AWS.DynamoDB({ endpoint: 'localhost:8000', sslEnabled: false });
const s3 = new AWS.S3({ endpoint: "https://minio.local:9000" });
`,
      'src/c.js',
    );
    expect(text).toContain(`new DynamoDBClient({ endpoint: 'http://localhost:8000', tls: false })`);
    expect(text).toContain(`new S3Client({ endpoint: "https://minio.local:9000" })`);
  });
});

/** v3 calls recorded by aws-sdk-client-mock, in the fake v2's form. */
function mockedCalls(service: string, m: any): V2Call[] {
  const opOf = (command: object) =>
    command.constructor.name.replace(/Command$/, '').replace(/^./, (ch) => ch.toLowerCase());
  return m.calls().map((c: any) => ({ service, op: opOf(c.args[0]), params: c.args[0].input }));
}

describe('S3 GetObject Body: a Buffer in v2, a stream read once in v3', () => {
  const files: Record<string, string> = {
    'app.json': '{"mode":"fast","retries":3}',
    'cat.png': '\u0089PNG-bytes',
    'mail.eml': 'From: a\nTo: b\n',
    'app.log': 'started\nstopped\n',
  };
  const source = `import AWS from 'aws-sdk';

const s3 = new AWS.S3();

export async function readConfig(key: string) {
  const res = await s3.getObject({ Bucket: 'config', Key: key }).promise();
  return JSON.parse((res.Body as Buffer).toString('utf-8'));
}

export async function size(key: string) {
  const { Body } = await s3.getObject({ Bucket: 'images', Key: key }).promise();
  const bytes = <Buffer>Body;
  return bytes.length;
}

export async function archive(key: string) {
  const original = await s3.getObject({ Bucket: 'inbox', Key: key }).promise();
  await s3.putObject({ Bucket: 'archive', Key: key, Body: original.Body }).promise();
  return key;
}

export async function firstLine(key: string) {
  let object;
  object = await s3.getObject({ Bucket: 'logs', Key: key }).promise();
  const { Body: text } = object;
  return String(text).split('\\n')[0];
}
`;

  it('reads through type assertions, destructuring and a stored response give what v2 gave', async () => {
    const { text, findings } = await converted(source, 'src/files.ts');
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const v2 = runV2(source, 'src/files.ts', (c) =>
      c.op === 'getObject' ? { Body: Buffer.from(files[c.params.Key]) } : { ETag: '"e1"' },
    );
    const act = async (m: Exports) => [
      await m.readConfig('app.json'),
      await m.size('cat.png'),
      await m.archive('mail.eml'),
      await m.firstLine('app.log'),
    ];
    const before = await outcome(() => act(v2.mod));
    const m = mock(s3.S3Client);
    const body = (key: string) => sdkStreamMixin(Readable.from([Buffer.from(files[key])]));
    m.on(s3.GetObjectCommand).callsFake((input: any) => ({ Body: body(input.Key) }));
    m.on(s3.PutObjectCommand).resolves({ ETag: '"e1"' });
    const after = await outcome(() => act(runV3(text, 'src/files.ts')));
    expect(after).toEqual(before);
    const size = Buffer.byteLength(files['cat.png']);
    expect(before).toEqual({ value: [{ mode: 'fast', retries: 3 }, size, 'mail.eml', 'started'] });
    expect(mockedCalls('S3', m)).toEqual(v2.calls);
    expect(text).toContain(`return JSON.parse(await res.Body!.transformToString('utf-8'));`);
    expect(text).toContain('Body: Buffer.from(await original.Body.transformToByteArray())');
  });

  it('a Body read twice keeps the client on v2, reported at the reads', async () => {
    const twice = `import AWS from 'aws-sdk';
const s3 = new AWS.S3();
export async function preview(key: string) {
  const res = await s3.getObject({ Bucket: 'docs', Key: key }).promise();
  console.log(\`read \${res.Body!.toString().length} chars\`);
  return res.Body!.toString().slice(0, 100);
}
export const raw = (key: string) => s3.getObject({ Bucket: 'docs', Key: key }).promise();
`;
    const { text, findings } = await converted(twice, 'src/preview.ts');
    const reads = linesOf(twice, 'res.Body!.toString()');
    const twiceAt = findings.filter((f) => f.rule === 'aws-sdk-v3/body-read-twice');
    expect(twiceAt).toEqual([expect.objectContaining({ file: 'src/preview.ts', line: reads[0], severity: 'manual' })]);
    expect(twiceAt[0].message).toContain(`at line ${reads[1]}`);
    expect(twiceAt[0].message).toContain('stay on aws-sdk v2');
    expect(text).toBe(twice);
  });
});

/** Type-check a converted TypeScript module against the installed v3 packages. */
function typeErrors(text: string): string[] {
  const ts = req('typescript');
  const file = join(import.meta.dirname, '__converted__.ts');
  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: ['node'],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f: string) => f === file || fileExists.call(host, f);
  host.readFile = (f: string) => (f === file ? text : readFile.call(host, f));
  host.getSourceFile = (f: string, v: unknown, ...rest: unknown[]) =>
    f === file ? ts.createSourceFile(f, text, v) : getSourceFile.call(host, f, v, ...rest);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d: any) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The blob values a Kinesis/Firehose request carried, decoded from the wire's base64. */
function wireData(body: string): string[] {
  const json = JSON.parse(body);
  const records = json.Records ?? [json.Record ?? json];
  return records.map((r: { Data: string }) => Buffer.from(r.Data, 'base64').toString());
}

describe('string blob inputs: v2 took strings, v3 types bytes', () => {
  const source = `import { Kinesis, Firehose } from 'aws-sdk';

const kinesis = new Kinesis();
const firehose = new Firehose();

export async function publish(order: { id: string; total: number }) {
  await kinesis.putRecord({ StreamName: 'orders', PartitionKey: order.id, Data: JSON.stringify(order) }).promise();
  return 'ok';
}

export async function publishAll(orders: { id: string }[]) {
  const params = { StreamName: 'orders', Records: orders.map((o) => ({ PartitionKey: o.id, Data: \`\${o.id}\\n\` })) };
  const res = await kinesis.putRecords(params).promise();
  return res.FailedRecordCount;
}

export async function deliver(lines: string[]) {
  const Records = lines.map((l) => ({ Data: l + '\\n' }));
  const res = await firehose.putRecordBatch({ DeliveryStreamName: 'logs', Records }).promise();
  return res.FailedPutCount;
}
`;
  const replies: Record<string, string> = {
    'Kinesis_20131202.PutRecord': '{"ShardId":"shardId-0","SequenceNumber":"1"}',
    'Kinesis_20131202.PutRecords': '{"FailedRecordCount":0,"Records":[]}',
    'Firehose_20150804.PutRecordBatch': '{"FailedPutCount":0,"RequestResponses":[]}',
  };
  const v2Answers: Record<string, unknown> = {
    putRecord: { ShardId: 'shardId-0', SequenceNumber: '1' },
    putRecords: { FailedRecordCount: 0, Records: [] },
    putRecordBatch: { FailedPutCount: 0, RequestResponses: [] },
  };
  const v2Answer = (c: V2Call) => v2Answers[c.op];

  it('TypeScript: visible strings are encoded, type-check against v3 and send the same bytes', async () => {
    const { text } = await converted(source, 'src/stream.ts');
    expect(text).toContain('Data: new TextEncoder().encode(JSON.stringify(order))');
    expect(text).toContain("const Records = lines.map((l) => ({ Data: new TextEncoder().encode(l + '\\n') }));");
    expect(typeErrors(text)).toEqual([]);
    const act = async (m: Exports) => [
      await m.publish({ id: 'o-1', total: 12.5 }),
      await m.publishAll([{ id: 'o-1' }, { id: 'ö-2' }]),
      await m.deliver(['a', 'b']),
    ];
    const v2 = runV2(source, 'src/stream.ts', v2Answer);
    const before = await outcome(() => act(v2.mod));
    const json = { 'content-type': 'application/x-amz-json-1.1' };
    const clients = [kinesis.KinesisClient, firehose.FirehoseClient];
    const sent = transport(clients, (s) => ({ headers: json, body: replies[s.target!] }));
    const after = await outcome(() => act(runV3(text, 'src/stream.ts')));
    expect(after).toEqual(before);
    expect(before).toEqual({ value: ['ok', 0, 0] });
    const v2Data = v2.calls.map((c) => (c.params.Records ?? [c.params]).map((r: { Data: string }) => r.Data));
    expect(sent.map((s) => wireData(s.body))).toEqual(v2Data);
  });

  it('JavaScript: string Data and Payload stay as written and go through; the Payload read is decoded', async () => {
    const js = `const AWS = require('aws-sdk');
const kinesis = new AWS.Kinesis();
const lambda = new AWS.Lambda();
exports.track = async (event) => {
  await kinesis.putRecord({ StreamName: 'clicks', PartitionKey: event.user, Data: JSON.stringify(event) }).promise();
  const res = await lambda.invoke({ FunctionName: 'score', Payload: JSON.stringify({ user: event.user }) }).promise();
  return JSON.parse(res.Payload.toString('utf8')).score;
};
`;
    const { text } = await converted(js, 'src/track.js');
    expect(text).toContain('Data: JSON.stringify(event) }');
    expect(text).toContain(`Payload: JSON.stringify({ user: event.user }) }`);
    const invoked = { StatusCode: 200, Payload: Buffer.from('{"score":7}') };
    const v2 = runV2(js, 'src/track.js', (c) => (c.op === 'invoke' ? invoked : v2Answer(c)));
    const before = await outcome(() => v2.mod.track({ user: 'ü1', page: '/' }));
    const sent = transport([kinesis.KinesisClient, lambda.LambdaClient], (s): Reply =>
      s.target
        ? { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: replies[s.target] }
        : { headers: { 'x-amz-executed-version': '$LATEST' }, body: '{"score":7}' },
    );
    const after = await outcome(() => runV3(text, 'src/track.js').track({ user: 'ü1', page: '/' }));
    expect(after).toEqual(before);
    expect(before).toEqual({ value: 7 });
    expect(wireData(sent[0].body)).toEqual([v2.calls[0].params.Data]);
    expect(sent[1].body).toBe(v2.calls[1].params.Payload);
  });
});

describe('error fields: v2 code/statusCode/requestId, v3 name and $metadata', () => {
  const source = `import AWS from 'aws-sdk';

const s3 = new AWS.S3();

export async function exists(key: string) {
  try {
    await s3.headObject({ Bucket: 'b', Key: key }).promise();
    return 'yes';
  } catch (err) {
    const e = err as AWS.AWSError;
    if ((err as any).code === 'NotFound' || e.statusCode === 404) return \`no (\${e.requestId})\`;
    throw err;
  }
}

export function describe(key: string) {
  return s3.headObject({ Bucket: 'b', Key: key }).promise()
    .then(() => 'found', ({ code, message }) => \`\${code}: \${message}\`);
}
`;
  const retry = `export async function shouldRetry(key: string) {
  try {
    await s3.headObject({ Bucket: 'b', Key: key }).promise();
    return false;
  } catch (err: any) {
    return err.retryable;
  }
}
`;

  it('renamed reads give v2 results', async () => {
    const { text, findings } = await converted(source, 'src/exists.ts');
    const answer = (key: string) => {
      if (key === 'gone') throw new V2Error('NotFound', 404, 'req-9');
      return {};
    };
    const v2 = runV2(source, 'src/exists.ts', (c) => answer(c.params.Key));
    const act = async (m: Exports) => [
      await outcome(() => m.exists('here')),
      await outcome(() => m.exists('gone')),
      await m.describe('gone'),
    ];
    const before = await act(v2.mod);
    const m = mock(s3.S3Client);
    const notFound = new s3.NotFound({ message: 'NotFound', $metadata: { httpStatusCode: 404, requestId: 'req-9' } });
    m.on(s3.HeadObjectCommand, { Key: 'gone' }).rejects(notFound);
    m.on(s3.HeadObjectCommand, { Key: 'here' }).resolves({});
    const after = await act(runV3(text, 'src/exists.ts'));
    expect(after).toEqual(before);
    expect(before).toEqual([{ value: 'yes' }, { value: 'no (req-9)' }, 'NotFound: NotFound']);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/error-field')).toEqual([]);
  });

  it('retryable has no v3 equivalent: the client stays on v2, reported', async () => {
    const withRetry = source + retry;
    const { text, findings } = await converted(withRetry, 'src/exists.ts');
    const line = linesOf(withRetry, 'return err.retryable')[0];
    const field = {
      file: 'src/exists.ts',
      line,
      rule: 'aws-sdk-v3/error-field',
      message: expect.stringContaining('stay on aws-sdk v2'),
    };
    expect(findings).toContainEqual(expect.objectContaining(field));
    expect(text).toBe(withRetry);
  });
});

describe('X-Ray: captureAWS(aws-sdk) traced every client; v3 wraps each with captureAWSv3Client', () => {
  const source = `const AWSXRay = require('aws-xray-sdk-core');
const AWS = AWSXRay.captureAWS(require('aws-sdk'));

const doc = new AWS.DynamoDB.DocumentClient();
const lambda = new AWS.Lambda();

exports.handler = async (event) => {
  const { Item } = await doc.get({ TableName: 'users', Key: { id: event.id } }).promise();
  const res = await lambda.invoke({ FunctionName: 'greet', Payload: JSON.stringify(Item) }).promise();
  return JSON.parse(res.Payload);
};
`;

  it('the converted clients are traced: X-Ray subsegments for both calls, same result', async () => {
    const { text } = await converted(source, 'src/traced.js');
    expect(text).toContain('const doc = AWSXRay.captureAWSv3Client(DynamoDBDocumentClient.from(');
    expect(text).toContain('const lambda = AWSXRay.captureAWSv3Client(new LambdaClient());');
    const captured: string[] = [];
    const fakeXray = { captureAWS: (sdk: unknown) => (captured.push('aws-sdk'), sdk) };
    const answer = (c: V2Call) =>
      c.op === 'get' ? { Item: { id: 'u1', name: 'Ann' } } : { StatusCode: 200, Payload: '"hello Ann"' };
    const v2 = runV2(source, 'src/traced.js', answer, { 'aws-xray-sdk-core': fakeXray });
    const before = await outcome(() => v2.mod.handler({ id: 'u1' }));
    expect(captured).toEqual(['aws-sdk']);
    const xray = req('aws-xray-sdk-core');
    const item = '{"Item":{"id":{"S":"u1"},"name":{"S":"Ann"}}}';
    const clients = [lib.DynamoDBDocumentClient, ddb.DynamoDBClient, lambda.LambdaClient];
    const sent = transport(clients, (s): Reply =>
      s.target ? { headers: { 'content-type': 'application/x-amz-json-1.0' }, body: item } : { body: '"hello Ann"' },
    );
    const segment = new xray.Segment('handler');
    const mod = runV3(text, 'src/traced.js');
    const after = await outcome(() =>
      xray.getNamespace().runPromise(() => {
        xray.setSegment(segment);
        return mod.handler({ id: 'u1' });
      }),
    );
    expect(after).toEqual(before);
    expect(before).toEqual({ value: 'hello Ann' });
    expect(segment.subsegments?.map((s: { name: string }) => s.name)).toEqual(['DynamoDB', 'Lambda']);
    const traced = (s: { headers: Record<string, string> }) => /^Root=/.test(s.headers['X-Amzn-Trace-Id'] ?? '');
    expect(sent.every(traced)).toBe(true);
  });
});

describe('DocumentClient callbacks: same result through the real lib-dynamodb translation', () => {
  const source = `const AWS = require('aws-sdk');
const doc = new AWS.DynamoDB.DocumentClient();

exports.getUser = (event, context, callback) => {
  doc.get({ TableName: 'users', Key: { id: event.id } }, (err, data) => {
    if (err) return callback(err);
    callback(null, data.Item);
  });
};

exports.teamIds = async (event, context, callback) => {
  const params = {
    TableName: 'users', KeyConditionExpression: 'team = :t', ExpressionAttributeValues: { ':t': event.team },
  };
  doc.query(params, (err, data) => {
    if (err) return callback(err);
    callback(null, data.Items.map((u) => u.id));
  });
};

exports.raw = (event, context, callback) => {
  doc.get({ TableName: 'users', Key: { id: event.id } }, (err, data) => {
    if (err) return callback(err);
    callback(null, data);
  });
};
`;
  const viaCallback = (fn: (...a: any[]) => unknown, event: unknown) =>
    new Promise((resolve, reject) => {
      void fn(event, {}, (e: Error | null, d?: unknown) => (e ? reject(e) : resolve(d)));
    });

  it('data.Item and data.Items come back unmarshalled as v2 gave them; a whole result is reported', async () => {
    const { text, findings } = await converted(source, 'src/users.js');
    const item = { id: 'u1', name: 'Ann', tags: ['a'] };
    const answer = (c: V2Call) => (c.op === 'get' ? { Item: item } : { Items: [{ id: 'u1' }, { id: 'u2' }], Count: 2 });
    const v2 = runV2(source, 'src/users.js', answer);
    const act = async (m: Exports) => [
      await viaCallback(m.getUser, { id: 'u1' }),
      await viaCallback(m.teamIds, { team: 't1' }),
    ];
    const before = await outcome(() => act(v2.mod));
    const wire: Record<string, string> = {
      'DynamoDB_20120810.GetItem': '{"Item":{"id":{"S":"u1"},"name":{"S":"Ann"},"tags":{"L":[{"S":"a"}]}}}',
      'DynamoDB_20120810.Query': '{"Items":[{"id":{"S":"u1"}},{"id":{"S":"u2"}}],"Count":2}',
    };
    const json = { 'content-type': 'application/x-amz-json-1.0' };
    const sent = transport([lib.DynamoDBDocumentClient], (s) => ({ headers: json, body: wire[s.target!] }));
    const v3 = runV3(text, 'src/users.js');
    const after = await outcome(() => act(v3));
    expect(after).toEqual(before);
    expect(before).toEqual({ value: [item, ['u1', 'u2']] });
    const { unmarshall } = req('@aws-sdk/util-dynamodb');
    const keys = sent.map((s) => JSON.parse(s.body)).map((b) => unmarshall(b.Key ?? b.ExpressionAttributeValues));
    expect(keys).toEqual([{ id: 'u1' }, { ':t': 't1' }]);
    // the whole result: same fields as v2, plus v3's $metadata, which is what the finding says
    const raw = (await viaCallback(v3.raw, { id: 'u1' })) as Record<string, unknown>;
    const { $metadata, ...rest } = raw;
    expect(rest).toEqual(await viaCallback(v2.mod.raw, { id: 'u1' }));
    expect($metadata).toBeDefined();
    const line = linesOf(source, 'callback(null, data);')[0];
    const metadata = { file: 'src/users.js', line, rule: 'aws-sdk-v3/result-metadata', severity: 'warning' };
    expect(findings).toContainEqual(expect.objectContaining(metadata));
  });
});

describe('forms around the behaviour changes', () => {
  it('X-Ray: captureAWS(AWS) on an import, captureAWSClient on a client, and a bare captureAWS reported', async () => {
    const { text, findings } = await converted(
      `import * as AWSXRay from 'aws-xray-sdk';
import * as AWS from 'aws-sdk';
AWSXRay.captureAWS(AWS);
const sqs = new AWS.SQS({ region: 'eu-west-1' });
export const send = (b: string) => sqs.sendMessage({ QueueUrl: 'q', MessageBody: b }).promise();
`,
      'src/q.ts',
    );
    expect(text).toBe(`import * as AWSXRay from 'aws-xray-sdk';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = AWSXRay.captureAWSv3Client(new SQSClient({ region: 'eu-west-1' }));
export const send = (b: string) => sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: b }));
`);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/xray', line: 3, severity: 'info' }));
    const one = await converted(
      `const AWSXRay = require('aws-xray-sdk-core');
const AWS = require('aws-sdk');
const s3 = new AWS.S3();
AWSXRay.captureAWSClient(s3);
const sns = AWSXRay.captureAWSClient(new AWS.SNS());
exports.h = () => sns.publish({ TopicArn: 't', Message: 'm' }).promise();
`,
      'src/one.js',
    );
    expect(one.text).toContain('AWSXRay.captureAWSv3Client(s3);');
    expect(one.text).toContain('const sns = AWSXRay.captureAWSv3Client(new SNSClient());');
    expect(one.text).toContain(`exports.h = () => sns.send(new PublishCommand({ TopicArn: 't', Message: 'm' }));`);
    const bare = `const { captureAWS } = require('aws-xray-sdk-core');
const AWS = captureAWS(require('aws-sdk'));
const s3 = new AWS.S3();
`;
    const reported = await converted(bare, 'src/bare.js');
    expect(reported.text).toBe(bare);
    const xray = { rule: 'aws-sdk-v3/xray', line: 2, severity: 'manual' };
    expect(reported.findings).toContainEqual(expect.objectContaining(xray));
  });

  it('a `function` callback that reads `this` (v2 bound the AWS.Response) is reported', async () => {
    const source = `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
exports.h = async (cb) => {
  s3.putObject({ Bucket: 'b', Key: 'k' }, function (err) {
    cb(err, this.requestId);
  });
};
`;
    const { text, findings } = await converted(source, 'src/this.js');
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/callback-this', line: 4 }));
    expect(text).toContain('    cb(err, this.requestId);\n  });');
  });

  it('endpoints from a const, and blob outputs read with an encoding', async () => {
    const { text } = await converted(
      `const AWS = require('aws-sdk');
const HOST = 'localhost:4566';
const sqs = new AWS.SQS({ endpoint: HOST });
const kms = new AWS.KMS();
exports.key = async (blob) => {
  const { Plaintext } = await kms.decrypt({ CiphertextBlob: Buffer.from(blob, 'base64') }).promise();
  return Plaintext.toString('ascii');
};
`,
      'src/k.js',
    );
    expect(text).toContain('new SQSClient({ endpoint: `https://${HOST}` })');
    expect(text).toContain(`return Buffer.from(Plaintext).toString('ascii');`);
  });

  it('Kinesis GetRecords: Records[].Data becomes a Uint8Array, reported at the call', async () => {
    const source = `const AWS = require('aws-sdk');
const k = new AWS.Kinesis();
exports.h = async (it) => {
  const res = await k.getRecords({ ShardIterator: it }).promise();
  return res.Records.map((r) => r.Data.toString());
};
`;
    const { findings } = await converted(source, 'src/g.js');
    const shape = { rule: 'aws-sdk-v3/result-shape', line: 4, severity: 'warning' };
    expect(findings).toContainEqual(expect.objectContaining(shape));
  });

  it('a string blob input held in a const, written shorthand, is encoded at its use (TypeScript)', async () => {
    const { text } = await converted(
      `import { Kinesis } from 'aws-sdk';
const kinesis = new Kinesis();
export async function put(event: object) {
  const Data = JSON.stringify(event);
  await kinesis.putRecord({ StreamName: 's', PartitionKey: 'p', Data }).promise();
}
`,
      'src/put.ts',
    );
    expect(text).toContain(`{ StreamName: 's', PartitionKey: 'p', Data: new TextEncoder().encode(Data) }`);
  });

  it('destructured error fields: statusCode has no plain v3 field, so the client stays on v2, reported', async () => {
    const source = `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
exports.h = async () => {
  try {
    await s3.headBucket({ Bucket: 'b' }).promise();
  } catch ({ code, statusCode }) {
    return code;
  }
};
`;
    const { text, findings } = await converted(source, 'src/e.js');
    expect(text).toBe(source);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'aws-sdk-v3/error-field', line: 6 }));
    const renamed = await converted(source.replace('{ code, statusCode }', '{ code }'), 'src/e.js');
    expect(renamed.text).toContain('} catch ({ name: code }) {');
  });
});
