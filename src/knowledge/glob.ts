// Path globs as people write them in feedback and as learned patterns store them, matched the
// way .gitignore does: `legacy/` or `legacy` means that folder anywhere, `*` stays within one
// folder, `**` crosses folders.

/** Whether scope-relative POSIX `path` matches `glob`. */
export function matchesGlob(glob: string, path: string): boolean {
  return globToRegExp(glob).test(path);
}

export function matchesAny(globs: readonly string[], path: string): boolean {
  return globs.some((glob) => matchesGlob(glob, path));
}

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const folder = g.endsWith('/');
  g = g.replace(/\/+$/, '');
  // No slash inside: a name that may sit in any folder.
  if (!g.includes('/')) g = `**/${g}`;
  const body = g
    .split('/')
    .map((part) => (part === '**' ? '\u0000' : part.split('*').map(escape).join('[^/]*').replace(/\\\?/g, '[^/]')))
    .join('/')
    .replace(/\u0000\//g, '(?:.*/)?')
    .replace(/\/\u0000/g, '(?:/.*)?')
    .replace(/\u0000/g, '.*');
  // A glob naming a folder also covers everything in it.
  re = new RegExp(`^${body}${folder ? '/.*' : '(?:/.*)?'}$`);
  cache.set(glob, re);
  return re;
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\?]/g, '\\$&');
}
