// atx's one glob dialect, for every option that names paths: knowledge exclusions and learned
// patterns, a guardrail's `protect`, an exit criterion's `paths`, a codemod's `paths`. Globs are
// read the way .gitignore reads them and matched with picomatch:
//   - `legacy/` or `legacy` (no slash inside) is that folder or file at any depth, with all it holds;
//   - a slash at the start or in the middle anchors at the scope root: `/legacy`, `src/legacy`;
//   - `*` and `?` stay within one folder, `**` crosses folders, `[jt]` is one character of a set
//     and `[!j]` one not in it. Everything else is itself: `{a,b}`, `(x)`, a leading `!`.
// Paths are scope-relative and POSIX (`src/a.js`); dot files match like any other.
import picomatch from 'picomatch';
const options = {
    dot: true,
    windows: false,
    posix: true,
    nonegate: true,
    nobrace: true,
    noextglob: true,
};
const cache = new Map();
/** Whether scope-relative POSIX `path` matches `glob`. */
export function matchesGlob(glob, path) {
    return matcher(glob)(path);
}
export function matchesAny(globs, path) {
    return globs.some((glob) => matchesGlob(glob, path));
}
/** The compiled test for `glob`, kept for the next call. */
function matcher(glob) {
    let test = cache.get(glob);
    if (!test) {
        test = compile(glob);
        cache.set(glob, test);
    }
    return test;
}
function compile(glob) {
    let g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    const anchored = g.startsWith('/');
    const folder = g.endsWith('/');
    g = g.replace(/^\/+/, '').replace(/\/+$/, '');
    if (g === '')
        return () => false;
    // No slash at the start or inside: a name that may sit in any folder.
    if (!anchored && !g.includes('/'))
        g = `**/${g}`;
    // picomatch reads ( ) | as regular-expression groups; in a path they are characters.
    g = g.replace(/[()|]/g, '\\$&');
    // A folder glob covers what the folder holds; any other glob also covers what a folder of that name holds.
    return picomatch(folder ? `${g}/**/*` : [g, `${g}/**/*`], options);
}
/**
 * Which files an exit criterion's `paths` select: those matching one glob not starting with `!`
 * (every file when all start with `!`), minus those matching a glob after a `!`, whatever the order.
 */
export function pathSelector(globs) {
    const listed = globs.map((glob) => glob.trim()).filter(Boolean);
    const include = listed.filter((glob) => !glob.startsWith('!'));
    const exclude = listed.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
    return (path) => (include.length === 0 || matchesAny(include, path)) && !matchesAny(exclude, path);
}
// True when `path` lies in one of a codemod's `paths` (an empty or absent list means everywhere).
// Each entry names a folder or file from the scope root, with everything in it (`services/api`),
// or is a glob read from the root, as with a leading `/` (`services/*/src`, `**/*.ts`).
export function inPaths(path, paths) {
    if (!paths || paths.length === 0)
        return true;
    return paths.some((entry) => {
        const p = entry
            .replace(/\\/g, '/')
            .replace(/^(?:\.\/)+/, '')
            .replace(/\/+$/, '');
        if (p === '' || p === '.' || path === p || path.startsWith(`${p}/`))
            return true;
        return matchesGlob(`/${p}`, path);
    });
}
