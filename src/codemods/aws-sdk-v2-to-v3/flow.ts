// Which v2 clients become v3. Every expression that holds a client (a construction, a name it is
// stored under, a parameter it is passed to, a call that returns it) is followed to each of its
// uses, in its file and in the repository modules it is exported, passed or returned to
// (flow-links.ts). Values that reach each other form one group; a group converts only when every
// use of it converts (decisions.ts), otherwise it stays v2 whole and a finding names the use that
// kept it. A variable is followed to the references its declaration's scope gives it; a member
// name (`this.s3`, `deps.s3`) to every `x.s3` of the file, as the calls are matched.
// Everything here reads the node lists the one walk collected; nothing is written.
import { ts } from 'ts-morph';
import { resolveRef } from './bindings.js';
import { exportsMember, isModuleExports, requireOf } from './crossmodule.js';
import { decideFiles } from './decisions.js';
import { Links, type FileFlow } from './flow-links.js';
import {
  assigns, compares, hasModifier, isHarmless, isLooseMember, isNullish, isOnlyTopLevelDeclaration, isTransparent,
  isTypePosition, receiverOf, short, typeService, within,
} from './flow-syntax.js';
import type { FileDecision, Ref } from './groups.js';
import { isDeclarationName, isMemberName, resolve } from './scopes.js';

export type { Sources } from './flow-links.js';

const use = 'client-use';

type Holder = ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration;

export class Flow extends Links {
  /** Follow the clients a file creates or declares by type. */
  seed(path: string): void {
    const f = this.file(path);
    if (!f || !f.p.ctx.names.size) return;
    const { ctx, nodes } = f.p;
    for (const node of nodes.news) {
      const ref = resolveRef(ctx, node.expression);
      if (ref?.kind !== 'service' || within(node, ctx.removed)) continue;
      // `const s3 = new AWS.S3()`: the construction and the variable are one member from the start
      const holder = node.parent;
      const named = ts.isVariableDeclaration(holder) && holder.initializer === node && ts.isIdentifier(holder.name);
      const key = this.key(f, named ? holder.name as ts.Identifier : node);
      this.groups.addService(key, ref.service);
      (f.news ??= new Map()).set(node, key);
    }
    // all constructions have their member before any is followed (a DocumentClient's `service` is tied to it)
    for (const [node, key] of f.news ?? []) this.value(f, node, key);
    for (const ref of nodes.typeRefs) this.typed(f, ref);
    this.drain();
  }

  /** Run the deferred checks and say per file what converts; clients that touch a `failed` file stay v2. */
  decide(failed: { has(path: string): boolean } = new Set()): Map<string, FileDecision> {
    this.drain();
    for (const check of this.checks) check();
    const files = [...this.files.values()].filter((f): f is FileFlow => !!f);
    for (const f of files) {
      if (!failed.has(f.path)) continue;
      const values = (f.values ?? []).map((v): [ts.Node, Ref] => [v, this.values.get(v)!]);
      for (const [node, key] of [...values, ...f.news ?? [], ...f.typed ?? []]) {
        this.block(f, node, key, 'internal', 'its module could not be converted');
      }
    }
    return decideFiles(files, this.groups, (...args) => this.block(...args), () => this.blocked);
  }

  /** `s3: AWS.S3`: a name declared to hold a client. */
  private typed(f: FileFlow, ref: ts.TypeReferenceNode): void {
    const holder = ref.parent;
    const holds = ts.isParameter(holder) || ts.isPropertyDeclaration(holder) || ts.isVariableDeclaration(holder)
      || ts.isPropertySignature(holder);
    if (!holds || holder.type !== ref || !(ts.isIdentifier(holder.name) || ts.isPrivateIdentifier(holder.name))) return;
    const service = typeService(f.p.ctx, ref);
    if (!service) return;
    const variable = ts.isParameter(holder) || ts.isVariableDeclaration(holder);
    const declared = variable && ts.isIdentifier(holder.name) ? holder.name : undefined;
    const key = declared ? this.key(f, declared) : this.memberKey(f, holder.name.text);
    this.groups.addService(key, service);
    (f.typed ??= new Map()).set(ref, key);
    key.typed = true;
    if (declared) this.followDecl(f, declared);
    else this.followMember(f, holder.name.text);
  }

