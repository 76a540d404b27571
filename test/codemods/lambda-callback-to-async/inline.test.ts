// Inline function code (SAM InlineCode, CloudFormation ZipFile, CDK Code.fromInline): each fixture
// tree becomes its output byte for byte and a second run changes nothing; what is left is reported
// with the resource's name and line; the outputs still parse; and the code read out of the file
// before and after, as CloudFormation would hand it to Lambda, settles the same way for every event.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseDocument, type Tags } from 'yaml';
import { codemod } from '../../../src/codemods/lambda-callback-to-async/index.js';
import type { CodemodResult } from '../../../src/codemods/types.js';
import { readTree } from './fixture-tree.js';
import { reembed, stringSlots } from '../../../src/codemods/lambda-callback-to-async/inline/embedding.js';
import { comparable, memoryRepo, runNode22, runNode24, runOn, type AnyHandler } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/lambda-callback-to-async-inline');
const tree = (name: string, side: 'input' | 'output') => readTree(join(FIXTURES, name, side));

// [rule, file, line, resource named in the message]
const EXPECTED: Record<string, Array<[string, string, number, string]>> = {
  'sam-inline-code': [],
  'cfn-json-zipfile': [
    ['lambda-callback/unconvertible', 'template.json', 40, 'AMIInfoFunction'],
    ['lambda-callback/unconvertible', 'template.json', 74, 'StageFunction'],
  ],
  'cdk-from-inline': [['lambda-callback/unconvertible', 'lib/echo-stack.ts', 40, 'GreeterFunction']],
  'cfn-yaml-sub-folded-join': [
    ['lambda-callback/unconvertible', 'stack.yaml', 60, 'StageFunction'],
    ['lambda-callback/unconvertible', 'stack.yaml', 82, 'TallyFunction'],
    ['lambda-callback/unparsable', 'stack.yaml', 105, 'LimitFunction'],
  ],
};

// CloudFormation's short forms, read the way CloudFormation reads them.
const CFN_TAGS: Tags = ['Sub', 'Join', 'GetAtt', 'Ref'].flatMap((name) => {
  const key = name === 'Ref' ? 'Ref' : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (value: unknown) => ({ [key]: (value as { toJSON(): unknown }).toJSON() }),
    },
  ];
});

