// v2 credential classes -> the provider functions of @aws-sdk/credential-providers
// (https://www.npmjs.com/package/@aws-sdk/credential-providers), with their options renamed.
// A v2 object becomes a v3 value only where nothing can need its v2 methods (get, refresh,
// resolve): as a client's `credentials`, a global setting, or an unused expression.
import { ts } from 'ts-morph';
import { markConsumed, resolveRef } from './bindings.js';
import { convertConfigObject, propName, sameInV3, valueOf } from './config.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { lineOf } from './edits.js';
import { tokenBuilders } from './tokens.js';

/** v3 text and the imports it needs, or why the v2 code must stay. */
export type Out = { text: string; imports: [pkg: string, name: string][] } | { why: string };
export type Builder = (ctx: FileContext, args: readonly ts.Expression[]) => Out;
/** A rewrite of part of an expression, by position in the file, and the imports its text needs. */
type Splice = { start: number; end: number; text: string; imports?: [string, string][] };

const CREDENTIALS = '@aws-sdk/credential-providers';

/** The text of `node` with `splices` applied and the v2 credentials inside it converted. */
export function spliced(ctx: FileContext, node: ts.Node, splices: Splice[] = []): Out {
  const all = [...splices];
  const imports: [string, string][] = splices.flatMap((s) => s.imports ?? []);
  let why: string | undefined;
  const covered = (n: ts.Node) => splices.some((s) => n.getStart(ctx.sf) >= s.start && n.getEnd() <= s.end && s.start < s.end);
  const visit = (n: ts.Node): void => {
    if (why || covered(n)) return;
    if (ts.isNewExpression(n) && resolveRef(ctx, n.expression)?.kind === 'credentials') {
      const inner = providerText(ctx, n);
      if ('why' in inner) why = inner.why;
      else {
        all.push({ start: n.getStart(ctx.sf), end: n.getEnd(), text: inner.text });
        imports.push(...inner.imports);
      }
      return;
    }
    if (ts.isIdentifier(n) && ctx.names.has(n.text)) why = `it uses \`${n.text}\` from v2`;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  if (why) return { why };
  const base = node.getStart(ctx.sf);
  let text = textOf(ctx, node);
  for (const s of all.sort((a, b) => b.start - a.start || b.end - a.end)) text = text.slice(0, s.start - base) + s.text + text.slice(s.end - base);
  return { text, imports };
}

export function call(pkg: string, fn: string, args: Out): Out {
  return 'why' in args ? args : { text: `${fn}(${args.text})`, imports: [...args.imports, [pkg, fn]] };
}

/** A prop's replacement: a new key, or a function giving the text of the whole property. */
type OptionMap = Record<string, string | ((ctx: FileContext, prop: ts.ObjectLiteralElementLike) => Out)>;

/** An options literal whose keys are renamed one by one; any other key keeps the code on v2. */
export function renamedOptions(ctx: FileContext, arg: ts.Expression | undefined, map: OptionMap): Out {
  if (!arg) return { text: '', imports: [] };
  if (!ts.isObjectLiteralExpression(arg)) return { why: 'its options are not an object literal, so their keys cannot be mapped' };
  const splices: Splice[] = [];
  for (const prop of arg.properties) {
    const name = propName(prop);
    const to = name === undefined || !Object.hasOwn(map, name) ? undefined : map[name];
    const value = valueOf(prop);
    if (to === undefined || !value) return { why: `option \`${name ?? textOf(ctx, prop)}\` has no v3 equivalent` };
    if (typeof to === 'function') {
      const out = to(ctx, prop);
      if ('why' in out) return out;
      splices.push({ start: prop.getStart(ctx.sf), end: prop.getEnd(), ...out });
    } else if (to !== name) {
      const end = ts.isShorthandPropertyAssignment(prop) ? prop.getEnd() : value.getStart(ctx.sf);
      splices.push({ start: prop.getStart(ctx.sf), end, text: ts.isShorthandPropertyAssignment(prop) ? `${to}: ${name}` : `${to}: ` });
    }
  }
  return spliced(ctx, arg, splices);
}

/** Build unless the constructor has arguments beyond the first `n`, which v3 has no place for. */
export function only(args: readonly ts.Expression[], n: number, build: () => Out): Out {
  return args.length > n ? { why: `its argument ${n + 1} has no v3 equivalent` } : build();
}

const prefixed = (key: string, out: Out): Out => ('why' in out ? out : { ...out, text: `${key}: ${out.text}` });

const profileOptions: OptionMap = { profile: 'profile', filename: 'filepath' };

/** v2 `httpOptions: { timeout }` of the metadata services is the v3 `timeout`. */
const remoteOptions: OptionMap = {
  maxRetries: 'maxRetries',
  httpOptions: (ctx, prop) => {
    const value = valueOf(prop);
    const timeout = value && ts.isObjectLiteralExpression(value) && value.properties.length === 1
      && propName(value.properties[0]) === 'timeout' ? valueOf(value.properties[0]) : undefined;
    return timeout ? prefixed('timeout', spliced(ctx, timeout)) : { why: 'of httpOptions only timeout has a v3 equivalent' };
  },
};

const webIdentityParams: OptionMap = Object.fromEntries(
  ['RoleArn', 'WebIdentityToken', 'RoleSessionName', 'ProviderId', 'PolicyArns', 'Policy', 'DurationSeconds'].map((k) => [k, k[0].toLowerCase() + k.slice(1)]),
);

const literalProp = (arg: ts.Expression | undefined, name: string) =>
  arg && ts.isObjectLiteralExpression(arg) ? arg.properties.find((p) => propName(p) === name) : undefined;

/** A v2 client configuration literal whose keys all mean the same in v3 (only `region`, usually). */
function sameConfig(ctx: FileContext, value: ts.Expression | undefined): Out {
  if (!value || !ts.isObjectLiteralExpression(value)) return { why: 'its client configuration is not an object literal' };
  const odd = value.properties.find((p) => !propName(p) || !valueOf(p) || !sameInV3(ctx, propName(p)!, valueOf(p)!));
  return odd ? { why: `client option \`${textOf(ctx, odd)}\` differs in v3` } : spliced(ctx, value);
}

/** Append properties to an object literal's text (or make one). */
function withProps(ctx: FileContext, base: ts.Expression | undefined, options: Out, extra: Out[]): Out {
  const failed = [options, ...extra].find((o) => 'why' in o);
  if (failed) return failed;
  const parts = extra.map((e) => (e as { text: string }).text);
  const imports = [options, ...extra].flatMap((o) => (o as { imports: [string, string][] }).imports);
  const text = (options as { text: string }).text;
  if (!parts.length) return { text, imports };
  if (!base || !ts.isObjectLiteralExpression(base) || base.properties.length === 0) return { text: `{ ${parts.join(', ')} }`, imports };
  const close = text.lastIndexOf('}');
  const head = text.slice(0, close).trimEnd();
  return { text: `${head}${head.endsWith(',') ? '' : ','} ${parts.join(', ')} ${text.slice(close)}`, imports };
}

function cognito(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [params, clientConfig] = args;
  const byId = !!literalProp(params, 'IdentityId');
  if (byId && literalProp(params, 'IdentityPoolId')) return { why: 'it has both IdentityId and IdentityPoolId' };
  const fn = params && !byId ? 'fromCognitoIdentityPool' : 'fromCognitoIdentity';
  const options = renamedOptions(ctx, params, { IdentityPoolId: 'identityPoolId', IdentityId: 'identityId', Logins: 'logins', CustomRoleArn: 'customRoleArn' });
  const extra = clientConfig ? [prefixed('clientConfig', sameConfig(ctx, clientConfig))] : [];
  return only(args, 2, () => call(CREDENTIALS, fn, withProps(ctx, params, options, extra)));
}

/** STS AssumeRole parameters v3 can use: a literal with RoleArn and no MFA serial. */
function assumeRoleParams(ctx: FileContext, params: ts.Expression | undefined): Out {
  if (!params || !ts.isObjectLiteralExpression(params) || !literalProp(params, 'RoleArn')) {
    return { why: 'without a literal params.RoleArn v2 may call getSessionToken; v3 fromTemporaryCredentials only assumes a role' };
  }
  if (literalProp(params, 'SerialNumber')) return { why: 'MFA (SerialNumber) needs an mfaCodeProvider in v3' };
  return spliced(ctx, params);
}

/**
 * A v2 credentials or token object as v3 will have it: a construction converted here, or a variable
 * holding one that converts. Undefined when the expression is neither.
 */
export function v3Value(ctx: FileContext, value: ts.Expression): Out | undefined {
  if (ts.isNewExpression(value) && resolveRef(ctx, value.expression)?.kind === 'credentials') return providerText(ctx, value);
  const init = ts.isIdentifier(value) ? declarationOf(ctx, value.text)?.initializer : undefined;
  const ref = init && ts.isNewExpression(init) ? resolveRef(ctx, init.expression) : undefined;
  if (ref?.kind !== 'credentials') return undefined;
  const out = providerText(ctx, init as ts.NewExpression);
  const why = 'why' in out ? out.why : unsafeUse(ctx, init!, useOf(ref.name));
  return why ? { why: `\`${textOf(ctx, value)}\` stays v2: ${why}` } : { text: textOf(ctx, value), imports: [] };
}

/** masterCredentials must be v3 credentials: a converted construction, a literal, or a variable holding one. */
function masterCredentials(ctx: FileContext, value: ts.Expression | undefined): Out {
  if (!value) return { why: 'masterCredentials has no value' };
  if (ts.isObjectLiteralExpression(value)) return spliced(ctx, value);
  const out = v3Value(ctx, value);
  if (out && ts.isNewExpression(value) && !('why' in out)) return spliced(ctx, value);
  return out ?? { why: `masterCredentials \`${textOf(ctx, value)}\` may be a v2 credentials object; convert it first` };
}

function chainable(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [options] = args;
  const paramsProp = literalProp(options, 'params');
  const checked = assumeRoleParams(ctx, paramsProp && valueOf(paramsProp));
  if ('why' in checked) return checked;
  const out = renamedOptions(ctx, options, {
    params: 'params',
    masterCredentials: (c, prop) => prefixed('masterCredentials', masterCredentials(c, valueOf(prop))),
    stsConfig: (c, prop) => prefixed('clientConfig', sameConfig(c, valueOf(prop))),
  });
  return only(args, 1, () => call(CREDENTIALS, 'fromTemporaryCredentials', out));
}

function temporary(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [params, master] = args;
  const parts = [prefixed('params', assumeRoleParams(ctx, params))];
  if (master) parts.push(prefixed('masterCredentials', masterCredentials(ctx, master)));
  return only(args, 2, () => call(CREDENTIALS, 'fromTemporaryCredentials', withProps(ctx, undefined, { text: '{}', imports: [] }, parts)));
}

/** The construction a chain element makes: `new X()`, `() => new X()`, `function () { return new X(); }`. */
function chainElement(el: ts.Expression): ts.Expression {
  if (ts.isArrowFunction(el) && !ts.isBlock(el.body)) return el.body;
  if ((ts.isArrowFunction(el) || ts.isFunctionExpression(el)) && el.parameters.length === 0 && ts.isBlock(el.body)) {
    const [only] = el.body.statements;
    if (el.body.statements.length === 1 && ts.isReturnStatement(only) && only.expression) return only.expression;
  }
  return el;
}

function chain(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [list] = args;
  if (!list) return call(CREDENTIALS, 'fromNodeProviderChain', { text: '', imports: [] });
  if (!ts.isArrayLiteralExpression(list)) return { why: 'its providers are not an array literal of credential constructions' };
  const parts: Out[] = list.elements.map((el) => {
    const made = chainElement(el);
    return ts.isNewExpression(made) && resolveRef(ctx, made.expression)?.kind === 'credentials' ? providerText(ctx, made) : { why: `provider \`${textOf(ctx, el)}\` is not a credentials construction` };
  });
  const failed = parts.find((p) => 'why' in p);
  if (failed) return failed;
  const done = parts as { text: string; imports: [string, string][] }[];
  return only(args, 1, () => call(CREDENTIALS, 'createCredentialChain', { text: done.map((p) => p.text).join(', '), imports: done.flatMap((p) => p.imports) }));
}

/** `new AWS.Credentials(id, secret, token)` or `({ accessKeyId, ... })` -> a static credentials object. */
function staticCredentials(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const keys = ['accessKeyId', 'secretAccessKey', 'sessionToken'];
  if (args.length === 1 && ts.isObjectLiteralExpression(args[0])) return renamedOptions(ctx, args[0], Object.fromEntries(keys.map((k) => [k, k])));
  if (args.length < 2 || args.length > 3) return { why: 'it does not give the keys as literal values' };
  const parts = args.map((a, i) => prefixed(keys[i], spliced(ctx, a)));
  return withProps(ctx, undefined, { text: '{}', imports: [] }, parts);
}

const credentialBuilders: Record<string, Builder> = {
  SharedIniFileCredentials: (ctx, args) => only(args, 1, () => call(CREDENTIALS, 'fromIni', renamedOptions(ctx, args[0], profileOptions))),
  ProcessCredentials: (ctx, args) => only(args, 1, () => call(CREDENTIALS, 'fromProcess', renamedOptions(ctx, args[0], profileOptions))),
  SsoCredentials: (ctx, args) => only(args, 1, () => call(CREDENTIALS, 'fromSSO', renamedOptions(ctx, args[0], profileOptions))),
  EC2MetadataCredentials: (ctx, args) => only(args, 1, () => call(CREDENTIALS, 'fromInstanceMetadata', renamedOptions(ctx, args[0], remoteOptions))),
  ECSCredentials: (ctx, args) => only(args, 1, () => call(CREDENTIALS, 'fromContainerMetadata', renamedOptions(ctx, args[0], remoteOptions))),
  RemoteCredentials: (ctx, args) => only(args, 1, () => call(CREDENTIALS, 'fromContainerMetadata', renamedOptions(ctx, args[0], remoteOptions))),
  // without a prefix v2 reads ACCESS_KEY_ID; fromEnv reads the AWS_ variables only
  EnvironmentCredentials: (_ctx, args) => (args.length === 1 && ts.isStringLiteralLike(args[0]) && args[0].text === 'AWS'
    ? call(CREDENTIALS, 'fromEnv', { text: '', imports: [] })
    : { why: 'fromEnv reads only the AWS_ variables (AWS_ACCESS_KEY_ID, ...); v2 read them with the prefix given here' }),
  TokenFileWebIdentityCredentials: (_ctx, args) => only(args, 0, () => call(CREDENTIALS, 'fromTokenFile', { text: '', imports: [] })),
  WebIdentityCredentials: (ctx, args) => only(args, 1, () => call(CREDENTIALS, 'fromWebToken', renamedOptions(ctx, args[0], webIdentityParams))),
  CognitoIdentityCredentials: cognito,
  ChainableTemporaryCredentials: chainable,
  TemporaryCredentials: temporary,
  CredentialProviderChain: chain,
  Credentials: staticCredentials,
};

/** v3 text for `new <v2 credentials or token class>(...)`. */
export function providerText(ctx: FileContext, node: ts.NewExpression): Out {
  const ref = resolveRef(ctx, node.expression);
  if (ref?.kind !== 'credentials') return { why: 'it is not a v2 credentials class' };
  const build = Object.hasOwn(credentialBuilders, ref.name) ? credentialBuilders[ref.name] : tokenBuilders[ref.name];
  return build ? build(ctx, node.arguments ?? []) : { why: `${ref.name} has no v3 provider` };
}

/** Where a converted value may go: keys of a client's config, a client's argument, properties to read. */
export interface Use {
  slots: ReadonlySet<string>;
  clientArg?: boolean;
  reads?: ReadonlySet<string>;
}

const tokenClasses = new Set(['SSOTokenProvider', 'StaticTokenProvider', 'TokenProviderChain', 'Token']);

function useOf(name: string): Use {
  if (tokenClasses.has(name)) return { slots: new Set(name === 'TokenProviderChain' ? ['token', 'tokenProvider'] : ['token']) };
  const slots = new Set(['credentials', 'masterCredentials']);
  if (name === 'CredentialProviderChain') slots.add('credentialProvider');
  const reads = name === 'Credentials' ? new Set(['accessKeyId', 'secretAccessKey', 'sessionToken']) : undefined;
  return { slots, reads };
}

/** The expression a value stands as, past parentheses and type assertions. */
function outer(node: ts.Expression): ts.Expression {
  let cur = node;
  while (ts.isParenthesizedExpression(cur.parent) || ts.isAsExpression(cur.parent) || ts.isSatisfiesExpression(cur.parent) || ts.isNonNullExpression(cur.parent)) cur = cur.parent;
  return cur;
}

function topStatement(node: ts.Node): ts.Node {
  let cur = node;
  while (cur.parent && !ts.isSourceFile(cur.parent)) cur = cur.parent;
  return cur;
}

// the global settings statement being mapped: its values count as moved while it is decided
const moving = new Set<ts.Node>();

/** Decide a global settings statement, counting it as moved into the clients meanwhile. */
export function whileMoving<T>(stmt: ts.Node, decide: () => T): T {
  moving.add(stmt);
  try {
    return decide();
  } finally {
    moving.delete(stmt);
  }
}

/** A top-level `AWS.config.update(...)`/`AWS.config.x = ...` the globals pass moved into the clients. */
const inMovedGlobal = (ctx: FileContext, node: ts.Node) => {
  const stmt = topStatement(node);
  return ts.isExpressionStatement(stmt) && (ctx.removed.includes(stmt) || moving.has(stmt));
};

/** The object literal becomes v3 configuration: a client's options, a moved global, a converted provider's options. */
function feedsV3(ctx: FileContext, literal: ts.Node): boolean {
  const expr = outer(literal as ts.Expression);
  const parent = expr.parent;
  if (ts.isCallExpression(parent) && inMovedGlobal(ctx, parent)) return true;
  if (!ts.isNewExpression(parent) || parent.arguments?.[0] !== expr) return false;
  const ref = resolveRef(ctx, parent.expression);
  if (ref?.kind === 'service') return true;
  return ref?.kind === 'credentials' && !('why' in providerText(ctx, parent)) && !unsafeUse(ctx, parent, useOf(ref.name));
}

function inSlot(ctx: FileContext, expr: ts.Expression, use: Use): boolean {
  const parent = expr.parent;
  if ((ts.isPropertyAssignment(parent) && parent.initializer === expr) || ts.isShorthandPropertyAssignment(parent)) {
    return use.slots.has(propName(parent) ?? '') && feedsV3(ctx, parent.parent);
  }
  if (ts.isNewExpression(parent) && parent.arguments?.[0] === expr) return !!use.clientArg && resolveRef(ctx, parent.expression)?.kind === 'service';
  if (ts.isBinaryExpression(parent) && parent.right === expr && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return ts.isPropertyAccessExpression(parent.left) && use.slots.has(parent.left.name.text) && inMovedGlobal(ctx, parent);
  }
  return ts.isExpressionStatement(parent);
}

/** `creds.accessKeyId` read (not written, not called) where the plain object has that key. */
function isRead(ref: ts.Identifier, use: Use): boolean {
  const access = ref.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== ref || !use.reads?.has(access.name.text)) return false;
  const up = access.parent;
  if (ts.isCallExpression(up) && up.expression === access) return false;
  return !(ts.isBinaryExpression(up) && up.left === access && up.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && up.operatorToken.kind <= ts.SyntaxKind.LastAssignment);
}

