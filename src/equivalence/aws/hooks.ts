// ESM loader hooks: an `import` of an SDK module resolves to a bridge module that asks the main
// thread's interception for the module (through the same path as `require`) and re-exports its
// names. The same functions serve both forms Node.js takes: in the process's own thread
// (module.registerHooks, synchronous, Node.js 22.15 and later) and in a loader thread
// (module.register, Node.js 18.19 and 20.6 to 22.14), which costs a second Node.js environment
// at start-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sdkModule, stubExportNames } from './names.js';

const scheme = 'atx-aws-sdk:';

interface ResolveContext {
  parentURL?: string;
  conditions?: readonly string[];
}
type NextResolve = (specifier: string, context: ResolveContext) => unknown;
type NextLoad = (url: string, context: object) => unknown;

export function resolve(specifier: string, context: ResolveContext, next: NextResolve): unknown {
  const parent = context.parentURL;
  // require() reaches these hooks too in the process's own thread; the require hook answers it.
  const required = context.conditions?.includes('require') && !context.conditions.includes('import');
  if (!required && parent?.startsWith('file:') && sdkModule(specifier)) {
    const url = `${scheme}${encodeURIComponent(specifier)}?from=${encodeURIComponent(parent)}`;
    return { url, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}

export function load(url: string, context: object, next: NextLoad): unknown {
  if (!url.startsWith(scheme)) return next(url, context);
  const [specPart, query] = url.slice(scheme.length).split('?from=');
  const spec = decodeURIComponent(specPart);
  const from = decodeURIComponent(query);
  const names = exportNames(spec, from);
  const lines = [
    `const m = globalThis[Symbol.for('atx.equivalence.aws')].esm(${JSON.stringify(spec)}, ${JSON.stringify(from)});`,
    'export default m;',
    ...names.map((n) => `export const ${n} = m[${JSON.stringify(n)}];`),
  ];
  return { format: 'module', source: lines.join('\n'), shortCircuit: true };
}

const identifier = /^[A-Za-z_$][\w$]*$/;
const reserved = new Set(['default', 'then', '__esModule']);

/** The names the bridge exports: what the importing file names, the package's own, the stub's known ones. */
function exportNames(spec: string, from: string): string[] {
  const names = new Set<string>(stubExportNames(sdkModule(spec)!));
  const imported = importedNames(spec, from);
  for (const n of imported ?? []) names.add(n);
  // a namespace import, `export *` or a dynamic import may read any name: list the real package's
  if (!imported) for (const n of realNames(spec, from)) names.add(n);
  return [...names].filter((n) => identifier.test(n) && !reserved.has(n));
}

/** The names the importing file imports by name; undefined when it may use others (namespace, star, dynamic). */
function importedNames(spec: string, from: string): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(fileURLToPath(from), 'utf8');
  } catch {
    return undefined;
  }
  const quoted = spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const open = new RegExp(`(\\*\\s*(as\\s+[\\w$]+\\s*)?from\\s*|import\\s*\\(\\s*)['"]${quoted}['"]`);
  if (open.test(text)) return undefined;
  const pattern = new RegExp(
    `(?:import|export)\\s*(?:[\\w$]+\\s*,\\s*)?\\{([^}]*)\\}\\s*from\\s*['"]${quoted}['"]`,
    'g',
  );
  const names: string[] = [];
  for (const m of text.matchAll(pattern)) {
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)[0]
        ?.replace(/^type\s+/, '')
        .trim();
      if (name) names.push(name);
    }
  }
  return names;
}

/** Names of the real package, when it resolves from the importing file (loaded here only to list them). */
function realNames(spec: string, from: string): string[] {
  if (sdkModule(spec)?.kind === 'v2') return [];
  try {
    return Object.keys(createRequire(fileURLToPath(from))(spec) as object);
  } catch {
    return [];
  }
}
