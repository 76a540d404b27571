// Where atx keeps its state: ATX_HOME (default ~/.atx), absolute, and a run's folder in it.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { joinInside, safeSegment } from './confine.js';
export function atxHomeFrom(env = process.env) {
    return resolve(env.ATX_HOME || join(homedir(), '.atx'));
}
export function runsDir(atxHome) {
    return join(atxHome, 'runs');
}
/**
 * ATX_HOME/runs/<runId>; a run id that is not one plain name is refused (UnsafePathError, exit 2).
 * A run id comes back from the user (--resume, --conversation-id) and from records (campaigns,
 * commit trailers): it is data that becomes a path, so it is checked as one path segment.
 */
export function runDir(atxHome, runId) {
    return joinInside(runsDir(atxHome), safeSegment(runId, 'run id'), 'run id');
}
