#!/usr/bin/env node
// Generates src/codemods/aws-sdk-v2-to-v3/types-data.ts: for the covered v2 service classes, every
// type name their namespace declares and what it becomes in v3, read from the v2 package's own
// TypeScript declarations (clients/<class>.d.ts and lib/dynamodb/document_client.d.ts).
//
// How to rerun (the aws-sdk package is Apache-2.0; only its declarations are read):
//   cd /tmp && npm pack aws-sdk@2.1693.0 && mkdir -p aws-sdk-v2 && tar -xzf aws-sdk-2.1693.0.tgz -C aws-sdk-v2
//   node scripts/generate-sdk-types.mjs /tmp/aws-sdk-v2/package   (with the devDependencies installed)
// then review the diff of types-data.ts and commit it with this script. The v3 packages among the
// devDependencies are consulted: a name they do not export is marked as having no v3 type.
//
// Entries, separated by white space (read by type-table.ts):
//   Name            a structure or enum: v3 exports a type of the same name
//   Name=expr       expr is its v3 form: native types and v3 structure/enum names, `T[]` for a list,
//                   `{T}` for a string-keyed map (v2 aliases of native types; renamed structures)
//   Name<  Name>    the input / output of the operation named Name less its Request/Input or
//                   Output/Response suffix: v3 `${Op}CommandInput` / `${Op}CommandOutput`
//   Name<Op Name>Op the same for an operation whose shape is named otherwise
//   Name!           no v3 type is known for it (streams, documents, settings, shapes v3 lacks)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';

// The services covered: those a Lambda fleet calls most and those the reference fixtures show. Each
// one costs data (EC2 alone would add a third), so the list stays short; a type of another service
// is reported, never guessed.
const covered = [
  'ACM', 'APIGateway', 'ApiGatewayManagementApi', 'AppIntegrations', 'AppSync', 'Athena', 'CloudFormation',
  'CloudWatch', 'CloudWatchEvents', 'CloudWatchLogs', 'CognitoIdentity', 'CognitoIdentityServiceProvider',
  'Comprehend', 'DynamoDB', 'DynamoDBStreams', 'ECS', 'EventBridge', 'Firehose', 'IAM', 'IotData',
  'IoTFleetWise', 'Kinesis', 'KMS', 'Lambda', 'LexModelsV2', 'NetworkManager', 'Organizations', 'Polly', 'RDS',
  'RDSDataService', 'RedshiftData', 'Rekognition', 'ResourceGroupsTaggingAPI', 'Route53', 'S3',
  'SageMakerGeospatial', 'Scheduler', 'SecretsManager', 'SES', 'SESV2', 'SNS', 'SQS', 'SSM', 'StepFunctions',
  'STS', 'Textract', 'TimestreamQuery', 'TimestreamWrite', 'Translate',
];

// v3 packages of the covered services that the devDependencies install, to check names against.
const installed = {
  DynamoDB: '@aws-sdk/client-dynamodb', Lambda: '@aws-sdk/client-lambda', S3: '@aws-sdk/client-s3',
  SNS: '@aws-sdk/client-sns', SQS: '@aws-sdk/client-sqs',
};

// Names smithy-typescript reserves for TypeScript's own types: a shape named so is exported with a
// `_` prefix in v3 (S3 `Object` -> `_Object`).
const reserved = new Set([
  'Array', 'ArrayBuffer', 'ArrayBufferView', 'Blob', 'Boolean', 'ConstructorParameters', 'Date', 'Error', 'Exclude',
  'Extract', 'Infinity', 'InstanceType', 'Math', 'NaN', 'NonNullable', 'Number', 'Object', 'Omit', 'Parameters',
  'Partial', 'Pick', 'Promise', 'PromiseLike', 'Readable', 'Readonly', 'ReadonlyArray', 'Record', 'RegExp',
  'Required', 'ReturnType', 'Set', 'String', 'Stream', 'ThisType', 'WeakMap',
]);

// v2 client settings, not API shapes (ClientConfiguration is converted by the codemod itself).
const settings = new Set(['ClientApiVersions', 'ClientConfiguration', 'apiVersion']);

const project = fileURLToPath(new URL('..', import.meta.url));
const target = join(project, 'src/codemods/aws-sdk-v2-to-v3/types-data.ts');
const NO = '!';

