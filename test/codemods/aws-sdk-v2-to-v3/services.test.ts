// The generated v2 service -> v3 client table and every way a file reaches a client class: the
// aws-sdk namespace, property requires, aws-sdk/clients/<x> and /all, declarator lists, types.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { afterEach, describe, expect, it } from 'vitest';
import { v3Services } from '../../../src/codemods/aws-sdk-v2-to-v3/services-data.js';
import {
  hasNoV3Client,
  serviceByClientsPath,
  serviceByV2Name,
} from '../../../src/codemods/aws-sdk-v2-to-v3/services.js';
import { fakeAws, type Call } from './fake-v2.js';
import { convertTwice } from './helpers.js';

/** Syntax errors in converted text (an empty list when it parses). */
function syntaxErrors(text: string, fileName: string): string[] {
  const out = ts.transpileModule(text, { fileName, reportDiagnostics: true });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Source text from lines. */
const code = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** Every module the text imports or requires, sorted. */
function modules(text: string): string[] {
  const found = [...text.matchAll(/(?:from\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return [...new Set(found)].sort();
}

describe('aws-sdk-v2-to-v3: the service table', () => {
  it('maps every v2 service class that has a v3 client, each to its own package', () => {
    expect(v3Services.length).toBeGreaterThanOrEqual(380);
    const pkgs = v3Services.map(([, , pkg]) => pkg);
    expect(new Set(pkgs).size).toBe(pkgs.length);
    for (const [v2, v3, pkg] of v3Services) {
      expect(serviceByV2Name(v2)).toEqual({ v2, v3, pkg: `@aws-sdk/client-${pkg}` });
      expect(pkg).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(v3).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    }
  });

  // v2 class -> published package and bare client, for names where they differ most
  const odd: [string, string, string][] = [
    ['ACMPCA', '@aws-sdk/client-acm-pca', 'ACMPCAClient'],
    ['Discovery', '@aws-sdk/client-application-discovery-service', 'ApplicationDiscoveryServiceClient'],
    ['ELBv2', '@aws-sdk/client-elastic-load-balancing-v2', 'ElasticLoadBalancingV2Client'],
    ['Route53', '@aws-sdk/client-route-53', 'Route53Client'],
    ['CognitoIdentityServiceProvider', '@aws-sdk/client-cognito-identity-provider', 'CognitoIdentityProviderClient'],
    ['IotData', '@aws-sdk/client-iot-data-plane', 'IoTDataPlaneClient'],
    ['Iot', '@aws-sdk/client-iot', 'IoTClient'],
    ['SESV2', '@aws-sdk/client-sesv2', 'SESv2Client'],
    ['MQ', '@aws-sdk/client-mq', 'MqClient'],
    ['CUR', '@aws-sdk/client-cost-and-usage-report-service', 'CostAndUsageReportServiceClient'],
    ['ForecastQueryService', '@aws-sdk/client-forecastquery', 'ForecastqueryClient'],
    ['StepFunctions', '@aws-sdk/client-sfn', 'SFNClient'],
    ['TranscribeService', '@aws-sdk/client-transcribe', 'TranscribeClient'],
    ['ResourceExplorer2', '@aws-sdk/client-resource-explorer-2', 'ResourceExplorer2Client'],
  ];

  it.each(odd)('new AWS.%s() becomes a client from %s', async (v2, pkg, client) => {
    const src = code(`const AWS = require('aws-sdk');`, `const c = new AWS.${v2}();`);
    const { text, findings } = await convertTwice(src);
    expect(modules(text)).toEqual([pkg]);
    expect(text).toMatch(new RegExp(`^const \\{\\s*${client},?\\s*\\} = require\\('${pkg}'\\);\\n`));
    expect(text).toContain(`\nconst c = new ${client}();\n`);
    expect(findings).toEqual([]);
  });

  it('finds aws-sdk/clients/<file> by the lower-cased class name', () => {
    expect(serviceByClientsPath('elbv2')?.pkg).toBe('@aws-sdk/client-elastic-load-balancing-v2');
    expect(serviceByClientsPath('discovery')?.v3).toBe('ApplicationDiscoveryService');
    expect(serviceByClientsPath('nosuchservice')).toBeUndefined();
  });

  const withoutV3 = ['SimpleDB', 'ImportExport', 'MobileAnalytics'];
  it.each(withoutV3)('leaves %s, with no v3 client, on v2 with a finding', async (v2) => {
    expect(serviceByV2Name(v2)).toBeUndefined();
    expect(hasNoV3Client(v2)).toBe(true);
    const src = code(`const AWS = require('aws-sdk');`, `const c = new AWS.${v2}();`, 'module.exports = c;');
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings).toContainEqual(expect.objectContaining({ line: 2, rule: 'aws-sdk-v3/no-v3-client' }));
  });

  it('reports deep, named and destructured imports of a service with no v3 client', async () => {
    const src = code(
      `import SDB from 'aws-sdk/clients/simpledb';`,
      `import { S3, ImportExport } from 'aws-sdk';`,
      `const { MobileAnalytics } = require('aws-sdk');`,
    );
    const { findings } = await convertTwice(src, {}, 'src/a.mjs');
    const lines = findings.filter((f) => f.rule === 'aws-sdk-v3/no-v3-client').map((f) => f.line);
    expect(lines).toEqual([1, 2, 3]);
  });
});

const acm = `\nexport const certs = () => c.listCertificates().promise();\n`;
const viaNs = `const c = new AWS.ACM();\nconst d = new AWS.Discovery();${acm}`;
const viaNames = `const c = new ACM();\nconst d = new Discovery();${acm}`;
const both = ['@aws-sdk/client-acm', '@aws-sdk/client-application-discovery-service'];

// [form, file, modules after conversion, source]
const forms: [string, string, string[], string][] = [
  ['global default import', 'a.mjs', both, `import AWS from 'aws-sdk';\n${viaNs}`],
  ['global star import', 'a.mjs', both, `import * as AWS from 'aws-sdk';\n${viaNs}`],
  ['global import-equals', 'a.ts', both, `import AWS = require('aws-sdk');\n${viaNs}`],
  ['global require', 'a.js', both, `const AWS = require('aws-sdk');\n${viaNs}`],
  [
    'property require',
    'a.js',
    both,
    `const ACM = require('aws-sdk').ACM;\nconst Discovery = require('aws-sdk').Discovery;\n${viaNames}`,
  ],
  [
    'property require with another name',
    'a.js',
    ['@aws-sdk/client-acm'],
    `const Certs = require('aws-sdk').ACM;\nconst c = new Certs();${acm}`,
  ],
  [
    'named import with another name',
    'a.mjs',
    both,
    `import { ACM as Certs, Discovery } from 'aws-sdk';\nconst c = new Certs();\nconst d = new Discovery();${acm}`,
  ],
  [
    'destructured require with another name',
    'a.js',
    both,
    `const { ACM: Certs, Discovery } = require('aws-sdk');\nconst c = new Certs();\nconst d = new Discovery();${acm}`,
  ],
  [
    'deep default import',
    'a.mjs',
    both,
    `import ACM from 'aws-sdk/clients/acm';\nimport Discovery from 'aws-sdk/clients/discovery';\n${viaNames}`,
  ],
  [
    'deep star import',
    'a.mjs',
    both,
    code(`import * as ACM from 'aws-sdk/clients/acm';`, `import * as Discovery from 'aws-sdk/clients/discovery';`) +
      viaNames,
  ],
  [
    'deep import with another name',
    'a.mjs',
    ['@aws-sdk/client-acm'],
    `import Certs from 'aws-sdk/clients/acm';\nconst c = new Certs();${acm}`,
  ],
  [
    'deep require',
    'a.js',
    both,
    code(`const ACM = require('aws-sdk/clients/acm');`, `const Discovery = require('aws-sdk/clients/discovery');`) +
      viaNames,
  ],
  [
    'deep require with another name',
    'a.js',
    ['@aws-sdk/client-acm'],
    `const Certs = require('aws-sdk/clients/acm.js');\nconst c = new Certs();${acm}`,
  ],
  [
    'deep import-equals',
    'a.ts',
    both,
    code(`import ACM = require('aws-sdk/clients/acm');`, `import Discovery = require('aws-sdk/clients/discovery');`) +
      viaNames,
  ],
  [
    'aws-sdk/clients/all named import',
    'a.mjs',
    both,
    `import { ACM, Discovery } from 'aws-sdk/clients/all';\n${viaNames}`,
  ],
  [
    'aws-sdk/clients/all destructured require',
    'a.js',
    both,
    `const { ACM, Discovery } = require('aws-sdk/clients/all');\n${viaNames}`,
  ],
  ['aws-sdk/clients/all namespace require', 'a.js', both, `const AWS = require('aws-sdk/clients/all');\n${viaNs}`],
  [
    'aws-sdk/clients/all property require',
    'a.js',
    ['@aws-sdk/client-acm'],
    `const ACM = require('aws-sdk/clients/all').ACM;\nconst c = new ACM();${acm}`,
  ],
  [
    'deep requires in one declaration',
    'a.js',
    both,
    `const ACM = require('aws-sdk/clients/acm'),\n  Discovery = require('aws-sdk/clients/discovery');\n${viaNames}`,
  ],
  [
    'a v2 require among other requires',
    'a.js',
    [...both, 'fs', 'path'],
    `const fs = require('fs'), AWS = require('aws-sdk'), path = require('path');\n${viaNs}`,
  ],
  [
    'a require and its clients in one declaration',
    'a.js',
    both,
    `var AWS = require('aws-sdk'), c = new AWS.ACM(), d = new AWS.Discovery();${acm}`,
  ],
  [
    'aliases in one declaration',
    'a.js',
    both,
    `const AWS = require('aws-sdk');\nconst ACM = AWS.ACM, Discovery = AWS.Discovery, n = 1;\n${viaNames}`,
  ],
  [
    'the client class as a type of the namespace',
    'a.ts',
    both,
    `import AWS from 'aws-sdk';\nconst c: AWS.ACM = new AWS.ACM();\nlet d: AWS.Discovery;${acm}`,
  ],
  [
    'the client class as a type from a deep import',
    'a.ts',
    ['@aws-sdk/client-acm'],
    `import ACM from 'aws-sdk/clients/acm';\nconst c: ACM = new ACM();${acm}`,
  ],
];

describe('aws-sdk-v2-to-v3: ways to reach a client class', () => {
  it.each(forms)('converts a %s', async (_form, file, expected, src) => {
    const { text, findings } = await convertTwice(src, {}, `src/${file}`);
    expect(syntaxErrors(text, file)).toEqual([]);
    expect(modules(text)).toEqual(expected);
    expect(text).toMatch(/new ACMClient\(\)/);
    expect(text).toContain('c.send(new ListCertificatesCommand({}))');
    expect(findings.filter((f) => f.severity === 'manual')).toEqual([]);
  });

  it('writes the v3 client type where the v2 class was a type', async () => {
    const src = code(`import AWS from 'aws-sdk';`, 'let c: AWS.ACM;', 'let d: AWS.Discovery;');
    const { text } = await convertTwice(src, {}, 'src/a.ts');
    expect(text).toContain(`import type { ACMClient } from '@aws-sdk/client-acm';\n`);
    expect(text).toMatch(/import type \{\s*ApplicationDiscoveryServiceClient,?\s*\} from '@aws-sdk\/client-app/);
    expect(text).toContain(`\nlet c: ACMClient;\nlet d: ApplicationDiscoveryServiceClient;\n`);
    expect(modules(text)).toEqual(both);
  });

  it('keeps the other declarators of a list byte for byte', async () => {
    const src = code(
      `const fs = require('fs'), AWS = require('aws-sdk'), path = require('path');`,
      'const c = new AWS.ACM();',
    );
    const { text } = await convertTwice(src);
    expect(text).toBe(
      code(
        `const { ACMClient } = require('@aws-sdk/client-acm');`,
        `const fs = require('fs'), path = require('path');`,
        'const c = new ACMClient();',
      ),
    );
  });

  it('keeps a declaration list whole while the file still needs v2', async () => {
    const src = code(
      `const AWS = require('aws-sdk'), fs = require('fs');`,
      'const c = new AWS.ACM();',
      `const e = new AWS.Endpoint('x');`,
    );
    const { text } = await convertTwice(src);
    expect(text).toBe(
      code(
        `const AWS = require('aws-sdk'), fs = require('fs');`,
        `const { ACMClient } = require('@aws-sdk/client-acm');`,
        'const c = new ACMClient();',
        `const e = new AWS.Endpoint('x');`,
      ),
    );
  });

  it('uses the aggregated client names in the aggregated style', async () => {
    const src = code(
      `const { ACMPCA, Discovery } = require('aws-sdk/clients/all');`,
      'const a = new ACMPCA();',
      'const d = new Discovery();',
    );
    const { text } = await convertTwice(src, { style: 'aggregated' });
    expect(text).toBe(
      code(
        `const { ACMPCA } = require('@aws-sdk/client-acm-pca');`,
        `const { ApplicationDiscoveryService } = require('@aws-sdk/client-application-discovery-service');`,
        'const a = new ACMPCA();',
        'const d = new ApplicationDiscoveryService();',
      ),
    );
  });
});

// Behaviour: the module before (on a recording fake of v2) and after (on the real v3 clients,
// mocked) makes the same calls and returns the same results, for the less common import forms.
const req = createRequire(join(import.meta.dirname, '../../../package.json'));
const { mockClient } = req('aws-sdk-client-mock');
const s3 = req('@aws-sdk/client-s3');
const sqs = req('@aws-sdk/client-sqs');
const mocks: { restore(): void }[] = [];
afterEach(() => mocks.splice(0).forEach((m) => m.restore()));

const work = `
exports.run = async () => {
  const buckets = await store.listBuckets().promise();
  const sent = await queue.sendMessage({ QueueUrl: 'q', MessageBody: 'hi' }).promise();
  return { buckets, sent };
};
`;
const behaviourForms: [string, string][] = [
  [
    'deep requires in one declaration',
    code(
      `const S3 = require('aws-sdk/clients/s3'),`,
      `  SQS = require('aws-sdk/clients/sqs');`,
      'const store = new S3(), queue = new SQS();',
    ),
  ],
  [
    'aws-sdk/clients/all',
    code(
      `const { S3, SQS: Queue } = require('aws-sdk/clients/all');`,
      'const store = new S3();',
      'const queue = new Queue();',
    ),
  ],
  [
    'property requires among other declarators',
    code(
      `const path = require('path'), S3 = require('aws-sdk').S3, SQS = require('aws-sdk/clients/all').SQS;`,
      'const store = new S3();',
      'const queue = new SQS();',
    ),
  ],
];

function load(text: string, resolve: (spec: string) => unknown) {
  const module = { exports: {} as { run: () => Promise<unknown> } };
  new Function('require', 'module', 'exports', text)(resolve, module, module.exports);
  return module.exports;
}

describe('aws-sdk-v2-to-v3: converted import forms behave the same', () => {
  const buckets = { Buckets: [{ Name: 'b' }] };
  const sent = { MessageId: 'm1' };

  it.each(behaviourForms)('%s', async (_form, head) => {
    const src = head + work;
    const calls: Call[] = [];
    const aws = fakeAws({ 'S3.listBuckets': () => buckets, 'SQS.sendMessage': () => sent }, calls);
    const v2Modules: Record<string, unknown> = {
      'aws-sdk': aws,
      'aws-sdk/clients/all': aws,
      'aws-sdk/clients/s3': aws.S3,
      'aws-sdk/clients/sqs': aws.SQS,
    };
    const before = await load(src, (spec) => v2Modules[spec] ?? req(spec)).run();

    const { text } = await convertTwice(src);
    const others = head.includes('path') ? ['path'] : [];
    expect(modules(text)).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-sqs', ...others]);
    const s3Mock = mockClient(s3.S3Client);
    const sqsMock = mockClient(sqs.SQSClient);
    mocks.push(s3Mock, sqsMock);
    s3Mock.on(s3.ListBucketsCommand).resolves(buckets);
    sqsMock.on(sqs.SendMessageCommand).resolves(sent);
    const after = await load(text, (spec) => req(spec)).run();

    expect(after).toEqual(before);
    const v3Calls = [...s3Mock.calls(), ...sqsMock.calls()].map((c: any) => c.args[0].input);
    expect(v3Calls).toEqual(calls.map((c) => c.params ?? {})); // v2 sent no params as undefined, v3 as {}
  });
});
