// Which v2 clients become v3. Every expression that holds a client (a construction, a name it is
// stored under, a parameter it is passed to, a call that returns it) is followed to each of its
// uses, in its file and in the repository modules it is exported, passed or returned to. Values
// that reach each other form one group; a group converts only when every use of it converts
// (planCall answers for operation calls), otherwise it stays v2 whole and a finding names the use
// that kept it. Names are matched as the calls are (`s3`, `this.s3`, `deps.s3` are one name).
// Everything here reads the node lists the one walk collected; nothing is written.
import { posix } from 'node:path';
import { ts } from '../../util/typescript.cjs';
import { memberRef, resolveRef } from './bindings.js';
import { planCall, type Converts } from './calls.js';
import type { Prepared } from './convert-file.js';
import {
  exportedFunctions,
  exportsMember,
  importBindings,
  isModuleExports,
  localFunctions,
  requireOf,
  type ExportedFunction,
  type ImportBinding,
} from './crossmodule.js';
import { within } from './context.js';
import { lineOf } from './edits.js';
import { blockerFinding, emptyDecision, Groups, keptFinding, Ref, type FileDecision } from './groups.js';
import type { Finding } from '../types.js';
import { isDeclarationName, isMemberName, resolve, type Names } from './scopes.js';
import { documentClient, type ServiceInfo } from './services.js';

/** A module outside the files a restricted run converts (`only: unbundled`) that a client of those files reaches. */
export const outsideRule = 'aws-sdk-v3/outside-functions';

/** The call's value past `.promise()`, `await` and parentheses. */
function resultOf(call: ts.CallExpression | ts.NewExpression): ts.Expression {
  let cur: ts.Expression = call;
  for (;;) {
    const parent = cur.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'promise' && ts.isCallExpression(parent.parent))
      cur = parent.parent;
    else if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent)) cur = parent;
    else return cur;
  }
}

/**
 * The declared type of a name destructured from a parameter or variable (`({ config }: Options)`):
 * the member's type in the type literal, or in the interface or type alias of this file, it is typed with.
 */
function destructuredType(el: ts.BindingElement): ts.TypeNode | undefined {
  const holder = el.parent.parent;
  if (!ts.isObjectBindingPattern(el.parent) || !(ts.isParameter(holder) || ts.isVariableDeclaration(holder))) return;
  const key = el.propertyName ?? el.name;
  if (!ts.isIdentifier(key)) return undefined;
  let type = holder.type;
  if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    const decl = el
      .getSourceFile()
      .statements.find(
        (s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
          (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name,
      );
    type = decl && ts.isTypeAliasDeclaration(decl) ? decl.type : undefined;
    if (decl && ts.isInterfaceDeclaration(decl)) return memberType(decl.members, key.text);
  }
  return type && ts.isTypeLiteralNode(type) ? memberType(type.members, key.text) : undefined;
}

function memberType(members: ts.NodeArray<ts.TypeElement>, name: string): ts.TypeNode | undefined {
  const member = members.find((m) => ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.name.text === name);
  return member && ts.isPropertySignature(member) ? member.type : undefined;
}

/**
 * The type references written for what an operation call takes and gives: its arguments' casts and
 * declared types, and the declared type of the variable, or the return type of the function, its
 * result goes to.
 */
function typesOfCall(call: ts.CallExpression | ts.NewExpression, byName: Names): ts.TypeReferenceNode[] {
  const types: (ts.TypeNode | undefined)[] = [];
  const declared = (node: ts.Node | undefined) =>
    !node
      ? undefined
      : ts.isParameter(node) || ts.isVariableDeclaration(node)
        ? node.type
        : ts.isBindingElement(node)
          ? destructuredType(node)
          : undefined;
  for (const arg of call.arguments ?? []) {
    let e: ts.Expression = arg;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) types.push(e.type);
    else if (ts.isIdentifier(e)) types.push(...[declared(resolve(byName, e)?.parent)].filter((t) => !!t));
  }
  const result = resultOf(call);
  const holder = result.parent;
  if (ts.isVariableDeclaration(holder) && holder.initializer === result && holder.type) types.push(holder.type);
  else if (ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder)) types.push(holder.type);
  else if (ts.isReturnStatement(holder) || (ts.isArrowFunction(holder) && holder.body === result))
    types.push(enclosingFunction(result)?.type);
  return typeRefsIn(types);
}

function typeRefsIn(types: (ts.TypeNode | undefined)[]): ts.TypeReferenceNode[] {
  const refs: ts.TypeReferenceNode[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node)) refs.push(node);
    ts.forEachChild(node, visit);
  };
  for (const type of types) if (type) visit(type);
  return refs;
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) if (ts.isFunctionLike(cur)) return cur;
  return undefined;
}

interface OpUse {
  call: ts.CallExpression;
  receiver: ts.Expression;
  name: ts.MemberName;
  key: Ref;
  /** Its conversion, once decided. */
  plan?: Converts;
}

