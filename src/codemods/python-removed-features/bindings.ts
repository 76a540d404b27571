// What each name of a Python file refers to, as far as imports say: the scopes of the file
// (module, functions, lambdas, class bodies), the names each binds, and which of those come from
// an import. A name bound otherwise (a parameter, an assignment, a def) hides an import of the
// same name from an outer scope, so `def f(locale): locale.format()` is not the locale module.
import type { PythonNode as Node } from '../../util/python-syntax.js';
import { importContext } from './context.js';

export interface ImportBinding {
  /** The name the import binds. */
  name: string;
  /** What it names (`collections`, `datetime.datetime`); null for the project's own module (a relative import, a local file). */
  qualified: string | null;
  /** Bound in an `except ImportError` branch: a fallback that runs only when the import in its `try` failed. */
  fallback: boolean;
}

/** One imported module (or names from one module) of an import statement. */
export interface ImportRecord {
  statement: Node;
  /** The absolute module it imports, or imports names from (`distutils.util`). */
  module: string;
  kind: 'import' | 'from';
  /** For `from m import a, b`: a and b. */
  names: string[];
  bindings: ImportBinding[];
}

type ScopeKind = 'module' | 'function' | 'class';

export class Scope {
  readonly imports = new Map<string, ImportBinding[]>();
  readonly locals = new Set<string>();
  readonly globals = new Set<string>();
  constructor(
    readonly kind: ScopeKind,
    readonly parent?: Scope,
  ) {}
}

export interface FileScopes {
  module: Scope;
  /** The functions, lambdas and class bodies, in document order. */
  regions: Region[];
  imports: ImportRecord[];
  /** Every name some import binds: the cheap first test for a use. */
  importedNames: Set<string>;
  /** Functions and methods the file defines. */
  definedFunctions: Set<string>;
}

/** A function, lambda or class: the text it spans, and the part of it its own scope covers. */
export interface Region {
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
  scope: Scope;
  /** The index of the region around this one, or -1. */
  parent: number;
}

const opensScope: Record<string, ScopeKind> = {
  function_definition: 'function',
  lambda: 'function',
  class_definition: 'class',
};

/** Nodes that open a scope or bind a name. */
const bindingTypes = [
  ...Object.keys(opensScope),
  'import_statement',
  'import_from_statement',
  'global_statement',
  'nonlocal_statement',
  'assignment',
  'augmented_assignment',
  'for_statement',
  'as_pattern_target',
  'named_expression',
];

/** Collects the scopes of a module. `isLocal` says whether a top-level module name is the project's own. */
export function collectScopes(root: Node, isLocal: (name: string) => boolean): FileScopes {
  const module = new Scope('module');
  const out: FileScopes = {
    module,
    regions: [],
    imports: [],
    importedNames: new Set(),
    definedFunctions: new Set(),
  };
  const home = (scope: Scope, name: string): Scope => (scope.globals.has(name) ? module : scope);
  const bindLocal = (scope: Scope, name: string): void => void home(scope, name).locals.add(name);
  const bindImport = (scope: Scope, statement: Node, name: string, qualified: string | null): ImportBinding => {
    const root = qualified?.split('.', 1)[0];
    const binding: ImportBinding = {
      name,
      qualified: root !== undefined && isLocal(root) ? null : qualified,
      fallback: importContext(statement).where === 'handler',
    };
    const target = home(scope, name);
    target.imports.set(name, [...(target.imports.get(name) ?? []), binding]);
    out.importedNames.add(name);
    return binding;
  };

  // The nodes come in document order, found by tree-sitter itself (faster than a walk in JS, and
  // no recursion: a long `a + b + ...` nests deeper than the call stack goes).
  for (const node of root.descendantsOfType(bindingTypes)) {
    if (!node.isNamed) continue; // the `lambda` keyword has the lambda's type name
    const scope = scopeAt(node.startIndex, out);
    switch (node.type) {
      case 'function_definition':
      case 'lambda':
      case 'class_definition': {
        const inner = new Scope(opensScope[node.type]!, scope);
        const body = node.childForFieldName('body');
        const { regions } = out;
        const parent = regionAt(node.startIndex, regions);
        regions.push({
          start: node.startIndex,
          end: node.endIndex,
          bodyStart: body?.startIndex ?? node.endIndex,
          bodyEnd: body?.endIndex ?? node.endIndex,
          scope: inner,
          parent,
        });
        const name = node.childForFieldName('name')?.text;
        if (name) bindLocal(scope, name);
        if (name && node.type === 'function_definition') out.definedFunctions.add(name);
        const parameters = node.childForFieldName('parameters');
        if (parameters) bindParameters(parameters, (param) => bindLocal(inner, param));
        break;
      }
      case 'import_statement':
        for (const name of node.childrenForFieldName('name')) {
          const aliased = name.type === 'aliased_import';
          const dotted = aliased ? name.childForFieldName('name')!.text : name.text;
          const local = aliased ? name.childForFieldName('alias')!.text : dotted.split('.', 1)[0]!;
          const qualified = aliased ? dotted : local;
          const binding = bindImport(scope, node, local, qualified);
          out.imports.push({ statement: node, module: dotted, kind: 'import', names: [], bindings: [binding] });
        }
        break;
      case 'import_from_statement': {
        const from = node.childForFieldName('module_name');
        const relative = !from || from.type === 'relative_import';
        const module = from?.text ?? '';
        const record: ImportRecord = { statement: node, module, kind: 'from', names: [], bindings: [] };
        for (const name of node.childrenForFieldName('name')) {
          const aliased = name.type === 'aliased_import';
          const imported = aliased ? name.childForFieldName('name')!.text : name.text;
          const local = aliased ? name.childForFieldName('alias')!.text : imported;
          record.names.push(imported);
          record.bindings.push(bindImport(scope, node, local, relative ? null : `${module}.${imported}`));
        }
        if (!relative) out.imports.push(record);
        break;
      }
      case 'global_statement':
        for (const name of node.namedChildren) scope.globals.add(name.text);
        break;
      case 'nonlocal_statement':
        for (const name of node.namedChildren) scope.locals.add(name.text);
        break;
      case 'named_expression': {
        const name = node.childForFieldName('name');
        if (name) bindLocal(scope, name.text);
        break;
      }
      case 'as_pattern_target':
        bindTargets(node, (name) => bindLocal(scope, name));
        break;
      default: {
        const left = node.childForFieldName('left');
        if (left) bindTargets(left, (name) => bindLocal(scope, name));
      }
    }
  }
  return out;
}