const identifiers = new WeakMap<FileContext, ts.Identifier[]>();

function identifiersOf(ctx: FileContext): ts.Identifier[] {
  let list = identifiers.get(ctx);
  if (!list) {
    const found: ts.Identifier[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) found.push(n);
      ts.forEachChild(n, visit);
    };
    visit(ctx.sf);
    identifiers.set(ctx, (list = found));
  }
  return list;
}

/** Uses of a name: every identifier spelled the same that is not a property name (shadowing counts too). */
function referencesOf(ctx: FileContext, name: ts.Identifier): ts.Identifier[] {
  return identifiersOf(ctx).filter((id) => {
    if (id === name || id.text !== name.text) return false;
    const p = id.parent;
    if ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && (p as { name?: ts.Node; right?: ts.Node }).name === id) return false;
    return !((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === id);
  });
}

function declarationOf(ctx: FileContext, name: string): ts.VariableDeclaration | undefined {
  const id = identifiersOf(ctx).find((i) => i.text === name && ts.isVariableDeclaration(i.parent) && i.parent.name === i);
  return id?.parent as ts.VariableDeclaration | undefined;
}

const namesV2 = (ctx: FileContext, node: ts.Node): boolean =>
  (ts.isIdentifier(node) && ctx.names.has(node.text)) || !!ts.forEachChild(node, (c) => namesV2(ctx, c) || undefined);

