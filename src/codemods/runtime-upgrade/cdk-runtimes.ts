// In which CDK release each `Runtime.NODEJS_NN_X` (and `Runtime.PYTHON_3_NN`) member first appeared. A member the installed
// CDK lacks does not compile (TS2339) and, in JavaScript, is `undefined` at synth; the runtime is
// then written as `new Runtime('nodejsNN.x', RuntimeFamily.NODEJS, { supportsInlineCode: true })`,
// which is how the CDK itself defines those members and which every CDK version accepts
// (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda.Runtime.html#initializer).
import { compareVersions, parseVersion, type Version } from './version-numbers.js';

/**
 * First aws-cdk-lib release with `Runtime.NODEJS_NN_X`, from the `feat(lambda)` entries of
 * aws/aws-cdk CHANGELOG.v2.md: NODEJS_16_X 2.24.0 (#20261, release tag cited in projen#1927),
 * NODEJS_18_X 2.51.0 (#22964), NODEJS_20_X 2.107.0 (#27897), NODEJS_22_X 2.168.0 (#32104),
 * NODEJS_24_X 2.224.0 (#36001). Add the next major when aws-cdk-lib releases it.
 */
export const AWS_CDK_LIB_NODEJS_MEMBERS: Readonly<Record<number, string>> = {
  16: '2.24.0',
  18: '2.51.0',
  20: '2.107.0',
  22: '2.168.0',
  24: '2.224.0',
};

/**
 * First aws-cdk-lib release with `Runtime.PYTHON_3_NN`, keyed like Python versions elsewhere
 * (3.13 → 313), from the same changelog: PYTHON_3_10 2.75.0 (commit 08fb3cd), PYTHON_3_11 2.88.0
 * (#26248), PYTHON_3_12 2.108.0 (#27967), PYTHON_3_13 2.167.0 (#32054), PYTHON_3_14 2.222.0 (#35869).
 */
export const AWS_CDK_LIB_PYTHON_MEMBERS: Readonly<Record<number, string>> = {
  310: '2.75.0',
  311: '2.88.0',
  312: '2.108.0',
  313: '2.167.0',
  314: '2.222.0',
};

// CDK v1 (`@aws-cdk/aws-lambda`, `monocdk`) stopped taking features on 2022-06-01 and ended on
// 2023-06-01 at 1.204.0 without `NODEJS_18_X` or any later member: the request to add it was
// declined (aws/aws-cdk#23639, aws/aws-cdk#23401). No v1 release is taken to have a member.

/** The CDK package a Lambda `Runtime` comes from, by module specifier. */
export type CdkPackage = 'aws-cdk-lib' | '@aws-cdk/aws-lambda' | 'monocdk';

export function cdkPackageOf(moduleSpecifier: string): CdkPackage | undefined {
  if (moduleSpecifier === 'aws-cdk-lib' || moduleSpecifier.startsWith('aws-cdk-lib/')) return 'aws-cdk-lib';
  if (moduleSpecifier === '@aws-cdk/aws-lambda') return '@aws-cdk/aws-lambda';
  if (moduleSpecifier === 'monocdk' || moduleSpecifier.startsWith('monocdk/')) return 'monocdk';
  return undefined;
}

/** The first version of `pkg` with a member (`table`: a language's first releases); undefined when no release has it (or atx does not know one). */
export function firstVersionWithMember(
  pkg: CdkPackage,
  table: Readonly<Record<number, string>>,
  version: number,
): string | undefined {
  return pkg === 'aws-cdk-lib' ? table[version] : undefined;
}

/**
 * Whether `installed` of `pkg` has the member for `version` (`table`: the language's first
 * releases). Only a known release at or after the one that added the member counts; v1 is asked
 * only for versions beyond its last member.
 */
export function hasMember(
  pkg: CdkPackage,
  installed: Version,
  table: Readonly<Record<number, string>>,
  version: number,
): boolean {
  const first = firstVersionWithMember(pkg, table, version);
  const parsed = first ? parseVersion(first) : undefined;
  return parsed !== undefined && compareVersions(installed, parsed) >= 0;
}
