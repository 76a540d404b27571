// One event per declared trigger, shaped as the Lambda service sends it
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html) and as @types/aws-lambda types
// it: each builder's value `satisfies` its type, so a missing required field fails the type check.
// Every value is fixed (ids, times, account, region): the same trigger always gives the same bytes,
// and both sides of a comparison see the same event.
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  S3Event,
  ScheduledEvent,
  SNSEvent,
  SQSEvent,
} from 'aws-lambda';
import type { LambdaTrigger, TriggerKind } from '../../lambda/triggers.js';

const account = '123456789012';
const region = 'us-east-1';
const time = '2024-01-01T00:00:00.000Z';
const epochMs = Date.parse(time);
const requestId = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';

/** The @types/aws-lambda type each trigger's event is an instance of (tests compile the events against it). */
export const eventTypes: Record<TriggerKind, string> = {
  api: 'APIGatewayProxyEvent',
  httpApi: 'APIGatewayProxyEventV2',
  sqs: 'SQSEvent',
  sns: 'SNSEvent',
  s3: 'S3Event',
  dynamodb: 'DynamoDBStreamEvent',
  kinesis: 'KinesisStreamEvent',
  eventBridge: 'EventBridgeEvent<string, unknown>',
  schedule: 'ScheduledEvent',
};

/** `/items/{id}` → the path with each parameter given a value (`id-1`), and the parameters. */
function fillPath(template: string): { path: string; params: Record<string, string> | null } {
  const params: Record<string, string> = {};
  const path = template.replace(/\{([^}]+?)\+?\}/g, (_, name: string) => (params[name] = `${name}-1`));
  return { path, params: Object.keys(params).length ? params : null };
}

function methodOf(t: LambdaTrigger): string {
  return !t.method || t.method === 'ANY' ? 'GET' : t.method;
}

function bodyOf(method: string): string | null {
  return ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : null;
}

function api(t: LambdaTrigger) {
  const resource = t.path ?? '/';
  const { path, params } = fillPath(resource);
  const method = methodOf(t);
  const headers = { Accept: '*/*', Host: 'example.execute-api.us-east-1.amazonaws.com', 'User-Agent': 'atx' };
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: params,
    stageVariables: null,
    body: bodyOf(method),
    isBase64Encoded: false,
    requestContext: {
      accountId: account,
      apiId: 'example',
      // API Gateway leaves it out without an authorizer; the type requires the key, and JSON has no
      // undefined: null is what reads the same (`authorizer?.claims`) and type-checks
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '192.0.2.1',
        user: null,
        userAgent: 'atx',
        userArn: null,
      },
      path: `/Prod${path}`,
      stage: 'Prod',
      requestId,
      requestTime: '01/Jan/2024:00:00:00 +0000',
      requestTimeEpoch: epochMs,
      resourceId: 'abc123',
      resourcePath: resource,
    },
  } satisfies APIGatewayProxyEvent;
}

