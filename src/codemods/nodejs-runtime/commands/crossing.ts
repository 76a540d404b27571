// The Node.js majors a run moves across, and what a rule needs to know about the command's place.
import type { Severity } from '../../types.js';
import { npmCrossing } from './npm-changes.js';
import type { Word } from './shell.js';

/** Lambda users come from these majors when a repository declares none (Node.js 16 to 22). */
export const ASSUMED_SOURCE = 16;

export class Crossing {
  readonly npm: { from: number; to: number };
  constructor(
    /** The oldest major the project declares, or ASSUMED_SOURCE. */
    readonly source: number,
    readonly target: number,
    /** The source was not declared: every change from Node.js 16 on is considered. */
    readonly assumed: boolean,
  ) {
    this.npm = npmCrossing(source, target);
  }

  /** The upgrade reaches `major` from below it. */
  crosses(major: number): boolean {
    return this.source < major && major <= this.target;
  }

  crossesNpm(major: number): boolean {
    return this.npm.from < major && major <= this.npm.to;
  }

  describe(): string {
    return this.assumed
      ? `Node.js ${this.target} (from an undeclared version, assumed 16 to 22)`
      : `Node.js ${this.source} → ${this.target}`;
  }
}

export interface CommandEnv {
  crossing: Crossing;
  /** Folder the command runs in, repository-relative ('' = root); undefined when unknown. */
  cwd: string | undefined;
  /** Every file of the repository in scope. */
  files: readonly string[];
  /** A package.json of the repository, parsed, or undefined. */
  packageJson(folder: string): Record<string, unknown> | undefined;
}

export type ChangeBody =
  /** Drop `words` (consecutive) and the blank before them, which follows `prev`. */
  | { kind: 'remove'; words: Word[]; prev: Word }
  /** One word becomes these arguments. */
  | { kind: 'replace'; word: Word; values: string[] }
  /** Characters `from`–`to` of the word's value become `text` (flag names only: safe in any quoting). */
  | { kind: 'splice'; word: Word; from: number; to: number; text: string };

/** A change and the index of the note that tells about it. */
export type Change = ChangeBody & { note: number };

export interface Note {
  /** Offset in the analysed text. */
  at: number;
  rule: string;
  message: string;
  severity: Severity;
}

export interface Analysis {
  changes: Change[];
  notes: Note[];
}

export function note(word: Word, rule: string, message: string, severity: Severity): Note {
  return { at: word.start, rule: `nodejs-commands/${rule}`, message, severity };
}

/** Records a change with the (info) note that explains it. */
export function addChange(out: Analysis, body: ChangeBody, explained: Note): void {
  out.notes.push(explained);
  out.changes.push({ ...body, note: out.notes.length - 1 });
}
