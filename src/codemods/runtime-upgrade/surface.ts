// What each surface (one file format that names a runtime version) implements, and the
// decisions they share: rewrite only older versions, never downgrade, never invent a runtime.
import type { Finding, RepoView, Severity } from '../types.js';
import { lineAt } from './edits.js';
import { projectOf, type Project } from './installed.js';
import type { RuntimeLanguage } from './language.js';
import type { PythonParser } from '../../util/python-syntax.js';

export interface Surface {
  name: string;
  /** By path and a cheap text test only; no parsing. */
  matches(path: string, text: string, language: RuntimeLanguage): boolean;
  /** New text (unchanged when nothing applies) and findings. */
  apply(text: string, ctx: SurfaceContext): string;
}

/** Per-file state handed to a surface: the language and target, and where its findings go. */
export class SurfaceContext {
  readonly findings: Finding[] = [];
  constructor(
    readonly file: string,
    readonly language: RuntimeLanguage,
    readonly target: number,
    private readonly text: string,
    /** The whole repository, for what a file depends on elsewhere (its package's lockfile). */
    readonly repoView?: RepoView,
    /** Python's parser, loaded when the run has Python files to read. */
    readonly python?: PythonParser,
  ) {}

  /** A version as people write it: `24`, `3.13`. */
  name(version: number): string {
    return `${this.language.label} ${this.language.format(version)}`;
  }

  /**
   * The repository's manifests and lockfiles; undefined when the caller gave only this file, in
   * which case a surface decides from the file alone and treats what it cannot see as unknown.
   */
  get project(): Project | undefined {
    return this.repoView && projectOf(this.repoView);
  }

  report(offset: number, rule: string, message: string, severity: Severity): void {
    this.findings.push({
      file: this.file,
      line: lineAt(this.text, offset),
      rule: `${this.language.id}-runtime/${rule}`,
      message,
      severity,
    });
  }

  /**
   * A range a surface leaves as it is (a compound `engines` range) declares `lowest` as the
   * oldest major the project runs on; only a reader of declarations (source-version.ts) records it.
   */
  declares(_lowest: number): void {}

  /** A runtime id of the language that no version bump moves (`python2.7`): reported, never rewritten. */
  unmovable(id: string, offset: number): void {
    const why = this.language.lambda.unmovable?.(id);
    if (why) this.report(offset, 'unmovable-runtime', `Runtime ${id} left as it is: ${why}`, 'manual');
  }

  /**
   * Whether a version `found` at `offset` should become the target. Newer versions are left
   * alone (with an info finding); a Lambda runtime is never rewritten to one Lambda lacks.
   */
  shouldUpgrade(found: number, offset: number, what: string, lambda = false): boolean {
    if (found === this.target) return false;
    if (found > this.target) {
      this.report(
        offset,
        'newer-than-target',
        `${what} is ${this.name(found)}, newer than the target ${this.language.format(this.target)}; left alone`,
        'info',
      );
      return false;
    }
    const missing = lambda ? this.language.lambda.missing(this.target) : undefined;
    if (missing) {
      this.report(
        offset,
        'unsupported-target',
        `${what} is ${this.name(found)}, but ${missing}; not changed`,
        'manual',
      );
      return false;
    }
    if (lambda) this.crossesToAl2023(found, offset);
    return true;
  }

  /**
   * A Lambda runtime or base image that moves from Amazon Linux 2 to Amazon Linux 2023 changes
   * the operating system under the code; said once per file, at its first such runtime
   * (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html).
   */
  private crossesToAl2023(found: number, offset: number): void {
    const { lastAl2 } = this.language.lambda;
    if (found > lastAl2 || this.target <= lastAl2 || this.findings.some((f) => f.rule.endsWith('/al2023-runtime')))
      return;
    this.report(
      offset,
      'al2023-runtime',
      `${this.name(found)} → ${this.language.format(this.target)} moves the function from Amazon Linux 2 to Amazon Linux 2023 (glibc 2.34, dnf instead of yum, no amazon-linux-extras): rebuild native dependencies and layers built on Amazon Linux 2, and check code that runs operating-system tools`,
      'warning',
    );
  }
}