interface FileFlow {
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

const short = (node: ts.Node, sf: ts.SourceFile) => {
  const text = node.getText(sf).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
const isTransparent = (n: ts.Node) =>
  ts.isParenthesizedExpression(n) ||
  ts.isNonNullExpression(n) ||
  ts.isAsExpression(n) ||
  ts.isTypeAssertionExpression(n) ||
  ts.isSatisfiesExpression(n) ||
  ts.isAwaitExpression(n) ||
  isXrayCapture(n);
/** `AWSXRay.captureAWSClient(client)` returns the client it traces (xray.ts converts it with the client). */
function isXrayCapture(n: ts.Node): boolean {
  return (
    ts.isCallExpression(n) &&
    n.arguments.length === 1 &&
    ts.isPropertyAccessExpression(n.expression) &&
    n.expression.name.text === 'captureAWSClient'
  );
}
const isNullish = (n: ts.Expression) =>
  n.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(n) && n.text === 'undefined') || ts.isVoidExpression(n);
const assigns = (op: ts.SyntaxKind) =>
  op === ts.SyntaxKind.EqualsToken ||
  op === ts.SyntaxKind.BarBarEqualsToken ||
  op === ts.SyntaxKind.QuestionQuestionEqualsToken;
const compares = new Set([
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);
const hasModifier = (n: ts.Node, kind: ts.SyntaxKind) =>
  !!ts.getModifiers(n as ts.HasModifiers)?.some((m) => m.kind === kind);

/** The service of a type annotation that names a v2 client class: `AWS.S3`, `S3`, `DynamoDB.DocumentClient`. */
function typeService(f: FileFlow, ref: ts.TypeReferenceNode): ServiceInfo | undefined {
  const ids: string[] = [];
  let n: ts.EntityName = ref.typeName;
  for (; ts.isQualifiedName(n); n = n.left) ids.unshift(n.right.text);
  ids.unshift(n.text);
  const head = f.p.ctx.names.get(ids[0]);
  let i = 1;
  let service = head?.kind === 'service' ? head.service : undefined;
  if (head?.kind === 'ns') {
    const member = ids[1] === undefined ? undefined : memberRef(ids[1]);
    service = member?.kind === 'service' ? member.service : undefined;
    i = 2;
  }
  if (service?.v2 === 'DynamoDB' && ids[i] === 'DocumentClient') [service, i] = [documentClient, i + 1];
  return i === ids.length ? service : undefined;
}

function isTypePosition(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (
    ts.isTypeReferenceNode(parent) ||
    ts.isQualifiedName(parent) ||
    ts.isTypeQueryNode(parent) ||
    ts.isExpressionWithTypeArguments(parent) ||
    ts.isTypeParameterDeclaration(parent) ||
    ts.isInterfaceDeclaration(parent) ||
    ts.isTypeAliasDeclaration(parent) ||
    ts.isTypePredicateNode(parent)
  );
}

/** `x.name` with a base other than `this`: also how plain data is read (`record.s3.bucket`). */
function isLooseMember(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && node.expression.kind !== ts.SyntaxKind.ThisKeyword;
}

export class Flow {
  private readonly groups = new Groups();
  private readonly files = new Map<string, FileFlow | null>();
  private readonly queue: (() => void)[] = [];
  private readonly checks: (() => void)[] = [];
  private readonly importersOf = new Map<string, { file: FileFlow; binding: ImportBinding }[]>();
  private readonly known: Set<string>;
  /** Group members: declarations and constructions by node, names (`.s3`, `?s3`, `f()`) by `file\0name`. */
  private readonly nodeRefs = new Map<ts.Node, Ref>();
  private readonly nameRefs = new Map<string, Ref>();
  /** Some use keeps a client on v2 (most runs have none: nothing to report then). */
  private blocked = false;
  /** Expressions known to hold a client, with the key they were found through. */
  private readonly values = new Map<ts.Node, Ref>();
  /** Import bindings linked to a client another module exports. */
  private readonly linked = new WeakSet<ts.Node>();
  /** Parameters that receive clients (from linked calls or a default value), and those whose callers are checked. */
  private readonly params = new WeakSet<ts.Node>();
  private readonly callersChecked = new WeakSet<ts.Node>();

  constructor(private readonly sources: Sources) {
    this.known = new Set(sources.files);
  }

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
      const named =
        ts.isVariableDeclaration(holder) && holder.initializer === node && ts.isIdentifier(holder.name)
          ? holder.name
          : undefined;
      const key = this.key(f, named ?? node);
      this.groups.addService(key, ref.service);
      (f.news ??= new Map()).set(node, key);
    }
    // every construction has its member before any is followed (a DocumentClient's `service` ties to it)
    for (const [node, key] of f.news ?? []) this.value(f, node, key);
    for (const ref of nodes.typeRefs) this.typed(f, ref);
    this.drain();
  }

  private typed(f: FileFlow, ref: ts.TypeReferenceNode): void {
    const holder = ref.parent;
    if (
      !(
        ts.isParameter(holder) ||
        ts.isPropertyDeclaration(holder) ||
        ts.isVariableDeclaration(holder) ||
        ts.isPropertySignature(holder)
      ) ||
      holder.type !== ref ||
      !(ts.isIdentifier(holder.name) || ts.isPrivateIdentifier(holder.name))
    )
      return;
    const service = typeService(f, ref);
    if (!service) return;
    const declared = ts.isIdentifier(holder.name) && (ts.isParameter(holder) || ts.isVariableDeclaration(holder));
    const key = declared ? this.declKey(f, holder.name as ts.Identifier) : this.memberKey(f, holder.name.text);
    this.groups.addService(key, service);
    (f.typed ??= new Map()).set(ref, key);
    key.typed = true;
    if (declared) this.followDecl(f, holder.name as ts.Identifier);
    else this.followMember(f, holder.name.text);
  }

