// Implements Phase 1 step 2 of AWS/nodejs-aws-sdk-v2-to-v3, the mechanical part of moving tests
// that fake the v2 SDK (aws-sdk-mock, `jest.mock('aws-sdk')` with `.promise()` stubs) to
// aws-sdk-client-mock (https://github.com/m-radzikowski/aws-sdk-client-mock) on the v3 clients the
// converted code uses. A file converts whole or not at all; what is left is reported with its line
// for the agent step of Phase 2.
import { posix } from 'node:path';
import type { Codemod, CodemodResult, Finding, RepoView } from '../types.js';
import { owningManifest } from '../aws-sdk-v2-to-v3/package-json.js';
import { isSource } from '../aws-sdk-v2-to-v3/paths.js';
import { v2LoadLine } from '../aws-sdk-v2-to-v3/v2-uses.js';
import { convertAwsSdkMock } from './aws-sdk-mock.js';
import { Left, TestFile, rulePrefix } from './file.js';
import { convertJestMock } from './jest-uses.js';
import { updateTestManifest } from './manifest.js';
import { codeOnV2, isTestFile, prototypeStub, resetsFor } from './scope.js';

const fakesV2 =
  /['"`]aws-sdk-mock['"`]|\b(?:jest|vi)\.(?:do)?mock\s*\(\s*['"`]aws-sdk['"`/]|\bAWS\.\w+(?:\.DocumentClient)?\.prototype\b/;
const usesAwsSdkMock = /['"`]aws-sdk-mock['"`]/;

function candidates(repo: RepoView): string[] {
  return repo.files.filter((f) => (isSource(f) && fakesV2.test(repo.read(f))) || posix.basename(f) === 'package.json');
}

/** The file's new text, or the finding that says why it stays. */
/** What every test file of one run shares: the repository's files, and which modules load v2 (each read once). */
interface Shared {
  files: ReadonlySet<string>;
  loadsV2: (file: string, text: string) => boolean;
}

function convert(repo: RepoView, shared: Shared, path: string, text: string): string | Finding {
  try {
    const file = new TestFile(path, text);
    const onV2 = codeOnV2(repo, shared.files, path, text, shared.loadsV2);
    if (onV2) {
      const why = `the code it tests still loads the v2 SDK (${onV2.module}), which its fake stands in for`;
      throw new Left(onV2.line, `${rulePrefix}/code-on-v2`, why);
    }
    const stub = prototypeStub(file);
    if (stub) return stub;
    const a = convertAwsSdkMock(file);
    if (!a && !convertJestMock(file, resetsFor(repo, path))) {
      // it names a fake, in a form neither reader starts from (a require inside a function)
      throw new Left(1, `${rulePrefix}/not-read`, 'it fakes the v2 SDK in a form this step does not read');
    }
    if (a && /\b(?:jest|vi)\.mock\s*\(\s*['"`]aws-sdk/.test(text)) {
      throw new Left(1, `${rulePrefix}/mixed`, 'the file fakes v2 with aws-sdk-mock and jest.mock both');
    }
    const out = file.apply();
    const still = v2LoadLine(path, out);
    if (still !== undefined) {
      throw new Left(still, `${rulePrefix}/uses-v2`, 'the test would still load the v2 SDK after the conversion');
    }
    return out;
  } catch (error) {
    if (!(error instanceof Left)) {
      return {
        file: path,
        line: 1,
        rule: `${rulePrefix}/internal`,
        severity: 'warning',
        message: `left unchanged: ${(error as Error).message}`,
      };
    }
    return {
      file: path,
      line: error.line,
      rule: error.rule,
      severity: 'manual',
      message: `left unchanged: ${error.message}`,
    };
  }
}

function run(repo: RepoView): CodemodResult {
  const changes = new Map<string, string>();
  const findings: Finding[] = [];
  const files = candidates(repo).filter((f) => posix.basename(f) !== 'package.json');
  const loads = new Map<string, boolean>();
  const shared: Shared = {
    files: new Set(repo.files),
    loadsV2: (file, text) => {
      let known = loads.get(file);
      if (known === undefined) loads.set(file, (known = v2LoadLine(file, text) !== undefined));
      return known;
    },
  };
  for (const path of files) {
    const text = repo.read(path);
    if (!isTestFile(path, text)) continue;
    const out = convert(repo, shared, path, text);
    if (typeof out !== 'string') findings.push(out);
    else if (out !== text) changes.set(path, out);
  }
  updateManifests(repo, changes, findings);
  return { changes, findings };
}

/**
 * The packages whose tests moved: aws-sdk-client-mock joins their devDependencies; aws-sdk-mock
 * leaves once none of their files loads it, and aws-sdk (kept by the SDK codemod for the tests that
 * faked it) once none loads v2.
 */
function updateManifests(repo: RepoView, changes: Map<string, string>, findings: Finding[]): void {
  const manifests = new Set(repo.files.filter((f) => posix.basename(f) === 'package.json'));
  const owners = new Set([...changes.keys()].map((f) => owningManifest(f, manifests)));
  for (const manifest of owners) {
    if (!manifest) continue;
    const dir = posix.dirname(manifest);
    const owned = repo.files.filter((f) => isSource(f) && owningManifest(f, manifests) === manifest);
    const current = (f: string) => changes.get(f) ?? repo.read(f);
    const stillUsed = owned.some((f) => usesAwsSdkMock.test(current(f)));
    const stillV2 = owned.some((f) => v2LoadLine(f, current(f)) !== undefined);
    try {
      const text = updateTestManifest(repo.read(manifest), !stillUsed, !stillV2);
      if (text !== undefined) changes.set(manifest, text);
    } catch (error) {
      findings.push({
        file: manifest,
        line: 1,
        rule: `${rulePrefix}/package-json`,
        severity: 'warning',
        message: `not valid JSON, devDependencies not updated (${dir}): ${(error as Error).message}`,
      });
    }
  }
}

export const codemod: Codemod = {
  name: 'aws-sdk-test-mocks',
  description: 'Move tests that fake aws-sdk v2 (aws-sdk-mock, jest.mock) to aws-sdk-client-mock',
  candidates,
  run,
};
