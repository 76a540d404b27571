// Reads the Python version a run should move to, from plan options or plain-English context
// ("The target Python version is 3.12", "upgrade to python 3.12", "targetVersion=3.12").
import { UsageError } from '../../errors.js';
import { readPaths } from '../runtime-upgrade/paths.js';
import { formatPython, parsePython, pythonVersion } from './versions.js';

export const DEFAULT_PYTHON_TARGET = '3.13';

const keyed = /\btarget[\s_-]*version\s*[=:]\s*["']?(\d\.\d{1,2})\b/i;
// "target" followed by a mention of Python and then a version, within one sentence.
const targetSentence = /\btarget\b[^\n.]{0,40}?\bpython\b[^\n]{0,30}?\b(\d\.\d{1,2})\b/i;
// "upgrade from Python 3.9 to 3.12", "move to python 3.13".
const toVersion = /\b(?:to|onto|into)\s+(?:the\s+)?(?:python[\s_-]*(?:version\s*)?)?(\d\.\d{1,2})\b/i;
// "Python 3.12", "python3.12", "PYTHON_3_12", "py312".
const mention = /\bpython[\s_-]*(?:version\s*(?:is\s*)?)?(\d)[._](\d{1,2})\b/i;

/** The target Python version named in `context` ("3.12"), or undefined when it names none. */
export function parseTargetPython(context: string | undefined): string | undefined {
  if (!context) return undefined;
  const direct = keyed.exec(context) ?? targetSentence.exec(context);
  if (direct) return normal(direct[1]);
  if (/python/i.test(context)) {
    const to = toVersion.exec(context);
    if (to) return normal(to[1]);
  }
  const named = mention.exec(context);
  return named ? normal(`${named[1]}.${named[2]}`) : undefined;
}

function normal(text: string): string | undefined {
  const version = parsePython(text);
  return version === undefined ? undefined : formatPython(version);
}

/**
 * A Python version given as a value: "3.13", "python3.13", "py313", or a number. YAML reads
 * `3.10` as the number 3.1, so the number 3.1 is 3.10 (Python 3.1 has no Lambda runtime and no
 * place in a project today).
 */
export function readTargetPython(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return undefined;
    // Only 3.10 is read back as another number (3.1); 3.9 is 3.9.
    const [major, minor = '0'] = (value === 3.1 ? '3.10' : String(value)).split('.');
    return formatPython(pythonVersion(Number(major), Number(minor)));
  }
  if (typeof value !== 'string') return undefined;
  const compact = /^\s*py(\d)(\d{1,2})\s*$/i.exec(value);
  if (compact) return formatPython(pythonVersion(Number(compact[1]), Number(compact[2])));
  const bare = /^\s*(?:python[\s-]?)?(\d\.\d{1,2})(?:\.\d+)?\s*$/i.exec(value);
  return bare ? normal(bare[1]) : parseTargetPython(value);
}

export interface PythonRuntimeOptions {
  /** As an ordered number (3.13 → 313). */
  targetVersion: number;
  paths: string[];
}

/** Validates codemod options; a bad value is the user's input, so it is a UsageError. */
export function resolvePythonOptions(options: Record<string, unknown>): PythonRuntimeOptions {
  const raw = options.targetVersion ?? parseTargetPython(asString(options.additionalPlanContext));
  const read = raw === undefined ? DEFAULT_PYTHON_TARGET : readTargetPython(raw);
  const version = read === undefined ? undefined : parsePython(read);
  if (version === undefined || version < 300)
    throw new UsageError(`targetVersion ${JSON.stringify(raw)} is not a Python 3 version (e.g. "3.13")`);
  return { targetVersion: version, paths: readPaths(options) };
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
