// A recording fake of the v2 SDK: every client method records (service, operation, params)
// and answers from a script, through .promise(), a callback or a stored request.
export interface Call {
  op: string;
  params: unknown;
}
export type Script = Record<string, (params: any) => unknown>;

export class V2Error extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
  ) {
    super(code);
  }
}

export function fakeAws(script: Script, calls: Call[]) {
  const answer = (service: string, op: string, params: unknown) => {
    const key = `${service}.${op}`;
    calls.push({ op: key, params });
    const handler = script[key];
    if (!handler) throw new Error(`fake aws-sdk: no answer scripted for ${key}`);
    return handler(params);
  };
  const client = (service: string) =>
    class {
      constructor(readonly config: unknown = {}) {
        return new Proxy(this, {
          get: (target, op: string) =>
            op in target
              ? (target as any)[op]
              : (input: unknown, callback?: (e: unknown, d?: unknown) => void) => {
                  // v2 takes the callback alone when there is no input: `s3.listBuckets(cb)`
                  const [params, cb] = typeof input === 'function' ? [{}, input as typeof callback] : [input, callback];
                  const run = () => Promise.resolve().then(() => answer(service, op, params));
                  if (cb)
                    return void run().then(
                      (d) => cb(null, d),
                      (e) => cb(e),
                    );
                  return { promise: run };
                },
        });
      }
    };
  const DynamoDB = Object.assign(client('DynamoDB'), { DocumentClient: client('DocumentClient') });
  return { config: { update() {} }, S3: client('S3'), Lambda: client('Lambda'), SQS: client('SQS'), DynamoDB };
}
