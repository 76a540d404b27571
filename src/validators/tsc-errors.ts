// The errors of a `tsc --pretty false` run, and which of them a change brought: an error is the
// same before and after when its file, code and message are (its line moves with edits above it).

export interface TscError {
  /** As tsc prints it: relative to the folder it ran in. */
  file: string;
  line: number;
  column: number;
  /** `TS2339`. */
  code: string;
  /** The first line, then the indented elaboration lines tsc adds under it. */
  message: string;
}

const head = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

export function parseTscErrors(output: string): TscError[] {
  const errors: TscError[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = head.exec(line);
    if (match) {
      const [, file, row, column, code, message] = match;
      errors.push({
        file: file!.replace(/\\/g, '/'),
        line: Number(row),
        column: Number(column),
        code: code!,
        message: message!,
      });
    } else if (/^\s+\S/.test(line) && errors.length > 0) {
      errors[errors.length - 1]!.message += `\n${line.trim()}`;
    }
  }
  return errors;
}

function key(error: TscError): string {
  return `${error.file}\0${error.code}\0${error.message}`;
}

/** The errors of `after` that `before` does not have, counting repeats (a second copy of an old error is new). */
export function newErrors(before: readonly TscError[], after: readonly TscError[]): TscError[] {
  const left = new Map<string, number>();
  for (const error of before) left.set(key(error), (left.get(key(error)) ?? 0) + 1);
  return after.filter((error) => {
    const count = left.get(key(error)) ?? 0;
    if (count === 0) return true;
    left.set(key(error), count - 1);
    return false;
  });
}

export function formatTscError(error: TscError): string {
  return `${error.file}:${error.line} ${error.code} ${error.message.split('\n')[0]}`;
}
