// A RepoView over a folder on disk, with an in-memory overlay of changes made by earlier steps,
// so a dry run can chain codemods without writing anything.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoView } from '../codemods/types.js';

export class DiskRepoView implements RepoView {
  private readonly overlay = new Map<string, string>();
  private readonly cache = new Map<string, string>();

  constructor(
    /** Absolute folder the paths are relative to. */
    readonly root: string,
    readonly files: readonly string[],
  ) {}

  read(path: string): string {
    const changed = this.overlay.get(path);
    if (changed !== undefined) return changed;
    let text = this.cache.get(path);
    if (text === undefined) {
      text = readFileSync(join(this.root, path), 'utf8');
      this.cache.set(path, text);
    }
    return text;
  }

  /** The original text, before any overlay. */
  original(path: string): string | undefined {
    if (!this.cache.has(path)) {
      try {
        this.cache.set(path, readFileSync(join(this.root, path), 'utf8'));
      } catch {
        return undefined;
      }
    }
    return this.cache.get(path);
  }

  apply(changes: Map<string, string>): void {
    for (const [path, text] of changes) this.overlay.set(path, text);
  }

  /** Files whose text differs from what is on disk. */
  changedFiles(): string[] {
    return [...this.overlay.keys()].filter((path) => this.overlay.get(path) !== this.cache.get(path)).sort();
  }

  changedText(path: string): string | undefined {
    return this.overlay.get(path);
  }
}
