// One Python file's findings: imports of removed modules and APIs, uses of removed or deprecated
// attributes resolved through the file's imports, unittest's old method names, ConfigParser.readfp
// and dynamic imports of removed modules. Strings and comments hold no nodes the walk looks at.
import type { PythonNode as Node, PythonTree as Tree } from '../../util/python-syntax.js';
import type { Finding, Severity } from '../types.js';
import { collectScopes, resolveName, scopeAt, type ImportBinding } from './bindings.js';
import { describeImport, importContext, type Said } from './context.js';
import { label, inRange, type PythonOptions } from './options.js';
import {
  apiOf,
  CONFIG_PARSERS,
  MEMBER_HINTS,
  PKG_RESOURCES_VERSION,
  READFP_REMOVED,
  REMOVED_MODULES,
  RULES,
  severityOf,
  UNITTEST_ALIASES,
  UNITTEST_ALIASES_REMOVED,
  type RemovedApi,
} from './removals.js';

export interface FileInput {
  file: string;
  options: PythonOptions;
  /** Whether a top-level module name is the project's own for this file. */
  isLocal(name: string): boolean;
  setuptoolsDeclared: boolean;
}

export interface FileFindings {
  findings: Finding[];
  /** The removed module of each removed-module finding, in order. */
  modules: string[];
}

const lineOf = (node: Node): number => node.startPosition.row + 1;

/** `a.b.c` as its root name and the attribute names after it; undefined for `f().x` or `self.x[0].y`. */
function chainOf(node: Node): { root: Node; parts: string[] } | undefined {
  const parts: string[] = [];
  let current: Node | null = node;
  while (current?.type === 'attribute') {
    parts.unshift(current.childForFieldName('attribute')!.text);
    current = current.childForFieldName('object');
  }
  return current?.type === 'identifier' ? { root: current, parts } : undefined;
}

