// v2 credential classes -> the provider functions of @aws-sdk/credential-providers
// (https://www.npmjs.com/package/@aws-sdk/credential-providers), their options renamed one by
// one. An option or argument v3 has no place for keeps the construction on v2, reported; so does
// a use that may need the v2 object (value-uses.ts).
import { ts } from '../../util/typescript.cjs';
import { markConsumed, resolveRef } from './bindings.js';
import { convertConfigObject, propName, sameInV3, valueOf } from './config.js';
import { needValue, report, textOf, type FileContext } from './context.js';
import { tokenBuilders } from './tokens.js';
import { declarationOf, unsafeUse, useOf } from './value-uses.js';

type Imports = [pkg: string, name: string][];
/** v3 text and the imports it needs, or why the v2 code must stay. */
export type Out = { text: string; imports: Imports } | { why: string };
export type Builder = (ctx: FileContext, args: readonly ts.Expression[]) => Out;
/** A rewrite of part of an expression, by position in the file, and the imports its text needs. */
type Splice = { start: number; end: number; text: string; imports?: Imports };

const CREDENTIALS = '@aws-sdk/credential-providers';
const NONE: Out = { text: '', imports: [] };

const isCredentials = (ctx: FileContext, node: ts.Node): node is ts.NewExpression =>
  ts.isNewExpression(node) && resolveRef(ctx, node.expression)?.kind === 'credentials';

