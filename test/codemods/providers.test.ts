// Finding the services of other providers: Serverless `provider.name` read as YAML reads it
// (the quick paths must agree with a whole-document parse), Azure Functions, Google Cloud
// Functions and Firebase, Cloudflare Workers; the nearest folder that names a provider decides.
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { isOtherProvider, otherProviders, serverlessProvider, yamlProvider } from '../../src/codemods/providers.js';
import { inlineRepo } from './nodejs-runtime/helpers.js';

const yamlCases: Record<string, string> = {
  'name first': 'service: a\nprovider:\n  name: azure\n  runtime: nodejs12\n',
  shorthand: 'provider: google\n',
  'quoted, comments and blank lines before it': "provider: # where\n\n  # name: aws\n  name: 'tencent' # cloud\n",
  'name after other keys':
    'provider:\n  runtime: nodejs12.x\n  iam:\n    role:\n      statements:\n        - Resource: arn:aws:s3:::b/*\n  name: aws\n',
  'flow mapping': 'provider: { name: aliyun, runtime: nodejs10 }\n',
  'a # without a space is part of the word': 'provider:\n  name: aws#1\n',
  'self variable': 'custom:\n  cloud: spotinst\nprovider:\n  name: ${self:custom.cloud}\n',
  'self variable to a variable': 'custom:\n  cloud: ${opt:cloud}\nprovider:\n  name: ${self:custom.cloud}\n',
  'option variable': "provider:\n  name: ${opt:provider, 'aws'}\n",
  'merge key': 'base: &base\n  name: openwhisk\nprovider:\n  <<: *base\n  runtime: nodejs:12\n',
  alias: 'base: &base\n  name: kubeless\nprovider: *base\n',
  'no name': 'provider:\n  runtime: nodejs18.x\n',
  'block scalar mentioning a name': 'provider:\n  description: |\n    name: google\n  name: aws\n',
  'CRLF line endings': 'provider:\r\n  name: fn\r\n  runtime: node12\r\n',
};

describe('serverless provider.name', () => {
  it.each(Object.entries(yamlCases))('%s: the same answer as parsing the whole document', (_name, text) => {
    const whole = yamlProvider(text, parseDocument(text, { merge: true }));
    expect(serverlessProvider('serverless.yml', text)).toEqual(whole);
  });

  it('reads names, resolves ${self:} in the file, and leaves other variables unknown', () => {
    const name = (text: string) => serverlessProvider('serverless.yml', text)?.name;
    expect(name(yamlCases['name first']!)).toBe('azure');
    expect(name(yamlCases.shorthand!)).toBe('google');
    expect(name(yamlCases['quoted, comments and blank lines before it']!)).toBe('tencent');
    expect(name(yamlCases['name after other keys']!)).toBe('aws');
    expect(name(yamlCases['flow mapping']!)).toBe('aliyun');
    expect(name(yamlCases['a # without a space is part of the word']!)).toBe('aws#1');
    expect(name(yamlCases['self variable']!)).toBe('spotinst');
    expect(name(yamlCases['merge key']!)).toBe('openwhisk');
    expect(name(yamlCases.alias!)).toBe('kubeless');
    expect(name(yamlCases['block scalar mentioning a name']!)).toBe('aws');
    expect(serverlessProvider('serverless.yml', yamlCases['option variable']!)).toMatchObject({
      name: undefined,
      written: "${opt:provider, 'aws'}",
      line: 2,
    });
    expect(serverlessProvider('serverless.yml', yamlCases['self variable to a variable']!)?.name).toBeUndefined();
    expect(serverlessProvider('serverless.yml', yamlCases['no name']!)).toBeUndefined();
    expect(serverlessProvider('serverless.yml', 'provider:\n  name: [unclosed\n')).toBeUndefined();
  });

  it('reads serverless.ts, serverless.js and serverless.json without running them', () => {
    const ts =
      "import type { AWS } from '@serverless/typescript';\nconst config = {\n  service: 'x',\n  provider: {\n    name: 'google',\n  },\n};\nmodule.exports = config;\n";
    expect(serverlessProvider('serverless.ts', ts)).toMatchObject({ name: 'google', line: 5 });
    expect(
      serverlessProvider('serverless.js', 'module.exports = { provider: { name: process.env.CLOUD } };\n'),
    ).toMatchObject({ name: undefined, written: 'process.env.CLOUD' });
    expect(
      serverlessProvider('serverless.json', '{\n  "service": "x",\n  "provider": { "name": "azure" }\n}\n'),
    ).toMatchObject({ name: 'azure', line: 3 });
  });
});

