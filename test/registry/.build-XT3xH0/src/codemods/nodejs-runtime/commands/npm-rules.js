import { note } from './crossing.js';
import { NPM_CHANGES } from './npm-changes.js';
/** npm options that take the next word as their value. */
const valueOptions = new Set([
    '--prefix',
    '-C',
    '--workspace',
    '-w',
    '--loglevel',
    '--registry',
    '--userconfig',
    '--cache',
    '--tag',
    '--otp',
    '--access',
    '--pack-destination',
]);
/** The words that are not options or option values. */
function positionals(words) {
    const out = [];
    for (let i = 0; i < words.length; i++) {
        const value = words[i].value;
        if (value.startsWith('-'))
            i += valueOptions.has(value) ? 1 : 0;
        else
            out.push(words[i]);
    }
    return out;
}
const runAliases = new Set(['run', 'run-script', 'rum', 'urn', 'test', 't', 'tst', 'start', 'stop', 'restart']);
const accessRenamed = new Set([
    'public',
    'restricted',
    'grant',
    'revoke',
    '2fa-required',
    '2fa-not-required',
    'ls-packages',
    'ls-collaborators',
    'edit',
]);
function report(word, change, env, out, detail = '') {
    if (!env.crossing.crossesNpm(change.npm))
        return;
    const { from, to } = env.crossing.npm;
    out.notes.push(note(word, change.id, `${detail}${change.why}; Node.js ${env.crossing.target} brings npm ${to} (from npm ${from}) (${change.source})`, change.severity));
}
function hasFlag(words, ...names) {
    return words.find((word) => names.some((name) => word.value === name || word.value.startsWith(`${name}=`)));
}
/** The package a publish or pack works on: the folder argument, or the command's folder. */
function packageOf(args, env) {
    if (env.cwd === undefined)
        return undefined;
    const [folder] = positionals(args);
    if (folder && (folder.expands || /\.(tgz|tar\.gz)$/.test(folder.value) || /^(@[^/]+\/)?[\w.-]+@/.test(folder.value)))
        return undefined;
    const rel = folder ? folder.value.replace(/^\.\/+/, '').replace(/\/+$/, '') : '';
    if (rel.startsWith('/') || rel.split('/').includes('..'))
        return undefined;
    return env.packageJson([env.cwd, rel].filter((part) => part !== '' && part !== '.').join('/'));
}
export function npmInvocation(inv, env, out) {
    const rest = inv.words.slice(inv.at + 1);
    const [command] = positionals(rest);
    if (!command)
        return;
    const args = rest.slice(rest.indexOf(command) + 1);
    const sub = command.value;
    const simple = NPM_CHANGES[sub];
    if (simple && ['bin', 'set-script', 'birthday', 'hook'].includes(sub))
        report(command, simple, env, out, `\`npm ${sub}\`: `);
    if (sub === 'access' && args[0] && accessRenamed.has(args[0].value))
        report(command, NPM_CHANGES.access, env, out, `\`npm access ${args[0].value}\`: `);
    const loglevel = rest.findIndex((word) => word.value === '--loglevel=timing' ||
        (word.value === '--loglevel' && rest[rest.indexOf(word) + 1]?.value === 'timing'));
    if (loglevel !== -1)
        report(rest[loglevel], NPM_CHANGES['loglevel-timing'], env, out);
    if (runAliases.has(sub)) {
        const workspaces = hasFlag(rest, '--workspaces', '-ws', '--workspace', '-w');
        if (workspaces && !hasFlag(rest, '--if-present'))
            report(workspaces, NPM_CHANGES['workspaces-if-present'], env, out, `\`npm ${sub}\` with ${workspaces.value.split('=')[0]}: `);
    }
    if (sub === 'publish' || sub === 'pack') {
        const pkg = packageOf(args, env);
        const ignore = hasFlag(args, '--ignore-scripts');
        const scripts = pkg?.scripts;
        if (ignore && !/=false$/.test(ignore.value) && typeof scripts?.prepare === 'string') {
            report(ignore, NPM_CHANGES['ignore-scripts-prepare'], env, out, `\`npm ${sub} --ignore-scripts\`: `);
        }
        const version = pkg?.version;
        const configTag = pkg?.publishConfig?.tag;
        if (sub === 'publish' &&
            !hasFlag(args, '--tag') &&
            configTag === undefined &&
            typeof version === 'string' &&
            /^\d+\.\d+\.\d+-/.test(version)) {
            report(command, NPM_CHANGES['publish-prerelease-tag'], env, out, `\`npm publish\` of ${version}: `);
        }
    }
}
