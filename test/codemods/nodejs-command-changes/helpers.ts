// Runs the commands codemod on in-memory files; one script or line at a time for inline cases.
import { codemod } from '../../../src/codemods/nodejs-runtime/commands/index.js';
import type { CodemodResult, Finding } from '../../../src/codemods/types.js';
import { inlineRepo } from '../nodejs-runtime/helpers.js';

export async function run(
  files: Record<string, string>,
  options: Record<string, unknown> = {},
): Promise<CodemodResult> {
  return codemod.run(inlineRepo(files), { targetVersion: 24, ...options });
}

/** The file's text after the run (unchanged when the codemod left it). */
export async function after(files: Record<string, string>, path: string, options: Record<string, unknown> = {}) {
  const result = await run(files, options);
  return {
    text: result.changes.get(path) ?? files[path]!,
    findings: result.findings,
    changed: result.changes.has(path),
  };
}

/** One shell script (scripts/ci.sh, whose folder is unknown) with extra files; from Node.js `source`. */
export async function shell(line: string, source = 16, extra: Record<string, string> = {}) {
  const { text, findings } = await after({ 'scripts/ci.sh': `${line}\n`, ...extra }, 'scripts/ci.sh', {
    sourceVersion: source,
  });
  return { line: text.replace(/\n$/, ''), findings };
}

/** A package.json `test` script, run from the package's folder. */
export async function script(command: string, extra: Record<string, string> = {}, source = 20) {
  const pkg = `${JSON.stringify({ name: 'svc', scripts: { test: command } }, null, 2)}\n`;
  const { text, findings } = await after({ 'package.json': pkg, ...extra }, 'package.json', { sourceVersion: source });
  return { command: (JSON.parse(text) as { scripts: { test: string } }).scripts.test, findings, text };
}

export function rules(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.rule}`);
}
