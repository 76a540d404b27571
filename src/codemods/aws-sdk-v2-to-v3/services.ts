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

/**
 * Credential and token classes under `AWS` (credentials.ts and tokens.ts say which convert, and
 * to which v3 provider; the others are reported).
 */
export const credentialClasses = new Set([
  'Credentials', 'SharedIniFileCredentials', 'ProcessCredentials', 'SsoCredentials', 'EnvironmentCredentials',
  'EC2MetadataCredentials', 'ECSCredentials', 'RemoteCredentials', 'TokenFileWebIdentityCredentials',
  'WebIdentityCredentials', 'CognitoIdentityCredentials', 'ChainableTemporaryCredentials', 'TemporaryCredentials',
  'SAMLCredentials', 'FileSystemCredentials', 'CredentialProviderChain',
  'Token', 'SSOTokenProvider', 'StaticTokenProvider', 'TokenProviderChain',
]);

/** DocumentClient method -> lib-dynamodb command base name. */
export const documentOps: Record<string, string> = {
  get: 'Get', put: 'Put', update: 'Update', delete: 'Delete', query: 'Query', scan: 'Scan',
  batchGet: 'BatchGet', batchWrite: 'BatchWrite', transactGet: 'TransactGet', transactWrite: 'TransactWrite',
};

/** DocumentClient v2 type names -> lib-dynamodb type names. */
export const documentTypes: Record<string, string> = {
  GetItemInput: 'GetCommandInput', GetItemOutput: 'GetCommandOutput',
  PutItemInput: 'PutCommandInput', PutItemOutput: 'PutCommandOutput',
  UpdateItemInput: 'UpdateCommandInput', UpdateItemOutput: 'UpdateCommandOutput',
  DeleteItemInput: 'DeleteCommandInput', DeleteItemOutput: 'DeleteCommandOutput',
  QueryInput: 'QueryCommandInput', QueryOutput: 'QueryCommandOutput',
  ScanInput: 'ScanCommandInput', ScanOutput: 'ScanCommandOutput',
  BatchGetItemInput: 'BatchGetCommandInput', BatchGetItemOutput: 'BatchGetCommandOutput',
  BatchWriteItemInput: 'BatchWriteCommandInput', BatchWriteItemOutput: 'BatchWriteCommandOutput',
  TransactGetItemsInput: 'TransactGetCommandInput', TransactGetItemsOutput: 'TransactGetCommandOutput',
  TransactWriteItemsInput: 'TransactWriteCommandInput', TransactWriteItemsOutput: 'TransactWriteCommandOutput',
};

/** Upper-case the first letter: getObject -> GetObject. */
export function commandBase(op: string): string {
  return op.charAt(0).toUpperCase() + op.slice(1);
}

// Current v3 releases. Clients and libraries are released together (3.11xx at the time of
// writing); util-dynamodb follows its own numbering. A caret range lets npm pick the newest.
const versions: Record<string, string> = {
  '@aws-sdk/util-dynamodb': '^3.996.0',
};

export function versionOf(pkg: string): string {
  return versions[pkg] ?? '^3.1100.0';
}
