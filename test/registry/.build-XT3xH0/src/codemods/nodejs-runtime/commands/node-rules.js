import { addChange, note } from './crossing.js';
import { EVAL_FLAGS, flagChange, isV8FeatureFlag, VALUE_FLAGS } from './node-flags.js';
import { defaultFiles, planTestFolder, TEST_GLOB_MAJOR } from './test-runner.js';
/** Type stripping made the default discovery also run TypeScript tests: 23.6 and 22.18. */
const TS_DISCOVERY_MAJOR = 23;
/** The rule for one flag: a change (edit) or a note; `remove` drops `flag.words`. */
function flagRule(flag, env, out, remove, where) {
    const { crossing } = env;
    const change = flagChange(flag.name);
    const word = flag.words[0];
    if (change && crossing.crosses(change.major)) {
        const header = `${where}${flag.name} ${change.why} (${change.source})`;
        if (change.action === 'report') {
            out.notes.push(note(word, 'flag', `${header}; crossing ${crossing.describe()}`, change.severity ?? 'manual'));
            return;
        }
        const edit = change.action === 'remove'
            ? remove()
            : { kind: 'splice', word, from: flag.from, to: flag.from + flag.name.length, text: change.renameTo };
        const done = change.action === 'remove' ? 'removed' : `renamed to ${change.renameTo}`;
        addChange(out, edit, note(word, 'flag', `${where}${flag.name} ${done}: ${change.why} (${change.source})`, 'info'));
    }
    else if (!change && where === '' && isV8FeatureFlag(flag.name) && crossing.source < crossing.target) {
        // (V8 flags are never allowed in NODE_OPTIONS, so only command lines have them.)
        out.notes.push(note(word, 'v8-flag', `${flag.name} is a V8 flag; V8 adds and drops these with every version, so check it still exists on Node.js ${crossing.target} (\`node --v8-options\`) and drop it if its feature is now on by default`, 'warning'));
    }
}
/** Flags and test paths of `node …`. */
export function nodeInvocation(inv, env, out) {
    const { words } = inv;
    let test = false;
    let k = inv.at + 1;
    for (; k < words.length; k++) {
        const word = words[k];
        if (word.value === '--') {
            k++;
            break;
        }
        if (!word.value.startsWith('-') || word.value === '-')
            break;
        if (word.expands)
            continue;
        const eq = word.value.indexOf('=');
        const name = eq === -1 ? word.value : word.value.slice(0, eq);
        if (EVAL_FLAGS.has(name))
            return;
        const valueWord = eq === -1 && VALUE_FLAGS.has(name) ? words[k + 1] : undefined;
        if (name === '--test')
            test = true;
        const flagWords = valueWord ? [word, valueWord] : [word];
        flagRule({ name, from: 0, words: flagWords }, env, out, () => ({ kind: 'remove', words: flagWords, prev: words[k - 1] }), '');
        if (valueWord)
            k++;
    }
    if (test && env.crossing.crosses(TEST_GLOB_MAJOR))
        testPaths(words.slice(k), words, env, out);
}
function testPaths(paths, words, env, out) {
    const { crossing } = env;
    if (paths.length === 0) {
        typescriptDiscovery(words[0], env, out);
        return;
    }
    for (const word of paths) {
        if (word.expands)
            continue;
        const plan = planTestFolder({ arg: word.value, cwd: env.cwd, only: paths.length === 1, files: env.files });
        const what = `\`node --test ${word.value}\`: Node.js 21 and later read --test arguments as globs, so a folder matches itself, is loaded as a module and fails (MODULE_NOT_FOUND) (https://github.com/nodejs/node/pull/47653)`;
        if (plan.kind === 'default') {
            addChange(out, { kind: 'remove', words: [word], prev: words[words.indexOf(word) - 1] }, note(word, 'test-folder', `${what}; the folder argument was dropped: the default discovery runs the same files`, 'info'));
            typescriptDiscovery(word, env, out);
        }
        else if (plan.kind === 'globs') {
            const count = plan.files === undefined
                ? 'the files Node.js 20 ran from that folder'
                : `the same ${plan.files} file${plan.files === 1 ? '' : 's'}`;
            const message = `${what}; rewritten to ${plan.globs.map((g) => `"${g}"`).join(' ')}, which runs ${count} on Node.js ${crossing.target}`;
            addChange(out, { kind: 'replace', word, values: plan.globs }, note(word, 'test-folder', message, 'info'));
            if (plan.hidden.length > 0) {
                out.notes.push(note(word, 'test-folder', `Node.js 20 also ran ${plan.hidden.join(', ')} (hidden files), which a glob never matches; name them after --test if they hold tests`, 'warning'));
            }
        }
        else if (plan.kind === 'unknown') {
            out.notes.push(note(word, 'test-folder', `${what}. Not rewritten: ${plan.why}; if it is a folder, pass globs of its test files instead`, 'manual'));
        }
    }
}
/** Node.js 22.18 / 23.6 and later also discover TypeScript tests: files that did not run before. */
function typescriptDiscovery(at, env, out) {
    const { crossing, cwd } = env;
    if (cwd === undefined || !(crossing.source < TS_DISCOVERY_MAJOR && crossing.target >= 22))
        return;
    const rests = cwd === ''
        ? env.files
        : env.files.filter((file) => file.startsWith(`${cwd}/`)).map((file) => file.slice(cwd.length + 1));
    const typescript = defaultFiles(rests, true).filter((rest) => !/\.(cjs|mjs|js)$/.test(rest));
    if (typescript.length === 0)
        return;
    const shown = typescript
        .slice(0, 3)
        .map((rest) => (cwd ? `${cwd}/${rest}` : rest))
        .join(', ');
    out.notes.push(note(at, 'test-typescript', `\`node --test\` on Node.js 22.18, 23.6 and later also runs TypeScript test files (type stripping is on by default), which it skipped before: ${shown}${typescript.length > 3 ? ` and ${typescript.length - 3} more` : ''}. Add --no-experimental-strip-types or pass globs of the JavaScript tests if they should not run`, 'warning'));
}
/** The flags of a NODE_OPTIONS value (`NODE_OPTIONS=… cmd`, `export`, CI env maps). */
export function nodeOptionsValue(assignment, env, out) {
    const { word, valueStart } = assignment;
    const tokens = [...word.value.slice(valueStart).matchAll(/\S+/g)].map((m) => ({
        text: m[0],
        from: valueStart + m.index,
    }));
    tokens.forEach((token, index) => {
        if (!token.text.startsWith('--'))
            return;
        const eq = token.text.indexOf('=');
        const name = eq === -1 ? token.text : token.text.slice(0, eq);
        const remove = () => {
            const before = tokens[index - 1];
            const after = tokens[index + 1];
            const end = token.from + token.text.length;
            if (before)
                return { kind: 'splice', word, from: before.from + before.text.length, to: end, text: '' };
            if (after)
                return { kind: 'splice', word, from: token.from, to: after.from, text: '' };
            return { kind: 'splice', word, from: token.from, to: end, text: '' };
        };
        flagRule({ name, from: token.from, words: [word] }, env, out, remove, 'NODE_OPTIONS ');
    });
}
