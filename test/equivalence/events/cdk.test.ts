// CDK apps: triggers read from the stack file by the name the function is held under, each giving
// its generated event, type-checked like the others.
import { describe, expect, it } from 'vitest';
import { eventTypes, generatedEvent } from '../../../src/equivalence/events/generate.js';
import { allEvents } from './helpers.js';
import { typeErrors } from './typecheck.js';

const stack = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource, DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';

const code = lambda.Code.fromAsset('lambda');
export class Stack extends cdk.Stack {
  readonly worker: lambda.Function;
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const getOne = new lambda.Function(this, 'GetOne', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'get.handler', code });
    const api = new apigw.RestApi(this, 'Api');
    const items = api.root.addResource('items');
    const item = items.addResource('{id}');
    const getIntegration = new apigw.LambdaIntegration(getOne);
    item.addMethod('GET', getIntegration);
    const proxy = new lambda.Function(this, 'Proxy', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'proxy.handler', code });
    new apigw.LambdaRestApi(this, 'ProxyApi', { handler: proxy });
    const mapped = new lambda.Function(this, 'Mapped', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'mapped.handler', code });
    items.addMethod('POST', new apigw.LambdaIntegration(mapped, { proxy: false }));
    this.worker = new lambda.Function(this, 'Worker', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'worker.handler', code });
    this.worker.addEventSource(new SqsEventSource(queue));
    const changes = new DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST });
    this.worker.addEventSource(changes);
    const cron = new lambda.Function(this, 'Cron', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'cron.handler', code });
    const rule = new events.Rule(this, 'Nightly', { schedule: events.Schedule.expression('cron(0 18 ? * MON-FRI *)') });
    rule.addTarget(new targets.LambdaFunction(cron));
    const listener = new lambda.Function(this, 'Listener', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'listener.handler', code });
    new events.Rule(this, 'Orders', { eventPattern: { source: ['shop'], detailType: ['OrderPlaced'] }, targets: [new targets.LambdaFunction(listener)] });
    const http = new lambda.Function(this, 'Http', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'http.handler', code });
    const integration = new HttpLambdaIntegration('HttpIntegration', http);
  }
}
`;

describe('CDK triggers', () => {
  const files: Record<string, string> = { 'cdk.json': '{}', 'lib/stack.ts': stack };
  for (const name of ['get', 'proxy', 'mapped', 'worker', 'cron', 'listener', 'http'])
    files[`lambda/${name}.js`] = 'exports.handler = async () => 1;\n';

  it('each construct gives its event: routes with method and path, event sources, rule schedule and pattern', () => {
    const names = Object.fromEntries(
      [...allEvents(files)].map(([name, { cases }]) => [name, cases.map((c) => c.name)]),
    );
    expect(names).toEqual({
      GetOne: ['generated api GET /items/{id}'],
      Proxy: ['generated api ANY /'],
      Mapped: [expect.stringMatching(/^generic \{\}/)], // a non-proxy integration sends what its template makes
      Worker: ['generated sqs queue', 'generated dynamodb table'],
      Cron: ['generated schedule cron(0 18 ? * MON-FRI *)'],
      Listener: ['generated eventBridge OrderPlaced'],
      Http: ['generated httpApi ANY /'],
    });
  });

  it('the events type-check against @types/aws-lambda', () => {
    const triggers = [...allEvents(files).values()].flatMap(({ fn }) => fn.triggers ?? []);
    const checked = triggers.map((t) => ({ type: eventTypes[t.kind], event: generatedEvent(t) }));
    expect(checked.length).toBe(7);
    expect(typeErrors(checked)).toEqual(checked.map(() => []));
  }, 60_000);
});