  private file(path: string): FileFlow | undefined {
    let f = this.files.get(path);
    if (f === undefined) {
      const p = this.sources.prepare(path);
      f = p
        ? {
            path,
            p,
            byName: p.nodes.byName,
            ops: [],
          }
        : null;
      this.files.set(path, f);
    }
    return f ?? undefined;
  }

  private drain(): void {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) job();
  }

  /** The group member of `f` for a node (declaration, construction) or a name (`.s3`, `?s3` for a global, `f()`). */
  private key(f: FileFlow, what: ts.Node | string): Ref {
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

  private declKey(f: FileFlow, decl: ts.Identifier): Ref {
    return this.key(f, decl);
  }

  private memberKey(f: FileFlow, name: string): Ref {
    return this.key(f, `.${name}`);
  }

  private block(f: FileFlow, node: ts.Node, key: Ref, rule: string, why: string): void {
    const sf = f.p.ctx.sf;
    this.blocked = true;
    this.groups
      .get(key)
      .blockers.push({ file: f.path, line: lineOf(sf, node.getStart(sf)), text: short(node, sf), rule, why });
  }

  /** The client also goes by the variable an identifier refers to (or declares). */
  private aliasRef(f: FileFlow, id: ts.Identifier, key: Ref): void {
    const decl = isDeclarationName(id) ? id : resolve(f.byName, id);
    this.groups.union(key, this.key(f, decl ?? `?${id.text}`));
    this.followDecl(f, decl, id.text);
  }

  /** The client is also reached as `x.name`. */
  private aliasMember(f: FileFlow, name: string, key: Ref): void {
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
      const access = id.parent;
      // `s3.op(…)`, by far the most frequent use, classified here directly
      if (
        ts.isPropertyAccessExpression(access) &&
        access.expression === id &&
        ts.isCallExpression(access.parent) &&
        access.parent.expression === access
      ) {
        f.ops.push({ call: access.parent, receiver: id, name: access.name, key });
      } else this.occurrence(f, id, key);
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
    const { ctx } = f.p;
    const parent = id.parent;
    if (within(id, ctx.v2Imports) || within(id, f.p.aliasStatements) || isTypePosition(id)) return;
    if (ts.isVariableDeclaration(parent) && parent.name === id) this.variable(f, parent, key);
    else if (ts.isParameter(parent) && parent.name === id) this.parameter(f, parent, key);
    else if (ts.isBindingElement(parent) && parent.name === id) this.destructured(f, parent, key);
    else if (
      ts.isImportClause(parent) ||
      ts.isImportSpecifier(parent) ||
      ts.isNamespaceImport(parent) ||
      ts.isImportEqualsDeclaration(parent)
    ) {
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
    else if (
      ts.isBindingElement(parent) &&
      ts.isObjectBindingPattern(parent.parent) &&
      (parent.propertyName ?? parent.name) === id
    ) {
      // `const { s3 } = deps`, `const { s3: storage } = deps`: the client goes on under the local name
      if (ts.isIdentifier(parent.name)) this.aliasRef(f, parent.name, key);
      else this.block(f, parent, key, 'client-use', 'destructured further than this codemod follows');
    }
  }

  /** A reference: the target of an assignment (a definition), or a value to classify. */
  private reference(f: FileFlow, expr: ts.Identifier | ts.PropertyAccessExpression, key: Ref): void {
    const parent = expr.parent;
    const name = ts.isIdentifier(expr) ? expr.text : expr.name.text;
    if (ts.isBinaryExpression(parent) && parent.left === expr && assigns(parent.operatorToken.kind))
      this.definedAs(f, name, parent.right, key, parent);
    else this.value(f, expr, key);
  }

  private variable(f: FileFlow, decl: ts.VariableDeclaration, key: Ref): void {
    const name = (decl.name as ts.Identifier).text;
    const list = decl.parent;
    if (ts.isVariableStatement(list.parent) && hasModifier(list.parent, ts.SyntaxKind.ExportKeyword))
      this.exportAs(f, name, key);
    if (requireOf(decl.initializer)) return this.imported(f, decl.name as ts.Identifier, key);
    if (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent)) {
      return this.block(f, decl, key, 'client-use', `\`${name}\` also takes the values of a loop`);
    }
    if (decl.initializer) this.definedAs(f, name, decl.initializer, key, decl);
  }

  /** `name` also gets `value`: that must be a client of the group (or the name declared as one). */
  private definedAs(f: FileFlow, name: string, value: ts.Expression, key: Ref, at: ts.Node): void {
    if (this.values.has(value)) return;
    this.checks.push(() => {
      if (!this.values.has(value) && !key.typed && !isNullish(value)) {
        this.block(
          f,
          at,
          key,
          'client-use',
          `\`${name}\` is also given a value that is not a client this codemod converts`,
        );
      }
    });
  }

  private parameter(f: FileFlow, param: ts.ParameterDeclaration, key: Ref): void {
    this.checks.push(() => {
      if (this.params.has(param) || key.typed || (param.initializer && this.values.has(param.initializer))) return;
      this.block(
        f,
        param,
        key,
        'client-use',
        `parameter \`${param.name.getText(f.p.ctx.sf)}\` also receives values from callers that are not followed`,
      );
    });
  }

  private destructured(f: FileFlow, el: ts.BindingElement, key: Ref): void {
    const decl = ts.walkUpBindingElementsAndPatterns(el);
    if (ts.isVariableDeclaration(decl) && requireOf(decl.initializer)) this.imported(f, el.name as ts.Identifier, key);
  }

  /** A name bound by an import: fine when it is linked to a client export of a repository module. */
  private imported(f: FileFlow, id: ts.Identifier, key: Ref): void {
    this.checks.push(() => {
      if (!this.linked.has(id))
        this.block(
          f,
          id.parent,
          key,
          'client-use',
          `\`${id.text}\` is also imported from a module whose value is not followed`,
        );
    });
  }

  /** Classify what is done with a value that holds a client. */
  private value(f: FileFlow, start: ts.Node, key: Ref): void {
    const known = this.values.get(start);
    if (known !== undefined) return this.groups.union(known, key);
    let v = start;
    this.values.set(v, key);
    (f.values ??= []).push(v);
    while (isTransparent(v.parent)) this.values.set((v = v.parent), key);
    if (isLooseMember(start)) return this.loose(f, v, key);
    const parent = v.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === v)
      return this.member(f, parent, v as ts.Expression, key);
    if (ts.isCallExpression(parent) && parent.arguments.includes(v as ts.Expression)) {
      return this.passed(f, parent, parent.arguments.indexOf(v as ts.Expression), key);
    }
    if (
      (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isPropertyDeclaration(parent)) &&
      parent.initializer === v
    ) {
      return this.stored(f, parent, key);
    }
    if (ts.isBinaryExpression(parent)) return this.operand(f, parent, v, key);
    if (ts.isConditionalExpression(parent)) {
      if (parent.condition !== v) this.join(f, parent, parent.whenTrue === v ? parent.whenFalse : parent.whenTrue, key);
      return;
    }
    if (ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === v))
      return this.property(f, parent, key);
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === v)) {
      return this.returned(
        f,
        ts.isArrowFunction(parent) ? parent : ts.findAncestor(parent, ts.isFunctionLike),
        key,
        parent,
      );
    }
    if (ts.isExportAssignment(parent)) return this.exportAs(f, 'default', key);
    if (!isHarmless(parent, v))
      this.block(
        f,
        parent,
        key,
        'client-use',
        `used as \`${short(parent, f.p.ctx.sf)}\`, which this codemod does not follow`,
      );
  }

  /**
   * `x.name` with x other than `this`: plain data is read the same way (`record.s3.bucket`), so only
   * what a client is used for counts: an operation call, a copy into a variable, an argument of a
   * function this codemod follows. Anything else is taken for data.
   */
  private loose(f: FileFlow, v: ts.Node, key: Ref): void {
    const parent = v.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === v)
      this.member(f, parent, v as ts.Expression, key, true);
    else if (ts.isVariableDeclaration(parent) && parent.initializer === v && ts.isIdentifier(parent.name))
      this.aliasRef(f, parent.name, key);
    else if (
      ts.isCallExpression(parent) &&
      parent.arguments.includes(v as ts.Expression) &&
      this.followable(f, parent.expression)
    ) {
      this.passed(f, parent, parent.arguments.indexOf(v as ts.Expression), key);
    }
  }

  /** `client.x`: an operation call, or a read of a client member (data when reached as `x.name`). */
  private member(
    f: FileFlow,
    access: ts.PropertyAccessExpression,
    receiver: ts.Expression,
    key: Ref,
    loose = false,
  ): void {
    const call = access.parent;
    if (ts.isCallExpression(call) && call.expression === access) f.ops.push({ call, receiver, name: access.name, key });
    else if (!loose)
      this.block(
        f,
        access,
        key,
        'client-use',
        `reads \`${access.name.text}\` of the client, which v3 clients do not have`,
      );
  }

  private stored(
    f: FileFlow,
    holder: ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration,
    key: Ref,
  ): void {
    if (ts.isParameter(holder)) this.params.add(holder);
    // `constructor(private s3 = new AWS.S3())` is also `this.s3`
    if (
      ts.isParameter(holder) &&
      ts.isIdentifier(holder.name) &&
      ts.isParameterPropertyDeclaration(holder, holder.parent)
    )
      this.aliasMember(f, holder.name.text, key);
    if (ts.isIdentifier(holder.name) && !ts.isPropertyDeclaration(holder)) this.aliasRef(f, holder.name, key);
    else if (ts.isIdentifier(holder.name) || ts.isPrivateIdentifier(holder.name))
      this.aliasMember(f, holder.name.text, key);
    else this.block(f, holder, key, 'client-use', 'destructured, which this codemod does not follow');
  }

  private operand(f: FileFlow, bin: ts.BinaryExpression, v: ts.Node, key: Ref): void {
    const op = bin.operatorToken.kind;
    if (assigns(op) && bin.right === v) return this.assigned(f, bin, key);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
      return this.join(f, bin, bin.left === v ? bin.right : bin.left, key);
    if (op === ts.SyntaxKind.CommaToken && bin.right === v) return this.value(f, bin, key);
    if (
      compares.has(op) ||
      ((op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) && bin.left === v)
    )
      return;
    this.block(f, bin, key, 'client-use', `used in \`${short(bin, f.p.ctx.sf)}\`, which this codemod does not follow`);
  }

  /** `a || b`, `a ?? b`, `c ? a : b`: the whole is the client when the other side is one too (or nothing). */
  private join(f: FileFlow, whole: ts.Expression, other: ts.Expression, key: Ref): void {
    this.checks.push(() => {
      if (!this.values.has(other) && !isNullish(other)) {
        this.block(
          f,
          other,
          key,
          'client-use',
          `combined with \`${short(other, f.p.ctx.sf)}\`, which is not a client this codemod converts`,
        );
      }
    });
    this.value(f, whole, key);
  }

  private assigned(f: FileFlow, bin: ts.BinaryExpression, key: Ref): void {
    const target = bin.left;
    const member = exportsMember(target);
    if (member) this.exportAs(f, member, key);
    // `module.exports = client` exports it; it is not reached as `x.exports` in this file
    if (isModuleExports(target)) this.exportAs(f, 'default', key);
    else if (ts.isIdentifier(target)) this.aliasRef(f, target, key);
    else if (ts.isPropertyAccessExpression(target)) this.aliasMember(f, target.name.text, key);
    else return this.block(f, target, key, 'client-use', 'stored where this codemod does not follow it');
    if (!ts.isExpressionStatement(bin.parent)) this.value(f, bin, key);
  }

  /** `{ s3 }`, `{ client: s3 }`: reached later as `x.client`; exported when the object is. */
  private property(f: FileFlow, prop: ts.ShorthandPropertyAssignment | ts.PropertyAssignment, key: Ref): void {
    const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
    if (name === undefined) return this.block(f, prop, key, 'client-use', 'stored under a computed key');
    let obj: ts.Node = prop.parent;
    while (isTransparent(obj.parent)) obj = obj.parent;
    const holder = obj.parent;
    if (
      (ts.isBinaryExpression(holder) && holder.right === obj && isModuleExports(holder.left)) ||
      ts.isExportAssignment(holder)
    )
      return this.exportAs(f, name, key);
    if (
      name === 'service' &&
      ts.isNewExpression(holder) &&
      holder.arguments?.[0] === obj &&
      resolveRef(f.p.ctx, holder.expression)
    ) {
      return this.groups.tie(key, f.news?.get(holder) ?? this.key(f, holder)); // DocumentClient({ service: ddb })
    }
    this.aliasMember(f, name, key);
    const kept =
      ts.isVariableDeclaration(holder) ||
      ts.isPropertyDeclaration(holder) ||
      ts.isParameter(holder) ||
      ts.isPropertyAssignment(holder) ||
      (ts.isBinaryExpression(holder) && holder.right === obj && assigns(holder.operatorToken.kind)) ||
      (ts.isCallExpression(holder) && ts.isIdentifier(holder.expression) && this.locals(f).has(holder.expression.text));
    if (!kept)
      this.block(
        f,
        prop,
        key,
        'client-use',
        `put in an object that goes where this codemod does not follow it (\`${short(holder, f.p.ctx.sf)}\`)`,
      );
  }

  /** A callee whose parameters can be followed: a function of this module, or an imported one. */
  private followable(f: FileFlow, callee: ts.Expression): boolean {
    const own = exportsMember(callee);
    if (own !== undefined) return this.functions(f).has(own);
    if (ts.isIdentifier(callee))
      return this.locals(f).has(callee.text) || this.imports(f).some((b) => b.local === callee.text && !b.reexport);
    return (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      this.imports(f).some((b) => b.local === (callee.expression as ts.Identifier).text && b.whole && !b.reexport)
    );
  }

  /** `f(client)`: into the parameter of a function of this module or of an imported one. */
  private passed(f: FileFlow, call: ts.CallExpression, index: number, key: Ref): void {
    const callee = call.expression;
    // `exports.check(client)`: the module's own exported function, called through its exports (so a test can replace it)
    const own = exportsMember(callee);
    if (own !== undefined) return this.into(f, f.path, own, index, key, call);
    if (ts.isIdentifier(callee)) {
      const local = this.locals(f).get(callee.text);
      if (local) return this.param(f, local, callee.text, index, key, call);
      const imp = this.imports(f).find((b) => b.local === callee.text && !b.reexport);
      if (imp) return this.into(f, imp.target, imp.imported, index, key, call);
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const ns = callee.expression.text;
      const imp = this.imports(f).find((b) => b.local === ns && b.whole && !b.reexport);
      if (imp) return this.into(f, imp.target, callee.name.text, index, key, call);
    }
    this.block(
      f,
      call,
      key,
      'client-use',
      `passed to \`${short(callee, f.p.ctx.sf)}\`, which this codemod does not follow`,
    );
  }

  private into(from: FileFlow, target: string, name: string, index: number, key: Ref, call: ts.CallExpression): void {
    const t = this.file(target);
    const fn = t && this.functions(t).get(name);
    if (!t || !fn)
      return this.block(
        from,
        call,
        key,
        'client-use',
        `passed to \`${name}\` of ${target}, which this codemod does not follow`,
      );
    this.param(t, fn.decl, fn.local, index, key, call, from);
  }

  /** Link a client to a parameter; every caller of that function must pass a client there too. */
  private param(
    f: FileFlow,
    fn: ts.SignatureDeclaration,
    local: string | undefined,
    index: number,
    key: Ref,
    call: ts.CallExpression,
    from = f,
  ): void {
    const param = fn.parameters[index];
    if (!param || !ts.isIdentifier(param.name) || param.dotDotDotToken) {
      return this.block(from, call, key, 'client-use', 'passed as an argument the function does not name');
    }
    this.params.add(param);
    this.aliasRef(f, param.name, key);
    if (this.callersChecked.has(param)) return;
    this.callersChecked.add(param);
    this.checks.push(() => this.callers(f, fn, local, index, this.declKey(f, param.name as ts.Identifier)));
  }

  /** Every call of a function whose parameter holds a client passes a client there. */
  private callers(f: FileFlow, fn: ts.SignatureDeclaration, local: string | undefined, index: number, key: Ref): void {
    const sites: { file: FileFlow; id: ts.Identifier }[] = [];
    if (local) for (const id of f.byName.get(local) ?? []) sites.push({ file: f, id });
    for (const [name, exp] of this.functions(f)) {
      if (exp.decl !== fn) continue;
      for (const { file, binding } of this.importers(f)) {
        if (binding.opaque) this.opaque(file, binding.opaque, key);
        const used = binding.imported === name ? binding.local : binding.whole && name !== 'default' ? name : undefined;
        if (used && !binding.reexport) for (const id of file.byName.get(used) ?? []) sites.push({ file, id });
      }
    }
    for (const { file, id } of sites) {
      const call = callOf(id);
      if (call) {
        const arg = call.arguments[index];
        if (arg && !this.values.has(arg)) {
          this.block(
            file,
            call,
            key,
            'client-use',
            `\`${id.text}\` is also called with \`${short(arg, file.p.ctx.sf)}\`, not a client this codemod converts`,
          );
        }
      } else if (!isDeclarationOrExport(id) && !isMemberName(id)) {
        this.block(
          file,
          id,
          key,
          'client-use',
          `\`${id.text}\` is also used as a value, so its other callers are not known`,
        );
      }
    }
  }

  /** A client returned from a function: its calls hold the client. */
  private returned(f: FileFlow, fn: ts.Node | undefined, key: Ref, at: ts.Node): void {
    const holder = fn?.parent;
    let name: string | undefined;
    if (fn && ts.isGetAccessor(fn) && ts.isIdentifier(fn.name)) return this.aliasMember(f, fn.name.text, key);
    if (fn && (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name))
      name = fn.name.text;
    else if (
      holder &&
      (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) &&
      holder.initializer === fn &&
      ts.isIdentifier(holder.name)
    ) {
      name = holder.name.text;
    } else if (holder && ts.isBinaryExpression(holder) && holder.right === fn) {
      const exported = isModuleExports(holder.left) ? 'default' : exportsMember(holder.left);
      if (exported) return this.exportFn(f, exported, this.fnKey(f, `exports.${exported}`, key));
    }
    if (!name)
      return this.block(
        f,
        at,
        key,
        'client-use',
        'returned from a function whose callers this codemod does not follow',
      );
    const fnKey = this.fnKey(f, name, key);
    if (fnKey.followed) return;
    fnKey.followed = true;
    this.queue.push(() => this.calls(f, name!, fnKey, true));
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
      else if (!isDeclarationOrExport(id) && !isMemberName(id))
        this.block(f, id, fnKey, 'client-use', `\`${name}\` returns a client and is also used as a value`);
    }
  }

  private fnOccurrence(f: FileFlow, id: ts.Identifier, fnKey: Ref): void {
    const parent = id.parent;
    if (ts.isFunctionDeclaration(parent) && parent.name === id) {
      if (hasModifier(parent, ts.SyntaxKind.ExportKeyword))
        this.exportFn(f, hasModifier(parent, ts.SyntaxKind.DefaultKeyword) ? 'default' : id.text, fnKey);
    } else if (ts.isVariableDeclaration(parent) && parent.name === id) {
      if (hasModifier(parent.parent.parent, ts.SyntaxKind.ExportKeyword)) this.exportFn(f, id.text, fnKey);
    } else if (ts.isExportSpecifier(parent)) {
      if ((parent.propertyName ?? parent.name) === id) this.exportFn(f, parent.name.text, fnKey);
    } else if (
      ts.isShorthandPropertyAssignment(parent) ||
      (ts.isPropertyAssignment(parent) && parent.initializer === id)
    ) {
      const obj = parent.parent.parent;
      if (ts.isBinaryExpression(obj) && isModuleExports(obj.left))
        this.exportFn(f, (parent.name as ts.Identifier).text, fnKey);
      else
        this.block(
          f,
          id,
          fnKey,
          'client-use',
          `\`${id.text}\` returns a client and is stored where this codemod does not follow it`,
        );
    } else if (
      ts.isBinaryExpression(parent) &&
      parent.right === id &&
      (exportsMember(parent.left) || isModuleExports(parent.left))
    ) {
      this.exportFn(f, exportsMember(parent.left) ?? 'default', fnKey);
    } else if (ts.isExportAssignment(parent)) this.exportFn(f, 'default', fnKey);
    else if (!isDeclarationOrExport(id) && !isMemberName(id)) {
      this.block(f, id, fnKey, 'client-use', `\`${id.text}\` returns a client and is also used as a value`);
    }
  }

  /** A client exported under `name`: the modules importing it hold the same client. */
  private exportAs(f: FileFlow, name: string, key: Ref): void {
    const known = f.exports?.get(name);
    if (known) return this.groups.union(known, key);
    (f.exports ??= new Map()).set(name, key);
    for (const { file, binding } of this.importers(f)) {
      if (binding.opaque) this.opaque(file, binding.opaque, key);
      else if (binding.reexport) {
        if (binding.imported === name || binding.imported === '*')
          this.exportAs(file, binding.imported === '*' ? name : binding.local, key);
      } else if (binding.imported === name) this.link(file, binding, key);
      else if ((binding.imported === '*' || binding.whole) && name !== 'default') this.aliasMember(file, name, key);
    }
  }

  private link(f: FileFlow, binding: ImportBinding, key: Ref): void {
    this.linked.add(binding.node!);
    this.aliasRef(f, binding.node!, key);
  }

  /** A client-returning function exported under `name`: its calls in importing modules hold the client. */
  private exportFn(f: FileFlow, name: string, fnKey: Ref): void {
    if (f.fnExports?.has(name)) return;
    (f.fnExports ??= new Map()).set(name, fnKey);
    for (const { file, binding } of this.importers(f)) {
      if (binding.opaque) this.opaque(file, binding.opaque, fnKey);
      else if (binding.reexport) {
        if (binding.imported === name || binding.imported === '*')
          this.exportFn(file, binding.imported === '*' ? name : binding.local, fnKey);
      } else if (binding.imported === name) this.queue.push(() => this.calls(file, binding.local, fnKey, false));
      else if ((binding.imported === '*' || binding.whole) && name !== 'default')
        this.queue.push(() => this.calls(file, name, fnKey, false));
    }
  }

  /** The module holding a client is also loaded in a form not followed: what it hands on there is not known. */
  private opaque(f: FileFlow, load: ts.CallExpression, key: Ref): void {
    this.block(f, load, key, 'client-use', 'its module is also loaded here in a form this codemod does not follow');
  }

  private imports(f: FileFlow): ImportBinding[] {
    return (f.imports ??= importBindings(f.path, f.p.ctx.sf, this.known, f.p.nodes.calls));
  }

  private functions(f: FileFlow): Map<string, ExportedFunction> {
    return (f.functions ??= exportedFunctions(f.p.ctx.sf));
  }

  private locals(f: FileFlow): Map<string, ts.SignatureDeclaration> {
    return (f.locals ??= localFunctions(f.p.ctx.sf));
  }

  /** Modules of the repository that import `f` (found by its name in their text, then parsed). */
  private importers(f: FileFlow): { file: FileFlow; binding: ImportBinding }[] {
    let list = this.importersOf.get(f.path);
    if (list) return list;
    list = [];
    this.importersOf.set(f.path, list);
    const stem = posix.basename(f.path).replace(/\.[^.]+$/, '');
    const word = stem === 'index' ? posix.basename(posix.dirname(f.path)) : stem;
    for (const path of this.sources.files) {
      if (path === f.path || !this.sources.read(path).includes(word)) continue;
      const other = this.file(path);
      if (other)
        for (const binding of this.imports(other)) if (binding.target === f.path) list.push({ file: other, binding });
    }
    return list;
  }

  /** Run the deferred checks, plan every operation call, and say per file what converts. */
  decide(failed: ReadonlyMap<string, Pick<Finding, 'rule' | 'line'>> = new Map()): Map<string, FileDecision> {
    this.drain();
    for (const check of this.checks) check();
    const files = [...this.files.values()].filter((f): f is FileFlow => !!f);
    for (const f of files) {
      const why = failed.get(f.path);
      if (!why) continue;
      const internal = why.rule === 'aws-sdk-v3/internal';
      const [rule, text] = internal
        ? ['internal', 'its module could not be converted']
        : why.rule === outsideRule
          ? ['outside-functions', `${f.path} also uses it and is not part of the functions this step converts`]
          : [
              'module-kept-v2',
              `a use at line ${why.line} of its module would not work on v3 (${why.rule.replace(/^aws-sdk-v3\//, '')})`,
            ];
      const values = (f.values ?? []).map((v): [ts.Node, Ref] => [v, this.values.get(v)!]);
      // a module outside a restricted run may only call a client it imports: its calls count too
      const calls = why.rule === outsideRule ? f.ops.map((op): [ts.Node, Ref] => [op.call, op.key]) : [];
      for (const [node, key] of [...values, ...(f.news ?? []), ...(f.typed ?? []), ...calls])
        this.block(f, node, key, rule, text);
    }
    for (const f of files) for (const op of f.ops) this.plan(f, op);
    this.groups.settle();
    const out = new Map<string, FileDecision>();
    const decision = (path: string) => out.get(path) ?? out.set(path, emptyDecision()).get(path)!;
    for (const f of files) if (f.values || f.typed || f.ops.length) this.decideFile(f, decision(f.path));
    if (this.blocked) this.report(files, decision);
    return out;
  }

  private plan(f: FileFlow, op: OpUse): void {
    const service = this.groups.service(op.key);
    if (!service) {
      return this.block(
        f,
        op.call,
        op.key,
        'ambiguous-client',
        `\`${short(op.receiver, f.p.ctx.sf)}\` names clients of different services; convert this call by hand`,
      );
    }
    const plan = planCall(f.p.ctx, { call: op.call, receiver: op.receiver, name: op.name, service }, f.byName);
    if ('rule' in plan) this.block(f, op.call, op.key, plan.rule, plan.why);
    else op.plan = plan;
  }

  private decideFile(f: FileFlow, d: FileDecision): void {
    d.names.push(...(f.names ?? []));
    for (const v of f.values ?? []) if (ts.isPropertyAccessExpression(v)) d.names.push(v.name.text);
    for (const [node, key] of f.news ?? []) {
      if (this.groups.accepted(key)) d.news.add(node.end);
      else {
        d.keepsClients = true;
        // the configuration a client kept on v2 is created with keeps its v2 type
        for (const ref of typesOfCall(node, f.byName)) d.keptTypes.push(ref.end);
      }
    }
    for (const [ref, key] of f.typed ?? []) {
      if (this.groups.accepted(key)) continue;
      d.keptTypes.push(ref.end);
      d.keepsClients = true;
    }
    const kept: ts.CallExpression[] = [];
    for (const op of f.ops) {
      if (this.groups.accepted(op.key))
        d.calls.set(op.call.end, { service: this.groups.service(op.key)!, plan: op.plan });
      else kept.push(op.call);
    }
    // the types of what a call kept on v2 takes and gives stay v2 types; so does the signature of a
    // function whose calls all stay v2 (its result may be the request's, through a variable)
    const converted = [...f.ops].filter((op) => d.calls.has(op.call.end)).map((op) => op.call);
    for (const call of kept) {
      for (const ref of typesOfCall(call, f.byName)) d.keptTypes.push(ref.end);
      const fn = enclosingFunction(call);
      if (fn && !converted.some((c) => c.pos >= fn.pos && c.end <= fn.end))
        for (const ref of typeRefsIn([...fn.parameters.map((p) => p.type), fn.type])) d.keptTypes.push(ref.end);
    }
    d.plannedOn = f.p.ctx;
  }

  /** Findings for the groups that stay v2: at each blocking use, and at the group's clients in each file. */
  private report(files: FileFlow[], decision: (path: string) => FileDecision): void {
    const blockersDone = new Set<string>();
    const groupsDone = new Set<Ref>();
    for (const f of files) {
      const here: Ref[] = [];
      for (const { key, node, label } of anchors(f)) {
        const root = this.groups.root(key);
        const { blockers } = this.groups.get(root);
        if (!blockers.length || here.includes(root)) continue;
        here.push(root);
        decision(f.path).findings.push(
          keptFinding(f.path, lineOf(f.p.ctx.sf, node.getStart(f.p.ctx.sf)), label, blockers),
        );
        if (groupsDone.has(root)) continue;
        groupsDone.add(root);
        for (const b of blockers) {
          const id = `${b.file}:${b.line}:${b.rule}`;
          if (!blockersDone.has(id)) decision(b.file).findings.push(blockerFinding(b));
          blockersDone.add(id);
        }
      }
    }
  }
}

