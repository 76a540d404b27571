// The invoker's view of the AWS answers (src/equivalence/aws): its types, and the one function a
// module given as `awsModule` must export, as that module does.
import type { AnswerTable, AwsCall } from '../aws/index.js';

export type { Answer, AnswerRule, AnswerTable, AwsCall } from '../aws/index.js';

export interface AwsInterception {
  installAwsInterception(options: { answers: AnswerTable; onCall(call: AwsCall): void }): void;
}
