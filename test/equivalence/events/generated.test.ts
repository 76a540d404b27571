// One event per declared trigger, from SAM and Serverless declarations, using what the trigger
// declares; every event compiles against its @types/aws-lambda type, and the check fails when a
// required field is dropped.
import { describe, expect, it } from 'vitest';
import { generatedEvent, eventTypes } from '../../../src/equivalence/events/generate.js';
import type { LambdaTrigger, TriggerKind } from '../../../src/lambda/functions.js';
import { allEvents, casesOf } from './helpers.js';
import { typeErrors } from './typecheck.js';

const sam = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs18.x
    CodeUri: src/
Resources:
  Everything:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Events:
        GetItem:
          Type: Api
          Properties:
            Path: /items/{id}
            Method: get
        PostOrder:
          Type: HttpApi
          Properties:
            Path: /orders
            Method: POST
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt OrderQueue.Arn
        Alerts:
          Type: SNS
          Properties:
            Topic: !Ref AlertTopic
        Uploads:
          Type: S3
          Properties:
            Bucket: !Ref UploadBucket
            Events: s3:ObjectRemoved:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: incoming/
                  - Name: suffix
                    Value: .csv
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt ItemsTable.StreamArn
            StartingPosition: LATEST
        Clicks:
          Type: Kinesis
          Properties:
            Stream: arn:aws:kinesis:us-east-1:123456789012:stream/clicks
            StartingPosition: LATEST
        Shipped:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [shop.orders]
              detail-type: [OrderShipped]
        Legacy:
          Type: CloudWatchEvent
          Properties:
            Pattern:
              source: [aws.ec2]
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 2 * * ? *)
        Hourly:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(1 hour)
  OrderQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders-queue
  AlertTopic:
    Type: AWS::SNS::Topic
  UploadBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: upload-bucket
  ItemsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: items
`;

const serverless = `service: shop
provider:
  name: aws
  runtime: nodejs18.x
functions:
  everything:
    handler: handler.main
    events:
      - http: GET users/{userId}
      - httpApi:
          method: put
          path: /profile
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
      - sns: notices
      - s3:
          bucket: photos
          event: s3:ObjectCreated:Put
          rules:
            - prefix: raw/
      - stream:
          type: dynamodb
          arn:
            Fn::GetAtt: [UsersTable, StreamArn]
      - stream: arn:aws:kinesis:us-east-1:123456789012:stream/metrics
      - eventBridge:
          pattern:
            source: [billing]
            detail-type: [InvoicePaid]
      - schedule: rate(10 minutes)
      - cloudwatchEvent:
          event:
            source: [aws.s3]
resources:
  Resources:
    UsersTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: users
`;

const files = {
  'template.yaml': sam,
  'src/app.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
  'svc/serverless.yml': serverless,
  'svc/handler.js': 'module.exports.main = async () => 1;\n',
};

type Ev = Record<string, any>;

describe('generated events: one per trigger', () => {
  it('SAM: every event source kind gives its event, using the path, method, queue, topic, bucket, table, stream, pattern and schedule', () => {
    const cases = casesOf(files, 'Everything');
    expect(cases.every((c) => c.source === 'generated')).toBe(true);
    expect(cases.map((c) => c.name)).toEqual([
      'generated api GET /items/{id}',
      'generated httpApi POST /orders',
      'generated sqs orders-queue',
      'generated sns AlertTopic',
      'generated s3 upload-bucket',
      'generated dynamodb items',
      'generated kinesis clicks',
      'generated eventBridge OrderShipped',
      'generated eventBridge aws.ec2',
      'generated schedule cron(0 2 * * ? *)',
      'generated schedule rate(1 hour)',
    ]);
    const [api, http, sqs, sns, s3, ddb, kinesis, bridge, legacy, nightly] = cases.map((c) => c.event as Ev);
    expect([api.httpMethod, api.resource, api.path, api.pathParameters, api.body]).toEqual([
      'GET',
      '/items/{id}',
      '/items/id-1',
      { id: 'id-1' },
      null,
    ]);
    expect([http.routeKey, http.rawPath, http.requestContext.http.method, http.body]).toEqual([
      'POST /orders',
      '/orders',
      'POST',
      '{}',
    ]);
    expect(sqs.Records[0].eventSourceARN).toBe('arn:aws:sqs:us-east-1:123456789012:orders-queue');
    expect(sns.Records[0].Sns.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:AlertTopic');
    expect([s3.Records[0].eventName, s3.Records[0].s3.bucket.name, s3.Records[0].s3.object.key]).toEqual([
      'ObjectRemoved:Delete',
      'upload-bucket',
      'incoming/example.csv',
    ]);
    expect(ddb.Records[0].eventSourceARN).toMatch(/:table\/items\/stream\//);
    expect(kinesis.Records[0].eventSourceARN).toBe('arn:aws:kinesis:us-east-1:123456789012:stream/clicks');
    expect([bridge.source, bridge['detail-type']]).toEqual(['shop.orders', 'OrderShipped']);
    expect(legacy.source).toBe('aws.ec2');
    expect([nightly.source, nightly['detail-type'], nightly.resources]).toEqual([
      'aws.events',
      'Scheduled Event',
      ['arn:aws:events:us-east-1:123456789012:rule/Nightly'],
    ]);
  });

  it('Serverless: every event kind gives its event, using what it declares', () => {
    const cases = casesOf(files, 'everything');
    expect(cases.map((c) => c.name)).toEqual([
      'generated api GET /users/{userId}',
      'generated httpApi PUT /profile',
      'generated sqs jobs',
      'generated sns notices',
      'generated s3 photos',
      'generated dynamodb users',
      'generated kinesis metrics',
      'generated eventBridge InvoicePaid',
      'generated schedule rate(10 minutes)',
      'generated eventBridge aws.s3',
    ]);
    const [api, , , , s3] = cases.map((c) => c.event as Ev);
    expect(api.pathParameters).toEqual({ userId: 'userId-1' });
    expect([s3.Records[0].eventName, s3.Records[0].s3.object.key]).toEqual(['ObjectCreated:Put', 'raw/example.txt']);
  });

  it('CloudFormation: an AWS::Lambda::EventSourceMapping that names the function gives its event', () => {
    const cfn = `Resources:
  Consumer:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs18.x
      Handler: index.handler
      Code: consumer/
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs18.x
      Handler: index.handler
      Code: other/
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties:
      Name: click-stream
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !GetAtt Consumer.Arn
      EventSourceArn: !GetAtt Clicks.Arn
