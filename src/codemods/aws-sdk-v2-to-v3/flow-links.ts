// The flow's state, and how a client goes from one function or module to another: into the
// parameters of the functions it is passed to, out of the functions that return it, and to the
// modules that import it. A function's parameter holds the client only if every call of that
// function, in the repository, passes one there. The classification of values is in flow.ts.
import { posix } from 'node:path';
import { ts } from 'ts-morph';
import type { Converts } from './calls.js';
import type { Prepared } from './convert-file.js';
import {
  exportedFunctions, exportsMember, importBindings, isModuleExports, localFunctions,
  type ExportedFunction, type ImportBinding,
} from './crossmodule.js';
import { lineOf } from './edits.js';
import { callOf, hasModifier, isDeclarationOrExport, isTypePosition, short, within } from './flow-syntax.js';
import { Groups, Ref } from './groups.js';
import { isMemberName, type Names } from './scopes.js';

/** A call on a client: `receiver.name(…)`. */
export interface OpUse {
  call: ts.CallExpression;
  receiver: ts.Expression;
  name: ts.MemberName;
  key: Ref;
  /** Its conversion, once decided. */
  plan?: Converts;
}

export interface FileFlow {
  path: string;
  p: Prepared;
  byName: Names;
  ops: OpUse[];
  // made when first needed: most files have none of these
  /** Names of the followed declarations. */
  names?: string[];
  /** Expressions of this file known to hold a client. */
  values?: ts.Node[];
  news?: Map<ts.NewExpression, Ref>;
  typed?: Map<ts.TypeReferenceNode, Ref>;
  exports?: Map<string, Ref>;
  fnExports?: Map<string, Ref>;
  imports?: ImportBinding[];
  functions?: Map<string, ExportedFunction>;
  locals?: Map<string, ts.SignatureDeclaration>;
}

/** What the flow reads: the repository's source files, parsed on demand. */
export interface Sources {
  readonly files: readonly string[];
  read(path: string): string;
  prepare(path: string): Prepared | undefined;
}

const use = 'client-use';

/** `module.exports = x` and `exports.name = x`: the name `x` is exported under. */
const exportedAs = (target: ts.Expression) => (isModuleExports(target) ? 'default' : exportsMember(target));

/** The name an export `name` has in an importing module: its local binding, or a member of the namespace. */
function importedAs(binding: ImportBinding, name: string): string | undefined {
  if (binding.imported === name) return binding.local;
  return (binding.imported === '*' || binding.whole) && name !== 'default' ? name : undefined;
}

/** The name a re-exporting module gives an export `name` of the module it re-exports. */
const reexported = (binding: ImportBinding, name: string) => (binding.imported === '*' ? name : binding.local);

export abstract class Links {
  protected readonly groups = new Groups();
  protected readonly files = new Map<string, FileFlow | null>();
  protected readonly queue: (() => void)[] = [];
  protected readonly checks: (() => void)[] = [];
  /** Expressions known to hold a client, with the key they were found through. */
  protected readonly values = new Map<ts.Node, Ref>();
  /** Some use keeps a client on v2 (most runs have none: nothing to report then). */
  protected blocked = false;
  /** Import bindings linked to a client another module exports. */
  protected readonly linked = new WeakSet<ts.Node>();
  /** Parameters that receive clients (from linked calls or a default value). */
  protected readonly params = new WeakSet<ts.Node>();
  private readonly callersChecked = new WeakSet<ts.Node>();
  /** Group members: declarations and constructions by node, names (`.s3`, `?s3`, `f()`) by `file\0name`. */
  private readonly nodeRefs = new Map<ts.Node, Ref>();
  private readonly nameRefs = new Map<string, Ref>();
  private readonly importersOf = new Map<string, { file: FileFlow; binding: ImportBinding }[]>();
  private readonly known: Set<string>;

  constructor(protected readonly sources: Sources) {
    this.known = new Set(sources.files);
  }

