// A `serverless.ts` typed with `@serverless/typescript` (`const config: AWS = { provider: { runtime:
// 'nodejs24.x' } }`) type-checks only when the installed release lists the runtime in its
// `AwsLambdaRuntime` union; writing a newer one gives TS2322 until the package is raised
// (https://www.npmjs.com/package/@serverless/typescript).
import type { Project } from './installed.js';
import { compareVersions, formatVersion, parseVersion } from './version-numbers.js';

/**
 * First @serverless/typescript release whose `AwsLambdaRuntime` lists `nodejsNN.x`: every
 * published release's index.d.ts read with `npm pack @serverless/typescript@X` (2026-12-02).
 * nodejs16.x 3.17.0 (3.15.2 lacks it), nodejs18.x 3.25.0 (3.21.0 lacks), nodejs20.x 3.38.0
 * (3.30.1 lacks), nodejs22.x 4.10.1 (no 3.x has it), nodejs24.x 4.27.1 (4.23.0 lacks).
 */
export const SERVERLESS_TYPESCRIPT_NODEJS: Readonly<Record<number, string>> = {
  16: '3.17.0',
  18: '3.25.0',
  20: '3.38.0',
  22: '4.10.1',
  24: '4.27.1',
};

export const serverlessTypesPackage = '@serverless/typescript';

/** Whether a file is a serverless.ts that takes its types from @serverless/typescript. */
export function typedServerless(path: string, text: string): boolean {
  return /(^|\/)serverless\.[cm]?ts$/i.test(path) && /from\s+['"]@serverless\/typescript['"]/.test(text);
}

/** Why `@serverless/typescript` as the project installs it lacks Node.js `major`, or undefined when it has it (or nothing says). */
export function serverlessTypesLack(project: Project, file: string, major: number): string | undefined {
  const installed = project.installedVersion(file, serverlessTypesPackage);
  const first = SERVERLESS_TYPESCRIPT_NODEJS[major];
  if (!installed || !first || compareVersions(installed.version, parseVersion(first)!) >= 0) return undefined;
  const shown = installed.source === 'lockfile' ? formatVersion(installed.version) : `"${installed.declared}"`;
  return `${serverlessTypesPackage} ${shown} (${installed.file}) has no 'nodejs${major}.x' in its runtime type (${first} is the first release with it)`;
}
