// A RepoView over a folder on disk, with an in-memory overlay of changes made by earlier steps,
// so a dry run can chain codemods without writing anything. It is the one place codemods' files
// are read: it offers regular files only (never a symbolic link, never a submodule), gives their
// text without the byte-order mark and with LF for CRLF files, and holds back files that are not
// UTF-8. `encoded` gives text back in the file's own form for writing.
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, type Dirent } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RepoView } from '../codemods/types.js';
import { isInside } from '../util/confine.js';
import { decodeText, encodeText, type TextFormat } from '../util/text-file.js';

/** A tracked path the view does not offer to codemods. */
export type HeldBack = { kind: 'not-utf8'; line: number } | { kind: 'link-outside'; target: string } | { kind: 'link' };

interface Loaded {
  text: string;
  format: TextFormat;
}

export class DiskRepoView implements RepoView {
  private readonly overlay = new Map<string, string>();
  private readonly loaded = new Map<string, Loaded>();
  /** Text of files that are not UTF-8, with U+FFFD for the bad bytes: looked at, never written. */
  private readonly lossy = new Map<string, string>();
  private readonly held = new Map<string, HeldBack>();
  private regular?: Set<string>;
  private offered?: string[];
  private shown?: RepoView;
  private realRootCache?: string;
  private readonly realFolders = new Map<string, string>();

  constructor(
    /** Absolute folder the paths are relative to. */
    readonly root: string,
    /** Tracked paths; those that are not regular files on disk are not offered. */
    private readonly tracked: readonly string[],
  ) {}

  /** Regular files, minus those found not to be UTF-8 so far. */
  get files(): readonly string[] {
    this.offered ??= [...this.regularFiles()].filter((path) => !this.held.has(path));
    return this.offered;
  }

  /**
   * The view as codemods get it: the same object for as long as the files it offers and their
   * texts stay the same, so what a codemod keeps per view (the templates it read) serves the plan
   * and the step alike; a new one once a file is held back or changes are applied.
   */
  codemodView(): RepoView {
    this.shown ??= { files: this.files, read: (path) => this.read(path) };
    return this.shown;
  }

  /** Every regular tracked file, UTF-8 or not (for probes). */
  regularFiles(): ReadonlySet<string> {
    if (!this.regular) this.classify();
    return this.regular!;
  }

  /** Tracked paths held back so far and why (links are known at once, encodings once read). */
  heldBack(): ReadonlyMap<string, HeldBack> {
    this.regularFiles();
    return this.held;
  }

  /**
   * The current text (with changes of earlier steps applied). A file that is not UTF-8 gives
   * its lossy text and is held back from then on. Throws for anything but a regular tracked file.
   */
  read(path: string): string {
    const changed = this.overlay.get(path);
    if (changed !== undefined) return changed;
    const lossy = this.lossy.get(path);
    if (lossy !== undefined) return lossy;
    return this.load(path)?.text ?? this.lossy.get(path)!;
  }

  /** Whether `path` may be written: a regular, tracked, UTF-8 file inside the folder. */
  writable(path: string): boolean {
    if (!this.regularFiles().has(path) || this.held.has(path)) return false;
    try {
      return this.load(path) !== undefined;
    } catch {
      return false;
    }
  }

  /** `text` (as codemods see it) in the file's own form: its byte-order mark and line endings. */
  encoded(path: string, text: string): string {
    const loaded = this.load(path);
    return loaded ? encodeText(text, loaded.format) : text;
  }

  /** The original text as stored on disk (UTF-8 files only). */
  original(path: string): string | undefined {
    try {
      const loaded = this.load(path);
      return loaded && encodeText(loaded.text, loaded.format);
    } catch {
      return undefined;
    }
  }

  apply(changes: Map<string, string>): void {
    for (const [path, text] of changes) this.overlay.set(path, text);
    if (changes.size > 0) this.shown = undefined;
  }

  /** Files whose text differs from what is on disk. */
  changedFiles(): string[] {
    return [...this.overlay.keys()].filter((path) => this.overlay.get(path) !== this.loaded.get(path)?.text).sort();
  }

