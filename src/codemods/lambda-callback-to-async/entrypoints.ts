// Lambda entry points named by infrastructure code: SAM/CloudFormation templates,
// serverless.yml and CDK constructs. Maps each source file to the export names Lambda calls.
import { posix } from 'node:path';
import { parseDocument, type Tags } from 'yaml';
import { otherProviders } from '../providers.js';
import type { RepoView } from '../types.js';
import { cdkEntryPoints } from './cdk.js';

/** Repository-relative file → names of its exports that Lambda invokes. */
export type EntryPoints = Map<string, Set<string>>;

export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'] as const;

const TEMPLATE_NAME = /(^|\/)(template\.ya?ml|template\.json|[^/]+\.template\.(json|ya?ml)|serverless\.ya?ml)$/;

// CloudFormation's short-form intrinsic functions. Registered so a template with `!Ref` or
// `!Sub` parses cleanly; the values are never needed, only Handler/CodeUri strings are.
const CFN_FUNCTIONS = [
  'And', 'Base64', 'Cidr', 'Condition', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If',
  'ImportValue', 'Join', 'Not', 'Or', 'Ref', 'Select', 'Split', 'Sub', 'Transform',
];
const cfnTags: Tags = CFN_FUNCTIONS.flatMap((fn) => [
  { tag: `!${fn}`, resolve: (value: string) => ({ [`Fn::${fn}`]: value }) },
  { tag: `!${fn}`, collection: 'seq' as const, resolve: (value: unknown) => ({ [`Fn::${fn}`]: value }) },
  { tag: `!${fn}`, collection: 'map' as const, resolve: (value: unknown) => ({ [`Fn::${fn}`]: value }) },
]);

export function isTemplateFile(path: string): boolean {
  return TEMPLATE_NAME.test(path);
}

/** Finds every entry point the repository's templates and CDK code name. Never throws on a bad template. */
export function discoverEntryPoints(repo: RepoView): EntryPoints {
  const found: EntryPoints = new Map();
  const files = new Set(repo.files);
  const add = (dir: string, handler: string) => {
    const target = resolveHandler(files, dir, handler);
    if (!target) return;
    const names = found.get(target.file) ?? new Set<string>();
    names.add(target.exportName);
    found.set(target.file, names);
  };
  for (const file of repo.files) {
    // A serverless.yml of another provider (azure, google, …) names functions Lambda never runs.
    if (isTemplateFile(file) && !/(^|\/)(node_modules|\.aws-sam|cdk\.out|\.serverless)\//.test(file) && !otherProviders(repo).serviceOf(file)) {
      const data = parseTemplate(repo.read(file));
      if (data) for (const [dir, handler] of templateHandlers(file, data)) add(dir, handler);
    }
  }
  for (const [dir, handler] of cdkEntryPoints(repo)) add(dir, handler);
  return found;
}

function parseTemplate(text: string): Record<string, unknown> | undefined {
  try {
    const doc = parseDocument(text, { customTags: cfnTags, logLevel: 'silent', uniqueKeys: false });
    if (doc.errors.length > 0) return undefined;
    const data: unknown = doc.toJS({ maxAliasCount: 1000 });
    return isRecord(data) ? data : undefined;
  } catch {
    return undefined; // an unreadable template names no handlers; other steps report it
  }
}

/** [base folder, handler string] pairs: `Handler: src/app.handler` with its CodeUri. */
function templateHandlers(file: string, data: Record<string, unknown>): Array<[string, string]> {
  const dir = posix.dirname(file);
  const out: Array<[string, string]> = [];
  if (/serverless\.ya?ml$/.test(file)) {
    const functions = isRecord(data.functions) ? data.functions : {};
    for (const fn of Object.values(functions)) {
      if (isRecord(fn) && typeof fn.handler === 'string') out.push([dir, fn.handler]);
    }
    return out;
  }
  const globals = isRecord(data.Globals) && isRecord(data.Globals.Function) ? data.Globals.Function : {};
  const resources = isRecord(data.Resources) ? data.Resources : {};
  for (const resource of Object.values(resources)) {
    if (!isRecord(resource) || !isRecord(resource.Properties)) continue;
    if (resource.Type !== 'AWS::Serverless::Function' && resource.Type !== 'AWS::Lambda::Function') continue;
    const props = resource.Properties;
    const handler = props.Handler ?? globals.Handler;
    const codeUri = props.CodeUri ?? globals.CodeUri ?? props.Code;
    if (typeof handler !== 'string') continue;
    out.push([typeof codeUri === 'string' ? posix.join(dir, codeUri) : dir, handler]);
    // esbuild-built SAM functions name their TypeScript sources here; the handler names the bundle.
    const entry = isRecord(resource.Metadata) && isRecord(resource.Metadata.BuildProperties) ? resource.Metadata.BuildProperties.EntryPoints : undefined;
    const exportName = handler.slice(handler.lastIndexOf('.') + 1);
    if (Array.isArray(entry)) {
      for (const e of entry) if (typeof e === 'string') out.push([typeof codeUri === 'string' ? posix.join(dir, codeUri) : dir, `${e.replace(/\.[mc]?[jt]s$/, '')}.${exportName}`]);
    }
  }
  return out;
}

/** `src/app.handler` under `dir` → the existing source file and the export name. */
export function resolveHandler(files: ReadonlySet<string>, dir: string, handler: string): { file: string; exportName: string } | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const modulePath = posix.normalize(posix.join(dir, handler.slice(0, dot))).replace(/^\.\//, '');
  const exportName = handler.slice(dot + 1);
  for (const ext of ['', ...SOURCE_EXTENSIONS]) {
    if (files.has(modulePath + ext) && (ext !== '' || /\.[mc]?[jt]s$/.test(modulePath))) return { file: modulePath + ext, exportName };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
