// The repository's own sample events come first, each given to the function it belongs to, and
// nothing outside the repository is read.
import { describe, expect, it } from 'vitest';
import { lambdaFunctions } from '../../../src/lambda/functions.js';
import { eventsFor } from '../../../src/equivalence/events/index.js';
import { allEvents, trackedRepo } from './helpers.js';

const fnYaml = (name: string, codeUri: string, handler = 'app.handler', events = '') =>
  `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ${codeUri}\n      Handler: ${handler}\n      Runtime: nodejs18.x\n${events}`;
const template = (...fns: string[]) => `Transform: AWS::Serverless-2016-10-31\nResources:\n${fns.join('')}`;
const sqsEvents = `      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n`;
const handler = 'exports.handler = async (event) => event;\n';
const files = (names: string[]) =>
  Object.fromEntries(names.map((n) => [n, n.endsWith('.json') ? `{"from":"${n}"}` : handler]));

function repositoryFiles(all: ReturnType<typeof allEvents>) {
  return Object.fromEntries(
    [...all].map(([name, { cases }]) => [name, cases.filter((c) => c.source === 'repository').map((c) => c.file)]),
  );
}

describe('repository sample events', () => {
  it('sam init layout: events/event.json at the root belongs to the only function, and replaces generated events', () => {
    const all = allEvents({
      'template.yaml': template(fnYaml('HelloWorldFunction', 'hello-world/', 'app.lambdaHandler', sqsEvents)),
      ...files(['hello-world/app.js', 'events/event.json']),
      'hello-world/app.js': 'exports.lambdaHandler = async (event) => event;\n',
    });
    const cases = all.get('HelloWorldFunction')!.cases;
    expect(cases).toEqual([
      {
        name: 'repository events/event.json',
        event: { from: 'events/event.json' },
        source: 'repository',
        file: 'events/event.json',
      },
    ]);
  });

  it('by folder: events beside or under a function folder go to that function only; a root one goes to the nearest', () => {
    const all = allEvents({
      'template.yaml': template(fnYaml('Orders', 'orders/'), fnYaml('Users', 'users/')),
      ...files([
        'orders/app.js',
        'users/app.js',
        'orders/events/created.json',
        'users/event.json',
        'users/tests/events/login.json',
        'events/shared.json',
      ]),
    });
    expect(repositoryFiles(all)).toEqual({
      Orders: ['events/shared.json', 'orders/events/created.json'],
      Users: ['events/shared.json', 'users/event.json', 'users/tests/events/login.json'],
    });
  });

  it('by name: a sample named for a function goes to it alone, even from a shared folder', () => {
    const all = allEvents({
      'template.yaml': template(
        fnYaml('GetItemFunction', 'src/', 'get-item.handler'),
        fnYaml('PutItemFunction', 'src/', 'put-item.handler'),
      ),
      ...files([
        'src/get-item.js',
        'src/put-item.js',
        'events/event-get-item.json',
        'events/put-item-event.json',
        'events/event.json',
      ]),
    });
    expect(repositoryFiles(all)).toEqual({
      GetItemFunction: ['events/event-get-item.json', 'events/event.json'],
      PutItemFunction: ['events/event.json', 'events/put-item-event.json'],
    });
  });

  it('files the tests load (require, import, readFileSync with path.join) go to the function whose handler the test imports', () => {
    const all = allEvents({
      'template.yaml': template(fnYaml('Orders', 'src/orders/'), fnYaml('Users', 'src/users/')),
      'package.json': '{}',
      ...files(['src/orders/app.js', 'src/users/app.js']),
      'test/orders.test.js': `const { handler } = require('../src/orders/app');
const created = require('./payloads/created.json');
const fs = require('fs'); const path = require('path');
const updated = JSON.parse(fs.readFileSync(path.join(__dirname, 'payloads', 'updated.json'), 'utf8'));
const cwd = JSON.parse(fs.readFileSync('data/cwd.json', 'utf8'));
`,
      'test/users.test.ts': `import { handler } from '../src/users/app';\nimport login from './payloads/login.json';\n`,
      ...files([
        'test/payloads/created.json',
        'test/payloads/updated.json',
        'test/payloads/login.json',
        'data/cwd.json',
      ]),
    });
    expect(repositoryFiles(all)).toEqual({
      Orders: ['data/cwd.json', 'test/payloads/created.json', 'test/payloads/updated.json'],
      Users: ['test/payloads/login.json'],
    });
  });

  it('never reads outside the repository: paths that climb out, absolute paths and files the view does not hold', () => {
    const repo = trackedRepo({
      'app/template.yaml': template(fnYaml('Fn', '.')),
      'app/app.js': handler,
      'app/app.test.js': `require('./app');
require('../../outside/event.json');
require('/etc/event.json');
fs.readFileSync(path.join(__dirname, '..', '..', '..', 'secret-event.json'));
fs.readFileSync(path.resolve(__dirname, '../missing-event.json'));
`,
    });
    const [fn] = lambdaFunctions(repo);
    const cases = eventsFor(repo, fn);
    expect(cases.map((c) => c.source)).toEqual(['generated']);
    expect(repo.reads.every((path) => repo.files.includes(path))).toBe(true);
  });

  it('a JSON file that does not parse, or is not an event (package.json), is no sample', () => {
    const all = allEvents({
      'template.yaml': template(fnYaml('Fn', 'src/')),
      ...files(['src/app.js']),
      'events/broken.json': '{ "a": ',
      'events/package.json': '{"name":"x"}',
      'events/ok.json': '{"ok":true}',
    });
    expect(repositoryFiles(all)).toEqual({ Fn: ['events/ok.json'] });
  });
});
