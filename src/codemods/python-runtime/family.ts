// The Python family of targets: what a run that moves code to a Lambda Python runtime may
// target, how a target is named in text, and the placeholders its exit criteria's patterns use.
import type { TargetFamily } from '../types.js';
import { DEFAULT_PYTHON_TARGET, parseTargetPython, readTargetPython } from './target.js';
import { formatPython, LAMBDA_PYTHON_VERSIONS, LAMBDA_SUPPORTED_PYTHON_VERSIONS, parsePython } from './versions.js';

/** Lambda Python versions a run may target: those still offered when this was written. */
const targets = LAMBDA_PYTHON_VERSIONS.filter((v) => v >= 309).map(formatPython);

function rank(version: unknown): number {
  const text = readTargetPython(version);
  return text === undefined ? 0 : (parsePython(text) ?? 0);
}

/** Python 3 minors from 3.6 up to the one before the target, as a regex alternation of minors (`6|7|…|12`). */
function olderMinors(target: unknown): string {
  const minor = rank(target) % 100;
  return `(${Array.from({ length: Math.max(minor - 6, 1) }, (_, i) => 6 + i).join('|')})`;
}

/**
 * A line of a layer's compatible-runtimes list (PCRE, for a lookahead at the start of a line):
 * the key with its list, or a line that is only one runtime item (`- python3.11`,
 * `_lambda.Runtime.PYTHON_3_11,`), with an optional trailing comment.
 */
const layerListLine =
  String.raw`(?:\s*(-\s+)?['"]?(python3\.[0-9]+|([A-Za-z_$][\w$]*\.)*PYTHON_3_[0-9]+)['"]?\s*,?\s*(#.*|//.*)?$|` +
  String.raw`.*(CompatibleRuntimes|compatibleRuntimes|compatible_runtimes)['"]?\s*[:=]\s*\[[^\]]*(\][\s,;)}]*(#.*|//.*)?)?$)`;

export const pythonTarget: TargetFamily = {
  id: 'python',
  label: 'Python',
  platform: 'Lambda',
  versions: targets,
  defaultVersion: DEFAULT_PYTHON_TARGET,
  rank,
  parse: parseTargetPython,
  read: readTargetPython,
  mention: /\bpython\s*\d/i,
  placeholders: {
    // For "no Python 3 older than the target is left": `python3\.{{olderPythonMinors}}`.
    olderPythonMinors: olderMinors,
    // Those Lambda no longer supports (a layer's compatible runtimes keep the others).
    retiredPythonMinors: (target) => {
      const retired = LAMBDA_PYTHON_VERSIONS.filter(
        (v) => v < rank(target) && !LAMBDA_SUPPORTED_PYTHON_VERSIONS.includes(v),
      );
      return retired.length > 0 ? `(${retired.map((v) => v % 100).join('|')})` : '(?!)';
    },
    pythonLayerListLine: () => layerListLine,
  },
};