function unsafeBinding(ctx: FileContext, decl: ts.VariableDeclaration, use: Use): string | undefined {
  if (!ts.isIdentifier(decl.name)) return 'it is destructured';
  if (decl.type && namesV2(ctx, decl.type)) return `its declared type \`${textOf(ctx, decl.type)}\` is a v2 class`;
  const stmt = decl.parent.parent;
  if (ts.isVariableStatement(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return 'it is exported';
  for (const ref of referencesOf(ctx, decl.name)) {
    if (!inSlot(ctx, outer(ref), use) && !isRead(ref, use)) {
      return `\`${decl.name.text}\` is used on line ${lineOf(ctx.sf, ref.getStart(ctx.sf))} where the v2 object may be needed`;
    }
  }
  return undefined;
}

// objects whose uses are being checked: a use that leads back to one of them counts as safe
const checking = new Set<ts.Node>();

/** Why a v3 value cannot replace this v2 object, or undefined when it can. */
export function unsafeUse(ctx: FileContext, node: ts.Expression, use: Use): string | undefined {
  if (checking.has(node)) return undefined;
  checking.add(node);
  try {
    const expr = outer(node);
    const parent = expr.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === expr) return unsafeBinding(ctx, parent, use);
    return inSlot(ctx, expr, use) ? undefined : 'its value is used where the v2 object may be needed';
  } finally {
    checking.delete(node);
  }
}

/** Convert one `new <v2 credentials, token or Config class>(...)`; false for other classes. */
export function convertConstruction(ctx: FileContext, node: ts.NewExpression): boolean {
  const ref = resolveRef(ctx, node.expression);
  if (ref?.kind === 'config') {
    convertConfigObject(ctx, node);
    return true;
  }
  if (ref?.kind !== 'credentials') return false;
  const out = providerText(ctx, node);
  const why = 'why' in out ? out.why : unsafeUse(ctx, node, useOf(ref.name));
  if (why || 'why' in out) {
    report(ctx, node, 'credentials', `\`${textOf(ctx, node.expression)}\` stays on v2: ${why}`);
    return true;
  }
  for (const [pkg, name] of out.imports) needValue(ctx, pkg, name);
  markConsumed(ctx, node);
  const statement = ts.isExpressionStatement(node.parent) && out.text.startsWith('{');
  ctx.edits.replaceNode(node, statement ? `(${out.text})` : out.text, ctx.sf);
  ctx.removed.push(node); // replaced whole: the v2 names inside it are handled
  return true;
}

/** v3 text for a value copied elsewhere (global settings): v2 credentials inside it converted. */
export function copiedText(ctx: FileContext, value: ts.Expression): Out {
  return spliced(ctx, value);
}