/** The text of `node` with `splices` applied and the v2 credentials inside it converted. */
export function spliced(ctx: FileContext, node: ts.Node, splices: Splice[] = []): Out {
  const all = [...splices];
  const imports = splices.flatMap((s) => s.imports ?? []);
  let why: string | undefined;
  const covered = (n: ts.Node) =>
    splices.some((s) => s.start < s.end && n.getStart(ctx.sf) >= s.start && n.getEnd() <= s.end);
  const visit = (n: ts.Node): void => {
    if (why || covered(n)) return;
    if (isCredentials(ctx, n)) {
      const inner = providerText(ctx, n);
      if ('why' in inner) why = inner.why;
      else {
        all.push({ start: n.getStart(ctx.sf), end: n.getEnd(), text: inner.text });
        imports.push(...inner.imports);
      }
    } else if (ts.isIdentifier(n) && ctx.names.has(n.text)) why = `it uses \`${n.text}\` from v2`;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  if (why) return { why };
  const base = node.getStart(ctx.sf);
  let text = textOf(ctx, node);
  for (const s of all.sort((a, b) => b.start - a.start || b.end - a.end)) {
    text = text.slice(0, s.start - base) + s.text + text.slice(s.end - base);
  }
  return { text, imports };
}

/** Join converted parts with `sep`, or the first reason one of them cannot convert. */
function joined(parts: Out[], sep: string): Out {
  const failed = parts.find((p) => 'why' in p);
  if (failed) return failed;
  const done = parts as { text: string; imports: Imports }[];
  return { text: done.map((p) => p.text).join(sep), imports: done.flatMap((p) => p.imports) };
}

export function call(pkg: string, fn: string, args: Out): Out {
  return 'why' in args ? args : { text: `${fn}(${args.text})`, imports: [...args.imports, [pkg, fn]] };
}

const prefixed = (key: string, out: Out): Out => ('why' in out ? out : { ...out, text: `${key}: ${out.text}` });

/** Build unless the constructor has arguments beyond the first `n`, which v3 has no place for. */
export function only(args: readonly ts.Expression[], n: number, build: () => Out): Out {
  return args.length > n ? { why: `its argument ${n + 1} has no v3 equivalent` } : build();
}

/** A prop's replacement: a new key, or a function giving the text of the whole property. */
type OptionMap = Record<string, string | ((ctx: FileContext, prop: ts.ObjectLiteralElementLike) => Out)>;

/** An options literal whose keys are renamed one by one; any other key keeps the code on v2. */
export function renamedOptions(ctx: FileContext, arg: ts.Expression | undefined, map: OptionMap): Out {
  if (!arg) return NONE;
  if (!ts.isObjectLiteralExpression(arg)) return { why: 'its options are not an object literal: no key can be mapped' };
  const splices: Splice[] = [];
  for (const prop of arg.properties) {
    const name = propName(prop);
    const to = name === undefined || !Object.hasOwn(map, name) ? undefined : map[name];
    const value = valueOf(prop);
    if (to === undefined || !value) return { why: `option \`${name ?? textOf(ctx, prop)}\` has no v3 equivalent` };
    const start = prop.getStart(ctx.sf);
    if (typeof to === 'function') {
      const out = to(ctx, prop);
      if ('why' in out) return out;
      splices.push({ start, end: prop.getEnd(), ...out });
    } else if (ts.isShorthandPropertyAssignment(prop) && to !== name) {
      splices.push({ start, end: prop.getEnd(), text: `${to}: ${name}` });
    } else if (to !== name) {
      splices.push({ start, end: value.getStart(ctx.sf), text: `${to}: ` });
    }
  }
  return spliced(ctx, arg, splices);
}

/** A provider call whose one options object is renamed by `map`. */
const withOptions =
  (fn: string, map: OptionMap): Builder =>
  (ctx, args) =>
    only(args, 1, () => call(CREDENTIALS, fn, renamedOptions(ctx, args[0], map)));

const profileOptions: OptionMap = { profile: 'profile', filename: 'filepath' };

/** v2 `httpOptions: { timeout }` of the metadata services is the v3 `timeout`. */
const remoteOptions: OptionMap = {
  maxRetries: 'maxRetries',
  httpOptions: (ctx, prop) => {
    const value = valueOf(prop);
    const timeout =
      value &&
      ts.isObjectLiteralExpression(value) &&
      value.properties.length === 1 &&
      propName(value.properties[0]) === 'timeout'
        ? valueOf(value.properties[0])
        : undefined;
    if (!timeout) return { why: 'of httpOptions only timeout has a v3 equivalent' };
    return prefixed('timeout', spliced(ctx, timeout));
  },
};

const webIdentityParams: OptionMap = Object.fromEntries(
  ['RoleArn', 'WebIdentityToken', 'RoleSessionName', 'ProviderId', 'PolicyArns', 'Policy', 'DurationSeconds'].map(
    (k) => [k, k[0].toLowerCase() + k.slice(1)],
  ),
);

const cognitoParams: OptionMap = {
  IdentityPoolId: 'identityPoolId',
  IdentityId: 'identityId',
  Logins: 'logins',
  CustomRoleArn: 'customRoleArn',
};

const literalProp = (arg: ts.Expression | undefined, name: string) =>
  arg && ts.isObjectLiteralExpression(arg) ? arg.properties.find((p) => propName(p) === name) : undefined;

/** A v2 client configuration literal whose keys all mean the same in v3 (only `region`, usually). */
function sameConfig(ctx: FileContext, value: ts.Expression | undefined): Out {
  if (!value || !ts.isObjectLiteralExpression(value)) return { why: 'its client options are not an object literal' };
  const odd = value.properties.find((p) => !propName(p) || !valueOf(p) || !sameInV3(ctx, propName(p)!, valueOf(p)!));
  return odd ? { why: `client option \`${textOf(ctx, odd)}\` differs in v3` } : spliced(ctx, value);
}

/** Append properties to the text of an options literal (`base`, converted as `options`), or make one. */
function withProps(base: ts.Expression | undefined, options: Out, extra: Out[]): Out {
  const all = joined([options, ...extra], '');
  if ('why' in all || !extra.length) return all;
  const parts = (joined(extra, ', ') as { text: string }).text;
  const text = (options as { text: string }).text;
  const empty = !base || !ts.isObjectLiteralExpression(base) || base.properties.length === 0;
  if (empty) return { ...all, text: `{ ${parts} }` };
  const close = text.lastIndexOf('}');
  const head = text.slice(0, close).trimEnd();
  return { ...all, text: `${head}${head.endsWith(',') ? '' : ','} ${parts} ${text.slice(close)}` };
}

function cognito(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [params, clientConfig] = args;
  const byId = !!literalProp(params, 'IdentityId');
  if (byId && literalProp(params, 'IdentityPoolId')) return { why: 'it has both IdentityId and IdentityPoolId' };
  const fn = params && !byId ? 'fromCognitoIdentityPool' : 'fromCognitoIdentity';
  const extra = clientConfig ? [prefixed('clientConfig', sameConfig(ctx, clientConfig))] : [];
  const options = withProps(params, renamedOptions(ctx, params, cognitoParams), extra);
  return only(args, 2, () => call(CREDENTIALS, fn, options));
}

/** STS AssumeRole parameters v3 can use: a literal with RoleArn and no MFA serial. */
function assumeRoleParams(ctx: FileContext, params: ts.Expression | undefined): Out {
  if (!params || !ts.isObjectLiteralExpression(params) || !literalProp(params, 'RoleArn')) {
    return { why: 'without a literal params.RoleArn v2 may call getSessionToken; v3 only assumes a role' };
  }
  if (literalProp(params, 'SerialNumber')) return { why: 'MFA (SerialNumber) needs an mfaCodeProvider in v3' };
  return spliced(ctx, params);
}

/**
 * A v2 credentials or token object as v3 will have it: a construction converted here, or a
 * variable holding one that converts. Undefined when the expression is neither.
 */
export function v3Value(ctx: FileContext, value: ts.Expression): Out | undefined {
  if (isCredentials(ctx, value)) return providerText(ctx, value);
  const init = ts.isIdentifier(value) ? declarationOf(ctx, value.text)?.initializer : undefined;
  const ref = init && ts.isNewExpression(init) ? resolveRef(ctx, init.expression) : undefined;
  if (ref?.kind !== 'credentials') return undefined;
  const out = providerText(ctx, init as ts.NewExpression);
  const why = 'why' in out ? out.why : unsafeUse(ctx, init!, useOf(ref.name));
  return why ? { why: `\`${textOf(ctx, value)}\` stays v2: ${why}` } : { text: textOf(ctx, value), imports: [] };
}

/** masterCredentials must be v3 credentials: a converted construction, a literal, or a variable holding one. */
function masterCredentials(ctx: FileContext, value: ts.Expression | undefined): Out {
  if (value && (ts.isObjectLiteralExpression(value) || isCredentials(ctx, value))) return spliced(ctx, value);
  const out = value && v3Value(ctx, value);
  const named = value && textOf(ctx, value);
  return out ?? { why: `masterCredentials \`${named}\` may be a v2 credentials object; convert it first` };
}

function chainable(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [options] = args;
  const paramsProp = literalProp(options, 'params');
  const checked = assumeRoleParams(ctx, paramsProp && valueOf(paramsProp));
  if ('why' in checked) return checked;
  return withOptions('fromTemporaryCredentials', {
    params: 'params',
    masterCredentials: (c, prop) => prefixed('masterCredentials', masterCredentials(c, valueOf(prop))),
    stsConfig: (c, prop) => prefixed('clientConfig', sameConfig(c, valueOf(prop))),
  })(ctx, args);
}

function temporary(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [params, master] = args;
  const parts = [prefixed('params', assumeRoleParams(ctx, params))];
  if (master) parts.push(prefixed('masterCredentials', masterCredentials(ctx, master)));
  return only(args, 2, () => call(CREDENTIALS, 'fromTemporaryCredentials', withProps(undefined, NONE, parts)));
}

/** The construction a chain element makes: `new X()`, `() => new X()`, `function () { return new X(); }`. */
function chainElement(el: ts.Expression): ts.Expression {
  if (ts.isArrowFunction(el) && !ts.isBlock(el.body)) return el.body;
  if ((ts.isArrowFunction(el) || ts.isFunctionExpression(el)) && el.parameters.length === 0 && ts.isBlock(el.body)) {
    const [first] = el.body.statements;
    if (el.body.statements.length === 1 && ts.isReturnStatement(first) && first.expression) return first.expression;
  }
  return el;
}

function chain(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [list] = args;
  if (!list) return call(CREDENTIALS, 'fromNodeProviderChain', NONE);
  if (!ts.isArrayLiteralExpression(list)) return { why: 'its providers are not an array literal of constructions' };
  const parts = list.elements.map((el): Out => {
    const made = chainElement(el);
    if (isCredentials(ctx, made)) return providerText(ctx, made);
    return { why: `provider \`${textOf(ctx, el)}\` is not a credentials construction` };
  });
  return only(args, 1, () => call(CREDENTIALS, 'createCredentialChain', joined(parts, ', ')));
}

/** `new AWS.Credentials(id, secret, token)` or `({ accessKeyId, ... })` -> a static credentials object. */
function staticCredentials(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const keys = ['accessKeyId', 'secretAccessKey', 'sessionToken'];
  if (args.length === 1 && ts.isObjectLiteralExpression(args[0])) {
    return renamedOptions(ctx, args[0], Object.fromEntries(keys.map((k) => [k, k])));
  }
  if (args.length < 2 || args.length > 3) return { why: 'it does not give the keys as literal values' };
  return withProps(
    undefined,
    NONE,
    args.map((a, i) => prefixed(keys[i], spliced(ctx, a))),
  );
}

// without a prefix v2 read ACCESS_KEY_ID; fromEnv reads the AWS_ variables only
function environment(_ctx: FileContext, args: readonly ts.Expression[]): Out {
  const [prefix] = args;
  const aws = args.length === 1 && ts.isStringLiteralLike(prefix) && prefix.text === 'AWS';
  if (aws) return call(CREDENTIALS, 'fromEnv', NONE);
  return { why: 'fromEnv reads only the AWS_ variables (AWS_ACCESS_KEY_ID, ...); v2 read the ones this prefix names' };
}

const credentialBuilders: Record<string, Builder> = {
  SharedIniFileCredentials: withOptions('fromIni', profileOptions),
  ProcessCredentials: withOptions('fromProcess', profileOptions),
  SsoCredentials: withOptions('fromSSO', profileOptions),
  EC2MetadataCredentials: withOptions('fromInstanceMetadata', remoteOptions),
  ECSCredentials: withOptions('fromContainerMetadata', remoteOptions),
  RemoteCredentials: withOptions('fromContainerMetadata', remoteOptions),
  EnvironmentCredentials: environment,
  TokenFileWebIdentityCredentials: (_ctx, args) => only(args, 0, () => call(CREDENTIALS, 'fromTokenFile', NONE)),
  WebIdentityCredentials: withOptions('fromWebToken', webIdentityParams),
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
  // an object literal cannot start a statement
  const statement = ts.isExpressionStatement(node.parent) && out.text.startsWith('{');
  ctx.edits.replaceNode(node, statement ? `(${out.text})` : out.text, ctx.sf);
  ctx.removed.push(node); // replaced whole: the v2 names inside it are handled
  return true;
}

/** v3 text for a value copied elsewhere (global settings): v2 credentials inside it converted. */
export function copiedText(ctx: FileContext, value: ts.Expression): Out {
  return spliced(ctx, value);
}
