// What the template and CDK readers find: one entry per Lambda function whose code is written
// inline, with its runtime, handler, and where its code sits in the file.
import type { LineSlots } from './embedding.js';

export type RuntimeKind = 'node' | 'other' | 'unknown';

export interface InlineCode {
  /** The program Lambda runs, as the file's parser reads it. */
  value: string;
  slots: LineSlots;
  /** `${…}` in the code is substituted before Lambda sees it (`Fn::Sub`, Serverless variables). */
  substituted: boolean;
}

export interface InlineFunction {
  /** For messages: `AWS::Lambda::Function 'Echo'`, `CDK construct 'Echo'`. */
  label: string;
  runtime: RuntimeKind;
  /** How the runtime is written, for a message when it is not known. */
  runtimeText?: string;
  /** The export Lambda calls (`index.handler` → `handler`). */
  exportName?: string;
  /** Offset of the code in the file, where a finding about it points. */
  pos: number;
  /** The code, when it can be read and written back line for line. */
  code?: InlineCode;
  /** Otherwise why not, and the source text that holds it (to see whether it needs converting). */
  problem?: string;
  source?: string;
}

const NODE_RUNTIME = /^nodejs(\d+(\.\d+|\.x)?)?$/;
const OTHER_RUNTIME = /^(python|java|dotnet|go|ruby|provided)/;

export function runtimeKind(value: string): RuntimeKind {
  if (NODE_RUNTIME.test(value)) return 'node';
  return OTHER_RUNTIME.test(value) ? 'other' : 'unknown';
}

/** `index.handler` → `handler`; `src/app.lambdaHandler` → `lambdaHandler`. */
export function exportOf(handler: string | undefined): string | undefined {
  if (!handler) return undefined;
  const dot = handler.lastIndexOf('.');
  return dot > 0 && dot < handler.length - 1 ? handler.slice(dot + 1) : undefined;
}
