// AWS/nodejs-version-upgrade: commands that break between the Node.js majors an upgrade crosses
// (https://nodejs.org/en/about/previous-releases, each major's changelog): `node --test <folder>`
// since Node.js 21, flags made default or removed, npm majors. Mechanical fixes are written in
// place; the rest is reported with file and line.
import { lineAt } from '../../runtime-upgrade/edits.js';
import { applyEdits, type Edit } from '../../text-edits.js';
import type { Codemod, CodemodResult, Finding, RepoView } from '../../types.js';
import { parseJsonText } from '../../../util/text-file.js';
import { inPaths } from '../../../util/glob.js';
import { isExcluded } from '../../runtime-upgrade/scope.js';
import { resolveOptions } from '../target.js';
import { analyseArgv, analyseNodeOptions, analyseShell, type TextResult } from './analyse.js';
import { ASSUMED_SOURCE, Crossing, type CommandEnv, type Note } from './crossing.js';
import { makefile, packageScripts, shellScript, type CommandFile } from './files.js';
import { dockerfile } from './files-dockerfile.js';
import { codebuild, githubWorkflow, gitlabCi } from './files-yaml.js';
import { fileEdits, fileOffset, type Snippet } from './snippet.js';
import { declaredMajors } from './source-version.js';

const commandFiles: readonly CommandFile[] = [
  packageScripts,
  githubWorkflow,
  gitlabCi,
  codebuild,
  dockerfile,
  makefile,
  shellScript,
];

/** The kind of command file `path` is, reading it only when its name says it may be one. */
function fileKind(repo: RepoView, path: string): CommandFile | undefined {
  const named = commandFiles.filter((kind) => kind.named(path));
  if (named.length === 0) return undefined;
  const text = repo.read(path);
  return named.find((kind) => kind.mentions(text, path));
}

function scoped(repo: RepoView, paths: readonly string[]): string[] {
  return repo.files.filter((path) => inPaths(path, paths) && !isExcluded(path));
}

/**
 * The source major: from the plan (read before any step ran), else the oldest the files declare
 * below the target now. Declarations at the target say nothing here: the runtime upgrade, which
 * runs first, writes them.
 */
function crossingFor(
  repo: RepoView,
  options: Record<string, unknown>,
  target: number,
  paths: readonly string[],
): Crossing {
  const planned = options.sourceVersion;
  if (typeof planned === 'number') return new Crossing(Math.min(planned, target), target, false);
  const older = declaredMajors(repo, target, paths).filter((major) => major < target);
  return older.length > 0 ? new Crossing(older[0]!, target, false) : new Crossing(ASSUMED_SOURCE, target, true);
}

