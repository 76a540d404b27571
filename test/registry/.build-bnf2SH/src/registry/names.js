// Definition names and versions as users type them: checked here once, so every other part
// of the registry can build paths from them without fear of escaping the registry folder.
import { UsageError } from '../errors.js';
const namePattern = /^(?:[A-Za-z0-9._-]+\/)?[A-Za-z0-9._-]+$/;
const maxNameLength = 100;
/** Throws a UsageError that says what is wrong with `name`; returns it unchanged when valid. */
export function validateName(name) {
    if (typeof name !== 'string' || name.length === 0) {
        throw new UsageError('a definition name is required, e.g. -n MyOrg/my-transformation');
    }
    if (name.length > maxNameLength) {
        throw new UsageError(`definition name is too long (${name.length} characters, at most ${maxNameLength}): ${name}`);
    }
    if (name.includes('\\'))
        throw new UsageError(`definition name must not contain a backslash: ${name}`);
    if (name.startsWith('/'))
        throw new UsageError(`definition name must not be an absolute path: ${name}`);
    if (name.split('/').some((segment) => segment === '.' || segment === '..')) {
        throw new UsageError(`definition name must not contain a "." or ".." segment: ${name}`);
    }
    // `.git` would land in git's own folder (the team clone's, or the repository `def get` runs
    // in); other dot-folders are where atx keeps its staging copies. Neither is a definition.
    if (name.split('/').some((segment) => segment.startsWith('.'))) {
        throw new UsageError(`definition name must not have a part starting with "." (such as .git): ${name}`);
    }
    if (!namePattern.test(name)) {
        throw new UsageError(`invalid definition name "${name}": use letters, digits, ".", "_" and "-", with at most one "Org/" prefix (e.g. MyOrg/node-upgrade)`);
    }
    return name;
}
/** `AWS/` names (any case) belong to the definitions shipped with atx. */
export function isAwsName(name) {
    return /^aws\//i.test(name);
}
/** Validates a name that is about to be written (draft, publish, delete): AWS/ is read-only. */
export function validateWritableName(name) {
    validateName(name);
    if (isAwsName(name)) {
        const rest = name.slice(name.indexOf('/') + 1);
        throw new UsageError(`AWS/ definitions are managed and read-only; publish under another name, e.g. MyOrg/${rest}`);
    }
    return name;
}
/** Published and draft versions of custom definitions are positive integers written as strings. */
export function isVersionNumber(version) {
    return /^[1-9][0-9]{0,8}$/.test(version);
}
/**
 * A version the user asked for (--tv) of a custom definition: a number, checked before it is
 * used anywhere. AWS/ versions are only ever compared as strings, so they skip this.
 */
export function validateVersion(version) {
    if (!isVersionNumber(version)) {
        throw new UsageError(`invalid version ${JSON.stringify(version)}: versions of custom definitions are whole numbers (1, 2, …); see atx custom def list`);
    }
    return version;
}
/** Sorts version strings numerically, oldest first. */
export function compareVersions(a, b) {
    return Number(a) - Number(b);
}
