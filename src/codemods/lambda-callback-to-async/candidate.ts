// One candidate file of the codemod, converted on whichever thread takes it (see ../file-pool.ts).
import { RULES, type FileResult } from './transform.js';
import { transformWithInline } from './inline.js';

export interface Candidate {
  file: string;
  text: string;
  /** Handler names the templates give for this file. */
  names?: ReadonlySet<string>;
}

/**
 * The conversion of one candidate. A file the codemod cannot handle is reported and left as it
 * was; the run goes on.
 */
export function perFile(): (input: Candidate) => FileResult {
  return ({ file, text, names }) => {
    try {
      return transformWithInline(file, text, names);
    } catch (error) {
      const message = `Left unchanged: the codemod failed on this file (${(error as Error).message}).`;
      return { findings: [{ file, line: 1, rule: RULES.unconvertible, message, severity: 'manual' }] };
    }
  };
}
