import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  isAwsName,
  isVersionNumber,
  validateName,
  validateVersion,
  validateWritableName,
} from '../../src/registry/names.js';

describe('definition names', () => {
  it.each(['node-upgrade', 'MyOrg/node-upgrade', 'a', 'v1.2_beta', 'Org.x/y-z', 'x'.repeat(100)])(
    'accepts %s',
    (name) => {
      expect(validateName(name)).toBe(name);
    },
  );

  it.each([
    ['', /required/],
    ['x'.repeat(101), /too long/],
    ['a/b/c', /at most one "Org\/" prefix/],
    ['/etc/passwd', /absolute path/],
    ['..', /"\." or "\.\." segment/],
    ['Org/..', /"\." or "\.\." segment/],
    ['./x', /"\." or "\.\." segment/],
    ['Org\\x', /backslash/],
    ['has space', /invalid definition name/],
    ['Org/', /invalid definition name/],
    ['émigré', /invalid definition name/],
    ['.git', /must not have a part starting with "\."/],
    ['MyOrg/.git', /must not have a part starting with "\."/],
    ['.git/x', /must not have a part starting with "\."/],
    ['.GIT', /must not have a part starting with "\."/],
    ['Org/.hidden', /must not have a part starting with "\."/],
  ])('rejects %j with a clear message', (name, message) => {
    expect(() => validateName(name)).toThrow(UsageError);
    expect(() => validateName(name)).toThrow(message);
  });

  it('treats AWS/ as reserved in any case and suggests another prefix', () => {
    expect(isAwsName('AWS/nodejs-version-upgrade')).toBe(true);
    expect(isAwsName('aws/x')).toBe(true);
    expect(isAwsName('AWSome/x')).toBe(false);
    expect(() => validateWritableName('aws/nodejs-version-upgrade')).toThrow(
      'AWS/ definitions are managed and read-only; publish under another name, e.g. MyOrg/nodejs-version-upgrade',
    );
    expect(validateWritableName('MyOrg/x')).toBe('MyOrg/x');
  });

  it('knows which versions custom definitions can have', () => {
    expect(['1', '2', '10', '999'].every(isVersionNumber)).toBe(true);
    expect(['0', '01', '1.0.0', '-1', '', 'latest', '1e3'].some(isVersionNumber)).toBe(false);
    expect(validateVersion('12')).toBe('12');
    for (const version of ['../../x', '1/..', '.', ''])
      expect(() => validateVersion(version)).toThrow(/invalid version/);
  });
});
