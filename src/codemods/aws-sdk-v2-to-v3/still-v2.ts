// Every file that still loads aws-sdk v2 when the conversion ends is named in the findings, with
// why it was left: vendored or generated code, a test double for phase 2, or the uses already
// reported in it. A person reading the findings then knows every place v2 remains.
import type { Finding, Severity } from '../types.js';
import { buildOutput, declarations, vendored } from './paths.js';

const testFile = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;
/** Text of a file that fakes v2: `jest.mock('aws-sdk')`, aws-sdk-mock, stubs on `AWS.X.prototype`. */
export const fakesV2 =
  /\b(?:jest|vi)\.(?:do)?mock\s*\(\s*['"`]aws-sdk['"`/]|['"`]aws-sdk-mock['"`]|\bAWS\.\w+\.prototype\b/;

function why(path: string, text: string, reported: number[]): [string, Severity] {
  if (vendored.test(path)) return ['vendored code under node_modules: update the package it comes from', 'warning'];
  if (declarations.test(path)) return ['a type declaration file: update it with the code it describes', 'warning'];
  if (buildOutput.test(path))
    return ['build output: rebuild it from the converted sources (atx does not edit it)', 'warning'];
  if (testFile.test(path) || fakesV2.test(text)) {
    return ['a test double of the v2 SDK: move it to aws-sdk-client-mock (phase 2, step 2)', 'manual'];
  }
  if (reported.length) {
    const lines = reported.length === 1 ? `line ${reported[0]}` : `lines ${reported.join(', ')}`;
    return [`kept for what the findings at ${lines} report`, 'manual'];
  }
  return ['nothing in it could be converted: migrate it by hand', 'manual'];
}

/** One finding per file that still loads v2 (`loads`: path -> the line that loads it). */
export function stillOnV2(
  loads: ReadonlyMap<string, number>,
  changes: ReadonlyMap<string, string>,
  findings: readonly Finding[],
  read: (path: string) => string,
): Finding[] {
  const out: Finding[] = [];
  for (const [path, line] of loads) {
    const text = changes.get(path) ?? read(path);
    const reported = [
      ...new Set(findings.filter((f) => f.file === path && f.severity !== 'info').map((f) => f.line)),
    ].sort((a, b) => a - b);
    const [message, severity] = why(path, text, reported);
    out.push({
      file: path,
      line,
      rule: 'aws-sdk-v3/still-v2',
      message: `still loads aws-sdk v2: ${message}`,
      severity,
    });
  }
  return out;
}
