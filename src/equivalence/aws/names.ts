// Which module specifiers are the AWS SDK, and what each exports, from the SDK codemod's data tables
// (services-data.ts and types-data.ts are generated from aws-sdk v2's own service list).
import { v3Services } from '../../codemods/aws-sdk-v2-to-v3/services-data.js';
import { v2Types } from '../../codemods/aws-sdk-v2-to-v3/types-data.js';

export type SdkModule =
  | { kind: 'v2'; service?: string; file?: string } // aws-sdk, aws-sdk/global, aws-sdk/clients/<file>
  | { kind: 'v3-client'; service: string; pkg: string } // @aws-sdk/client-<pkg>
  | { kind: 'v3-lib-dynamodb' }
  | { kind: 'v3-util-dynamodb' }
  | { kind: 'v3-lib-storage' }
  | { kind: 'v3-presigner' };

const byV3Pkg = new Map(v3Services.map(([v2, v3, pkg]) => [pkg, { v2, v3 }]));
const byV2 = new Map(v3Services.map(([v2, v3]) => [v2, v3]));
const byClientsFile = new Map(v3Services.map(([v2]) => [v2.toLowerCase(), v2]));

export const v2ServiceNames: readonly string[] = v3Services.map(([v2]) => v2);

/** The v3 base name ('S3', 'CostAndUsageReportService') of a v2 service class ('S3', 'CUR'). */
export function v3NameOfV2(v2: string): string | undefined {
  return byV2.get(v2);
}

/** What an import specifier is, when it is one of the SDK modules this folder answers for. */
export function sdkModule(spec: string): SdkModule | undefined {
  if (spec === 'aws-sdk' || spec === 'aws-sdk/global' || spec === 'aws-sdk/clients/all') return { kind: 'v2' };
  const clients = /^aws-sdk\/clients\/([a-z0-9]+)(?:\.js)?$/.exec(spec);
  if (clients) {
    const v2 = byClientsFile.get(clients[1]);
    return v2 ? { kind: 'v2', service: v2, file: clients[1] } : undefined;
  }
  if (spec === '@aws-sdk/lib-dynamodb') return { kind: 'v3-lib-dynamodb' };
  if (spec === '@aws-sdk/util-dynamodb') return { kind: 'v3-util-dynamodb' };
  if (spec === '@aws-sdk/lib-storage') return { kind: 'v3-lib-storage' };
  if (spec === '@aws-sdk/s3-request-presigner') return { kind: 'v3-presigner' };
  const v3 = /^@aws-sdk\/client-([a-z0-9-]+)$/.exec(spec);
  const known = v3 ? byV3Pkg.get(v3[1]) : undefined;
  return v3 && known ? { kind: 'v3-client', service: known.v3, pkg: v3[1] } : undefined;
}

/** Operation names of a v2 service class the types table covers (from its request and result types). */
export function operationsOf(v2: string): string[] {
  const data = Object.hasOwn(v2Types, v2) ? v2Types[v2] : '';
  const ops = new Set<string>();
  for (const entry of data.split(/\s+/)) {
    const m = /^(\w+)([<>])(\w*)$/.exec(entry);
    if (!m) continue;
    const op = m[3] || m[1].replace(m[2] === '<' ? /(Request|Input)$/ : /(Output|Response)$/, '');
    if (op) ops.add(op);
  }
  return [...ops];
}

/** The DocumentClient commands of lib-dynamodb, and v2 DocumentClient method names for them. */
export const documentCommands = [
  'Get',
  'Put',
  'Update',
  'Delete',
  'Query',
  'Scan',
  'BatchGet',
  'BatchWrite',
  'TransactGet',
  'TransactWrite',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
];

/** lowerCamel method -> PascalCase operation: getObject -> GetObject. */
export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Names a stub module exports for ESM `import { ... }` beyond those the importing file names. */
export function stubExportNames(mod: SdkModule): string[] {
  switch (mod.kind) {
    case 'v2':
      return mod.service ? [] : ['config', 'Config', 'Credentials', 'Endpoint', 'VERSION', ...v2ServiceNames];
    case 'v3-lib-dynamodb':
      return [
        'DynamoDBDocumentClient',
        'DynamoDBDocument',
        'paginateQuery',
        'paginateScan',
        ...documentCommands.map((c) => `${c}Command`),
      ];
    case 'v3-lib-storage':
      return ['Upload'];
    case 'v3-presigner':
      return ['getSignedUrl', 'S3RequestPresigner'];
    case 'v3-util-dynamodb':
      return ['marshall', 'unmarshall', 'convertToAttr', 'convertToNative'];
    case 'v3-client': {
      const v2 = byV3Pkg.get(mod.pkg)?.v2 ?? mod.service;
      const ops = operationsOf(v2);
      return [
        `${mod.service}Client`,
        mod.service,
        `${mod.service}ServiceException`,
        ...ops.map((op) => `${op}Command`),
        ...ops.map((op) => `paginate${op}`),
      ];
    }
  }
}
