// The shapes of Part B's module (src/equivalence/aws/index.ts), as the issue 18 contract states
// them. Kept here, structurally identical, so this folder compiles before that module lands;
// once it does, these can become `export type { … } from '../aws/index.js'`.
export interface AwsCall {
  service: string;
  operation: string;
  params: unknown;
}
export type Answer = { value: unknown } | { error: { name: string; message: string; code?: string } };
export interface AnswerRule {
  service?: string;
  operation?: string;
  answer: Answer;
}
export interface AnswerTable {
  rules: AnswerRule[];
}
export interface AwsInterception {
  installAwsInterception(options: { answers: AnswerTable; onCall(call: AwsCall): void }): void;
}
