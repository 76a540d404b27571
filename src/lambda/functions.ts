// The repository's Lambda functions, read from the infrastructure code that declares them:
// SAM/CloudFormation templates (YAML and JSON), CDK code, serverless.yml (AWS provider only) and
// Terraform. Analyses that judge a function as deployed (what it loads, what ships with it) start
// here. Reading is best effort and never throws: a file that does not parse declares nothing.
import type { RepoView } from '../codemods/types.js';
import { cdkFunctions } from './cdk.js';
import { serverlessFunctions } from './serverless.js';
import { templateFunctions } from './templates.js';
import { terraformFunctions } from './terraform.js';
import { insideFolders, notSourceFolders } from '../util/excluded-folders.js';
import type { LambdaTrigger } from './triggers.js';

export type { LambdaTrigger, TriggerKind } from './triggers.js';

export type FunctionSource = 'sam' | 'cloudformation' | 'cdk' | 'serverless' | 'terraform';

export type Architecture = 'x86_64' | 'arm64';

/** Code written into the declaration itself (`InlineCode`, `Code.ZipFile`, `Code.fromInline`). */
export interface InlineCode {
  text: string;
  /** Where line 1 of `text` is written. */
  file: string;
  line: number;
  /** False when the text is assembled (`!Join`, a template with substitutions): lines in it are not lines of the file. */
  exact: boolean;
}

export interface FunctionLayer {
  /** As written: a logical id, an ARN, or the expression's text. */
  name: string;
  /** Repository folder of the layer's content, when the same file declares it from a local folder. */
  contentRoot?: string;
}

export interface LambdaFunction {
  /** Logical id (templates), construct id (CDK), function key (serverless.yml), resource name (Terraform). */
  name: string;
  source: FunctionSource;
  /** The file and 1-based line that declare it. */
  file: string;
  line: number;
  /**
   * The runtime as declared: `nodejs14.x`, `python3.12`; `nodejs` for a Node.js runtime whose
   * major the code does not name (CDK's `NODEJS_LATEST`, a NodejsFunction's default); undefined
   * when it is not written as a value (a parameter without default, a variable).
   */
  runtime?: string;
  /**
   * The instruction set as declared (SAM/CloudFormation `Architectures` with the template's
   * globals, CDK `architecture`, Serverless `architecture` with the provider's, Terraform
   * `architectures`); undefined when not declared or not a literal. Every tool defaults to x86_64.
   */
  architecture?: Architecture;
  /**
   * Memory in MB as declared (SAM/CloudFormation `MemorySize` with the template's globals, CDK
   * `memorySize`, Serverless `memorySize` with the provider's, Terraform `memory_size`); undefined
   * when not declared or not a literal. Defaults differ by tool: 128 for Lambda, SAM, CDK and
   * Terraform, 1024 for the Serverless Framework.
   */
  memorySize?: number;
  /** The handler setting as written: `src/app.handler`. */
  handler?: string;
  /** The folder deployed as the function's code (`CodeUri`, the asset folder, the service folder), when it is in the repository. */
  codeRoot?: string;
  /** The source file the handler setting names, and its export, when it is in the repository. */
  handlerFile?: string;
  exportName?: string;
  inline?: InlineCode;
  /**
   * Built by a bundler (CDK NodejsFunction, SAM `BuildMethod: esbuild`): packages are taken from
   * node_modules at build time, except `externals` (undefined: the bundler's defaults).
   */
  bundler?: { externals?: string[] };
  layers: FunctionLayer[];
  /**
   * What invokes it, as the infrastructure code says (SAM `Events:`, CloudFormation event source
   * mappings, Serverless `events:`, CDK event sources, integrations and rule targets, Terraform
   * resources that name it); absent when none is read.
   */
  triggers?: LambdaTrigger[];
  /**
   * The environment variables it declares (SAM/CloudFormation `Environment.Variables` with the
   * template's globals, Serverless `environment` with the provider's), each value as text: a
   * reference to another resource or a variable atx does not resolve is written as written
   * (`Ref OrdersTable`, `${self:custom.table}`); absent when none is declared.
   */
  environment?: Record<string, string>;
}

/** A declared variable's value as the function's code sees it: text, with references named as written. */
export function environmentValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const [key, inner] = Object.entries(value)[0] ?? [];
    if (key === 'Ref' && typeof inner === 'string') return `Ref ${inner}`;
    if (key === 'Fn::Sub' && typeof inner === 'string') return inner;
    if (key === 'Fn::GetAtt') return `GetAtt ${Array.isArray(inner) ? inner.join('.') : String(inner)}`;
  }
  return JSON.stringify(value) ?? '';
}

/** The declared variables of `shared` (globals, provider) then `own`, or undefined when neither names any. */
export function declaredEnvironment(shared: unknown, own: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const vars of [shared, own])
    if (vars && typeof vars === 'object' && !Array.isArray(vars))
      for (const [name, value] of Object.entries(vars)) out[name] = environmentValue(value);
  return Object.keys(out).length ? out : undefined;
}

/** `arm64` / `x86_64`, alone or as the one item of a list (Lambda takes exactly one); undefined for anything else. */
export function declaredArchitecture(value: unknown): Architecture | undefined {
  const only = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return only === 'arm64' || only === 'x86_64' ? only : undefined;
}

/** A whole number of MB, or its digits as a string (CloudFormation and Terraform take `"512"`); undefined for anything else. */
export function declaredMemorySize(value: unknown): number | undefined {
  const mb = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof mb === 'number' && Number.isInteger(mb) && mb > 0 ? mb : undefined;
}

/** Every Lambda function the repository's infrastructure code declares, in file order. */
export function lambdaFunctions(repo: RepoView): LambdaFunction[] {
  const found = [
    ...templateFunctions(repo),
    ...serverlessFunctions(repo),
    ...cdkFunctions(repo),
    ...terraformFunctions(repo),
  ];
  return found.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

const nodeRuntime = /^nodejs(\d+)?(?:\.(?:x|\d+))?$/;

/** Whether the declared runtime is a Node.js one. */
export function isNodeRuntime(fn: Pick<LambdaFunction, 'runtime'>): boolean {
  return fn.runtime !== undefined && nodeRuntime.test(fn.runtime);
}

/** The Node.js major of the declared runtime; undefined for `nodejs` (unnamed) and other runtimes. */
export function nodeMajor(fn: Pick<LambdaFunction, 'runtime'>): number | undefined {
  const match = fn.runtime === undefined ? null : nodeRuntime.exec(fn.runtime);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The major a Node.js function runs on after an upgrade to `target` (never lowered); `target` when unnamed. */
export function majorAfterUpgrade(fn: Pick<LambdaFunction, 'runtime'>, target: number): number {
  return Math.max(nodeMajor(fn) ?? target, target);
}

/** `dir/rest` normalised; undefined when it leaves the repository or names something outside it (s3://, an absolute path). */
export function insideRepo(dir: string, relative: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(relative) || relative.startsWith('/') || /^[A-Za-z]:[\\/]/.test(relative))
    return undefined;
  const parts: string[] = [];
  for (const part of `${dir}/${relative}`.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/') || '.';
}

const notSource = insideFolders(notSourceFolders);

/** Folders atx never reads functions from: dependencies, build output, documentation and fixtures. */
export function isIgnoredPath(path: string): boolean {
  return notSource.test(path);
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
