// v2 bearer-token classes -> @aws-sdk/token-providers (https://www.npmjs.com/package/@aws-sdk/token-providers).
// v3 token providers resolve to a TokenIdentity `{ token, expiration }`; v2 tokens had `expireTime`.
import { ts } from '../../util/typescript.cjs';
import type { FileContext } from './context.js';
import { call, only, renamedOptions, spliced, type Builder, type Out } from './credentials.js';
import { propName } from './config.js';

const TOKENS = '@aws-sdk/token-providers';

/**
 * `{ token, expireTime }` -> the TokenIdentity `{ token, expiration }`. Other v2 options objects
 * serve as they are: v3 reads `token` from them, and never refreshed a static token either.
 */
function tokenIdentity(ctx: FileContext, options: ts.Expression | undefined): Out {
  if (!options) return { why: 'it has no token' };
  if (!ts.isObjectLiteralExpression(options)) return spliced(ctx, options);
  if (!options.properties.some((p) => propName(p) === 'token')) return { why: 'its options have no token' };
  return renamedOptions(ctx, options, { token: 'token', expireTime: 'expiration' });
}

function ssoToken(ctx: FileContext, args: readonly ts.Expression[]): Out {
  return only(args, 1, () => call(TOKENS, 'fromSso', renamedOptions(ctx, args[0], { profile: 'profile' })));
}

function staticToken(ctx: FileContext, args: readonly ts.Expression[]): Out {
  const identity = tokenIdentity(ctx, args[0]);
  const options: Out = 'why' in identity ? identity : { ...identity, text: `{ token: ${identity.text} }` };
  return only(args, 1, () => call(TOKENS, 'fromStatic', options));
}

/** A v2 `Token` is a value, not a provider: v3 takes the identity object itself as `token`. */
function token(ctx: FileContext, args: readonly ts.Expression[]): Out {
  return only(args, 1, () => tokenIdentity(ctx, args[0]));
}

/** v2's default token chain held only the SSO provider, as v3's nodeProvider does. */
function tokenChain(_ctx: FileContext, args: readonly ts.Expression[]): Out {
  if (args.length) return { why: 'v3 has no public chain for custom token providers' };
  return call(TOKENS, 'nodeProvider', { text: '', imports: [] });
}

export const tokenBuilders: Record<string, Builder> = {
  SSOTokenProvider: ssoToken,
  StaticTokenProvider: staticToken,
  Token: token,
  TokenProviderChain: tokenChain,
};
