// `node --test <folder>`: Node.js 20 and older searched the folder for test files; Node.js 21
// reads every argument of --test as a glob, so a folder matches itself, is loaded as a module and
// fails with MODULE_NOT_FOUND (https://github.com/nodejs/node/pull/47653). The rewrite names the
// files Node.js 20 ran as globs that Node.js 21 and later expand to exactly those files.
//
// Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/test.html#test-runner-execution-model):
// under the folder, skipping node_modules, every .js/.cjs/.mjs file inside a folder named `test`,
// elsewhere the files whose name is `test`, `test-*` or `*.test`, `*-test`, `*_test`.
// Node.js 21+ globs (https://nodejs.org/api/test.html#running-tests-from-the-command-line): `*`
// and `**` never match a name that starts with a dot, and node_modules is skipped.
/** Node.js 21 made --test arguments globs. */
export const TEST_GLOB_MAJOR = 21;
const jsExt = /\.(c|m)?js$/;
const node20Name = /^(test|test-.+|.+[.\-_]test)$/;
const defaultName = /^(test|test-[^/]*|[^/]*[._-]test)\.(cjs|mjs|js)$/;
const defaultTsName = /^(test|test-[^/]*|[^/]*[._-]test)\.(cts|mts|ts)$/;
function segments(rest) {
    return rest.split('/');
}
function visible(rest) {
    return segments(rest).every((part) => !part.startsWith('.') && part !== 'node_modules');
}
function underTestFolder(rest) {
    return segments(rest).slice(0, -1).includes('test');
}
function baseOf(rest) {
    return rest.slice(rest.lastIndexOf('/') + 1);
}
/** The files `node --test <folder>` ran on Node.js 20, relative to the folder. */
export function node20Files(folderIsTest, rests) {
    return rests.filter((rest) => {
        if (segments(rest).includes('node_modules') || !jsExt.test(rest))
            return false;
        return folderIsTest || underTestFolder(rest) || node20Name.test(baseOf(rest).replace(jsExt, ''));
    });
}
/** Globs for the folder, simplest first; each knows which files it matches. */
function candidates(prefix, folderIsTest, ran) {
    const out = [];
    const suffixes = new Set(ran.map((rest) => /(?:[.\-_]test)?\.(?:c|m)?js$/.exec(baseOf(rest))[0]));
    if (suffixes.size === 1) {
        const [suffix] = [...suffixes];
        out.push([{ glob: `${prefix}**/*${suffix}`, matches: (rest) => visible(rest) && baseOf(rest).endsWith(suffix) }]);
    }
    const exts = new Set(ran.map((rest) => jsExt.exec(rest)[0]));
    if (exts.size === 1) {
        const [ext] = [...exts];
        out.push([{ glob: `${prefix}**/*${ext}`, matches: (rest) => visible(rest) && rest.endsWith(ext) }]);
    }
    const anyJs = (rest) => visible(rest) && /\.(cjs|mjs|js)$/.test(rest);
    if (folderIsTest)
        out.push([{ glob: `${prefix}**/*.{cjs,mjs,js}`, matches: anyJs }]);
    else {
        out.push([
            {
                glob: `${prefix}**/{test,test-*,*[._-]test}.{cjs,mjs,js}`,
                matches: (rest) => visible(rest) && defaultName.test(baseOf(rest)),
            },
            { glob: `${prefix}**/test/**/*.{cjs,mjs,js}`, matches: (rest) => anyJs(rest) && underTestFolder(rest) },
        ]);
    }
    return out;
}
function sameSet(a, b) {
    const set = new Set(a);
    return a.length === b.length && b.every((item) => set.has(item));
}
/** Files Node.js 22+ discovers with `node --test` and no argument, relative to the folder it runs in. */
export function defaultFiles(rests, typescript) {
    return rests.filter((rest) => {
        if (!visible(rest))
            return false;
        const base = baseOf(rest);
        if (defaultName.test(base) || (underTestFolder(rest) && /\.(cjs|mjs|js)$/.test(base)))
            return true;
        return typescript && (defaultTsName.test(base) || (underTestFolder(rest) && /\.(cts|mts|ts)$/.test(base)));
    });
}
function normalise(arg) {
    if (arg.startsWith('/') || /^[A-Za-z]:[\\/]/.test(arg) || arg.split(/[\\/]/).includes('..'))
        return undefined;
    return arg
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, '')
        .replace(/^\.$/, '');
}
/** What `node --test <arg>` needs on Node.js 21 and later. */
export function planTestFolder({ arg, cwd, only, files }) {
    if (/[*?[\]{}]/.test(arg))
        return { kind: 'not-a-folder' };
    const rel = normalise(arg);
    if (rel === undefined)
        return { kind: 'unknown', why: `${arg} lies outside the repository` };
    // The working folder itself: Node.js 20 searched it like the default discovery does (unless it is named test).
    if (rel === '' && only && cwd !== undefined && baseOf(cwd) !== 'test')
        return { kind: 'default' };
    const prefix = rel === '' ? '' : `${rel}/`;
    // Node.js 20 looked at the folder's own name: `.` run from a folder named test is a test folder.
    const folderIsTest = baseOf(rel === '' && cwd !== undefined ? cwd : rel) === 'test';
    if (cwd === undefined)
        return folderByName(arg, rel, prefix, folderIsTest, files);
    const path = cwd === '' ? rel : rel === '' ? cwd : `${cwd}/${rel}`;
    if (files.includes(path))
        return { kind: 'not-a-folder' };
    const inside = path === ''
        ? files
        : files.filter((file) => file.startsWith(`${path}/`)).map((file) => file.slice(path.length + 1));
    if (inside.length === 0) {
        if (arg.endsWith('/'))
            return semantic(prefix, folderIsTest);
        if (/\.[cm]?[jt]sx?$/.test(arg))
            return { kind: 'not-a-folder' };
        return { kind: 'unknown', why: `${arg} is neither a file nor a folder of the repository (is it built?)` };
    }
    const ran = node20Files(folderIsTest, inside);
    if (ran.length === 0)
        return { kind: 'unknown', why: `Node.js 20 found no test file in ${arg}` };
    const hidden = ran.filter((rest) => !visible(rest));
    const shown = ran.filter((rest) => visible(rest));
    for (const patterns of candidates(prefix, folderIsTest, shown)) {
        const matched = inside.filter((rest) => patterns.some((pattern) => pattern.matches(rest)));
        if (sameSet(matched, shown))
            return {
                kind: 'globs',
                globs: patterns.map((p) => p.glob),
                files: shown.length,
                hidden: hidden.map((rest) => `${path}/${rest}`),
            };
    }
    return { kind: 'unknown', why: `no glob matches exactly the ${ran.length} files Node.js 20 ran from ${arg}` };
}
/** Without a working folder the files are unknown: the glob that matches what Node.js 20 ran, by construction. */
function folderByName(arg, rel, prefix, folderIsTest, files) {
    if (arg.endsWith('/') || (rel !== '' && files.some((file) => `/${file}`.includes(`/${rel}/`))))
        return semantic(prefix, folderIsTest);
    if (/\.[cm]?[jt]sx?$/.test(arg) || files.some((file) => file === rel || file.endsWith(`/${rel}`)))
        return { kind: 'not-a-folder' };
    return { kind: 'unknown', why: `cannot tell whether ${arg} is a folder` };
}
function semantic(prefix, folderIsTest) {
    const patterns = candidates(prefix, folderIsTest, []).at(-1);
    return { kind: 'globs', globs: patterns.map((p) => p.glob), files: undefined, hidden: [] };
}
