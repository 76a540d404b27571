// Reads the Node.js major a run should move to, from plan options or plain-English context
// ("The target Node.js version is 24", "upgrade to node 22", "targetVersion=24").
import { UsageError } from '../../errors.js';
import { readPaths } from '../runtime-upgrade/paths.js';

export const DEFAULT_TARGET = 24;

const keyed = /\btarget[\s_-]*version\s*[=:]\s*["']?v?(\d{1,3})\b/i;
// "target" followed by a mention of Node and then a number, within one sentence.
const targetSentence = /\btarget\b[^\d\n.]{0,40}?\bnode(?:\.?js)?\b[^\d\n]{0,30}?\bv?(\d{1,3})\b/i;
// "upgrade from Node.js 18 to 22", "move to node 24".
const toVersion = /\b(?:to|onto|into)\s+(?:the\s+)?(?:node(?:\.?js)?[\s_-]*(?:version\s*)?)?v?(\d{1,3})(?:\.x)?\b/i;
// "Node 24", "nodejs24.x", "NODEJS_24_X", "Node.js version 24".
const nodeMention = /\bnode(?:\.?js)?[\s_-]*(?:version\s*(?:is\s*)?)?v?(\d{1,3})(?:\.x|_x)?\b/i;

function plausible(value: number): number | undefined {
  return Number.isInteger(value) && value >= 4 && value < 100 ? value : undefined;
}

/** The target Node.js major named in `context`, or undefined when it names none. */
export function parseTargetVersion(context: string | undefined): number | undefined {
  if (!context) return undefined;
  const direct = keyed.exec(context) ?? targetSentence.exec(context);
  if (direct) return plausible(Number(direct[1]));
  if (/node/i.test(context)) {
    const to = toVersion.exec(context);
    if (to) return plausible(Number(to[1]));
  }
  const mention = nodeMention.exec(context);
  return mention ? plausible(Number(mention[1])) : undefined;
}

/**
 * A Node.js major given as a value (a codemod option, a validator option): 22, "22", "v22",
 * "22.x", or text `parseTargetVersion` reads ("nodejs20.x", "Node 22"). A number is returned as
 * it is, for the caller to judge.
 */
export function readTargetVersion(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const bare = /^\s*v?(\d+)(?:\.(?:\d+|x))*\s*$/.exec(value);
  return bare ? Number(bare[1]) : parseTargetVersion(value);
}

export interface RuntimeOptions {
  targetVersion: number;
  /** Repository-relative folders or files to limit the run to; empty means everything. */
  paths: string[];
}

/** Validates codemod options; a bad value is the user's input, so it is a UsageError. */
export function resolveOptions(options: Record<string, unknown>): RuntimeOptions {
  const raw = options.targetVersion ?? parseTargetVersion(asString(options.additionalPlanContext));
  let targetVersion = DEFAULT_TARGET;
  if (typeof raw === 'number') targetVersion = raw;
  else if (typeof raw === 'string') {
    const parsed = readTargetVersion(raw);
    if (parsed === undefined) throw new UsageError(`targetVersion "${raw}" is not a Node.js major version (e.g. 24)`);
    targetVersion = parsed;
  } else if (raw !== undefined) {
    throw new UsageError('targetVersion must be a Node.js major version number, e.g. 24');
  }
  if (plausible(targetVersion) === undefined) {
    throw new UsageError(`targetVersion ${targetVersion} is not a Node.js major version (e.g. 24)`);
  }
  return { targetVersion, paths: readPaths(options) };
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