  protected abstract value(f: FileFlow, start: ts.Node, key: Ref): void;
  protected abstract aliasRef(f: FileFlow, id: ts.Identifier, key: Ref): void;
  protected abstract aliasMember(f: FileFlow, name: string, key: Ref): void;

  protected file(path: string): FileFlow | undefined {
    let f = this.files.get(path);
    if (f === undefined) {
      const p = this.sources.prepare(path);
      this.files.set(path, (f = p ? { path, p, byName: p.nodes.byName, ops: [] } : null));
    }
    return f ?? undefined;
  }

  /** The group member for a node (declaration, construction) or a name (`.s3`, `?s3` for a global, `f()`). */
  protected key(f: FileFlow, what: ts.Node | string): Ref {
    if (typeof what !== 'string') {
      let ref = this.nodeRefs.get(what);
      if (!ref) this.nodeRefs.set(what, (ref = new Ref()));
      return ref;
    }
    const id = `${f.path}\0${what}`;
    let ref = this.nameRefs.get(id);
    if (!ref) this.nameRefs.set(id, (ref = new Ref()));
    return ref;
  }

  protected memberKey(f: FileFlow, name: string): Ref {
    return this.key(f, `.${name}`);
  }

  protected block(f: FileFlow, node: ts.Node, key: Ref, rule: string, why: string): void {
    const sf = f.p.ctx.sf;
    this.blocked = true;
    const line = lineOf(sf, node.getStart(sf));
    this.groups.get(key).blockers.push({ file: f.path, line, text: short(node, sf), rule, why });
  }

  /** A callee whose parameters can be followed: a function of this module, or an imported one. */
  protected followable(f: FileFlow, callee: ts.Expression): boolean {
    if (ts.isIdentifier(callee)) return this.locals(f).has(callee.text) || !!this.importOf(f, callee.text, false);
    return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
      && !!this.importOf(f, callee.expression.text, true);
  }

  private importOf(f: FileFlow, local: string, whole: boolean): ImportBinding | undefined {
    return this.imports(f).find((b) => b.local === local && !b.reexport && (!whole || b.whole));
  }

