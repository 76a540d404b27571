// A failing event per field the handler reads without a guard: made by removing that field from
// an event the function gets, and left out when the handler tests the field or reads it with `?.`.
import { describe, expect, it } from 'vitest';
import { casesOf } from './helpers.js';

const template = (events: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs18.x
      Events:
${events}`;
const api = `        Get:\n          Type: Api\n          Properties:\n            Path: /items/{id}\n            Method: post\n`;
const sqs = `        Q:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n`;
const bridge = `        Rule:\n          Type: EventBridgeRule\n          Properties:\n            Pattern:\n              source: [shop]\n`;

type Ev = Record<string, any>;

/** Runs a CommonJS handler written inline on an event: resolves with its value or rejects with its error. */
async function run(code: string, event: unknown): Promise<unknown> {
  const module = { exports: {} as Record<string, (e: unknown) => unknown> };
  new Function('exports', 'module', 'require', code)(module.exports, module, () => ({}));
  return module.exports.handler(JSON.parse(JSON.stringify(event)));
}

/** The handler settles on every base event it reads the field from, and throws on the failing one. */
async function expectFailsOnlyWithout(code: string, base: unknown, failingEvent: unknown) {
  await expect(run(code, base)).resolves.not.toThrow();
  await expect(run(code, failingEvent)).rejects.toThrow(/undefined|JSON|iterable/);
}

function failing(events: string, code: string, file = 'src/app.js') {
  const cases = casesOf({ 'template.yaml': template(events), [file]: code }, 'Fn');
  const base = cases.filter((c) => c.source !== 'failing');
  return { base, failing: cases.filter((c) => c.source === 'failing') };
}

/** The top-level keys and list lengths that differ between two events. */
function removed(from: Ev, to: Ev, prefix = ''): string[] {
  const out: string[] = [];
  for (const key of Object.keys(from)) {
    if (!(key in to)) out.push(prefix + key);
    else if (Array.isArray(from[key]) && from[key].length !== to[key].length) out.push(`${prefix + key}[]`);
    else if (from[key] && typeof from[key] === 'object' && !Array.isArray(from[key]))
      out.push(...removed(from[key], to[key], `${prefix + key}.`));
  }
  return out;
}

describe('failing events', () => {
  it('JSON.parse(event.body): an event without body', async () => {
    const code = 'exports.handler = async (event) => JSON.parse(event.body).name;\n';
    const { base, failing: f } = failing(api, code);
    expect(f.map((c) => c.name)).toEqual(['failing without body (read at src/app.js:1)']);
    expect(removed(base[0].event as Ev, f[0].event as Ev)).toEqual(['body']);
    await expectFailsOnlyWithout(code, base[0].event, f[0].event);
  });

  it('event.pathParameters.id: an event without pathParameters (TypeScript, export const)', async () => {
    const { base, failing: f } = failing(
      api,
      'import type { APIGatewayProxyEvent } from "aws-lambda";\nexport const handler = async (event: APIGatewayProxyEvent) => {\n  return event.pathParameters!.id;\n};\n',
      'src/app.ts',
    );
    expect(f.map((c) => c.name)).toEqual(['failing without pathParameters (read at src/app.ts:3)']);
    expect(removed(base[0].event as Ev, f[0].event as Ev)).toEqual(['pathParameters']);
  });

  it('event.Records[0].body: the same event with an empty Records list', async () => {
    const code = 'module.exports.handler = async (event) => event.Records[0].body;\n';
    const { base, failing: f } = failing(sqs, code);
    expect(f.map((c) => c.name)).toEqual(['failing without Records (empty list) (read at src/app.js:1)']);
    expect(removed(base[0].event as Ev, f[0].event as Ev)).toEqual(['Records[]']);
    await expectFailsOnlyWithout(code.replace('.body', '.body.length'), base[0].event, f[0].event);
    // reading further names the deepest object read from
    const deeper = 'module.exports.handler = async (event) => event.Records[0].body.length;\n';
    const d = failing(sqs, deeper);
    expect(d.failing.map((c) => c.name)).toEqual(['failing without Records[0].body (read at src/app.js:1)']);
    await expectFailsOnlyWithout(deeper, d.base[0].event, d.failing[0].event);
  });

  it('event.detail.x through a local function exported by name: an event without detail', async () => {
    const code = 'function handler(event, context) { return event.detail.orderId; }\nmodule.exports = { handler };\n';
    const { base, failing: f } = failing(bridge, code);
    expect(f.map((c) => c.name)).toEqual(['failing without detail (read at src/app.js:1)']);
    expect(removed(base[0].event as Ev, f[0].event as Ev)).toEqual(['detail']);
    await expectFailsOnlyWithout(code, base[0].event, f[0].event);
  });

  it('destructured and aliased reads, and for…of, name their fields; the field is taken from the event that has it', async () => {
    const code = `exports.handler = async ({ requestContext, Records }) => {
  const { identity } = requestContext;
  for (const r of Records) console.log(r);
  return identity.sourceIp;
};
`;
    const { failing: f } = failing(api + sqs, code);
    expect(f.map((c) => c.name)).toEqual([
      'failing without Records (read at src/app.js:3)',
      'failing without requestContext.identity (read at src/app.js:4)',
    ]);
    expect((f[0].event as Ev).Records).toBeUndefined();
    expect((f[0].event as Ev).httpMethod).toBeUndefined(); // from the SQS event, which has Records
    expect((f[1].event as Ev).requestContext).toEqual(expect.not.objectContaining({ identity: expect.anything() }));
    await expect(run(code, f[0].event)).rejects.toThrow(TypeError);
    await expect(run(code, f[1].event)).rejects.toThrow(TypeError);
  });

  it('records of a loop or an element callback: the field of the first record', async () => {
    for (const code of [
      'exports.handler = async (event) => { for (const record of event.Records) JSON.parse(record.body); };\n',
      'exports.handler = async (event) => event.Records.map((record) => JSON.parse(record.body));\n',
    ]) {
      const { base, failing: f } = failing(sqs, code);
      expect(
        f.map((c) => c.name.replace(/ \(read.*/, '')),
        code,
      ).toEqual(['failing without Records', 'failing without Records[0].body']);
      await expectFailsOnlyWithout(code, base[0].event, f[1].event);
    }
    const guarded =
      'exports.handler = async (event) => { for (const r of event.Records) if (r.body) JSON.parse(r.body); };\n';
    expect(failing(sqs, guarded).failing.map((c) => c.name.replace(/ \(read.*/, ''))).toEqual([
      'failing without Records',
    ]);
  });

  it('testing a field does not guard its parent: if (event.pathParameters.id) still needs pathParameters', async () => {
    const code = 'exports.handler = async (event) => (event.pathParameters.id ? 1 : 0);\n';
    const { base, failing: f } = failing(api, code);
    expect(f.map((c) => c.name)).toEqual(['failing without pathParameters (read at src/app.js:1)']);
    await expectFailsOnlyWithout(code, base[0].event, f[0].event);
  });

  it('no failing event where the handler guards the field or reads it optionally', async () => {
    for (const code of [
      'exports.handler = async (event) => event.body ? JSON.parse(event.body) : {};\n',
      'exports.handler = async (event) => { if (!event.pathParameters) return 400; return event.pathParameters.id; };\n',
      'exports.handler = async (event) => event.pathParameters?.id;\n',
      'exports.handler = async (event) => JSON.parse(event.body || "{}");\n',
      'exports.handler = async (event) => typeof event.body === "string" && JSON.parse(event.body);\n',
      'exports.handler = async ({ body = "{}" }) => JSON.parse(body);\n',
      'exports.handler = async (event) => event.httpMethod;\n',
      'exports.other = async (event) => event.pathParameters.id;\nexports.handler = async () => 1;\n',
    ]) {
      const { base, failing: f } = failing(api, code);
      expect(f, code).toEqual([]);
      await expect(run(code, base[0].event), code).resolves.not.toThrow();
    }
  });
});