function httpApi(t: LambdaTrigger) {
  const route = t.path ?? '/';
  const { path, params } = fillPath(route);
  const method = methodOf(t);
  const body = bodyOf(method);
  return {
    version: '2.0',
    routeKey: t.path ? `${t.method && t.method !== 'ANY' ? t.method : 'ANY'} ${route}` : '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { accept: '*/*', host: 'example.execute-api.us-east-1.amazonaws.com', 'user-agent': 'atx' },
    ...(params ? { pathParameters: params } : {}),
    ...(body === null ? {} : { body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: account,
      apiId: 'example',
      domainName: 'example.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'example',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'atx' },
      requestId,
      routeKey: t.path ? `${t.method && t.method !== 'ANY' ? t.method : 'ANY'} ${route}` : '$default',
      stage: '$default',
      time: '01/Jan/2024:00:00:00 +0000',
      timeEpoch: epochMs,
    },
  } satisfies APIGatewayProxyEventV2;
}

function sqs(t: LambdaTrigger) {
  const queue = t.resource ?? 'queue';
  return {
    Records: [
      {
        messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
        receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
        body: '{}',
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(epochMs),
          SenderId: 'AIDAIENQZJOLO23YVJ4VO',
          ApproximateFirstReceiveTimestamp: String(epochMs),
        },
        messageAttributes: {},
        md5OfBody: '99914b932bd37a50b983c5e7c90ae93b',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${region}:${account}:${queue}`,
        awsRegion: region,
      },
    ],
  } satisfies SQSEvent;
}

function sns(t: LambdaTrigger) {
  const topic = `arn:aws:sns:${region}:${account}:${t.resource ?? 'topic'}`;
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: `${topic}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: '1',
          Timestamp: time,
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-example.pem',
          MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
          Message: '{}',
          MessageAttributes: {},
          Type: 'Notification',
          UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
          TopicArn: topic,
          Subject: 'example',
        },
      },
    ],
  } satisfies SNSEvent;
}

/** `s3:ObjectCreated:*` → `ObjectCreated:Put`, as S3 names the event it sends. */
function s3EventName(t: LambdaTrigger): string {
  const declared = t.s3Events?.[0]?.replace(/^s3:/, '') ?? 'ObjectCreated:*';
  const [family, detail] = declared.split(':');
  if (detail && detail !== '*') return `${family}:${detail}`;
  return family === 'ObjectRemoved' ? 'ObjectRemoved:Delete' : `${family}:Put`;
}

function s3(t: LambdaTrigger) {
  const bucket = t.resource ?? 'bucket';
  const key = `${t.keyPrefix ?? ''}example${t.keySuffix ?? '.txt'}`;
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: time,
        eventName: s3EventName(t),
        userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
        requestParameters: { sourceIPAddress: '192.0.2.1' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: t.name ?? 'notification',
          bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
          object: { key, size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
        },
      },
    ],
  } satisfies S3Event;
}

function dynamodb(t: LambdaTrigger) {
  const table = t.resource ?? 'table';
  return {
    Records: [
      {
        eventID: 'c4ca4238a0b923820dcc509a6f75849b',
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: region,
        dynamodb: {
          ApproximateCreationDateTime: epochMs / 1000,
          Keys: { id: { S: 'id-1' } },
          NewImage: { id: { S: 'id-1' } },
          SequenceNumber: '4421584500000000017450439091',
          SizeBytes: 26,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: `arn:aws:dynamodb:${region}:${account}:table/${table}/stream/2024-01-01T00:00:00.000`,
      },
    ],
  } satisfies DynamoDBStreamEvent;
}

function kinesis(t: LambdaTrigger) {
  const stream = t.resource ?? 'stream';
  return {
    Records: [
      {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: '1',
          sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
          data: Buffer.from('{}').toString('base64'),
          approximateArrivalTimestamp: epochMs / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: 'shardId-000000000006:49590338271490256608559692538361571095921575989136588898',
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:aws:iam::${account}:role/lambda-role`,
        awsRegion: region,
        eventSourceARN: `arn:aws:kinesis:${region}:${account}:stream/${stream}`,
      },
    ],
  } satisfies KinesisStreamEvent;
}

function eventBridge(t: LambdaTrigger) {
  return {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': t.detailType ?? 'Example Event',
    source: t.source ?? 'example.source',
    account,
    time: '2024-01-01T00:00:00Z',
    region,
    resources: [],
    detail: {},
  } satisfies EventBridgeEvent<string, unknown>;
}

function schedule(t: LambdaTrigger) {
  return {
    version: '0',
    id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: '2024-01-01T00:00:00Z',
    region,
    resources: [`arn:aws:events:${region}:${account}:rule/${t.name ?? 'schedule'}`],
    detail: {},
  } satisfies ScheduledEvent;
}

const builders: Record<TriggerKind, (t: LambdaTrigger) => unknown> = {
  api,
  httpApi,
  sqs,
  sns,
  s3,
  dynamodb,
  kinesis,
  eventBridge,
  schedule,
};

/** The event a trigger sends, as plain JSON data (what a handler receives after the runtime parses it). */
export function generatedEvent(trigger: LambdaTrigger): unknown {
  // Through JSON: the handler gets what the runtime parses, never a shared object it could change.
  return JSON.parse(JSON.stringify(builders[trigger.kind](trigger)));
}

/** A short name for the event's case: `sqs OrdersQueue`, `api GET /items/{id}`. */
export function triggerLabel(t: LambdaTrigger): string {
  if (t.kind === 'api' || t.kind === 'httpApi') return `${t.kind} ${t.method ?? 'ANY'} ${t.path ?? '/'}`;
  const what = t.resource ?? t.schedule ?? t.detailType ?? t.source ?? t.name;
  return what ? `${t.kind} ${what}` : t.kind;
}