`;
    const all = allEvents({ 'stack.yaml': cfn, 'consumer/index.js': 'exports.handler = async () => 1;\n' });
    expect(all.get('Consumer')!.cases.map((c) => c.name)).toEqual(['generated kinesis click-stream']);
    expect(all.get('Other')!.cases.map((c) => c.name)).toEqual([expect.stringMatching(/^generic \{\}/)]);
  });

  it('the same declaration gives the same bytes every time', () => {
    const a = JSON.stringify([...allEvents(files).values()].map((f) => f.cases));
    const b = JSON.stringify([...allEvents(files).values()].map((f) => f.cases));
    expect(a).toBe(b);
  });

  it('a function with no sample and no trigger gets one generic {} named as such', () => {
    const cases = casesOf(
      {
        'template.yaml': `Resources:\n  Bare:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs18.x\n      Handler: index.handler\n`,
        'index.js': 'exports.handler = async (event) => event.detail.id;\n',
      },
      'Bare',
    );
    expect(cases).toEqual([{ name: expect.stringMatching(/^generic \{\}/), event: {}, source: 'generated' }]);
  });
});

describe('generated events type-check against @types/aws-lambda', () => {
  const triggers = [...allEvents(files).values()].flatMap(({ fn }) => fn.triggers ?? []);

  it('every generated event of the SAM and Serverless declarations is an instance of its type', () => {
    expect(new Set(triggers.map((t) => t.kind)).size).toBe(Object.keys(eventTypes).length);
    const checked = triggers.map((t) => ({ type: eventTypes[t.kind], event: generatedEvent(t) }));
    expect(typeErrors(checked)).toEqual(checked.map(() => []));
  }, 60_000);

  // One required field per type, dropped: the check must report each.
  const required: Record<TriggerKind, (e: Ev) => void> = {
    api: (e) => delete e.requestContext.identity.sourceIp,
    httpApi: (e) => delete e.rawPath,
    sqs: (e) => delete e.Records[0].receiptHandle,
    sns: (e) => delete e.Records[0].Sns.TopicArn,
    s3: (e) => delete e.Records[0].s3.object.key,
    dynamodb: (e) => (e.Records[0].dynamodb.Keys.id = { S: 'a', N: '1' }),
    kinesis: (e) => delete e.Records[0].kinesis.data,
    eventBridge: (e) => delete e['detail-type'],
    schedule: (e) => (e['detail-type'] = 'Other'),
  };

  it('the check fails for each type when a required field is missing or wrong', () => {
    const broken = (Object.keys(required) as TriggerKind[]).map((kind) => {
      const event = generatedEvent({ kind } as LambdaTrigger) as Ev;
      required[kind](event);
      return { type: eventTypes[kind], event };
    });
    const errors = typeErrors(broken);
    errors.forEach((list, i) => expect(list, broken[i].type).not.toEqual([]));
  }, 60_000);
});
