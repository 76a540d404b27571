// Version-manager files: .nvmrc, .node-version (nvm, fnm, nodenv, volta) and asdf/mise
// .tool-versions. A pinned `v20.11.0` becomes `v24`: the `v` prefix is kept, minor and patch
// are dropped because atx cannot know the newest patch release of the target offline.
import { applyEdits, type Edit } from '../edits.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';
import { codenameOf, LTS_CODENAMES, parseVersionToken } from '../../nodejs-runtime/versions.js';

function tokenEdit(token: string, offset: number, ctx: SurfaceContext, file: string): Edit | undefined {
  const lts = /^lts\/([a-z]+)$/i.exec(token);
  if (lts) {
    const major = LTS_CODENAMES[lts[1].toLowerCase()];
    const name = codenameOf(ctx.target);
    if (major === undefined || !ctx.shouldUpgrade(major, offset, `${file} ${token}`)) return undefined;
    if (!name) {
      ctx.report(
        offset,
        'unsupported-target',
        `Node.js ${ctx.target} has no LTS code name; ${token} not changed`,
        'manual',
      );
      return undefined;
    }
    return { start: offset, end: offset + token.length, text: `lts/${name}` };
  }
  const version = parseVersionToken(token);
  if (!version || !ctx.shouldUpgrade(version.major, offset, `${file} ${token}`)) return undefined;
  if (/\.\d+$/.test(token) && file !== '.nvmrc') {
    ctx.report(
      offset,
      'pinned-patch',
      `${token} became ${version.render(ctx.target, 'major')}; pin an exact Node.js ${ctx.target} release if your version manager needs one`,
      'info',
    );
  }
  return { start: offset, end: offset + token.length, text: version.render(ctx.target, 'major') };
}

/** .nvmrc / .node-version: the first word of the first non-comment line. */
function singleVersionEdits(text: string, ctx: SurfaceContext, file: string): Edit[] {
  const match = /^(?:\s*#.*\n)*\s*([^\s#]+)/.exec(text);
  if (!match) return [];
  const edit = tokenEdit(match[1], match[0].length - match[1].length, ctx, file);
  return edit ? [edit] : [];
}

/** .tool-versions: the first version on the `nodejs` (asdf) or `node` (mise) line. */
function toolVersionsEdits(text: string, ctx: SurfaceContext): Edit[] {
  const match = /^([ \t]*(?:nodejs|node)[ \t]+)([^\s#]+)/m.exec(text);
  if (!match) return [];
  const edit = tokenEdit(match[2], match.index + match[1].length, ctx, '.tool-versions');
  return edit ? [edit] : [];
}

export const versionFiles: Surface = {
  name: 'version-files',
  matches: (path) => ['.nvmrc', '.node-version', '.tool-versions'].includes(baseName(path)),
  apply(text, ctx) {
    const file = baseName(ctx.file);
    const edits = file === '.tool-versions' ? toolVersionsEdits(text, ctx) : singleVersionEdits(text, ctx, file);
    return applyEdits(text, edits);
  },
};