/** The index of the innermost region holding `index`, or -1. */
function regionAt(index: number, regions: readonly Region[]): number {
  // The last region starting at or before `index`; the one holding it is that one or one around it.
  let low = 0;
  let high = regions.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (regions[mid]!.start <= index) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  while (found >= 0 && regions[found]!.end <= index) found = regions[found]!.parent;
  return found;
}

/** The scope text at `index` runs in: a function's body is in its scope, its defaults and decorators are not. */
export function scopeAt(index: number, scopes: Pick<FileScopes, 'regions' | 'module'>): Scope {
  for (let at = regionAt(index, scopes.regions); at >= 0; at = scopes.regions[at]!.parent) {
    const region = scopes.regions[at]!;
    if (index >= region.bodyStart && index < region.bodyEnd) return region.scope;
  }
  return scopes.module;
}

const patterns = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'parenthesized_expression',
  'expression_list',
  'list_splat_pattern',
  'list_splat',
]);

/** The names an assignment target binds: `a`, `a, (b, *c)`; never `x.y` or `x[0]`. */
function bindTargets(target: Node, bind: (name: string) => void): void {
  if (target.type === 'identifier') bind(target.text);
  else if (patterns.has(target.type) || target.type === 'as_pattern_target')
    for (const child of target.namedChildren) bindTargets(child, bind);
}

function bindParameters(parameters: Node, bind: (name: string) => void): void {
  for (const param of parameters.namedChildren) bindParameter(param, bind);
}

function bindParameter(param: Node, bind: (name: string) => void): void {
  switch (param.type) {
    case 'identifier':
      bind(param.text);
      return;
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = param.childForFieldName('name');
      if (name) bindParameter(name, bind);
      return;
    }
    // `x: int`, `*args`, `**kwargs`: the name comes first.
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const name = param.namedChildren[0];
      if (name && name.type !== 'type') bindParameter(name, bind);
      return;
    }
  }
}

/**
 * The imports `name` refers to at `scope`, or none when a closer binding hides them. Class bodies
 * are seen only from themselves, not from the methods inside. A fallback import (in an `except
 * ImportError` branch) counts only when no other import binds the name.
 */
export function resolveName(name: string, scope: Scope, module: Scope): ImportBinding[] {
  let first = true;
  for (let s: Scope | undefined = scope; s; s = s.parent, first = false) {
    if (s.kind === 'class' && !first) continue;
    if (s.globals.has(name)) return resolveName(name, module, module);
    const imports = s.imports.get(name);
    if (imports) {
      const known = imports.filter((binding) => binding.qualified !== null);
      const primary = known.filter((binding) => !binding.fallback);
      return known.length < imports.length ? [] : primary.length ? primary : known;
    }
    if (s.locals.has(name)) return [];
  }
  return [];
}
