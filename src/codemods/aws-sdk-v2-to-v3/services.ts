// Data tables: v2 service classes -> v3 packages and client names, and the versions to add.
import { servicesWithoutV3, v3Services } from './services-data.js';

export interface ServiceInfo {
  /** Class name under the v2 `AWS` namespace, e.g. `CloudWatchLogs`. */
  v2: string;
  /** v3 base name: bare client `${v3}Client`, aggregated client `${v3}`. */
  v3: string;
  pkg: string;
  /** True for DynamoDB's DocumentClient (lib-dynamodb). */
  doc?: boolean;
}

// The service table is generated from the aws-sdk v2 package (scripts/generate-sdk-services.mjs).
const table = new Map<string, ServiceInfo>();
const byClientsPath = new Map<string, ServiceInfo>();
for (const [v2, v3, suffix] of v3Services) {
  const info: ServiceInfo = { v2, v3, pkg: `@aws-sdk/client-${suffix}` };
  table.set(v2, info);
  byClientsPath.set(v2.toLowerCase(), info);
}
const withoutV3 = new Set(servicesWithoutV3.flatMap((name) => [name, name.toLowerCase()]));

export const documentClient: ServiceInfo = {
  v2: 'DocumentClient',
  v3: 'DynamoDBDocument',
  pkg: '@aws-sdk/lib-dynamodb',
  doc: true,
};

export function serviceByV2Name(name: string): ServiceInfo | undefined {
  return table.get(name);
}

/** `aws-sdk/clients/cloudwatchlogs` -> CloudWatchLogs (the file name is the class name lower-cased). */
export function serviceByClientsPath(file: string): ServiceInfo | undefined {
  return byClientsPath.get(file.toLowerCase());
}

/** True for a v2 service class (by name or `aws-sdk/clients/<file>`) that no v3 client replaces. */
export function hasNoV3Client(name: string): boolean {
  return withoutV3.has(name);
}

/**
 * Credential and token classes under `AWS` (credentials.ts and tokens.ts say which convert, and
 * to which v3 provider; the others are reported).
 */
export const credentialClasses = new Set([
  'Credentials',
  'SharedIniFileCredentials',
  'ProcessCredentials',
  'SsoCredentials',
  'EnvironmentCredentials',
  'EC2MetadataCredentials',
  'ECSCredentials',
  'RemoteCredentials',
  'TokenFileWebIdentityCredentials',
  'WebIdentityCredentials',
  'CognitoIdentityCredentials',
  'ChainableTemporaryCredentials',
  'TemporaryCredentials',
  'SAMLCredentials',
  'FileSystemCredentials',
  'CredentialProviderChain',
  'Token',
  'SSOTokenProvider',
  'StaticTokenProvider',
  'TokenProviderChain',
]);

/** DocumentClient method -> lib-dynamodb command base name. */
export const documentOps: Record<string, string> = {
  get: 'Get',
  put: 'Put',
  update: 'Update',
  delete: 'Delete',
  query: 'Query',
  scan: 'Scan',
  batchGet: 'BatchGet',
  batchWrite: 'BatchWrite',
  transactGet: 'TransactGet',
  transactWrite: 'TransactWrite',
};

/** Upper-case the first letter: getObject -> GetObject. */
export function commandBase(op: string): string {
  return op.charAt(0).toUpperCase() + op.slice(1);
}

// Current v3 releases. Clients and libraries are released together (3.11xx at the time of
// writing); util-dynamodb follows its own numbering. A caret range lets npm pick the newest.
const versions: Record<string, string> = {
  '@aws-sdk/util-dynamodb': '^3.996.0',
  // smithy's runtime packages have their own numbering (types.ts imports ServiceException from it)
  '@smithy/smithy-client': '^4.15.0',
  // the test doubles aws-sdk-test-mocks writes: a package of its own, with its own numbering
  'aws-sdk-client-mock': '^4.1.0',
};

export function versionOf(pkg: string): string {
  return versions[pkg] ?? '^3.1100.0';
}
