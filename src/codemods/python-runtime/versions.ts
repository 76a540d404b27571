// Python version facts for the runtime upgrade. A version is a number that orders like the
// version: 3.13 is 313, so 3.9 (309) comes before 3.10 (310); `formatPython` writes it back.

export function pythonVersion(major: number, minor: number): number {
  return major * 100 + minor;
}

export function formatPython(version: number): string {
  return `${Math.floor(version / 100)}.${version % 100}`;
}

/** `"3.13"`, `"3.13.1"` → 313; undefined for anything else. */
export function parsePython(text: string): number | undefined {
  const match = /^(\d)\.(\d{1,2})(?:\.\d+)?$/.exec(text.trim());
  return match ? pythonVersion(Number(match[1]), Number(match[2])) : undefined;
}

/**
 * Python 3 versions Lambda has had a managed runtime for (`python3.6` … `python3.14`), and those
 * not deprecated on 2026-12-01: python3.9 was deprecated on 2025-12-15 and python3.10 on
 * 2026-06-30 (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). Remove a
 * version from the second list when Lambda deprecates it.
 */
export const LAMBDA_PYTHON_VERSIONS: readonly number[] = [306, 307, 308, 309, 310, 311, 312, 313, 314];
export const LAMBDA_SUPPORTED_PYTHON_VERSIONS: readonly number[] = [311, 312, 313, 314];

/** python3.8–3.11 run on Amazon Linux 2; python3.12 and later on Amazon Linux 2023. */
export const LAST_AL2_PYTHON = 311;

/** `python3.9` → 309. (`python2.7` is not read: moving off Python 2 is not a version bump.) */
export function lambdaPythonVersion(id: string): number | undefined {
  const match = /^python3\.(\d{1,2})$/.exec(id);
  return match ? pythonVersion(3, Number(match[1])) : undefined;
}

export function lambdaPythonId(version: number): string {
  return `python${formatPython(version)}`;
}
