// Repository facts the planner keeps for the model: a compact tree of the tracked files, and the
// files a step's text names. Pure functions over the file index; nothing is read.

/** Lines of the tree kept in plan.json; a larger repository is summarised by folder. */
export const treeLines = 150;

interface Folder {
  folders: Map<string, Folder>;
  files: string[];
  count: number;
}

/**
 * The tracked files as an indented tree of at most `limit` lines. Folders are opened level by
 * level (the whole top level before anything deeper) while the lines fit; a folder left closed
 * shows its size, a folder with many files of its own shows some of them. The model lists the
 * rest with its tools.
 */
export function compactTree(files: readonly string[], limit = treeLines): string[] {
  const root = folderOf(files);
  const open = new Set<Folder>([root]);
  let lines = cost(root);
  // Breadth first: each level of the repository is seen before any folder's depths.
  for (let level: Folder[] = [...root.folders.values()]; level.length;) {
    const next: Folder[] = [];
    for (const folder of level) {
      if (lines + cost(folder) > limit) continue;
      lines += cost(folder);
      open.add(folder);
      next.push(...folder.folders.values());
    }
    level = next;
  }
  const out: string[] = [];
  render(root, '', open, out);
  // Only a top level wider than the budget comes here.
  return out.length <= limit
    ? out
    : [...out.slice(0, limit - 1), `… ${out.length - limit + 1} more lines (${files.length} files in all)`];
}

function folderOf(files: readonly string[]): Folder {
  const root: Folder = { folders: new Map(), files: [], count: 0 };
  for (const file of files) {
    const parts = file.split('/');
    let folder = root;
    folder.count += 1;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { folders: new Map(), files: [], count: 0 }));
      next.count += 1;
      folder = next;
    }
    folder.files.push(parts.at(-1)!);
  }
  return root;
}

const ownFilesShown = 15;

/** The lines opening a folder adds: one per subfolder, and its own files (or some and a count). */
function cost(folder: Folder): number {
  return folder.folders.size + Math.min(folder.files.length, ownFilesShown);
}

function render(folder: Folder, indent: string, open: Set<Folder>, lines: string[]): void {
  for (const [name, sub] of [...folder.folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const opened = open.has(sub);
    lines.push(`${indent}${name}/${opened ? '' : ` (${sub.count} file${sub.count === 1 ? '' : 's'})`}`);
    if (opened) render(sub, `${indent}  `, open, lines);
  }
  const own = [...folder.files].sort();
  const shown = own.length <= ownFilesShown ? own : own.slice(0, ownFilesShown - 1);
  for (const file of shown) lines.push(`${indent}${file}`);
  if (shown.length < own.length) lines.push(`${indent}… ${own.length - shown.length} more files here`);
}

/**
 * Tracked files a step's text names: by path (`src/app.ts`), by file name when it is unique
 * enough (`handler.js`), or a folder (`src/handlers/`) by its files. At most `limit`.
 */
export function namedFiles(text: string, files: readonly string[], limit = 40): string[] {
  const found = new Set<string>();
  const known = new Set(files);
  for (const raw of text.match(/[\w.@/-]+/g) ?? []) {
    const token = raw.replace(/^\.\//, '').replace(/[.]+$/, '');
    if (!/[./]/.test(token) || /^[./]+$/.test(token)) continue;
    if (known.has(token)) {
      found.add(token);
    } else if (token.includes('/')) {
      const prefix = `${token.replace(/\/+$/, '')}/`;
      for (const file of files) if (file.startsWith(prefix)) found.add(file);
    } else {
      const same = files.filter((file) => file === token || file.endsWith(`/${token}`));
      if (same.length <= 5) for (const file of same) found.add(file);
    }
  }
  return [...found].sort().slice(0, limit);
}
