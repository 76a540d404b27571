// The Node.js family of targets: what a run that moves code to a Lambda Node.js runtime may
// target, how a target is named in text, and the placeholders its exit criteria's patterns use.
import type { TargetFamily } from '../types.js';
import { DEFAULT_TARGET, parseTargetVersion, readTargetVersion } from './target.js';
import { isSupportedLambdaMajor, LAMBDA_NODE_MAJORS } from './versions.js';

/**
 * A line of a layer's compatible-runtimes list (PCRE, for a lookahead at the start of a line):
 * the key with its list (`CompatibleRuntimes: [nodejs20.x, nodejs24.x]`, `compatible_runtimes =
 * [`), or a line that is only one runtime item (`- nodejs20.x`, `"nodejs20.x",`,
 * `lambda.Runtime.NODEJS_20_X,`), with an optional trailing comment.
 */
const layerListLine =
  String.raw`(?:\s*(-\s+)?['"]?(nodejs[0-9]+\.(x|[0-9]+)|([A-Za-z_$][\w$]*\.)*NODEJS_[0-9]+_X)['"]?\s*,?\s*(#.*|//.*)?$|` +
  String.raw`.*(CompatibleRuntimes|compatibleRuntimes|compatible_runtimes)['"]?\s*[:=]\s*\[[^\]]*(\][\s,;)}]*(#.*|//.*)?)?$)`;

/** Every Node.js major from 4 up to the one before the target. */
function olderMajors(target: number): number[] {
  return Array.from({ length: Math.max(target - 4, 1) }, (_, i) => 4 + i);
}

export const nodejsTarget: TargetFamily = {
  id: 'nodejs',
  label: 'Node.js',
  platform: 'Lambda',
  versions: LAMBDA_NODE_MAJORS,
  defaultVersion: DEFAULT_TARGET,
  rank: Number,
  parse: parseTargetVersion,
  read: readTargetVersion,
  mention: /\bnode(?:\.?js)?\s*\d/i,
  placeholders: {
    // For "nothing older than the target is left".
    olderNodeMajors: (target) => `(${olderMajors(Number(target)).join('|')})`,
    // Those of them Lambda no longer supports (a layer's compatible runtimes keep the others);
    // `(?!)` never matches: nothing older is retired.
    retiredNodeMajors: (target) => {
      const retired = olderMajors(Number(target)).filter((major) => !isSupportedLambdaMajor(major));
      return retired.length > 0 ? `(${retired.join('|')})` : '(?!)';
    },
    layerListLine: () => layerListLine,
  },
};