function parse(path) {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** The names a v3 package exports, as the project's TypeScript resolves it. */
function v3Exports(pkg) {
  const probe = join(project, '__types_probe__.ts');
  const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  const text = `export * from '${pkg}';`;
  host.getSourceFile = (f, l) => (f === probe ? ts.createSourceFile(f, text, l) : getSourceFile.call(host, f, l));
  host.fileExists = (f) => f === probe || fileExists.call(host, f);
  const program = ts.createProgram({ rootNames: [probe], options, host });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(probe).statements[0].moduleSpecifier);
  if (!module) throw new Error(`${pkg} is not installed: install the devDependencies first`);
  return new Set(checker.getExportsOfModule(module).map((s) => s.name));
}

/** The namespace's type declarations, by name. */
function declarations(sf, namespace) {
  const decls = new Map();
  for (const stmt of sf.statements) {
    const body = ts.isModuleDeclaration(stmt) && stmt.name.text === namespace ? stmt.body : undefined;
    if (!body || !ts.isModuleBlock(body)) continue;
    for (const s of body.statements) {
      if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) decls.set(s.name.text, s);
    }
  }
  return decls;
}

/** For each declaration, the names of the others its type mentions. */
function references(decls) {
  const refs = new Map();
  for (const [name, decl] of decls) {
    const found = new Set();
    const visit = (n) => {
      const name = ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) ? n.typeName.text : undefined;
      if (name && decls.has(name)) found.add(name);
      ts.forEachChild(n, visit);
    };
    visit(ts.isInterfaceDeclaration(decl) ? decl : decl.type);
    refs.set(name, found);
  }
  return refs;
}

/** Names reachable from `roots` through `refs`. */
function closure(refs, roots) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(refs.get(name) ?? []));
  }
  return seen;
}

/** Names whose types reach `target` (directly or not). */
function reaching(refs, target) {
  const hit = new Set([target]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, found] of refs) {
      if (!hit.has(name) && [...found].some((r) => hit.has(r))) grew = hit.add(name) !== undefined;
    }
  }
  return hit;
}

const lastPart = (name) => (ts.isIdentifier(name) ? name.text : name.right.text);

/** Operation shapes: shape name -> [operation, 'in' | 'out'], from the class's request methods. */
function operations(sf, className) {
  const shapes = new Map();
  const cls = sf.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === className);
  if (!cls) throw new Error(`no class ${className}`);
  const last = (type) => (type && ts.isTypeReferenceNode(type) ? lastPart(type.typeName) : undefined);
  for (const m of cls.members) {
    if (!ts.isMethodDeclaration(m) || !m.type || !ts.isTypeReferenceNode(m.type)) continue;
    const name = m.name.getText(sf);
    if (m.type.typeName.getText(sf) !== 'Request' || name === 'waitFor') continue;
    const op = name.charAt(0).toUpperCase() + name.slice(1);
    const input = last(m.parameters.find((p) => p.name.getText(sf) === 'params')?.type);
    const output = last(m.type.typeArguments?.[0]);
    if (input && !shapes.has(input)) shapes.set(input, [op, 'in']);
    if (output && !shapes.has(output)) shapes.set(output, [op, 'out']);
  }
  return shapes;
}

const isLiteral = (t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal);
const isString = (t) => isLiteral(t) || t.kind === ts.SyntaxKind.StringKeyword;
const isEnum = (decl) => ts.isTypeAliasDeclaration(decl) && ts.isUnionTypeNode(decl.type)
  && decl.type.types.some(isLiteral) && decl.type.types.every(isString);
const keyword = {
  [ts.SyntaxKind.StringKeyword]: 'string',
  [ts.SyntaxKind.NumberKeyword]: 'number',
  [ts.SyntaxKind.BooleanKeyword]: 'boolean',
};

/** The v3 form of a v2 type alias, or NO; `resolve(name)` gives a referenced name's form. */
function expand(type, sf, resolve) {
  if (keyword[type.kind]) return keyword[type.kind];
  if (ts.isArrayTypeNode(type)) {
    const inner = expand(type.elementType, sf, resolve);
    return inner === NO ? NO : `${inner}[]`;
  }
  if (ts.isTypeLiteralNode(type) && type.members.length === 1 && ts.isIndexSignatureDeclaration(type.members[0])) {
    const inner = expand(type.members[0].type, sf, resolve);
    return inner === NO ? NO : `{${inner}}`;
  }
  if (ts.isUnionTypeNode(type)) {
    const names = type.types.map((t) => t.getText(sf));
    // a blob: Buffer|Uint8Array|Blob|string; with Readable it is a stream, typed otherwise in v3
    return names.includes('Buffer') && !names.includes('Readable') ? 'Uint8Array' : NO;
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments) {
    return type.typeName.text === 'Date' ? 'Date' : resolve(type.typeName.text);
  }
  return NO;
}