function packageReader(repo: RepoView): (folder: string) => Record<string, unknown> | undefined {
  const files = new Set(repo.files);
  return (folder) => {
    const path = folder === '' ? 'package.json' : `${folder}/package.json`;
    if (!files.has(path)) return undefined;
    try {
      const value = parseJsonText(repo.read(path));
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
}

interface FileOutcome {
  text: string;
  notes: Array<Note & { offset: number }>;
}

/** Edits and notes of one file; edits only where the snippet can be edited in place. */
function analyseFile(
  kind: CommandFile,
  path: string,
  text: string,
  envFor: (cwd: string | undefined) => CommandEnv,
): FileOutcome | undefined {
  const snippets = kind.snippets(path, text);
  if (!snippets) return undefined;
  const edits: Edit[] = [];
  const notes: FileOutcome['notes'] = [];
  const expected: string[] = [];
  for (const snippet of snippets) {
    const env = envFor(snippet.cwd);
    const result = snippet.kind === 'shell' ? analyseShell(snippet.text, env) : analyseNodeOptions(snippet.text, env);
    const usable = snippet.editable ? result : unwritten(result);
    const after = applyEdits(snippet.text, usable.edits);
    expected.push(after);
    if (after === '' && snippet.text !== '' && snippet.scalar) edits.push({ ...snippet.scalar, text: '""' });
    else edits.push(...fileEdits(snippet, usable.edits));
    notes.push(...usable.notes.map((n) => ({ ...n, offset: fileOffset(snippet, n.at) })));
  }
  for (const words of kind.argv?.(path, text) ?? []) {
    const result = analyseArgv(words, envFor(undefined));
    edits.push(...result.edits);
    notes.push(...result.notes.map((n) => ({ ...n, offset: n.at })));
  }
  const next = applyEdits(text, edits);
  if (
    next !== text &&
    !(sameCommands(kind, path, next, expected) && kind.argv?.(path, next).length === kind.argv?.(path, text).length)
  ) {
    return {
      text,
      notes: notes.map((n) =>
        n.severity === 'info'
          ? { ...n, severity: 'manual', message: `not rewritten (the edit could not be verified): ${n.message}` }
          : n,
      ),
    };
  }
  return { text: next, notes };
}

/** Notes of a snippet that cannot be edited in place: its changes become manual work. */
function unwritten(result: TextResult): TextResult {
  return {
    edits: [],
    notes: result.notes.map((n) =>
      n.severity === 'info'
        ? {
            ...n,
            severity: 'manual' as const,
            message: `not rewritten (this YAML value folds its lines; edit it by hand): ${n.message}`,
          }
        : n,
    ),
  };
}

/** The edited file still parses, yields exactly the edited commands, and keeps every exec-form list. */
function sameCommands(kind: CommandFile, path: string, next: string, expected: readonly string[]): boolean {
  const again = kind.snippets(path, next);
  return (
    !!again && again.length === expected.length && again.every((snippet: Snippet, i) => snippet.text === expected[i])
  );
}

export const codemod: Codemod = {
  name: 'nodejs-command-changes',
  description:
    'Fix Node.js commands (package.json scripts, CI, Dockerfiles, Makefiles, shell scripts) that break on the target Node.js: node --test <folder>, removed or now-default flags, npm majors',
  candidates(repo, options) {
    const { paths } = resolveOptions(options);
    return scoped(repo, paths).filter((path) => fileKind(repo, path) !== undefined);
  },
  planOptions(repo, options) {
    const { targetVersion, paths } = resolveOptions(options);
    const declared = declaredMajors(repo, targetVersion, paths);
    return declared.length > 0 ? { sourceVersion: declared[0] } : {};
  },
  run(repo, options): CodemodResult {
    const { targetVersion, paths } = resolveOptions(options);
    const crossing = crossingFor(repo, options, targetVersion, paths);
    const files = scoped(repo, paths);
    const packageJson = packageReader(repo);
    const envFor = (cwd: string | undefined): CommandEnv => ({ crossing, cwd, files, packageJson });
    const changes = new Map<string, string>();
    const findings: Finding[] = [];
    for (const path of files) {
      const kind = fileKind(repo, path);
      if (!kind) continue;
      const text = repo.read(path);
      const outcome = analyseFile(kind, path, text, envFor);
      if (!outcome) {
        findings.push({
          file: path,
          line: 1,
          rule: 'nodejs-commands/parse-error',
          message: `could not be parsed as ${kind.name}; its commands were not checked`,
          severity: 'warning',
        });
        continue;
      }
      if (outcome.text !== text) changes.set(path, outcome.text);
      for (const n of outcome.notes)
        findings.push({
          file: path,
          line: lineAt(text, n.offset),
          rule: n.rule,
          message: n.message,
          severity: n.severity,
        });
    }
    if (crossing.assumed && findings.length > 0) {
      findings.unshift({
        file: '.',
        line: 1,
        rule: 'nodejs-commands/source-version',
        message: `the repository declares no Node.js version older than ${targetVersion}; commands were checked for every change from Node.js ${ASSUMED_SOURCE} (the oldest Lambda runtime users move from) to ${targetVersion}`,
        severity: 'info',
      });
    }
    return { changes, findings };
  },
};
