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
  /** By the id of the function_definition, lambda or class_definition that opens it. */
  byNode: Map<number, Scope>;
  imports: ImportRecord[];
  /** Every name some import binds: the cheap first test for a use. */
  importedNames: Set<string>;
  /** Functions and methods the file defines. */
  definedFunctions: Set<string>;
}

const opensScope: Record<string, ScopeKind> = {
  function_definition: 'function',
  lambda: 'function',
  class_definition: 'class',
};

/** Collects the scopes of a module. `isLocal` says whether a top-level module name is the project's own. */
export function collectScopes(root: Node, isLocal: (name: string) => boolean): FileScopes {
  const module = new Scope('module');
  const out: FileScopes = {
    module,
    byNode: new Map(),
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

  const visit = (node: Node, scope: Scope): void => {
    switch (node.type) {
      case 'function_definition':
      case 'lambda':
      case 'class_definition': {
        const inner = new Scope(opensScope[node.type]!, scope);
        out.byNode.set(node.id, inner);
        const name = node.childForFieldName('name')?.text;
        if (name) bindLocal(scope, name);
        if (name && node.type === 'function_definition') out.definedFunctions.add(name);
        const parameters = node.childForFieldName('parameters');
        if (parameters) bindParameters(parameters, (param) => bindLocal(inner, param));
        for (const child of node.namedChildren)
          visit(child, child.id === node.childForFieldName('body')?.id ? inner : scope);
        return;
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
        return;
      case 'import_from_statement': {
        const from = node.childForFieldName('module_name');
        const relative = !from || from.type === 'relative_import';
        const record: ImportRecord = {
          statement: node,
          module: from?.text ?? '',
          kind: 'from',
          names: [],
          bindings: [],
        };
        for (const name of node.childrenForFieldName('name')) {
          const aliased = name.type === 'aliased_import';
          const imported = aliased ? name.childForFieldName('name')!.text : name.text;
          const local = aliased ? name.childForFieldName('alias')!.text : imported;
          record.names.push(imported);
          record.bindings.push(bindImport(scope, node, local, relative ? null : `${record.module}.${imported}`));
        }
        if (!relative) out.imports.push(record);
        return;
      }
      case 'global_statement':
        for (const name of node.namedChildren) scope.globals.add(name.text);
        return;
      case 'nonlocal_statement':
        for (const name of node.namedChildren) scope.locals.add(name.text);
        return;
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement': {
        const left = node.childForFieldName('left');
        if (left) bindTargets(left, (name) => bindLocal(scope, name));
        break;
      }
      case 'as_pattern_target':
        bindTargets(node, (name) => bindLocal(scope, name));
        return;
      case 'named_expression': {
        const name = node.childForFieldName('name');
        if (name) bindLocal(scope, name.text);
        break;
      }
    }
    for (const child of node.namedChildren) visit(child, scope);
  };
  visit(root, module);
  return out;
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

/** The scope a node is evaluated in: a function's body is in its scope, its defaults and decorators are not. */
export function scopeAt(node: Node, scopes: FileScopes): Scope {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (!(parent.type in opensScope)) continue;
    if (parent.childForFieldName('body')?.id === child.id) return scopes.byNode.get(parent.id) ?? scopes.module;
  }
  return scopes.module;
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
