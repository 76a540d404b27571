// AWS.Config objects, AWS.config settings, credential and token classes: each form converts to the
// v3 packages and provider names (and a second run changes nothing), what has no v3 equivalent
// stays on v2 with a finding, and converted values behave in real v3 clients and providers as the
// v2 objects did.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { afterEach, describe, expect, it } from 'vitest';
import { convertTwice } from './helpers.js';

const req = createRequire(join(import.meta.dirname, '../../../package.json'));

function parses(text: string, path = 'src/index.js'): boolean {
  const kind = path.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
}

// @aws-sdk/credential-providers re-exports these packages' providers; only they are installed here
const providerModules: Record<string, () => unknown> = {
  '@aws-sdk/credential-providers': () => ({
    fromIni: req('@aws-sdk/credential-provider-ini').fromIni,
    fromEnv: req('@aws-sdk/credential-provider-env').fromEnv,
  }),
};

/** Run a converted CommonJS module against the installed v3 packages; returns its exports. */
function run(text: string): Record<string, any> {
  const module = { exports: {} as Record<string, any> };
  const resolve = (spec: string) => (providerModules[spec] ?? (() => req(spec)))();
  new Function('require', 'module', 'exports', text)(resolve, module, module.exports);
  return module.exports;
}

const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

describe('aws-sdk-v2-to-v3: AWS.Config objects', () => {
  const options = `{
  region: 'eu-west-1',
  s3ForcePathStyle: true, // local stack
  maxRetries: 2,
  apiVersion: 'latest',
  accessKeyId: 'a',
  secretAccessKey: 's',
}`;
  const plain = `const config = {
  region: 'eu-west-1',
  forcePathStyle: true, // local stack
  maxAttempts: 3,
  credentials: { accessKeyId: 'a', secretAccessKey: 's' },
};
`;

  it.each([
    ['require', `const AWS = require('aws-sdk');\n`, 'AWS.Config'],
    ['default import', `import AWS from 'aws-sdk';\n`, 'AWS.Config'],
    ['aws-sdk/global', `import AWS from 'aws-sdk/global';\n`, 'AWS.Config'],
    ['aws-sdk/lib/core', `const AWS = require('aws-sdk/lib/core');\n`, 'AWS.Config'],
    ['named import', `import { Config } from 'aws-sdk';\n`, 'Config'],
    ['destructured deep require', `const { Config } = require('aws-sdk/lib/core');\n`, 'Config'],
  ])('becomes a plain object with v3 keys (%s)', async (_form, head, cls) => {
    const { text, findings } = await convertTwice(`${head}const config = new ${cls}(${options});\n`);
    expect(text).toBe(plain);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('keeps keys v3 gives no meaning, each with a finding, and drops only those v3 behaves as set', async () => {
    const { text, findings } = await convertTwice(`const AWS = require('aws-sdk');
const config = new AWS.Config({
  params: { Bucket: 'b' },
  retryDelayOptions: { base: 300 },
  signatureVersion: 'v2',
  correctClockSkew: true,
  paramValidation: false,
  convertResponseTypes: true,
});
const v4 = new AWS.Config({ region: 'us-east-1', signatureVersion: 'v4', hostPrefixEnabled: false });
`);
    expect(text).toBe(`const config = {
  params: { Bucket: 'b' },
  retryDelayOptions: { base: 300 },
  signatureVersion: 'v2',
};
const v4 = { region: 'us-east-1', disableHostPrefix: true };
`);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/config-key').map((f) => f.message)).toEqual([
      expect.stringContaining('`params`'),
      expect.stringContaining('`retryDelayOptions`'),
      expect.stringContaining('`signatureVersion`'),
    ]);
  });

  it('works in the v3 client it is passed to, as it did in the v2 one', async () => {
    const { text } = await convertTwice(`const AWS = require('aws-sdk');
const config = new AWS.Config({
  region: 'eu-west-1', s3ForcePathStyle: true, maxRetries: 4, sslEnabled: false, endpoint: 'localhost:4566',
  accessKeyId: 'AKID', secretAccessKey: 'SECRET',
});
const s3 = new AWS.S3(config);
module.exports = { s3, region: config.region };
`);
    expect(text).toContain(`endpoint: 'http://localhost:4566'`);
    const { s3, region } = run(text);
    expect(s3).toBeInstanceOf(req('@aws-sdk/client-s3').S3Client);
    expect(region).toBe('eu-west-1');
    expect(await s3.config.region()).toBe('eu-west-1');
    expect(s3.config.forcePathStyle).toBe(true);
    expect(s3.config.tls).toBe(false);
    expect(await s3.config.maxAttempts()).toBe(5); // v2: 4 retries after the first attempt
    expect(await s3.config.endpoint()).toMatchObject({ protocol: 'http:', hostname: 'localhost', port: 4566 });
    expect(await s3.config.credentials()).toMatchObject({ accessKeyId: 'AKID', secretAccessKey: 'SECRET' });
  });

  it('does not give AWS.config to a client created with a Config object, as v2 did not', async () => {
    const { text } = await convertTwice(`const AWS = require('aws-sdk');
AWS.config.update({ region: 'us-west-2' });
const config = new AWS.Config({ maxRetries: 1 });
const s3 = new AWS.S3(config);
const inline = new AWS.SQS(new AWS.Config({ region: 'eu-west-1' }));
const sns = new AWS.SNS();
`);
    expect(text).toContain(`const s3 = new S3Client(config);`);
    expect(text).toContain(`const inline = new SQSClient({ region: 'eu-west-1' });`);
    expect(text).toContain(`const sns = new SNSClient({ region: 'us-west-2' });`);
  });

  it('stays on v2, reported, where its methods may be used or its keys are unknown', async () => {
    const src = `const AWS = require('aws-sdk');
const updated = new AWS.Config({ region: 'x' });
updated.update({ region: 'y' });
export const shared = new AWS.Config({ region: 'x' });
const copied = new AWS.Config(other);
`;
    const { text, findings } = await convertTwice(src);
    expect(text).toBe(src);
    expect(findings.filter((f) => f.rule === 'aws-sdk-v3/config-object').map((f) => f.line)).toEqual([2, 4, 5]);
  });
});

