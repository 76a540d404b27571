// npm changes between the npm bundled with the source Node.js and the one bundled with the
// target that break commands CI runs. From the breaking-changes sections of npm's changelogs
// (https://github.com/npm/cli/blob/latest/CHANGELOG.md), checked against npm 11.
/**
 * The npm major bundled with the first and the last release of each Node.js major
 * (https://nodejs.org/dist/index.json, the `npm` field; v22.0.0 shipped npm 10.5.1, v24.0.0
 * npm 11.3.0, v26.0.0 npm 11.12.1). The first is what a project on that major may still use.
 */
export const BUNDLED_NPM = {
    16: { first: 7, last: 8 },
    18: { first: 8, last: 10 },
    20: { first: 9, last: 10 },
    22: { first: 10, last: 10 },
    24: { first: 11, last: 11 },
    26: { first: 11, last: 11 },
};
/** The npm majors a move from Node.js `source` to `target` crosses: (from, to]. */
export function npmCrossing(source, target) {
    const known = Object.keys(BUNDLED_NPM)
        .map(Number)
        .sort((a, b) => a - b);
    const at = (major) => BUNDLED_NPM[major] ?? BUNDLED_NPM[known.filter((k) => k <= major).at(-1) ?? known[0]];
    return { from: at(source).first, to: at(target).last };
}
export const NPM_CHANGES = {
    bin: {
        npm: 9,
        id: 'npm-bin-removed',
        severity: 'manual',
        why: '`npm bin` was removed in npm 9 ("Unknown command"). Use `npm exec <tool>` / `npx <tool>`, or `$(npm root)/.bin`',
        source: 'https://github.com/npm/cli/blob/v9.9.3/CHANGELOG.md#900-pre0-2022-09-08',
    },
    'set-script': {
        npm: 9,
        id: 'npm-set-script-removed',
        severity: 'manual',
        why: '`npm set-script` was removed in npm 9. Use `npm pkg set scripts.<name>="<command>"`',
        source: 'https://github.com/npm/cli/blob/v9.9.3/CHANGELOG.md#900-pre0-2022-09-08',
    },
    birthday: {
        npm: 9,
        id: 'npm-birthday-removed',
        severity: 'manual',
        why: '`npm birthday` was removed in npm 9',
        source: 'https://github.com/npm/cli/blob/v9.9.3/CHANGELOG.md#900-pre0-2022-09-08',
    },
    access: {
        npm: 9,
        id: 'npm-access-renamed',
        severity: 'manual',
        why: 'npm 9 renamed the `npm access` subcommands (`public`/`restricted` → `set status=…`, `2fa-*` → `set mfa=…`, `ls-*` → `list …`, `edit` removed)',
        source: 'https://github.com/npm/cli/blob/v9.9.3/CHANGELOG.md#900-pre1-2022-09-14',
    },
    'loglevel-timing': {
        npm: 9,
        id: 'npm-loglevel-timing-removed',
        severity: 'warning',
        why: 'npm 9 removed `timing` as a --loglevel value; use --timing',
        source: 'https://github.com/npm/cli/blob/v9.9.3/CHANGELOG.md#900-pre6-2022-10-19',
    },
    'workspaces-if-present': {
        npm: 10,
        id: 'npm-workspace-missing-script',
        severity: 'warning',
        why: 'since npm 10 a workspace without this script fails the command (npm no longer skips it quietly); add --if-present if some workspaces lack it',
        source: 'https://github.com/npm/cli/blob/v10.9.2/CHANGELOG.md#1000-pre0-2023-07-26',
    },
    hook: {
        npm: 11,
        id: 'npm-hook-removed',
        severity: 'manual',
        why: '`npm hook` was removed in npm 11',
        source: 'https://github.com/npm/cli/blob/v11.0.0/CHANGELOG.md#1100-pre0-2024-11-26',
    },
    'publish-prerelease-tag': {
        npm: 11,
        id: 'npm-publish-prerelease-tag',
        severity: 'warning',
        why: 'npm 11 refuses to publish a prerelease version without --tag ("You must specify a tag using --tag when publishing a prerelease version"), and this package\'s version is a prerelease',
        source: 'https://github.com/npm/cli/blob/v11.0.0/CHANGELOG.md#1100-pre0-2024-11-26',
    },
    'ignore-scripts-prepare': {
        npm: 11,
        id: 'npm-ignore-scripts-prepare',
        severity: 'warning',
        why: 'since npm 11 --ignore-scripts also skips the `prepare` script, so whatever prepare built (compiled output) is no longer in the package',
        source: 'https://github.com/npm/cli/blob/v11.0.0/CHANGELOG.md#1100-pre0-2024-11-26',
    },
};