  /** The changed text in the file's own form, as it would be written. */
  changedText(path: string): string | undefined {
    const text = this.overlay.get(path);
    return text === undefined ? undefined : this.encoded(path, text);
  }

  /** Decoded text of a regular file, or undefined when it is not UTF-8 (then held back). */
  private load(path: string): Loaded | undefined {
    const cached = this.loaded.get(path);
    if (cached) return cached;
    if (this.lossy.has(path)) return undefined;
    if (!this.regularFiles().has(path) || this.held.get(path)?.kind.startsWith('link')) {
      throw new Error(`${path} is not a regular file tracked in ${this.root}; atx does not read it`);
    }
    const full = join(this.root, path);
    // A file checked out below a linked folder would be read from wherever the link points (the
    // file itself is no link: classify saw a regular file), so its folder must resolve inside.
    if (!isInside(this.realRoot(), this.realFolder(dirname(full))))
      throw new Error(`${path} leads outside ${this.root}; atx does not read it`);
    const decoded = decodeText(readFileSync(full));
    if (!decoded.ok) {
      this.lossy.set(path, decoded.lossy);
      this.held.set(path, { kind: 'not-utf8', line: decoded.line });
      this.offered = undefined;
      this.shown = undefined;
      return undefined;
    }
    const loaded = { text: decoded.text, format: decoded.format };
    this.loaded.set(path, loaded);
    return loaded;
  }

  /**
   * Sorts tracked paths into regular files and links (a submodule or a missing file is neither).
   * Each folder is listed once, its entries' types read from the listing (the same answer as an
   * lstat of each path, with far fewer system calls); a path the listing lacks is lstat-ed.
   */
  private classify(): void {
    this.regular = new Set();
    const listings = new Map<string, Map<string, Dirent> | undefined>();
    // In the tracked order: the order the view offers its files in.
    for (const path of this.tracked) {
      const slash = path.lastIndexOf('/');
      const folder = slash < 0 ? '' : path.slice(0, slash);
      if (!listings.has(folder)) listings.set(folder, this.listInside(folder));
      // Not listed (a name the file system folds, say): asked for on its own.
      const entry =
        listings.get(folder)?.get(path.slice(slash + 1)) ?? lstatSync(join(this.root, path), { throwIfNoEntry: false });
      if (entry?.isFile()) this.regular.add(path);
      else if (entry?.isSymbolicLink()) this.held.set(path, this.linkKind(path));
    }
  }

  /**
   * The entries of a folder that is really inside the repository. A folder reached through a link
   * to elsewhere is not listed: its tracked paths are lstat-ed one by one (and never read, see load).
   */
  private listInside(folder: string): Map<string, Dirent> | undefined {
    const full = join(this.root, folder);
    try {
      if (!isInside(this.realRoot(), this.realFolder(full))) return undefined;
    } catch {
      return undefined;
    }
    return listFolder(full);
  }

  /** A link to something inside is skipped quietly (its target is converted in its own right). */
  private linkKind(path: string): HeldBack {
    const full = join(this.root, path);
    const target = readlinkSync(full);
    let resolved: string;
    try {
      resolved = realpathSync.native(full);
    } catch {
      // Dangling: judge where it would point.
      resolved = resolve(dirname(full), target);
      return isInside(resolve(this.root), resolved) ? { kind: 'link' } : { kind: 'link-outside', target };
    }
    return isInside(this.realRoot(), resolved) ? { kind: 'link' } : { kind: 'link-outside', target };
  }

  private realFolder(folder: string): string {
    let real = this.realFolders.get(folder);
    if (real === undefined) this.realFolders.set(folder, (real = realpathSync.native(folder)));
    return real;
  }

  private realRoot(): string {
    this.realRootCache ??= realpathSync.native(this.root);
    return this.realRootCache;
  }
}

/** The entries of a folder by name, or undefined when it cannot be listed (then each path is lstat-ed). */
function listFolder(folder: string): Map<string, Dirent> | undefined {
  try {
    return new Map(readdirSync(folder, { withFileTypes: true }).map((entry) => [entry.name, entry]));
  } catch {
    return undefined;
  }
}
