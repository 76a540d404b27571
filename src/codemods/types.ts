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
