// AWS.config set in a module of its own (a `config.ts` that only configures the SDK) for the clients
// of the modules that import it. v2 gave every client created after the settings ran those settings;
// an ES module's imports run before its body, so every client of a module that imports this one was
// created after them. The module then exports its settings as one object, and those clients are
// created with it. Settings that cannot be carried this way stay on v2, reported (globals.ts).
import { posix } from 'node:path';
import type { Finding } from '../types.js';
import { owningManifest } from './package-json.js';
import type { Style } from './context.js';
import { within } from './context.js';
import { prepare, type Prepared } from './convert-file.js';
import { resolveModule } from './crossmodule.js';
import { configStatements, inFunction, maySetConfig } from './globals.js';
import type { FileDecision } from './groups.js';
import { ts } from '../../util/typescript.cjs';
import { isMemberName } from './scopes.js';

const exported = 'awsConfig';

/** The repository being converted: its parsed files, the flow's decisions, and its files' text. */
export interface Converting {
  prepared: ReadonlyMap<string, Prepared | null>;
  decisions: ReadonlyMap<string, FileDecision>;
  files: ReadonlySet<string>;
  read: (path: string) => string;
  style: Style;
}

/**
 * Whether `path` only configures the SDK: every v2 use is an AWS.config setting v3 has keys for,
 * made when the module loads, it creates no client, and it does not bind the name the settings are exported as.
 */
function configOnly(path: string, text: string, style: Style): boolean {
  let probe: Prepared;
  try {
    probe = prepare(path, text, style); // a copy: deciding the settings reports on its context
  } catch {
    return false;
  }
  const { ctx, nodes } = probe;
  if (!ctx.esm || nodes.byName.get(exported)?.length) return false;
  const found = configStatements(ctx);
  if (!found.length || found.some(({ stmt, texts }) => !texts || inFunction(stmt))) return false;
  const statements = found.map(({ stmt }) => stmt);
  return [...ctx.names.keys()].every((name) =>
    (nodes.byName.get(name) ?? []).every(
      (id) => within(id, ctx.v2Imports) || within(id, statements) || isMemberName(id),
    ),
  );
}

/** The repository modules an ES module imports, by resolved path, with the (first) import of each. */
function importsOf(p: Prepared, files: ReadonlySet<string>): Map<string, ts.ImportDeclaration> {
  const out = new Map<string, ts.ImportDeclaration>();
  for (const stmt of p.ctx.sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const target = resolveModule(p.ctx.path, stmt.moduleSpecifier.text, files);
    if (target && !out.has(target)) out.set(target, stmt);
  }
  return out;
}

/**
 * Mark each module that only configures the SDK and is imported by modules with v3 clients: it
 * exports its settings, and they import them (Prepared.carry). Returns findings for the clients
 * of other modules, which v2 may also have given those settings.
 */
export function carryGlobals(repo: Converting): Finding[] {
  const { prepared, decisions, files, read, style } = repo;
  const withClients = [...prepared].filter(([path, p]) => p && decisions.get(path)?.news.size) as [string, Prepared][];
  const findings: Finding[] = [];
  // a module's AWS.config settings reached, in v2, the clients (v2 or v3 now) of the other modules
  // of its package (one process); a repository of several apps has several
  const manifests = new Set([...files].filter((f) => posix.basename(f) === 'package.json'));
  const creating = [...decisions].filter(([, d]) => d.news.size || d.keepsClients).map(([path]) => path);
  for (const [path, p] of prepared) {
    if (!p) continue;
    const own = owningManifest(path, manifests);
    const elsewhere = creating.some((other) => other !== path && owningManifest(other, manifests) === own);
    (p.carry ??= { imports: [] }).clientsElsewhere = elsewhere;
  }
  for (const [path, p] of prepared) {
    if (!p || decisions.get(path)?.news.size || !maySetConfig(read(path))) continue;
    // a module binding the name already is not given it
    const importers = withClients.filter(
      ([, q]) => q.ctx.esm && importsOf(q, files).has(path) && !q.nodes.byName.get(exported)?.length,
    );
    if (!importers.length || !configOnly(path, read(path), style)) continue;
    p.carry!.exports = exported;
    for (const [, q] of importers) {
      q.carry ??= { imports: [] };
      const from = importsOf(q, files).get(path)!;
      q.carry.imports.push({ spec: (from.moduleSpecifier as ts.StringLiteral).text, name: exported, from });
    }
    const others = withClients.filter(([other]) => !importers.some(([i]) => i === other)).map(([o]) => o);
    if (others.length) {
      const names = others.slice(0, 5).join(', ') + (others.length > 5 ? ` and ${others.length - 5} more` : '');
      findings.push({
        file: path,
        line: 1,
        rule: 'aws-sdk-v3/global-config',
        severity: 'warning',
        message: `the AWS.config settings of this module go to the clients of the modules that import it; v2 also gave them to clients of other modules created after it ran (${names}): import \`${exported}\` there if they relied on them`,
      });
    }
  }
  findings.push(...settingsForImported(repo));
  return findings;
}

/**
 * AWS.config set in a module (a test setting a local endpoint, typically) also reached, in v2, the
 * clients the modules it imports create later, when their functions run; v3 clients there do not
 * read it. Said at the first setting, naming those modules.
 */
function settingsForImported({ prepared, decisions, files, read, style }: Converting): Finding[] {
  const findings: Finding[] = [];
  for (const [path, p] of prepared) {
    if (!p || p.carry?.exports || !maySetConfig(read(path))) continue;
    const reached = [...importsOf(p, files).keys()].filter(
      (target) => target !== path && decisions.get(target)?.news.size,
    );
    if (!reached.length) continue;
    let first: ts.Node | undefined;
    try {
      const probe = prepare(path, read(path), style); // deciding the settings reports on its context
      first = configStatements(probe.ctx)[0]?.stmt;
      if (!first) continue;
      const line = probe.ctx.sf.getLineAndCharacterOfPosition(first.getStart(probe.ctx.sf)).line + 1;
      findings.push({
        file: path,
        line,
        rule: 'aws-sdk-v3/global-config',
        severity: 'warning',
        message: `in v2, AWS.config set here also reached the clients created by ${reached.join(', ')} once this had run; those are v3 clients now and read no global configuration: pass them these settings (a local endpoint, for one) where they are created`,
      });
    } catch {
      continue; // a file that does not parse is reported where it is prepared
    }
  }
  return findings;
}
