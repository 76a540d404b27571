// Version-manager files: those that hold only a version (.nvmrc, .node-version for nvm, fnm,
// nodenv, volta; .python-version for pyenv, runtime.txt for Heroku-style platforms) and asdf/mise
// .tool-versions. A pinned `v20.11.0` becomes `v24` and `3.9.18` becomes `3.13`: a prefix is
// kept, patch releases are dropped because atx cannot know the newest one of the target offline.
import { applyEdits, type Edit } from '../edits.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';

function tokenEdit(token: string, offset: number, ctx: SurfaceContext, file: string): Edit | undefined {
  const version = ctx.language.token(token);
  if (!version || !ctx.shouldUpgrade(version.version, offset, `${file} ${token}`)) return undefined;
  const next = version.render(ctx.target);
  if (next === undefined) {
    ctx.report(
      offset,
      'unsupported-target',
      `${token} cannot name ${ctx.name(ctx.target)} (it has no such name); not changed`,
      'manual',
    );
    return undefined;
  }
  if (version.pinned && file !== ctx.language.versionFiles.keepsPatch) {
    ctx.report(
      offset,
      'pinned-patch',
      `${token} became ${next}; pin an exact ${ctx.name(ctx.target)} release if your version manager needs one`,
      'info',
    );
  }
  return { start: offset, end: offset + token.length, text: next };
}

/** .nvmrc, .python-version, …: the first word of the first non-comment line. */
function singleVersionEdits(text: string, ctx: SurfaceContext, file: string): Edit[] {
  const match = /^(?:\s*#.*\n)*\s*([^\s#]+)/.exec(text);
  if (!match) return [];
  const edit = tokenEdit(match[1], match[0].length - match[1].length, ctx, file);
  return edit ? [edit] : [];
}

/** .tool-versions: the first version on the language's line (`nodejs` for asdf, `node` for mise; `python`). */
function toolVersionsEdits(text: string, ctx: SurfaceContext): Edit[] {
  const tools = ctx.language.versionFiles.tools.join('|');
  const match = new RegExp(`^([ \\t]*(?:${tools})[ \\t]+)([^\\s#]+)`, 'm').exec(text);
  if (!match) return [];
  const edit = tokenEdit(match[2], match.index + match[1].length, ctx, '.tool-versions');
  return edit ? [edit] : [];
}

export const versionFiles: Surface = {
  name: 'version-files',
  matches: (path, _text, language) => [...language.versionFiles.single, '.tool-versions'].includes(baseName(path)),
  apply(text, ctx) {
    const file = baseName(ctx.file);
    const edits = file === '.tool-versions' ? toolVersionsEdits(text, ctx) : singleVersionEdits(text, ctx, file);
    return applyEdits(text, edits);
  },
};
