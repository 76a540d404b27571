// The registry of transformation definitions: AWS-managed (shipped), local (ATX_HOME) and
// an optional git team registry (ATX_REGISTRY_URL).
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { atxHomeFrom } from '../util/home.js';
import { defaultAwsDir } from './aws.js';
import { AtxRegistry } from './registry.js';
import { normalizeRemoteUrl } from '../util/shared-clone.js';
export { validateName, validateWritableName, validateVersion, isAwsName, isVersionNumber } from './names.js';
export { TeamUnreachableError } from './team-git.js';
export { findPackageRoot, defaultAwsDir } from './aws.js';
export { copyDefinitionFiles, isDefinitionPath } from './copy.js';
export { openKnowledgeFiles } from './knowledge-files.js';
export function openRegistry(options) {
    return new AtxRegistry({
        ...options,
        atxHome: resolve(options.atxHome),
        teamUrl: options.teamUrl ? normalizeRemoteUrl(options.teamUrl) : undefined,
        awsDir: options.awsDir ?? defaultAwsDir(),
    });
}
/**
 * Options from ATX_HOME, ATX_REGISTRY_URL and ATX_GIT_COMMITTER_NAME; `warn` hears about a
 * team registry that cannot be reached (see RegistryOptions.warn).
 */
export function registryOptionsFromEnv(env = process.env, warn) {
    const options = { atxHome: atxHomeFrom(env), env };
    if (warn)
        options.warn = warn;
    if (env.ATX_REGISTRY_URL)
        options.teamUrl = env.ATX_REGISTRY_URL;
    const author = env.ATX_GIT_COMMITTER_NAME || currentUser();
    if (author)
        options.author = author;
    return options;
}
function currentUser() {
    try {
        return userInfo().username || undefined;
    }
    catch {
        // Some containers run as a uid without a passwd entry.
        return undefined;
    }
}