/** Where a group shows in a file: its constructions and the names declared with a v2 client type. */
function anchors(f: FileFlow): { key: Ref; node: ts.Node; label: string }[] {
  const out: { key: Ref; node: ts.Node; label: string }[] = [];
  for (const [node, key] of f.news ?? []) {
    const holder = node.parent;
    const label =
      ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : short(node, f.p.ctx.sf);
    out.push({ key, node, label });
  }
  for (const [ref, key] of f.typed ?? []) {
    const holder = ref.parent as ts.NamedDeclaration;
    out.push({ key, node: holder, label: holder.name!.getText(f.p.ctx.sf) });
  }
  return out;
}

/** `decl` is the only declaration of its name, at the top of the file: every reference is to it. */
function isOnlyTopLevelDeclaration(decl: ts.Identifier, ids: readonly ts.Identifier[]): boolean {
  const stmt = decl.parent.parent?.parent;
  if (!ts.isVariableDeclaration(decl.parent) || !stmt || !ts.isVariableStatement(stmt) || !ts.isSourceFile(stmt.parent))
    return false;
  for (const id of ids) if (id !== decl && isDeclarationName(id)) return false;
  return true;
}

/** The call an identifier is the callee of: `f(…)`, `x.f(…)`. */
function callOf(id: ts.Identifier): ts.CallExpression | undefined {
  const callee = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  const call = callee.parent;
  return ts.isCallExpression(call) && call.expression === callee ? call : undefined;
}

function isDeclarationOrExport(id: ts.Identifier): boolean {
  const p = id.parent;
  if (
    (ts.isFunctionDeclaration(p) ||
      ts.isVariableDeclaration(p) ||
      ts.isImportSpecifier(p) ||
      ts.isImportClause(p) ||
      ts.isNamespaceImport(p) ||
      ts.isBindingElement(p) ||
      ts.isExportSpecifier(p) ||
      ts.isMethodDeclaration(p)) &&
    (p as { name?: ts.Node }).name === id
  )
    return true;
  if (ts.isExportSpecifier(p) || ts.isExportAssignment(p) || ts.isShorthandPropertyAssignment(p)) return true;
  return ts.isBinaryExpression(p) && p.right === id && (!!exportsMember(p.left) || isModuleExports(p.left));
}

/** Uses that do nothing with the client itself: truthiness tests, `typeof`, a statement of its own. */
function isHarmless(parent: ts.Node, v: ts.Node): boolean {
  if (ts.isExpressionStatement(parent) || ts.isTypeOfExpression(parent) || ts.isVoidExpression(parent)) return true;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  return (
    (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === v
  );
}
