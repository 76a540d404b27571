// The contract every codemod follows: a pure function over a read-only view of the
// repository that returns new file texts and findings. It never writes, logs or spawns.

export type Severity = 'info' | 'warning' | 'manual';

/** Something a person should look at: code left unchanged, or a behaviour change to check. */
export interface Finding {
  /** Repository-relative POSIX path. */
  file: string;
  /** 1-based line. */
  line: number;
  rule: string;
  message: string;
  severity: Severity;
}

/** Read-only view of the files a codemod may look at. Paths are repository-relative, POSIX. */
export interface RepoView {
  /**
   * Every tracked file in scope (for a monorepo package: only that folder), sorted: regular
   * files only (no symbolic link, no submodule), and none found not to be UTF-8.
   */
  readonly files: readonly string[];
  /**
   * The current text of a file (with changes of earlier steps applied): without a byte-order
   * mark, and with LF where every line break of the file is CRLF; the writer puts both back.
   * Throws if absent.
   */
  read(path: string): string;
}

export interface CodemodResult {
  /** New full text per changed file; files left out are unchanged. */
  changes: Map<string, string>;
  findings: Finding[];
  /** What an analysis codemod found, as data (plain JSON): the run's summary keeps it under the codemod's name. */
  report?: Record<string, unknown>;
  /** The same for people: a markdown section the run's report (summary.md) ends with. */
  reportMarkdown?: string;
}

export interface Codemod {
  name: string;
  description: string;
  /** Paths this codemod would look at, chosen by name and cheap text tests only (no parse). */
  candidates(repo: RepoView, options: Record<string, unknown>): string[];
  /**
   * Options read from the repository as it is before the run (the Node.js version it declares
   * today): the planner adds them to the step's options, where they stay for the run and its
   * resumption whatever earlier steps change. Options already set win.
   */
  planOptions?(repo: RepoView, options: Record<string, unknown>): Record<string, unknown>;
  run(repo: RepoView, options: Record<string, unknown>): CodemodResult | Promise<CodemodResult>;
}

/**
 * A version a run moves code to, within its runtime family, as the family writes it: a Node.js
 * major (24), a Python version ("3.13", a string so that 3.10 stays 3.10).
 */
export type TargetVersion = number | string;

/**
 * A runtime family a run moves code towards (Node.js on Lambda). Codemods and validators name
 * the family they work towards in their tables (src/codemods/index.ts, src/validators/names.ts);
 * the planner reads, checks and spreads a run's target only through this, and knows no family.
 */
export interface TargetFamily {
  id: string;
  /** The runtime as people name it: `Node.js`. */
  label: string;
  /** Where the versions run: `Lambda` (a target must be a `Lambda Node.js runtime`). */
  platform: string;
  /** The versions a run may target, oldest first. */
  versions: readonly TargetVersion[];
  /** A number that orders the family's versions (Python 3.9 before 3.10). */
  rank(version: TargetVersion): number;
  /** The target when nothing names one. */
  defaultVersion: TargetVersion;
  /** The version a sentence names as the target ("The target Node.js version is 22", "targetVersion=22"), if any. */
  parse(text: string | undefined): TargetVersion | undefined;
  /** A version given as a value (an option, a setting): 22, "22", "v22", "22.x", or a sentence `parse` reads. */
  read(value: unknown): TargetVersion | undefined;
  /** The runtime named with a version ("Node 22", "nodejs22"): plan feedback with it, or with "target", may name a new target. */
  mention: RegExp;
  /**
   * Placeholders an exit criterion's pattern may name as `{{name}}`, each with its text for a
   * target (`{{targetVersion}}` is every family's). Names are the family's own: the placeholders
   * of a pattern say which family expands it.
   */
  placeholders: Readonly<Record<string, (target: TargetVersion) => string>>;
}

/** An option a codemod takes that plan-review feedback can set ("use the aggregated client style"), for knowledge items. */
export interface CodemodOption {
  /** The values it takes, as written in options. */
  values: readonly string[];
  /** How a person says which value they want: the first group that matched, lower-cased, is the value. */
  said: RegExp;
  /** The title of the knowledge item that sets it. */
  title(value: string): string;
}
