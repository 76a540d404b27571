// TypeScript handlers: the callback parameter and its import go, the function becomes async, and
// the result still type-checks against the handler's annotation (checked with a real compiler).
import { describe, expect, it } from 'vitest';
import { Project, ts } from 'ts-morph';
import { convert } from './helpers.js';

// The part of @types/aws-lambda these cases use, with the same shapes.
const AWS_LAMBDA_TYPES = `declare module 'aws-lambda' {
  export interface Context {
    awsRequestId: string; functionName: string; callbackWaitsForEmptyEventLoop: boolean; getRemainingTimeInMillis(): number;
    /** @deprecated */ done(error?: Error, result?: any): void;
    /** @deprecated */ fail(error: Error | string): void;
    /** @deprecated */ succeed(messageOrObject: any): void;
  }
  export type Callback<TResult = any> = (error?: Error | string | null, result?: TResult) => void;
  export type Handler<TEvent = any, TResult = any> = (event: TEvent, context: Context, callback: Callback<TResult>) => void | Promise<TResult>;
  export interface APIGatewayProxyEvent { body: string | null; pathParameters: Record<string, string | undefined> | null; }
  export interface APIGatewayProxyResult { statusCode: number; body: string; }
  export type APIGatewayProxyHandler = Handler<APIGatewayProxyEvent, APIGatewayProxyResult>;
}
`;

// One compiler for all cases: the standard library is read and bound once.
const checker = new Project({
  useInMemoryFileSystem: true,
  compilerOptions: {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    lib: ['lib.es2022.d.ts'],
    noEmit: true,
  },
});
checker.createSourceFile('/aws-lambda.d.ts', AWS_LAMBDA_TYPES);
checker.createSourceFile('/timers.d.ts', 'declare function setTimeout(fn: () => void, ms?: number): unknown;\n');

function typeErrors(code: string): string[] {
  const sf = checker.createSourceFile('/handler.ts', code, { overwrite: true });
  return sf.getPreEmitDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n'));
}

function convertTs(before: string) {
  expect(typeErrors(before)).toEqual([]); // the input is valid, so a failure below is the codemod's
  const result = convert(before, 'src/handler.ts');
  expect(result.changed).toBe(true);
  expect(typeErrors(result.code)).toEqual([]);
  return result;
}

describe('lambda-callback-to-async: TypeScript', () => {
  it('keeps an APIGatewayProxyHandler annotation valid and drops the Callback import', () => {
    const { code } = convertTs(`import type { APIGatewayProxyHandler, Callback } from 'aws-lambda';

export const handler: APIGatewayProxyHandler = (event, context, callback) => {
  if (!event.body) {
    callback(new Error('empty body'));
    return;
  }
  callback(null, { statusCode: 200, body: event.body });
};
export type Unused = Callback;
`);
    expect(code).toBe(`import type { APIGatewayProxyHandler, Callback } from 'aws-lambda';

export const handler: APIGatewayProxyHandler = async (event, context) => {
  if (!event.body) {
    throw new Error('empty body');
  }
  return { statusCode: 200, body: event.body };
};
export type Unused = Callback;
`);
  });

  it('function declaration with a typed Callback<R> and a void return type', () => {
    const { code } =
      convertTs(`import { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context } from 'aws-lambda';

export function handler(event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>): void {
  callback(null, { statusCode: 200, body: context.awsRequestId });
}
`);
    expect(code).toBe(`import { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  return { statusCode: 200, body: context.awsRequestId };
}
`);
  });

  it('wrapper form: typed local callback and Promise<R>', () => {
    const { code } =
      convertTs(`import type { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context } from 'aws-lambda';

export const handler = (event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>) => {
  setTimeout(() => callback(null, { statusCode: 202, body: 'later' }), 1);
};
`);
    expect(code).toBe(`import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent, context: Context) => new Promise<APIGatewayProxyResult>((resolve, reject) => {
  const callback = (err?: unknown, result?: APIGatewayProxyResult) => (err !== undefined && err !== null ? reject(err) : resolve(result as APIGatewayProxyResult));
  setTimeout(() => callback(null, { statusCode: 202, body: 'later' }), 1);
});
`);
  });

  it('wrapper form under a Handler annotation with an untyped callback; sole Callback import removed', () => {
    const { code } = convertTs(`import type { Handler } from 'aws-lambda';
import { Callback } from 'aws-lambda';

export const handler: Handler<{ ms: number }, string> = (event, context, cb) => {
  setTimeout(() => cb(null, 'waited ' + event.ms), event.ms);
};
export function later(cb: Callback<string>) {
  cb(null, 'x');
}
`);
    expect(code).toContain(
      `export const handler: Handler<{ ms: number }, string> = async (event, context) => new Promise<any>((resolve, reject) => {\n  const cb = `,
    );
    expect(code).toContain(`import { Callback } from 'aws-lambda';`); // still used by later()
  });

  it('a typed response helper loses its Callback parameter and its void return type', () => {
    const { code } =
      convertTs(`import type { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context } from 'aws-lambda';

function respond(callback: Callback<APIGatewayProxyResult>, statusCode: number, body: unknown): void {
  callback(null, { statusCode, body: JSON.stringify(body) });
}

export const handler = (event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>): void => {
  if (!event.body) {
    respond(callback, 400, { message: 'empty body' });
    return;
  }
  respond(callback, 200, JSON.parse(event.body));
};
`);
    expect(code).toBe(`import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

function respond(statusCode: number, body: unknown) {
  return { statusCode, body: JSON.stringify(body) };
}

export const handler = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  if (!event.body) {
    return respond(400, { message: 'empty body' });
  }
  return respond(200, JSON.parse(event.body));
};
`);
  });

  it('a context handed to a helper that calls context.done later: the stand-in context type-checks', () => {
    const { code } = convertTs(`import type { Context } from 'aws-lambda';

function later(context: Context, value: number): void {
  setTimeout(() => context.done(undefined, value * 2), 1);
}

export function handler(event: { n: number }, context: Context): void {
  later(context, event.n);
}
`);
    expect(code).toContain('later({ ...context, succeed: resolve, fail: reject, done: callback }, event.n);');
  });

  it('removes the whole import declaration when Callback was its only name', () => {
    const { code } = convertTs(`import type { Callback } from 'aws-lambda';
import type { Context } from 'aws-lambda';

export function handler(event: { n: number }, context: Context, callback: Callback<number>) {
  callback(null, event.n * 2);
}
`);
    expect(code).toBe(`import type { Context } from 'aws-lambda';

export async function handler(event: { n: number }, context: Context) {
  return event.n * 2;
}
`);
  });
});
