// Files the view holds back (not UTF-8, links out of the repository) are never changed, and
// never silently: each one the codemod would have looked at is reported. Whether it would have
// is the codemod's own answer, from its candidates() on a probe that still holds those files.
import type { Codemod, CodemodResult, Finding, RepoView } from '../codemods/types.js';
import type { DiskRepoView } from './repo-view.js';

export interface Look {
  /** The codemod's candidates, held-back files included (the plan's targets). */
  candidates: string[];
  /** Candidates, and links out of the repository the codemod asked to read. */
  looked: Set<string>;
}

/**
 * The codemod's candidates on a probe of the view: files that are not UTF-8 read with U+FFFD
 * for the bad bytes, links out of the repository read as empty text (their target is never
 * opened; asking to read one counts as looking at it). With nothing held back but links inside,
 * the probe is the view the codemod runs on (codemodView), so the run finds what candidates()
 * read and kept for it.
 */
export function lookAt(codemod: Codemod, view: DiskRepoView, options: Record<string, unknown>): Look {
  if (onlyInnerLinks(view)) {
    const candidates = codemod.candidates(view.codemodView(), options);
    return { candidates, looked: new Set(candidates) };
  }
  const links = new Set([...view.heldBack()].filter(([, held]) => held.kind === 'link-outside').map(([path]) => path));
  const asked = new Set<string>();
  const probe: RepoView = {
    files: links.size === 0 ? [...view.regularFiles()] : [...view.regularFiles(), ...links].sort(),
    read(path) {
      if (!links.has(path)) return view.read(path);
      asked.add(path);
      return '';
    },
  };
  const candidates = codemod.candidates(probe, options);
  return { candidates, looked: new Set([...candidates, ...asked]) };
}

/** Nothing is held back but links to files inside (which are skipped quietly). */
function onlyInnerLinks(view: DiskRepoView): boolean {
  return [...view.heldBack().values()].every((held) => held.kind === 'link');
}

/**
 * Runs the codemod on the files the view offers. A file first found not to be UTF-8 during the
 * run is held back and the run starts again without it, so no change relies on text that will
 * not be written. Returns the result and the files found so.
 */
export async function runOnReadable(
  codemod: Codemod,
  view: DiskRepoView,
  options: Record<string, unknown>,
): Promise<{ result: CodemodResult; found: string[] }> {
  const before = new Set(view.heldBack().keys());
  for (;;) {
    const known = view.heldBack().size;
    // A new object once a file is held back: nothing the codemod kept from the last try is reused.
    const result = await codemod.run(view.codemodView(), options);
    if (view.heldBack().size === known)
      return { result, found: [...view.heldBack().keys()].filter((path) => !before.has(path)) };
  }
}

/** A finding for each held-back file in `looked`. */
export function heldBackFindings(view: DiskRepoView, looked: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const [file, held] of view.heldBack()) {
    if (!looked.has(file)) continue;
    if (held.kind === 'not-utf8') {
      findings.push({
        file,
        line: held.line,
        rule: 'atx/not-utf8',
        message:
          'not valid UTF-8 (the first invalid byte is on this line): left unchanged; save it as UTF-8 and run again, or change it by hand',
        severity: 'manual',
      });
    } else if (held.kind === 'link-outside') {
      findings.push({
        file,
        line: 1,
        rule: 'atx/symlink-outside',
        message: `a symbolic link to ${held.target}, outside the repository: atx neither reads nor writes through it; check what it points to by hand`,
        severity: 'manual',
      });
    }
  }
  return findings;
}