describe('aws-sdk-v2-to-v3: credential and token classes', () => {
  const head = `const AWS = require('aws-sdk');\n`;
  const providers = '@aws-sdk/credential-providers';
  const returnsSso = 'function () { return new AWS.SsoCredentials() }';
  it.each([
    [
      `new AWS.SharedIniFileCredentials({ profile: 'dev', filename: '/creds' })`,
      `fromIni({ profile: 'dev', filepath: '/creds' })`,
    ],
    [`new AWS.ProcessCredentials({ profile: 'dev' })`, `fromProcess({ profile: 'dev' })`],
    [`new AWS.SsoCredentials({ profile: 'dev' })`, `fromSSO({ profile: 'dev' })`],
    [`new AWS.EnvironmentCredentials('AWS')`, `fromEnv()`],
    [
      `new AWS.EC2MetadataCredentials({ httpOptions: { timeout: 500 }, maxRetries: 2 })`,
      `fromInstanceMetadata({ timeout: 500, maxRetries: 2 })`,
    ],
    [`new AWS.ECSCredentials()`, `fromContainerMetadata()`],
    [`new AWS.RemoteCredentials({ maxRetries: 1 })`, `fromContainerMetadata({ maxRetries: 1 })`],
    [`new AWS.TokenFileWebIdentityCredentials()`, `fromTokenFile()`],
    [
      `new AWS.WebIdentityCredentials({ RoleArn: 'r', WebIdentityToken: t, RoleSessionName: 's' })`,
      `fromWebToken({ roleArn: 'r', webIdentityToken: t, roleSessionName: 's' })`,
    ],
    [
      `new AWS.CognitoIdentityCredentials({ IdentityPoolId: 'p', Logins: logins }, { region: 'eu-west-1' })`,
      `fromCognitoIdentityPool({ identityPoolId: 'p', logins: logins, clientConfig: { region: 'eu-west-1' } })`,
    ],
    [`new AWS.CognitoIdentityCredentials({ IdentityId: 'i' })`, `fromCognitoIdentity({ identityId: 'i' })`],
    [
      `new AWS.ChainableTemporaryCredentials({ params: { RoleArn }, masterCredentials: new AWS.Credentials(k, z) })`,
      `fromTemporaryCredentials({ params: { RoleArn }, masterCredentials: { accessKeyId: k, secretAccessKey: z } })`,
    ],
    [
      `new AWS.ChainableTemporaryCredentials({ params: { RoleArn: 'r' }, stsConfig: { region: 'eu-west-1' } })`,
      `fromTemporaryCredentials({ params: { RoleArn: 'r' }, clientConfig: { region: 'eu-west-1' } })`,
    ],
    [`new AWS.TemporaryCredentials({ RoleArn: 'r' })`, `fromTemporaryCredentials({ params: { RoleArn: 'r' } })`],
    [
      `new AWS.CredentialProviderChain([() => new AWS.EnvironmentCredentials('AWS'), ${returnsSso}])`,
      `createCredentialChain(fromEnv(), fromSSO())`,
    ],
    [`new AWS.CredentialProviderChain()`, `fromNodeProviderChain()`],
  ])('%s -> %s', async (v2, v3) => {
    const { text, findings } = await convertTwice(`${head}const s3 = new AWS.S3({ credentials: ${v2} });\n`);
    expect(text).toContain(`const s3 = new S3Client({ credentials: ${v3} });`);
    expect(text).not.toMatch(/['"]aws-sdk['"]/);
    const fn = /^\w+/.exec(v3)![0];
    expect(text).toMatch(new RegExp(`^const \\{[^}]*\\b${fn}\\b[^}]*\\} = require\\('${providers}'\\);$`, 'm'));
    expect(parses(text)).toBe(true);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('new AWS.Credentials(...) -> a static credentials object', async () => {
    const { text } = await convertTwice(`${head}const s3 = new AWS.S3({ credentials: new AWS.Credentials(a, b) });\n`);
    expect(text).toBe(`const { S3Client } = require('@aws-sdk/client-s3');
const s3 = new S3Client({ credentials: { accessKeyId: a, secretAccessKey: b } });
`);
  });

  it.each([
    [`new AWS.SSOTokenProvider({ profile: 'dev' })`, `fromSso({ profile: 'dev' })`],
    [
      `new AWS.StaticTokenProvider({ token: 't', expireTime: when })`,
      `fromStatic({ token: { token: 't', expiration: when } })`,
    ],
    [`new AWS.StaticTokenProvider(options)`, `fromStatic({ token: options })`],
    [`new AWS.TokenProviderChain()`, `nodeProvider()`],
  ])('%s -> %s', async (v2, v3) => {
    const source = (decl: string) =>
      `import AWS from 'aws-sdk';\n${decl} = ${v2};\nconst s3 = new AWS.S3({ token: provider });\n`;
    const exported = await convertTwice(source('export const provider'), {}, 'src/index.ts');
    expect(exported.text).toContain(`export const provider = ${v2};`); // other modules may call its v2 methods
    const { text } = await convertTwice(source('const provider'), {}, 'src/index.ts');
    expect(text).toContain(`const provider = ${v3};`);
    expect(text).toContain(`import { ${/^\w+/.exec(v3)![0]} } from '@aws-sdk/token-providers';`);
    expect(parses(text, 'src/index.ts')).toBe(true);
  });

  it.each([
    [`new AWS.EnvironmentCredentials()`, /AWS_ variables/],
    [`new AWS.EnvironmentCredentials('AMAZON')`, /AWS_ variables/],
    [`new AWS.SharedIniFileCredentials({ profile: 'dev', tokenCodeFn: ask })`, /`tokenCodeFn` has no v3 equivalent/],
    [`new AWS.SharedIniFileCredentials(options)`, /not an object literal/],
    [`new AWS.EC2MetadataCredentials({ httpOptions: { connectTimeout: 100 } })`, /only timeout/],
    [
      `new AWS.ChainableTemporaryCredentials({ params: { RoleArn: 'r' }, masterCredentials: existing })`,
      /masterCredentials `existing` may be a v2 credentials object/,
    ],
    [`new AWS.ChainableTemporaryCredentials({ params: {} })`, /getSessionToken/],
    [`new AWS.CognitoIdentityCredentials({ IdentityPoolId: 'p', RoleArn: 'r' })`, /`RoleArn` has no v3 equivalent/],
    [`new AWS.CredentialProviderChain(providers)`, /not an array literal/],
    [`new AWS.TokenProviderChain([p])`, /no public chain/],
    [`new AWS.SAMLCredentials(params)`, /no v3 provider/],
  ])('%s stays on v2 with a finding', async (v2, why) => {
    const { text, findings } = await convertTwice(`${head}new AWS.S3({ credentials: ${v2} });\n`);
    expect(text).toContain(v2);
    expect(text).toMatch(/^const AWS = require\('aws-sdk'\);/);
    expect(findings.find((f) => f.rule === 'aws-sdk-v3/credentials')?.message).toMatch(why);
  });

  it('converts a variable only when every use takes a v3 value', async () => {
    const { text, findings } = await convertTwice(`const AWS = require('aws-sdk');
const creds = new AWS.SharedIniFileCredentials({ profile: 'dev' });
const meta = new AWS.EC2MetadataCredentials();
const s3 = new AWS.S3({ credentials: creds });
AWS.config.credentials = creds;
meta.get((err) => console.log(err));
const sqs = new AWS.SQS({ credentials: meta });
`);
    expect(text).toContain(`const creds = fromIni({ profile: 'dev' });`);
    expect(text).toContain(`const meta = new AWS.EC2MetadataCredentials();`);
    expect(text).toContain(`const s3 = new S3Client({ credentials: creds });`);
    const found = (rule: string, line: number, message: string) =>
      expect.objectContaining({ rule: `aws-sdk-v3/${rule}`, line, message: expect.stringContaining(message) });
    expect(findings).toContainEqual(found('credentials', 3, '`meta` is used on line 6'));
    expect(findings).toContainEqual(found('config-key', 7, 'stays a v2 object'));
  });

  it('converts credentials in AWS.config settings, and leaves the settings it cannot convert on v2', async () => {
    const { text, findings } = await convertTwice(`const AWS = require('aws-sdk');
AWS.config.update({ credentials: new AWS.SharedIniFileCredentials({ profile: 'dev' }), region: 'eu-west-1' });
AWS.config.token = new AWS.EnvironmentCredentials();
const s3 = new AWS.S3();
`);
    expect(text).toContain(`new S3Client({ credentials: fromIni({ profile: 'dev' }), region: 'eu-west-1' });`);
    expect(text).toContain(`AWS.config.token = new AWS.EnvironmentCredentials();`);
    const left = { rule: 'aws-sdk-v3/global-config', line: 4, severity: 'warning' };
    expect(findings).toContainEqual(expect.objectContaining(left));
  });

  it('turns credentialProvider into credentials, noting that v2 tried it last', async () => {
    const { text, findings } = await convertTwice(`const AWS = require('aws-sdk');
const sqs = new AWS.SQS({ credentialProvider: new AWS.CredentialProviderChain() });
const sns = new AWS.SNS({ credentials: keys, credentialProvider: new AWS.CredentialProviderChain() });
`);
    expect(text).toContain(`const sqs = new SQSClient({ credentials: fromNodeProviderChain() });`);
    expect(text).toContain(`const sns = new SNSClient({ credentials: keys });`); // v2 never used the chain here
    const note = { rule: 'aws-sdk-v3/config-key', line: 2, message: expect.stringContaining('before this chain') };
    expect(findings).toContainEqual(expect.objectContaining(note));
  });
});

describe('aws-sdk-v2-to-v3: converted credentials resolve as the v2 objects did', () => {
  const saved = { ...process.env };
  const dirs: string[] = [];
  afterEach(() => {
    process.env = { ...saved };
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('a shared credentials file profile, through a v3 client', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atx-creds-'));
    dirs.push(dir);
    const ini =
      '[default]\naws_access_key_id = DEFAULT\naws_secret_access_key = d\n' +
      '[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = DEVSECRET\n';
    writeFileSync(join(dir, 'credentials'), ini);
    process.env.AWS_CONFIG_FILE = join(dir, 'none');
    process.env.CREDS_FILE = join(dir, 'credentials');
    const { text } = await convertTwice(`const AWS = require('aws-sdk');
const s3 = new AWS.S3({
  region: 'us-east-1',
  credentials: new AWS.SharedIniFileCredentials({ profile: 'dev', filename: process.env.CREDS_FILE }),
});
module.exports = s3;
`);
    expect(await run(text).config.credentials()).toMatchObject({ accessKeyId: 'DEVKEY', secretAccessKey: 'DEVSECRET' });
  });

  it('the AWS_ environment variables and static keys', async () => {
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ENVKEY',
      AWS_SECRET_ACCESS_KEY: 'ENVSECRET',
      AWS_SESSION_TOKEN: 'ENVTOK',
    });
    const { text } = await convertTwice(`const AWS = require('aws-sdk');
module.exports = {
  env: new AWS.SQS({ region: 'us-east-1', credentials: new AWS.EnvironmentCredentials('AWS') }),
  keys: new AWS.SQS({ region: 'us-east-1', credentials: new AWS.Credentials('KEY', 'SECRET', 'TOKEN') }),
};
`);
    const { env, keys } = run(text);
    const fromEnvironment = { accessKeyId: 'ENVKEY', secretAccessKey: 'ENVSECRET', sessionToken: 'ENVTOK' };
    expect(await env.config.credentials()).toMatchObject(fromEnvironment);
    const given = { accessKeyId: 'KEY', secretAccessKey: 'SECRET', sessionToken: 'TOKEN' };
    expect(await keys.config.credentials()).toMatchObject(given);
  });

  it('a static token', async () => {
    const { text } = await convertTwice(`const AWS = require('aws-sdk');
const token = new AWS.StaticTokenProvider({ token: 'T0KEN' });
const s3 = new AWS.S3({ token });
`);
    expect(text).toContain(`const token = fromStatic({ token: { token: 'T0KEN' } });`);
    const { fromStatic } = req('@aws-sdk/token-providers');
    const provider = new Function('fromStatic', `return ${/fromStatic\(.*\)/.exec(text)![0]};`)(fromStatic);
    expect(await provider()).toEqual({ token: 'T0KEN' });
  });
});