describe('folders of other providers', () => {
  const repo = inlineRepo({
    'aws-api/serverless.yml': 'provider:\n  name: aws\n',
    'aws-api/handler.js': '',
    'azure-app/serverless.yml': 'provider:\n  name: azure\n',
    'azure-app/host.json': '{ "version": "2.0" }\n',
    'azure-app/src/handlers/hello.js': '',
    // An AWS service kept inside another provider's folder is still AWS.
    'azure-app/tools/lambda/template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n',
    'azure-app/tools/lambda/index.js': '',
    'functions-v3/host.json':
      '{\n  "version": "2.0",\n  "extensionBundle": { "id": "Microsoft.Azure.Functions.ExtensionBundle" }\n}\n',
    'functions-v3/Hello/function.json': '{ "bindings": [] }\n',
    'functions-v3/Hello/index.js': '',
    'loose-function/function.json': '{ "bindings": [{ "type": "httpTrigger" }] }\n',
    'gcf/package.json': '{ "dependencies": { "@google-cloud/functions-framework": "^3.0.0" } }\n',
    'gcf/index.js': '',
    'firebase.json': '{ "functions": { "source": "cloud" } }\n',
    'cloud/index.js': '',
    'worker/wrangler.toml': 'name = "edge"\n',
    'worker/src/index.js': '',
    'unknown/serverless.yml': 'provider:\n  name: ${opt:cloud}\n',
    'unknown/index.js': '',
    'host.json': 'not an azure host file\n',
    'lib/azure-code.ts': "import { app } from '@azure/functions';\n",
    'lib/plain.ts': "import { S3 } from '@aws-sdk/client-s3';\n",
  });

  it('lists each service once, with the file that names its provider', () => {
    const found = otherProviders(repo).services.map((s) => [s.folder, s.provider, s.file]);
    expect(found).toEqual([
      ['azure-app', 'azure', 'azure-app/serverless.yml'],
      ['cloud', 'google', 'firebase.json'],
      ['functions-v3', 'azure', 'functions-v3/host.json'],
      ['gcf', 'google', 'gcf/package.json'],
      ['loose-function', 'azure', 'loose-function/function.json'],
      ['unknown', undefined, 'unknown/serverless.yml'],
      ['worker', 'cloudflare', 'worker/wrangler.toml'],
    ]);
    expect(otherProviders(repo)).toBe(otherProviders(repo));
  });

  it('a path belongs to the nearest folder that names a provider', () => {
    const of = (path: string) => otherProviders(repo).serviceOf(path)?.folder;
    expect(of('azure-app/src/handlers/hello.js')).toBe('azure-app');
    expect(of('azure-app/tools/lambda/index.js')).toBeUndefined();
    expect(of('functions-v3/Hello/index.js')).toBe('functions-v3/Hello');
    expect(of('aws-api/handler.js')).toBeUndefined();
    expect(of('README.md')).toBeUndefined();
    expect(isOtherProvider(repo, 'lib/azure-code.ts')).toBe(true);
    expect(isOtherProvider(repo, 'lib/plain.ts')).toBe(false);
    expect(isOtherProvider(repo, 'unknown/index.js')).toBe(true);
  });

  it('a repository of AWS services only has none, without reading its code', () => {
    const read: string[] = [];
    const files: Record<string, string> = {
      'serverless.yml': 'provider:\n  name: aws\n',
      'src/a.js': '',
      'package.json': '{}',
    };
    const view = { files: Object.keys(files).sort(), read: (path: string) => (read.push(path), files[path]!) };
    expect(otherProviders(view).services).toEqual([]);
    expect(read.sort()).toEqual(['package.json', 'serverless.yml']);
  });
});