  private drain(): void {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) job();
  }

  /** The client also goes by the variable an identifier refers to (or declares). */
  protected aliasRef(f: FileFlow, id: ts.Identifier, key: Ref): void {
    const decl = isDeclarationName(id) ? id : resolve(f.byName, id);
    this.groups.union(key, this.key(f, decl ?? `?${id.text}`));
    this.followDecl(f, decl, id.text);
  }

  /** The client is also reached as `x.name`. */
  protected aliasMember(f: FileFlow, name: string, key: Ref): void {
    this.groups.union(key, this.memberKey(f, name));
    this.followMember(f, name);
  }

  /** Every reference to a declaration (or to an undeclared global of that name). */
  private followDecl(f: FileFlow, decl: ts.Identifier | undefined, name = decl!.text): void {
    const key = this.key(f, decl ?? `?${name}`);
    if (key.followed) return;
    key.followed = true;
    (f.names ??= []).push(name);
    const ids = f.byName.get(name) ?? [];
    const only = !!decl && isOnlyTopLevelDeclaration(decl, ids);
    for (const id of ids) {
      if (isMemberName(id) || (!only && resolve(f.byName, id) !== decl)) continue;
      // `s3.op(…)`, by far the most frequent use, classified here directly
      const op = receiverOf(id);
      if (op) f.ops.push({ call: op.call, receiver: id, name: op.access.name, key });
      else this.occurrence(f, id, key);
    }
  }

  /** Every `x.name`, `{ name: … }` and `{ name } = …` of the file. */
  private followMember(f: FileFlow, name: string): void {
    const key = this.memberKey(f, name);
    if (key.followed) return;
    key.followed = true;
    for (const id of f.byName.get(name) ?? []) this.memberOccurrence(f, id, key);
  }

  /** One reference to a followed declaration. */
  private occurrence(f: FileFlow, id: ts.Identifier, key: Ref): void {
    const parent = id.parent;
    if (within(id, f.p.ctx.v2Imports) || within(id, f.p.aliasStatements) || isTypePosition(id)) return;
    if (ts.isVariableDeclaration(parent) && parent.name === id) this.variable(f, parent, key);
    else if (ts.isParameter(parent) && parent.name === id) this.parameter(f, parent, key);
    else if (ts.isBindingElement(parent) && parent.name === id) {
      const decl = ts.walkUpBindingElementsAndPatterns(parent);
      if (ts.isVariableDeclaration(decl) && requireOf(decl.initializer)) this.imported(f, id, key);
    } else if (ts.isImportClause(parent) || ts.isImportSpecifier(parent) || ts.isNamespaceImport(parent)
      || ts.isImportEqualsDeclaration(parent)) {
      this.imported(f, id, key);
    } else if (ts.isExportSpecifier(parent)) {
      if (!parent.parent.parent.moduleSpecifier) this.exportAs(f, parent.name.text, key);
    } else if (!isDeclarationName(id)) this.reference(f, id, key);
  }

  /** One `x.name`, `{ name: … }` or `{ name } = …` of a followed member name. */
  private memberOccurrence(f: FileFlow, id: ts.Identifier, key: Ref): void {
    const { ctx } = f.p;
    const parent = id.parent;
    if (within(id, ctx.v2Imports) || within(id, f.p.aliasStatements)) return;
    if (ts.isPropertyAccessExpression(parent) && parent.name === id) {
      if (!resolveRef(ctx, parent)) this.reference(f, parent, key);
    } else if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === id) {
      if (parent.initializer) this.definedAs(f, id.text, parent.initializer, key, parent);
    } else if (ts.isShorthandPropertyAssignment(parent)) this.definedAs(f, id.text, id, key, parent);
    else if (ts.isBindingElement(parent) && (parent.propertyName ?? parent.name) === id) {
      // (only object patterns have property names; `[s3] = …` takes an element, not the member)
      // `const { s3 } = deps`, `const { s3: storage } = deps`: the client goes on under the local name
      if (ts.isIdentifier(parent.name)) this.aliasRef(f, parent.name, key);
      else this.block(f, parent, key, use, 'destructured further than this codemod follows');
    }
  }

  /** A reference: the target of an assignment (a definition), or a value to classify. */
  private reference(f: FileFlow, expr: ts.Identifier | ts.PropertyAccessExpression, key: Ref): void {
    const parent = expr.parent;
    const name = ts.isIdentifier(expr) ? expr.text : expr.name.text;
    if (ts.isBinaryExpression(parent) && parent.left === expr && assigns(parent.operatorToken.kind)) {
      this.definedAs(f, name, parent.right, key, parent);
    } else this.value(f, expr, key);
  }

  private variable(f: FileFlow, decl: ts.VariableDeclaration, key: Ref): void {
    const name = decl.name as ts.Identifier;
    const list = decl.parent;
    const stmt = list.parent;
    const exported = ts.isVariableStatement(stmt) && hasModifier(stmt, ts.SyntaxKind.ExportKeyword);
    if (exported) this.exportAs(f, name.text, key);
    if (requireOf(decl.initializer)) return this.imported(f, name, key);
    if (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent)) {
      return this.block(f, decl, key, use, `\`${name.text}\` also takes the values of a loop`);
    }
    if (decl.initializer) this.definedAs(f, name.text, decl.initializer, key, decl);
  }

  /** `name` also gets `value`: that must be a client of the group (or the name declared as one). */
  private definedAs(f: FileFlow, name: string, value: ts.Expression, key: Ref, at: ts.Node): void {
    if (this.values.has(value)) return;
    this.checks.push(() => {
      if (this.values.has(value) || key.typed || isNullish(value)) return;
      this.block(f, at, key, use, `\`${name}\` is also given a value that is not a client this codemod converts`);
    });
  }

  private parameter(f: FileFlow, param: ts.ParameterDeclaration, key: Ref): void {
    this.checks.push(() => {
      if (this.params.has(param) || key.typed || (param.initializer && this.values.has(param.initializer))) return;
      const name = param.name.getText(f.p.ctx.sf);
      this.block(f, param, key, use, `parameter \`${name}\` also receives values from callers that are not followed`);
    });
  }

  /** A name bound by an import: fine when it is linked to a client export of a repository module. */
  private imported(f: FileFlow, id: ts.Identifier, key: Ref): void {
    this.checks.push(() => {
      if (this.linked.has(id)) return;
      this.block(f, id.parent, key, use, `\`${id.text}\` is also imported from a module whose value is not followed`);
    });
  }

  /** Classify what is done with a value that holds a client. */
  protected value(f: FileFlow, start: ts.Node, key: Ref): void {
    const known = this.values.get(start);
    if (known !== undefined) return this.groups.union(known, key);
    let v = start;
    this.values.set(v, key);
    (f.values ??= []).push(v);
    while (isTransparent(v.parent)) this.values.set((v = v.parent), key);
    if (isLooseMember(start)) return this.loose(f, v, key);
    const parent = v.parent;
    const expr = v as ts.Expression;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === v) return this.member(f, parent, expr, key);
    const index = ts.isCallExpression(parent) ? parent.arguments.indexOf(expr) : -1;
    if (index >= 0) return this.passed(f, parent as ts.CallExpression, index, key);
    const holder = ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isPropertyDeclaration(parent);
    if (holder && parent.initializer === v) return this.stored(f, parent, key);
    if (ts.isBinaryExpression(parent)) return this.operand(f, parent, v, key);
    if (ts.isConditionalExpression(parent)) {
      if (parent.condition !== v) this.join(f, parent, parent.whenTrue === v ? parent.whenFalse : parent.whenTrue, key);
    } else if (ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent)) {
      this.property(f, parent, key);
    } else if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === v)) {
      this.returned(f, ts.isArrowFunction(parent) ? parent : ts.findAncestor(parent, ts.isFunctionLike), key, parent);
    } else if (ts.isExportAssignment(parent)) this.exportAs(f, 'default', key);
    else if (!isHarmless(parent, v)) {
      this.block(f, parent, key, use, `used as \`${short(parent, f.p.ctx.sf)}\`, which this codemod does not follow`);
    }
  }

  /**
   * `x.name` with x other than `this`: plain data is read the same way (`record.s3.bucket`), so only
   * what a client is used for counts: an operation call, a copy into a variable, an argument of a
   * function this codemod follows. Anything else is taken for data.
   */
  private loose(f: FileFlow, v: ts.Node, key: Ref): void {
    const parent = v.parent;
    const expr = v as ts.Expression;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === v) this.member(f, parent, expr, key, true);
    else if (ts.isVariableDeclaration(parent) && parent.initializer === v && ts.isIdentifier(parent.name)) {
      this.aliasRef(f, parent.name, key);
    } else if (ts.isCallExpression(parent) && this.followable(f, parent.expression)) {
      const index = parent.arguments.indexOf(expr);
      if (index >= 0) this.passed(f, parent, index, key);
    }
  }

  /** `client.x`: an operation call, or a read of a client member (data when reached as `x.name`). */
  private member(f: FileFlow, access: ts.PropertyAccessExpression, receiver: ts.Expression, key: Ref, loose = false) {
    const call = access.parent;
    if (ts.isCallExpression(call) && call.expression === access) f.ops.push({ call, receiver, name: access.name, key });
    else if (!loose) this.block(f, access, key, use, `reads \`${access.name.text}\`, which v3 clients lack`);
  }

  private stored(f: FileFlow, holder: Holder, key: Ref) {
    const name = holder.name;
    if (ts.isParameter(holder)) {
      this.params.add(holder);
      // `constructor(private s3 = new AWS.S3())` is also `this.s3`
      const property = ts.isParameterPropertyDeclaration(holder, holder.parent);
      if (property && ts.isIdentifier(name)) this.aliasMember(f, name.text, key);
    }
    if (ts.isIdentifier(name) && !ts.isPropertyDeclaration(holder)) this.aliasRef(f, name, key);
    else if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) this.aliasMember(f, name.text, key);
    else this.block(f, holder, key, use, 'destructured, which this codemod does not follow');
  }

  private operand(f: FileFlow, bin: ts.BinaryExpression, v: ts.Node, key: Ref): void {
    const op = bin.operatorToken.kind;
    if (assigns(op) && bin.right === v) return this.assigned(f, bin, key);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      return this.join(f, bin, bin.left === v ? bin.right : bin.left, key);
    }
    if (op === ts.SyntaxKind.CommaToken && bin.right === v) return this.value(f, bin, key);
    const test = op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken;
    if (compares.has(op) || (test && bin.left === v)) return;
    this.block(f, bin, key, use, `used in \`${short(bin, f.p.ctx.sf)}\`, which this codemod does not follow`);
  }

  /** `a || b`, `a ?? b`, `c ? a : b`: the whole is the client when the other side is one too (or nothing). */
  private join(f: FileFlow, whole: ts.Expression, other: ts.Expression, key: Ref): void {
    this.checks.push(() => {
      if (this.values.has(other) || isNullish(other)) return;
      this.block(f, other, key, use, `combined with \`${short(other, f.p.ctx.sf)}\`, not a client converted here`);
    });
    this.value(f, whole, key);
  }

  private assigned(f: FileFlow, bin: ts.BinaryExpression, key: Ref): void {
    const target = bin.left;
    const member = exportsMember(target);
    if (member) this.exportAs(f, member, key);
    if (isModuleExports(target)) this.exportAs(f, 'default', key);
    else if (ts.isIdentifier(target)) this.aliasRef(f, target, key);
    else if (ts.isPropertyAccessExpression(target)) this.aliasMember(f, target.name.text, key);
    else return this.block(f, target, key, use, 'stored where this codemod does not follow it');
    if (!ts.isExpressionStatement(bin.parent)) this.value(f, bin, key);
  }

  /** `{ s3 }`, `{ client: s3 }`: reached later as `x.client`; exported when the object is. */
  private property(f: FileFlow, prop: ts.ShorthandPropertyAssignment | ts.PropertyAssignment, key: Ref): void {
    const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
    if (name === undefined) return this.block(f, prop, key, use, 'stored under a computed key');
    let obj: ts.Node = prop.parent;
    while (isTransparent(obj.parent)) obj = obj.parent;
    const holder = obj.parent;
    const assignedTo = ts.isBinaryExpression(holder) && holder.right === obj && assigns(holder.operatorToken.kind);
    if ((assignedTo && isModuleExports(holder.left)) || ts.isExportAssignment(holder)) {
      return this.exportAs(f, name, key);
    }
    // `new AWS.DynamoDB.DocumentClient({ service: ddb })`: ddb converts with the DocumentClient
    const options = ts.isNewExpression(holder) && holder.arguments?.[0] === obj;
    if (name === 'service' && options && resolveRef(f.p.ctx, holder.expression)) {
      return this.groups.tie(key, f.news?.get(holder) ?? this.key(f, holder));
    }
    this.aliasMember(f, name, key);
    // kept in this file under its name: a variable, a property, or an argument of a function of the file
    const local = ts.isCallExpression(holder) && ts.isIdentifier(holder.expression)
      && this.locals(f).has(holder.expression.text);
    const kept = ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isParameter(holder)
      || ts.isPropertyAssignment(holder) || assignedTo || local;
    if (kept) return;
    const where = short(holder, f.p.ctx.sf);
    this.block(f, prop, key, use, `put in an object that goes where this codemod does not follow it (\`${where}\`)`);
  }
}