  /** `f(client)`: into the parameter of a function of this module or of an imported one. */
  protected passed(f: FileFlow, call: ts.CallExpression, index: number, key: Ref): void {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) {
      const local = this.locals(f).get(callee.text);
      if (local) return this.param(f, local, callee.text, index, key, call);
      const imp = this.importOf(f, callee.text, false);
      if (imp) return this.into(f, imp.target, imp.imported, index, key, call);
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const imp = this.importOf(f, callee.expression.text, true);
      if (imp) return this.into(f, imp.target, callee.name.text, index, key, call);
    }
    this.block(f, call, key, use, `passed to \`${short(callee, f.p.ctx.sf)}\`, which this codemod does not follow`);
  }

  private into(from: FileFlow, target: string, name: string, index: number, key: Ref, call: ts.CallExpression): void {
    const t = this.file(target);
    const fn = t && this.functions(t).get(name);
    if (!t || !fn) return this.block(from, call, key, use, `passed to \`${name}\` of ${target}, which is not followed`);
    this.param(t, fn.decl, fn.local, index, key, call, from);
  }

  /** Link a client to a parameter; every caller of that function must pass a client there too. */
  private param(f: FileFlow, fn: ts.SignatureDeclaration, local: string | undefined, index: number, key: Ref,
    call: ts.CallExpression, from = f): void {
    const param = fn.parameters[index];
    if (!param || !ts.isIdentifier(param.name) || param.dotDotDotToken) {
      return this.block(from, call, key, use, 'passed as an argument the function does not name');
    }
    const name = param.name;
    this.params.add(param);
    this.aliasRef(f, name, key);
    if (this.callersChecked.has(param)) return;
    this.callersChecked.add(param);
    this.checks.push(() => this.callers(f, fn, local, index, this.key(f, name)));
  }

  /** Every call of a function whose parameter holds a client passes a client there. */
  private callers(f: FileFlow, fn: ts.SignatureDeclaration, local: string | undefined, index: number, key: Ref): void {
    const sites: { file: FileFlow; id: ts.Identifier }[] = [];
    if (local) for (const id of f.byName.get(local) ?? []) sites.push({ file: f, id });
    for (const [name, exp] of this.functions(f)) {
      if (exp.decl !== fn) continue;
      for (const { file, binding } of this.importers(f)) {
        if (binding.opaque) this.opaque(file, binding.opaque, key);
        const used = importedAs(binding, name);
        if (used && !binding.reexport) for (const id of file.byName.get(used) ?? []) sites.push({ file, id });
      }
    }
    for (const { file, id } of sites) {
      const call = callOf(id);
      const arg = call?.arguments[index];
      if (arg && !this.values.has(arg)) {
        const why = `\`${id.text}\` is also called with \`${short(arg, file.p.ctx.sf)}\`, not a client converted here`;
        this.block(file, call!, key, use, why);
      } else if (!call && !isDeclarationOrExport(id) && !isMemberName(id)) {
        this.block(file, id, key, use, `\`${id.text}\` is also used as a value, so its other callers are not known`);
      }
    }
  }

  /** A client returned from a function: the calls of that function hold the client. */
  protected returned(f: FileFlow, fn: ts.Node | undefined, key: Ref, at: ts.Node): void {
    const holder = fn?.parent;
    let name: string | undefined;
    if (fn && ts.isGetAccessor(fn) && ts.isIdentifier(fn.name)) return this.aliasMember(f, fn.name.text, key);
    const declared = fn && (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) ? fn.name : undefined;
    const named = holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder));
    const stored = named && holder.initializer === fn;
    if (declared && ts.isIdentifier(declared)) name = declared.text;
    else if (stored && ts.isIdentifier(holder.name)) name = holder.name.text;
    else if (holder && ts.isBinaryExpression(holder) && holder.right === fn) {
      const exported = isModuleExports(holder.left) ? 'default' : exportsMember(holder.left);
      if (exported) return this.exportFn(f, exported, this.fnKey(f, `exports.${exported}`, key));
    }
    if (!name) return this.block(f, at, key, use, 'returned from a function whose callers are not followed');
    const fnKey = this.fnKey(f, name, key);
    if (fnKey.followed) return;
    fnKey.followed = true;
    const fnName = name;
    this.queue.push(() => this.calls(f, fnName, fnKey, true));
  }

  private fnKey(f: FileFlow, name: string, key: Ref): Ref {
    const fnKey = this.key(f, `${name}()`);
    this.groups.union(key, fnKey);
    return fnKey;
  }

  /** The calls of a client-returning function in one file are clients; other uses are exports or escapes. */
  private calls(f: FileFlow, name: string, fnKey: Ref, own: boolean): void {
    for (const id of f.byName.get(name) ?? []) {
      if (within(id, f.p.ctx.v2Imports) || isTypePosition(id)) continue;
      const call = callOf(id);
      if (call) this.value(f, call, fnKey);
      else if (own) this.fnOccurrence(f, id, fnKey);
      else if (!isDeclarationOrExport(id) && !isMemberName(id)) {
        this.block(f, id, fnKey, use, `\`${name}\` returns a client and is also used as a value`);
      }
    }
  }

  /** The name of a client-returning function where it is not called: an export, or an escape. */
  private fnOccurrence(f: FileFlow, id: ts.Identifier, fnKey: Ref): void {
    const parent = id.parent;
    if (ts.isFunctionDeclaration(parent) && parent.name === id) {
      const exported = hasModifier(parent, ts.SyntaxKind.DefaultKeyword) ? 'default' : id.text;
      if (hasModifier(parent, ts.SyntaxKind.ExportKeyword)) this.exportFn(f, exported, fnKey);
    } else if (ts.isVariableDeclaration(parent) && parent.name === id) {
      if (hasModifier(parent.parent.parent, ts.SyntaxKind.ExportKeyword)) this.exportFn(f, id.text, fnKey);
    } else if (ts.isExportSpecifier(parent)) {
      if ((parent.propertyName ?? parent.name) === id) this.exportFn(f, parent.name.text, fnKey);
    } else if (ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent)) {
      const obj = parent.parent.parent;
      const exported = ts.isBinaryExpression(obj) && isModuleExports(obj.left);
      if (exported) this.exportFn(f, (parent.name as ts.Identifier).text, fnKey);
      else this.block(f, id, fnKey, use, `\`${id.text}\` returns a client and is stored where it is not followed`);
    } else if (ts.isBinaryExpression(parent) && parent.right === id && exportedAs(parent.left)) {
      this.exportFn(f, exportedAs(parent.left)!, fnKey);
    } else if (ts.isExportAssignment(parent)) this.exportFn(f, 'default', fnKey);
    else if (!isDeclarationOrExport(id) && !isMemberName(id)) {
      this.block(f, id, fnKey, use, `\`${id.text}\` returns a client and is also used as a value`);
    }
  }

  /** A client exported under `name`: the modules importing it hold the same client. */
  protected exportAs(f: FileFlow, name: string, key: Ref): void {
    const known = f.exports?.get(name);
    if (known) return this.groups.union(known, key);
    (f.exports ??= new Map()).set(name, key);
    for (const { file, binding } of this.importers(f)) {
      if (binding.opaque) this.opaque(file, binding.opaque, key);
      else if (binding.reexport) {
        if (binding.imported === name || binding.imported === '*') this.exportAs(file, reexported(binding, name), key);
      } else if (binding.imported === name) {
        this.linked.add(binding.node!);
        this.aliasRef(file, binding.node!, key);
      } else if ((binding.imported === '*' || binding.whole) && name !== 'default') this.aliasMember(file, name, key);
    }
  }

  /** A client-returning function exported under `name`: its calls in importing modules hold the client. */
  private exportFn(f: FileFlow, name: string, fnKey: Ref): void {
    if (f.fnExports?.has(name)) return;
    (f.fnExports ??= new Map()).set(name, fnKey);
    for (const { file, binding } of this.importers(f)) {
      const local = importedAs(binding, name);
      if (binding.opaque) this.opaque(file, binding.opaque, fnKey);
      else if (!binding.reexport) {
        if (local) this.queue.push(() => this.calls(file, local, fnKey, false));
      } else if (binding.imported === name || binding.imported === '*') {
        this.exportFn(file, reexported(binding, name), fnKey);
      }
    }
  }

  /** The module holding a client is loaded somewhere in a way not followed: what it hands on is not known. */
  private opaque(f: FileFlow, load: ts.CallExpression, key: Ref): void {
    this.block(f, load, key, use, 'its module is also loaded here in a form this codemod does not follow');
  }

  protected imports(f: FileFlow): ImportBinding[] {
    return (f.imports ??= importBindings(f.path, f.p.ctx.sf, this.known, f.p.nodes.calls));
  }

  private functions(f: FileFlow): Map<string, ExportedFunction> {
    return (f.functions ??= exportedFunctions(f.p.ctx.sf));
  }

  protected locals(f: FileFlow): Map<string, ts.SignatureDeclaration> {
    return (f.locals ??= localFunctions(f.p.ctx.sf));
  }

  /** Modules of the repository that import `f` (found by its name in their text, then parsed). */
  private importers(f: FileFlow): { file: FileFlow; binding: ImportBinding }[] {
    let list = this.importersOf.get(f.path);
    if (list) return list;
    this.importersOf.set(f.path, (list = []));
    const stem = posix.basename(f.path).replace(/\.[^.]+$/, '');
    const word = stem === 'index' ? posix.basename(posix.dirname(f.path)) : stem;
    for (const path of this.sources.files) {
      if (path === f.path || !this.sources.read(path).includes(word)) continue;
      const other = this.file(path);
      if (!other) continue;
      for (const binding of this.imports(other)) if (binding.target === f.path) list.push({ file: other, binding });
    }
    return list;
  }
}