/**
 * Entries for one namespace. A structure or enum keeps its name when v3 has it: when the v3 package
 * is at hand, when it exports the name (`exported`); otherwise when the operations reach the shape
 * (v3 generates only those). `refuse` rules out more structures; `special` may give a name's form
 * first (DocumentClient's AttributeValue).
 */
function entries(sf, namespace, { exported, special = () => undefined, refuse = () => false }) {
  const decls = declarations(sf, namespace);
  const ops = operations(sf, namespace);
  const reached = closure(references(decls), ops.keys());
  const exists = (name, v3Name = name) => (exported ? exported.has(v3Name) : reached.has(name));
  const forms = new Map();
  const formOf = (name) => {
    if (forms.has(name)) return forms.get(name);
    const decl = decls.get(name);
    let form = special(name);
    if (form === undefined) {
      const v3Name = reserved.has(name) ? `_${name}` : name;
      if (!decl || settings.has(name)) form = NO;
      else if (ts.isInterfaceDeclaration(decl) || isEnum(decl)) {
        form = exists(name, v3Name) && !refuse(name) ? v3Name : NO;
      } else {
        forms.set(name, NO); // a cycle of aliases has no finite form
        form = expand(decl.type, sf, formOf);
      }
    }
    forms.set(name, form);
    return form;
  };
  const out = [];
  for (const name of [...decls.keys()].sort()) {
    const op = ops.get(name);
    const command = op && `${op[0]}Command${op[1] === 'in' ? 'Input' : 'Output'}`;
    if (op && (!exported || exported.has(command))) {
      const [opName, dir] = op;
      const regular = name.replace(dir === 'in' ? /(Request|Input)$/ : /(Output|Response)$/, '') === opName;
      out.push(`${name}${dir === 'in' ? '<' : '>'}${regular ? '' : opName}`);
      continue;
    }
    const form = op ? NO : formOf(name);
    out.push(form === NO ? `${name}${NO}` : form === name ? name : `${name}=${form}`);
  }
  return out;
}

function documentClientEntries(root) {
  const sf = parse(join(root, 'lib', 'dynamodb', 'document_client.d.ts'));
  // in v3 the native (unmarshalled) forms exist only inside lib-dynamodb's command types
  const native = reaching(references(declarations(sf, 'DocumentClient')), 'AttributeValue');
  const exported = new Set([...v3Exports('@aws-sdk/lib-dynamodb'), ...v3Exports('@aws-sdk/client-dynamodb')]);
  const special = (name) => (name === 'AttributeValue' ? 'NativeAttributeValue' : undefined);
  return entries(sf, 'DocumentClient', { exported, special, refuse: (name) => native.has(name) });
}

/** Lines of at most ~110 characters for one template literal. */
function wrap(items) {
  const lines = [];
  let line = '';
  for (const item of items) {
    if (line && line.length + item.length + 1 > 110) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${item}` : item;
  }
  if (line) lines.push(line);
  return lines.map((l) => `    ${l}`).join('\n');
}

function main(root) {
  if (!root) {
    process.stderr.write('usage: node scripts/generate-sdk-types.mjs <unpacked aws-sdk package directory>\n');
    process.exitCode = 2;
    return;
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const parts = [
    `// Generated by scripts/generate-sdk-types.mjs from aws-sdk@${version}; do not edit by hand (rerun it).`,
    '// The type names of each covered v2 service namespace and their v3 forms (format: see the script).',
    '',
    'export const v2Types: Readonly<Record<string, string>> = {',
  ];
  for (const name of [...covered].sort()) {
    const sf = parse(join(root, 'clients', `${name.toLowerCase()}.d.ts`));
    const exported = installed[name] ? v3Exports(installed[name]) : undefined;
    parts.push(`  ${name}: \`\n${wrap(entries(sf, name, { exported }))}\`,`);
  }
  const docNote = '/** `AWS.DynamoDB.DocumentClient` types; a structure holding attribute values has no v3 type. */';
  parts.push('};', '', docNote);
  parts.push(`export const documentClientTypes = \`\n${wrap(documentClientEntries(root))}\`;`, '');
  writeFileSync(target, parts.join('\n'));
  process.stderr.write(`wrote ${covered.length} services and DocumentClient to ${target}\n`);
}

main(process.argv[2]);
