// package.json: aws-sdk-client-mock joins the devDependencies of the package whose tests moved,
// aws-sdk-mock leaves once no file of that package loads it; every other byte stays.
import { describe, expect, it } from 'vitest';
import { updateTestManifest } from '../../../src/codemods/aws-sdk-test-mocks/manifest.js';
import { runOn } from './helpers.js';

const mockTest = (service = 'S3') =>
  `const AWSMock = require('aws-sdk-mock');\nAWSMock.mock('${service}', 'getObject', {});\n`;

describe('the manifest of a package whose tests moved', () => {
  it('gains aws-sdk-client-mock and loses aws-sdk-mock, in its own indentation', () => {
    const manifest =
      '{\n\t"name": "svc",\n\t"devDependencies": {\n\t\t"aws-sdk-mock": "^5.8.0",\n\t\t"jest": "^29.7.0"\n\t}\n}\n';
    const result = runOn({ 'package.json': manifest, 'test/a.test.js': mockTest() });
    expect(result.findings).toEqual([]);
    expect(result.changes.get('package.json')).toBe(
      '{\n\t"name": "svc",\n\t"devDependencies": {\n\t\t"aws-sdk-client-mock": "^4.1.0",\n\t\t"jest": "^29.7.0"\n\t}\n}\n',
    );
  });

  it('keeps aws-sdk-mock while a file of the package still loads it; other packages are not touched', () => {
    const manifest = '{\n  "devDependencies": {\n    "aws-sdk-mock": "^5.8.0"\n  }\n}\n';
    const result = runOn({
      'package.json': manifest,
      'test/a.test.js': mockTest(),
      'test/b.test.js': mockTest('SimpleDB'),
      'other/package.json': manifest,
    });
    expect(result.findings.map((f) => `${f.file} ${f.rule}`)).toEqual([
      'test/b.test.js aws-sdk-test-mocks/unknown-service',
    ]);
    expect([...result.changes.keys()].sort()).toEqual(['package.json', 'test/a.test.js']);
    expect(result.changes.get('package.json')).toBe(
      '{\n  "devDependencies": {\n    "aws-sdk-client-mock": "^4.1.0",\n    "aws-sdk-mock": "^5.8.0"\n  }\n}\n',
    );
  });

  it('adds a devDependencies section when there is none, and leaves a declared aws-sdk-client-mock', () => {
    expect(updateTestManifest('{\n  "name": "x"\n}\n', true)).toBe(
      '{\n  "name": "x",\n  "devDependencies": {\n    "aws-sdk-client-mock": "^4.1.0"\n  }\n}\n',
    );
    expect(
      updateTestManifest(
        '{ "devDependencies": { "aws-sdk-client-mock": "^3.0.0", "aws-sdk-mock": "5", "x": "1" } }',
        true,
      ),
    ).toBe('{ "devDependencies": { "aws-sdk-client-mock": "^3.0.0", "x": "1" } }');
    expect(updateTestManifest('{ "devDependencies": { "aws-sdk-client-mock": "^4.0.0" } }', true)).toBeUndefined();
  });

  it('reports a manifest that is not JSON', () => {
    const result = runOn({ 'package.json': '{ nope', 'a.test.js': mockTest() });
    expect(result.findings.map((f) => `${f.file} ${f.rule} ${f.severity}`)).toEqual([
      'package.json aws-sdk-test-mocks/package-json warning',
    ]);
    expect(result.changes.has('a.test.js')).toBe(true);
  });
});