export function analyseTree(tree: Tree, input: FileInput): FileFindings {
  const scopes = collectScopes(tree.rootNode, input.isLocal);
  const out: FileFindings = { findings: [], modules: [] };
  const uses = new Map<ImportBinding, Set<string>>();
  const parserNames = new Set<string>();
  const readfpCalls: Array<{ node: Node; receiver: Node; built: boolean }> = [];
  const { options } = input;

  const add = (node: Node, rule: string, severity: Severity, message: string): void => {
    out.findings.push({ file: input.file, line: lineOf(node), rule, severity, message });
  };
  /** The qualified names `node` (a name or an attribute chain) may stand for, with the import each comes through. */
  const resolve = (node: Node): Array<{ binding: ImportBinding; qualified: string }> => {
    const chain = chainOf(node);
    if (!chain || !scopes.importedNames.has(chain.root.text)) return [];
    return resolveName(chain.root.text, scopeAt(node.startIndex, scopes), scopes.module).map((binding) => ({
      binding,
      qualified: [binding.qualified, ...chain.parts].join('.'),
    }));
  };

  for (const node of tree.rootNode.descendantsOfType(['attribute', 'call', 'assignment'])) {
    if (node.type === 'attribute') {
      const resolved = resolve(node);
      for (const { binding, qualified } of resolved) {
        let used = uses.get(binding);
        if (!used) uses.set(binding, (used = new Set()));
        used.add(qualified);
      }
      const api = resolved.map(({ qualified }) => apiOf(qualified, false)).find((found) => found !== undefined);
      if (api && inRange(api[1].version, options)) reportApi(node, node.text, api[0], api[1]);
    } else if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (fn?.type === 'attribute') methodCall(node, fn);
      if (fn && args) dynamicImport(node, fn, args);
    } else if (node.type === 'assignment') {
      const right = node.childForFieldName('right');
      const fn = right?.type === 'call' ? right.childForFieldName('function') : null;
      if (fn && resolve(fn).some(({ qualified }) => CONFIG_PARSERS.has(qualified)))
        parserNames.add(node.childForFieldName('left')!.text);
    }
  }

  for (const record of scopes.imports)
    importFindings(record.statement, record.module, record.kind, record.names, record.bindings);

  // A readfp whose receiver was not seen being built: only in a file that uses configparser at all.
  const usesConfigparser = scopes.imports.some((record) => record.module.split('.', 1)[0] === 'configparser');
  for (const { node, receiver, built } of readfpCalls) {
    const known = built || parserNames.has(receiver.text);
    if (!known && !usesConfigparser) continue;
    add(
      node,
      RULES.configparser,
      known ? 'manual' : 'warning',
      `${known ? `\`${receiver.text}\` is a ConfigParser, whose` : `if \`${receiver.text}\` is a ConfigParser (this file uses configparser), its`} readfp() was removed in Python ${label(READFP_REMOVED)}: use read_file()`,
    );
  }

  out.findings.sort((a, b) => a.line - b.line);
  return out;

  function reportApi(node: Node, written: string, qualified: string, api: RemovedApi): void {
    const what = written === qualified ? `\`${written}\`` : `\`${written}\` (${qualified})`;
    const when = api.deprecated
      ? `is deprecated since Python ${label(api.version)}`
      : `was removed in Python ${label(api.version)}`;
    add(node, api.rule, severityOf(api), `${what} ${when}: use ${api.instead}`);
  }

  function methodCall(call: Node, fn: Node): void {
    const method = fn.childForFieldName('attribute')!.text;
    const receiver = fn.childForFieldName('object')!;
    if (Object.hasOwn(UNITTEST_ALIASES, method) && inRange(UNITTEST_ALIASES_REMOVED, options)) {
      // A module's function of that name (numpy.testing.assert_) or the file's own method is not unittest's.
      const modules = resolve(receiver).filter(({ qualified }) => !qualified.startsWith('unittest'));
      if (!modules.length && !scopes.definedFunctions.has(method))
        add(
          fn.childForFieldName('attribute')!,
          RULES.unittestAlias,
          'manual',
          `\`${method}\` is an old name unittest.TestCase dropped in Python ${label(UNITTEST_ALIASES_REMOVED)} (the call fails with AttributeError): use ${UNITTEST_ALIASES[method]}`,
        );
    }
    if (method === 'readfp' && inRange(READFP_REMOVED, options)) {
      const constructor = receiver.type === 'call' ? receiver.childForFieldName('function') : null;
      const built = !!constructor && resolve(constructor).some(({ qualified }) => CONFIG_PARSERS.has(qualified));
      readfpCalls.push({ node: call, receiver, built });
    }
  }

  function dynamicImport(call: Node, fn: Node, args: Node): void {
    const isImporter =
      (fn.type === 'identifier' && fn.text === '__import__' && !scopes.importedNames.has('__import__')) ||
      resolve(fn).some(({ qualified }) => qualified === 'importlib.import_module');
    const first = args.namedChildren[0];
    if (!isImporter || first?.type !== 'string') return;
    const parts = first.namedChildren;
    const start = parts[0]?.text ?? '';
    if (parts.length !== 3 || parts[1]!.type !== 'string_content' || /[fb]/i.test(start)) return;
    const module = parts[1]!.text;
    if (/^[A-Za-z_][\w.]*$/.test(module)) importFindings(call, module, 'import', [], []);
  }

  function told(statement: Node, said: Said): [Severity, string] {
    return describeImport(importContext(statement), said, label(options.target));
  }

  function importFindings(
    statement: Node,
    module: string,
    kind: 'import' | 'from',
    names: string[],
    bindings: ImportBinding[],
  ): void {
    const root = module.split('.', 1)[0]!;
    if (input.isLocal(root)) return;
    const removed = REMOVED_MODULES[root];
    if (removed && inRange(removed.removed, options)) {
      const hints = hintsFor(module, names, bindings);
      const base = `${root} was removed in Python ${label(removed.removed)}`;
      const instead = `use ${removed.instead}${hints.length ? `; ${hints.join('; ')}` : ''}`;
      const fails = `this import fails on Python ${label(removed.removed)} and later`;
      const [severity, message] = told(statement, { base, fails, instead, plain: 'manual', what: root });
      add(statement, RULES.module, severity, message);
      out.modules.push(root);
      return;
    }
    if (root === 'pkg_resources' && inRange(PKG_RESOURCES_VERSION, options) && !input.setuptoolsDeclared) {
      const base = `pkg_resources comes with setuptools, which Python ${label(PKG_RESOURCES_VERSION)} no longer installs into new virtual environments, and the project does not declare setuptools (requirements*.txt, pyproject.toml, setup.py or setup.cfg)`;
      const instead =
        'declare setuptools, or move to importlib.metadata (versions, entry points) and importlib.resources (package files); setuptools itself deprecates pkg_resources';
      const fails = 'this import fails wherever setuptools is not installed';
      const [severity, message] = told(statement, { base, fails, instead, plain: 'manual', what: root });
      add(statement, RULES.pkgResources, severity, message);
      return;
    }
    const targets = kind === 'from' && !apiOf(module, true) ? names.map((name) => `${module}.${name}`) : [module];
    for (const target of targets) {
      const api = apiOf(target, true);
      if (!api || !inRange(api[1].version, options)) continue;
      const version = label(api[1].version);
      const [severity, message] = told(statement, {
        base: `\`${api[0]}\` ${api[1].deprecated ? 'is deprecated since' : 'was removed in'} Python ${version}`,
        fails: api[1].deprecated
          ? 'it still imports, with a warning'
          : `this import fails on Python ${version} and later`,
        instead: `use ${api[1].instead}`,
        plain: severityOf(api[1]),
        what: api[0],
      });
      add(statement, api[1].rule, severity, message);
    }
  }

  /** What replaces the members of a removed module the file uses (`imp.reload` → importlib.reload). */
  function hintsFor(module: string, names: string[], bindings: ImportBinding[]): string[] {
    const used = new Set([...names.map((name) => `${module}.${name}`)]);
    for (const binding of bindings) for (const qualified of uses.get(binding) ?? []) used.add(qualified);
    return [...used]
      .filter((name) => Object.hasOwn(MEMBER_HINTS, name))
      .map((name) => `for ${name}: ${MEMBER_HINTS[name]}`);
  }
}
