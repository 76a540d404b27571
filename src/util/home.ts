// Where atx keeps its state: ATX_HOME (default ~/.atx), absolute.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function atxHomeFrom(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ATX_HOME || join(homedir(), '.atx'));
}
