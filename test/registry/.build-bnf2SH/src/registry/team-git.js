// The git side of the team registry: a shared clone (util/shared-clone.ts) under
// ATX_HOME/team/<hash of url>/.
import { join } from 'node:path';
import { cloneFolder, RemoteUnreachableError, SharedClone } from '../util/shared-clone.js';
/** Where the clone of `url` lives. */
export function cloneDirFor(atxHome, url) {
    return cloneFolder(join(atxHome, 'team'), url);
}
/**
 * The team registry could not be reached: a wrong ATX_REGISTRY_URL, no network, no access.
 * Reads go on with the AWS-managed and local definitions; writes stop with this one line.
 */
export class TeamUnreachableError extends RemoteUnreachableError {
    constructor(url, reason, options) {
        super('the team registry', url, reason, options);
        this.name = 'TeamUnreachableError';
    }
}
export function teamClone(url, atxHome, env) {
    return new SharedClone(url, cloneDirFor(atxHome, url), env, {
        what: 'the team registry',
        unreachable: (remote, reason, cause) => new TeamUnreachableError(remote, reason, { cause }),
    });
}