describe('lambda-callback-to-async: inline code, fixtures', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: input becomes output, findings name the resource, a second run changes nothing`, async () => {
      const input = tree(name, 'input');
      const output = tree(name, 'output');
      const result = (await codemod.run(memoryRepo(input), {})) as CodemodResult;
      expect(Object.fromEntries(Object.entries(input).map(([p, t]) => [p, result.changes.get(p) ?? t]))).toEqual(
        output,
      );
      expect(result.changes.size).toBeGreaterThan(0);
      expect(result.findings.map((f) => [f.rule, f.file, f.line])).toEqual(
        expected.map(([rule, file, line]) => [rule, file, line]),
      );
      result.findings.forEach((f, i) => {
        expect(f.message).toContain(`'${expected[i]![3]}'`);
        expect(f.severity).toBe('manual');
      });
      const again = (await codemod.run(memoryRepo(output), {})) as CodemodResult;
      expect([...again.changes.keys()]).toEqual([]);
    });
  }

  it('every output still parses as what it is', () => {
    for (const name of Object.keys(EXPECTED)) {
      for (const [path, text] of Object.entries(tree(name, 'output'))) {
        if (path.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
        if (/\.ya?ml$/.test(path)) expect(parseDocument(text, { customTags: CFN_TAGS }).errors, path).toEqual([]);
        if (path.endsWith('.ts')) {
          const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
          expect((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics, path).toEqual([]);
        }
      }
    }
  });

  it('keeps the bytes of lines the conversion does not change: escapes, trailing blanks, the rest of the file', () => {
    const json = tree('cfn-json-zipfile', 'output')['template.json']!;
    expect(json).toContain(
      String.raw`"  // answers with context.done(error, greeting), \u0027Hello, <name>!\u0027\n",`,
    );
    const sam = tree('sam-inline-code', 'output')['template.yaml']!;
    expect(sam).toContain('          let order;\n          \n          try {');
    // Everything but the code values is the same document.
    const blank = (text: string) => {
      const data = parse(text, { customTags: CFN_TAGS }) as {
        Resources: Record<string, { Properties: Record<string, unknown> }>;
      };
      for (const r of Object.values(data.Resources)) {
        if (r.Properties?.InlineCode) r.Properties.InlineCode = '…';
        if ((r.Properties?.Code as { ZipFile?: unknown })?.ZipFile)
          (r.Properties.Code as { ZipFile?: unknown }).ZipFile = '…';
      }
      return data;
    };
    for (const [name, file] of [
      ['sam-inline-code', 'template.yaml'],
      ['cfn-yaml-sub-folded-join', 'stack.yaml'],
      ['cfn-json-zipfile', 'template.json'],
    ] as const) {
      expect(blank(tree(name, 'output')[file]!)).toEqual(blank(tree(name, 'input')[file]!));
    }
  });
});

interface Case {
  fixture: string;
  file: string;
  resource: string;
  exportName: string;
  events: unknown[];
  /** Values CloudFormation substitutes for `${…}` and `Ref`. */
  values?: Record<string, string>;
}

const CASES: Case[] = [
  {
    fixture: 'sam-inline-code',
    file: 'template.yaml',
    resource: 'ValidateOrderFunction',
    exportName: 'handler',
    events: [
      { body: '{"items":[1,2]}' },
      { body: '{oops' },
      { body: '{}' },
      { body: JSON.stringify({ items: new Array(30).fill(1) }) },
    ],
  },
  {
    fixture: 'sam-inline-code',
    file: 'template.yaml',
    resource: 'DelayedEchoFunction',
    exportName: 'echo',
    events: [{ message: 'hi' }, { fail: 'boom' }],
  },
  {
    fixture: 'cfn-json-zipfile',
    file: 'template.json',
    resource: 'MultiplyFunction',
    exportName: 'handler',
    events: [
      { a: 2, b: 3 },
      { a: 'x', b: 1 },
    ],
  },
  {
    fixture: 'cfn-json-zipfile',
    file: 'template.json',
    resource: 'GreetFunction',
    exportName: 'greet',
    events: [{ name: 'Ann' }, {}],
  },
  {
    fixture: 'cdk-from-inline',
    file: 'lib/echo-stack.ts',
    resource: 'echoFunction',
    exportName: 'handler',
    // The second event cannot be logged: console.log throws before the context is settled.
    events: [
      { source: 'appsync' },
      {
        [Symbol.for('nodejs.util.inspect.custom')]: () => {
          throw new Error('cannot print');
        },
      },
    ],
  },
  {
    fixture: 'cdk-from-inline',
    file: 'lib/echo-stack.ts',
    resource: 'SumFunction',
    exportName: 'sum',
    events: [{ values: [1, 2, 3] }, { values: 'x' }],
  },
  {
    fixture: 'cfn-yaml-sub-folded-join',
    file: 'stack.yaml',
    resource: 'LookupFunction',
    exportName: 'handler',
    events: [{ key: 'k1' }, {}],
    values: { TableName: 'orders', 'AWS::Region': 'eu-west-1' },
  },
  {
    fixture: 'cfn-yaml-sub-folded-join',
    file: 'stack.yaml',
    resource: 'PingFunction',
    exportName: 'handler',
    events: [{ n: 3 }, { n: -1 }],
  },
  {
    fixture: 'cfn-yaml-sub-folded-join',
    file: 'stack.yaml',
    resource: 'DoubleFunction',
    exportName: 'handler',
    events: [{ value: 2 }, { value: 'x' }],
  },
  {
    fixture: 'cfn-yaml-sub-folded-join',
    file: 'stack.yaml',
    resource: 'StatusFunction',
    exportName: 'handler',
    events: [{ id: 7 }, null],
  },
  {
    fixture: 'cfn-yaml-sub-folded-join',
    file: 'stack.yaml',
    resource: 'CountFunction',
    exportName: 'handler',
    events: [{ items: [1, 2] }, {}, null],
  },
];

/** The code CloudFormation (or CDK) hands to Lambda for the resource, read without the codemod's readers. */
function deployedCode(file: string, text: string, resource: string, values: Record<string, string>): string {
  if (file.endsWith('.ts')) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    let code: string | undefined;
    const visit = (node: ts.Node): void => {
      if (
        ts.isNewExpression(node) &&
        node.arguments?.[1] &&
        ts.isStringLiteral(node.arguments[1]) &&
        node.arguments[1].text === resource
      ) {
        const props = node.arguments[2] as ts.ObjectLiteralExpression;
        const codeProp = props.properties.find((p) => p.name?.getText(sf) === 'code') as ts.PropertyAssignment;
        code = ((codeProp.initializer as ts.CallExpression).arguments[0] as ts.StringLiteral).text;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return code!;
  }
  const data = (file.endsWith('.json') ? JSON.parse(text) : parse(text, { customTags: CFN_TAGS })) as {
    Resources: Record<string, { Properties: Record<string, unknown> }>;
  };
  const props = data.Resources[resource]!.Properties;
  const evaluate = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const fn = value as Record<string, unknown>;
    if ('Fn::Sub' in fn)
      return (fn['Fn::Sub'] as string).replace(/\$\{([^}!]+)\}/g, (_, name: string) => values[name]!);
    if ('Fn::Join' in fn) {
      const [delimiter, parts] = fn['Fn::Join'] as [string, unknown[]];
      return parts.map(evaluate).join(delimiter);
    }
    if ('Ref' in fn) return values[fn.Ref as string]!;
    throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
  };
  return evaluate(props.InlineCode ?? (props.Code as { ZipFile: unknown }).ZipFile);
}

const root = join(tmpdir(), `atx-inline-behaviour-${process.pid}`);
const nodeRequire = createRequire(import.meta.url);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Lambda writes inline Node.js code to index.js and loads it as CommonJS. */
function load(code: string, dir: string): Record<string, unknown> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), code);
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }');
  return nodeRequire(join(dir, 'index.js')) as Record<string, unknown>;
}

describe('lambda-callback-to-async: inline code, behaviour before and after', () => {
  CASES.forEach((c, index) => {
    it(`${c.fixture} › ${c.resource}: the deployed code settles the same way for every event`, async () => {
      const before = deployedCode(c.file, tree(c.fixture, 'input')[c.file]!, c.resource, c.values ?? {});
      const after = deployedCode(c.file, tree(c.fixture, 'output')[c.file]!, c.resource, c.values ?? {});
      expect(after).not.toBe(before);
      const oldHandler = load(before, join(root, `${index}-before`))[c.exportName] as AnyHandler;
      const newHandler = load(after, join(root, `${index}-after`))[c.exportName] as AnyHandler;
      const kinds = new Set<string>();
      for (const event of c.events) {
        const expected = comparable(await runNode22(oldHandler, event), join(root, `${index}-before`));
        const actual = comparable(await runNode24(newHandler, event), join(root, `${index}-after`));
        expect(actual, JSON.stringify(event)).toEqual(expected);
        expect(expected).not.toHaveProperty('timedOut');
        kinds.add(Object.keys(expected as object)[0]!);
      }
      expect([...kinds].sort()).toEqual(['rejected', 'resolved']);
    });
  });
});

describe('lambda-callback-to-async: inline code that is reported, not converted', () => {
  const template = (code: string, runtime = 'nodejs16.x') =>
    `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: ${runtime}\n      Handler: index.handler\n      Code:\n        ZipFile: ${code}\n`;

  it('a helper that still calls context.done() keeps the whole function as it is', () => {
    const code = [
      '|',
      '          exports.handler = function(event, context) {',
      "            if (event.RequestType === 'Delete') return sendResponse(event, context, 'SUCCESS');",
      "            sendResponse(event, context, 'SUCCESS', { Id: 'x' });",
      '          };',
      '          function sendResponse(event, context, status, data) {',
      "            require('https').request(event.ResponseURL, { method: 'PUT' }, () => context.done()).end(JSON.stringify({ Status: status, Data: data }));",
      '          }',
    ].join('\n');
    const result = runOn({ 'template.yaml': template(code) });
    expect(result.changes.size).toBe(0);
    expect(result.findings).toEqual([
      expect.objectContaining({
        file: 'template.yaml',
        line: 14,
        severity: 'manual',
        rule: 'lambda-callback/unconvertible',
        message: expect.stringContaining("'Fn' was left unchanged: it uses context.done()"),
      }),
    ]);
  });

  it('a folded block (>) that joins lines is left and reported', () => {
    const folded =
      '>\n          exports.handler = function(event, context) {\n          context.succeed(1);\n          };';
    const result = runOn({ 'template.yaml': template(folded) });
    expect(result.changes.size).toBe(0);
    expect(result.findings).toEqual([
      expect.objectContaining({
        line: 8,
        severity: 'manual',
        message: expect.stringMatching(
          /^Inline code of AWS::Lambda::Function 'Fn' was left callback-style: the code is a folded block \(>\) that joins some of its lines/,
        ),
      }),
    ]);
  });

  it('CDK: a template literal with ${} substitutions is reported; other runtimes and plain async code are left silently', () => {
    const stack = [
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      'const name = "x";',
      "new lambda.Function(this, 'Sub', { runtime: lambda.Runtime.NODEJS_LATEST, handler: 'index.handler',",
      '  code: lambda.Code.fromInline(`exports.handler = (event, context) => context.succeed("${name}");`) });',
      "new lambda.Function(this, 'Py', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler',",
      "  code: lambda.Code.fromInline('def handler(event, context):\\n    return context.done(1)') });",
      "new lambda.Function(this, 'Fine', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler',",
      "  code: new lambda.InlineCode('exports.handler = async (event, context) => event;') });",
      '',
    ].join('\n');
    const result = runOn({ 'lib/stack.ts': stack });
    expect(result.changes.size).toBe(0);
    expect(result.findings).toEqual([
      expect.objectContaining({
        line: 4,
        message: expect.stringMatching(
          /^Inline code of CDK construct 'Sub' was left callback-style: the code is a template literal with \$\{…\} substitutions/,
        ),
      }),
    ]);
  });

  it('a converted handler keeps its findings, pointed at the template line', () => {
    const code = [
      '|',
      '          exports.handler = function(event, context) {',
      '            context.callbackWaitsForEmptyEventLoop = true;',
      '            context.succeed(event.id);',
      '          };',
    ].join('\n');
    const result = runOn({ 'template.yaml': template(code) });
    expect(result.changes.get('template.yaml')).toContain(
      '          exports.handler = async function(event, context) {\n            return event.id;\n          };\n',
    );
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'lambda-callback/callback-waits',
        line: 10,
        severity: 'warning',
        message: expect.stringMatching(/^Inline code of AWS::Lambda::Function 'Fn': /),
      }),
    ]);
  });

  it('serverless.yml resources: ${…} variables stay where they were', () => {
    const yml = [
      'service: orders',
      'provider:',
      '  name: aws',
      '  runtime: nodejs16.x',
      'resources:',
      '  Resources:',
      '    Hook:',
      '      Type: AWS::Lambda::Function',
      '      Properties:',
      '        Runtime: nodejs16.x',
      '        Handler: index.handler',
      '        Code:',
      '          ZipFile: |',
      "            const STAGE = '${sls:stage}';",
      '            exports.handler = function(event, context, callback) { callback(null, STAGE); };',
      '',
    ].join('\n');
    const result = runOn({ 'serverless.yml': yml });
    expect(result.changes.get('serverless.yml')).toBe(
      yml.replace(
        'function(event, context, callback) { callback(null, STAGE); }',
        'async function(event, context) { return STAGE; }',
      ),
    );
  });

  it('async code that parses only once its ${…} are substituted is left silently; callback-era code like it is reported', () => {
    const asyncCode =
      '!Sub |\n          const LIMIT = ${Limit};\n          exports.handler = async (event) => Math.min(event.n, LIMIT);';
    const callbackCode = asyncCode.replace(
      'async (event) => Math.min(event.n, LIMIT)',
      '(event, context) => context.succeed(Math.min(event.n, LIMIT))',
    );
    const both = template(asyncCode) + template(callbackCode).replace('Resources:\n  Fn:', '  Other:');
    const result = runOn({ 'template.yaml': both });
    expect(result.changes.size).toBe(0);
    expect(result.findings.map((f) => [f.rule, f.line, f.message.slice(0, 50)])).toEqual([
      ['lambda-callback/unparsable', 18, "Inline code of AWS::Lambda::Function 'Other' does "],
    ]);
  });

  it('JSON Fn::Sub: converted with its ${…} substitutions kept in place', () => {
    // The code as written in the JSON string: \n escapes, a ${Table} substitution.
    const code =
      "var TABLE = '${Table}';\\nexports.handler = function(event, context, callback) {\\n  callback(null, TABLE + ':' + event.id);\\n};\\n";
    const json =
      '{\n  "Resources": {\n    "Fn": {\n      "Type": "AWS::Lambda::Function",\n      "Properties": {\n        "Runtime": "nodejs16.x",\n        "Handler": "index.handler",\n        "Code": { "ZipFile": { "Fn::Sub": "' +
      code +
      '" } }\n      }\n    }\n  }\n}\n';
    const out = runOn({ 'template.json': json }).changes.get('template.json')!;
    expect(out).toBe(
      json.replace(
        "function(event, context, callback) {\\n  callback(null, TABLE + ':' + event.id);",
        "async function(event, context) {\\n  return TABLE + ':' + event.id;",
      ),
    );
    expect((JSON.parse(out) as any).Resources.Fn.Properties.Code.ZipFile['Fn::Sub']).toBe(
      "var TABLE = '${Table}';\nexports.handler = async function(event, context) {\n  return TABLE + ':' + event.id;\n};\n",
    );
  });

  it('only files with inline callback-era Node.js code are candidates; built output and tests are not', () => {
    const inline = tree('cfn-json-zipfile', 'input')['template.json']!;
    const repo = memoryRepo({
      'template.json': inline,
      'cdk.out/Stack.template.json': inline,
      'test/template.json': inline,
      // The Lambda API model of an SDK: it names ZipFile and runtimes, in prose, but deploys nothing.
      'layer/botocore/data/lambda/service-2.json':
        '{ "shapes": { "FunctionCode": { "members": { "ZipFile": { "documentation": "The base64-encoded contents of the deployment package, nodejs20.x and others; in the context, it is ..." } } } } }',
      'python.yaml':
        'Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Code:\n        ZipFile: |\n          def handler(event, context):\n            return 1\n',
    });
    expect(codemod.candidates(repo, {})).toEqual(['template.json']);
    expect(codemod.candidates(repo, { targetVersion: 22 })).toEqual([]);
  });
});

describe('lambda-callback-to-async: inline code, written back in the host notation', () => {
  it('CDK: a changed line is escaped for its quotes; what the literal holds is the converted code', () => {
    const stack = String.raw`new lambda.Function(this, 'Q', { runtime: lambda.Runtime.NODEJS_16_X, handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = function(event, context) { context.succeed(\'it\\\'s \' + event.s); };') });
new lambda.Function(this, 'T', { runtime: lambda.Runtime.NODEJS_16_X, handler: 'index.handler',
  code: lambda.Code.fromInline(${'`'}exports.handler = function(event, context) {
  context.succeed(event.s.split('\\n').join('\`'));
};${'`'}) });
`;
    const expected = String.raw`new lambda.Function(this, 'Q', { runtime: lambda.Runtime.NODEJS_16_X, handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async function(event, context) { return \'it\\\'s \' + event.s; };') });
new lambda.Function(this, 'T', { runtime: lambda.Runtime.NODEJS_16_X, handler: 'index.handler',
  code: lambda.Code.fromInline(${'`'}exports.handler = async function(event, context) {
  return event.s.split('\\n').join('\`');
};${'`'}) });
`;
    const out = runOn({ 'lib/stack.ts': stack }).changes.get('lib/stack.ts');
    expect(out).toBe(expected);
    const literals: string[] = [];
    const visit = (node: ts.Node): void => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text.startsWith('exports.'))
        literals.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile('stack.ts', out!, ts.ScriptTarget.Latest, true));
    expect(literals).toEqual([
      String.raw`exports.handler = async function(event, context) { return 'it\'s ' + event.s; };`,
      "exports.handler = async function(event, context) {\n  return event.s.split('\\n').join('`');\n};",
    ]);
  });

  it('a single-quoted YAML string cannot take a new line: the reason is given, nothing is written', () => {
    const host = "ZipFile: 'a(); b();'\n";
    const slots = stringSlots(host, 10, 19, { kind: 'yaml-single' })!;
    expect(reembed(host, slots, 'a(); b();', 'a();\nb();')).toEqual({
      problem: 'it would need a new line, which this kind of string cannot hold',
    });
    expect(reembed(host, slots, 'a(); b();', "a(); c('x');")).toMatchObject({
      edit: { start: 10, end: 19, text: "a(); c(''x'');" },
    });
  });
});
