// Data tables: v2 service classes -> v3 packages and client names, and the versions to add.

export interface ServiceInfo {
  /** Class name under the v2 `AWS` namespace, e.g. `CloudWatchLogs`. */
  v2: string;
  /** v3 base name: bare client `${v3}Client`, aggregated client `${v3}`. */
  v3: string;
  pkg: string;
  /** True for DynamoDB's DocumentClient (lib-dynamodb). */
  doc?: boolean;
}

// v2 name -> [v3 base name, package suffix after `@aws-sdk/client-`] where they differ from
// the default (same base name, lower-cased package).
const renamed: Record<string, [string, string]> = {
  APIGateway: ['APIGateway', 'api-gateway'],
  ApiGatewayManagementApi: ['ApiGatewayManagementApi', 'apigatewaymanagementapi'],
  ApplicationAutoScaling: ['ApplicationAutoScaling', 'application-auto-scaling'],
  AutoScaling: ['AutoScaling', 'auto-scaling'],
  CloudWatchEvents: ['CloudWatchEvents', 'cloudwatch-events'],
  CloudWatchLogs: ['CloudWatchLogs', 'cloudwatch-logs'],
  CognitoIdentity: ['CognitoIdentity', 'cognito-identity'],
  CognitoIdentityServiceProvider: ['CognitoIdentityProvider', 'cognito-identity-provider'],
  ConfigService: ['ConfigService', 'config-service'],
  CostExplorer: ['CostExplorer', 'cost-explorer'],
  DynamoDBStreams: ['DynamoDBStreams', 'dynamodb-streams'],
  ELB: ['ElasticLoadBalancing', 'elastic-load-balancing'],
  ELBv2: ['ElasticLoadBalancingV2', 'elastic-load-balancing-v2'],
  ES: ['ElasticsearchService', 'elasticsearch-service'],
  IotData: ['IoTDataPlane', 'iot-data-plane'],
  LexRuntime: ['LexRuntimeService', 'lex-runtime-service'],
  RDSDataService: ['RDSData', 'rds-data'],
  RedshiftData: ['RedshiftData', 'redshift-data'],
  ResourceGroupsTaggingAPI: ['ResourceGroupsTaggingAPI', 'resource-groups-tagging-api'],
  Route53: ['Route53', 'route-53'],
  S3Control: ['S3Control', 's3-control'],
  SecretsManager: ['SecretsManager', 'secrets-manager'],
  StepFunctions: ['SFN', 'sfn'],
  TimestreamWrite: ['TimestreamWrite', 'timestream-write'],
  TimestreamQuery: ['TimestreamQuery', 'timestream-query'],
  TranscribeService: ['Transcribe', 'transcribe'],
};

// Services whose v3 package is the lower-cased v2 name.
const sameName = [
  'ACM', 'AppSync', 'Athena', 'Batch', 'CloudFormation', 'CloudFront', 'CloudTrail', 'CloudWatch',
  'CodeBuild', 'CodeCommit', 'CodeDeploy', 'CodePipeline', 'Comprehend', 'DynamoDB', 'EC2', 'ECR',
  'ECS', 'EFS', 'EKS', 'ElastiCache', 'EMR', 'EventBridge', 'Firehose', 'Glue', 'IAM', 'Iot',
  'Kafka', 'Kinesis', 'KMS', 'Lambda', 'MediaConvert', 'OpenSearch', 'Organizations', 'Pinpoint',
  'Polly', 'Pricing', 'QuickSight', 'RDS', 'Redshift', 'Rekognition', 'S3', 'SageMaker', 'Scheduler',
  'ServiceDiscovery', 'SES', 'SESV2', 'SNS', 'SQS', 'SSM', 'STS', 'Textract', 'Translate', 'XRay',
];

const table = new Map<string, ServiceInfo>();
for (const v2 of sameName) table.set(v2, { v2, v3: v2, pkg: `@aws-sdk/client-${v2.toLowerCase()}` });
for (const [v2, [v3, suffix]] of Object.entries(renamed)) table.set(v2, { v2, v3, pkg: `@aws-sdk/client-${suffix}` });

export const documentClient: ServiceInfo = { v2: 'DocumentClient', v3: 'DynamoDBDocument', pkg: '@aws-sdk/lib-dynamodb', doc: true };

export function serviceByV2Name(name: string): ServiceInfo | undefined {
  return table.get(name);
}

/** `aws-sdk/clients/cloudwatchlogs` -> CloudWatchLogs. */
export function serviceByClientsPath(file: string): ServiceInfo | undefined {
  const wanted = file.toLowerCase();
  for (const info of table.values()) if (info.v2.toLowerCase() === wanted) return info;
  return undefined;
}

/** Class names under `AWS` that are not services: things the codemod knows how to handle or must report. */
// v2 credential classes -> v3 providers; sameOptions when the constructor's one options object
// means the same to the provider, otherwise only the no-argument form is converted.
export const credentialProviders: Record<string, { fn: string; sameOptions: boolean }> = {
  SharedIniFileCredentials: { fn: 'fromIni', sameOptions: true },
  ProcessCredentials: { fn: 'fromProcess', sameOptions: true },
  ChainableTemporaryCredentials: { fn: 'fromTemporaryCredentials', sameOptions: true },
  ECSCredentials: { fn: 'fromContainerMetadata', sameOptions: true },
  EnvironmentCredentials: { fn: 'fromEnv', sameOptions: false },
  EC2MetadataCredentials: { fn: 'fromInstanceMetadata', sameOptions: false },
  TokenFileWebIdentityCredentials: { fn: 'fromTokenFile', sameOptions: false },
};

/** Credential classes that exist in v2 but whose options differ too much to convert. */
export const otherCredentialClasses = new Set(['TemporaryCredentials', 'WebIdentityCredentials', 'CognitoIdentityCredentials', 'SAMLCredentials', 'CredentialProviderChain', 'Credentials']);

/** DocumentClient method -> lib-dynamodb command base name. */
export const documentOps: Record<string, string> = {
  get: 'Get', put: 'Put', update: 'Update', delete: 'Delete', query: 'Query', scan: 'Scan',
  batchGet: 'BatchGet', batchWrite: 'BatchWrite', transactGet: 'TransactGet', transactWrite: 'TransactWrite',
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
};

export function versionOf(pkg: string): string {
  return versions[pkg] ?? '^3.1100.0';
}
