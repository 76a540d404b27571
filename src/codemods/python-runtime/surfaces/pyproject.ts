// pyproject.toml: `requires-python` (PEP 621), Poetry's `python` dependency, and the version
// tools target: ruff's and black's `target-version` (`py39`), mypy's `python_version` and
// pyright's `pythonVersion` (`"3.9"`). Pipfile's `[requires] python_version` is read here too.
// (https://packaging.python.org/en/latest/specifications/pyproject-toml/#requires-python)
import { listEdits, type ListItem } from '../../runtime-upgrade/dedupe.js';
import { applyEdits, type Edit } from '../../runtime-upgrade/edits.js';
import { baseName } from '../../runtime-upgrade/scope.js';
import type { Surface, SurfaceContext } from '../../runtime-upgrade/surface.js';
import { requirementEdit } from '../requirement.js';
import { tomlSettings, type SettingItem } from '../settings.js';
import { formatPython, parsePython, pythonVersion } from '../versions.js';

/** `py39` → 309. */
function pyTag(value: string): number | undefined {
  const match = /^py(3)(\d{1,2})$/.exec(value);
  return match ? pythonVersion(3, Number(match[2])) : undefined;
}

function writePyTag(version: number): string {
  return `py${formatPython(version).replace('.', '')}`;
}

/** A `"3.9"` value (mypy, pyright, Pipfile): the edit that moves it. */
function versionEdit(item: SettingItem, ctx: SurfaceContext, what: string): Edit | undefined {
  const version = parsePython(item.value);
  if (version === undefined || !ctx.shouldUpgrade(version, item.start, `${what} "${item.value}"`)) return undefined;
  return { start: item.start, end: item.end, text: formatPython(ctx.target) };
}

function tagEdit(item: SettingItem, ctx: SurfaceContext, what: string): Edit | undefined {
  const version = pyTag(item.value);
  if (version === undefined || !ctx.shouldUpgrade(version, item.start, `${what} "${item.value}"`)) return undefined;
  return { start: item.start, end: item.end, text: writePyTag(ctx.target) };
}

/** black's list of versions the code must run on: older ones become the target, once. */
function tagListEdits(text: string, items: readonly SettingItem[], ctx: SurfaceContext, what: string): Edit[] {
  const list: ListItem[] = items.map((item) => {
    const edit = tagEdit(item, ctx, what);
    // The quotes go with an item that is dropped.
    return { start: item.start - 1, end: item.end + 1, value: edit ? edit.text : item.value, edit };
  });
  return listEdits(text, list, true);
}

const versionKeys: Record<string, string> = {
  'tool.mypy/python_version': 'mypy python_version',
  'tool.pyright/pythonVersion': 'pyright pythonVersion',
  'requires/python_version': 'Pipfile python_version',
};

/** ruff's own files hold its settings at the top level; pyproject.toml under [tool.ruff]. */
function ruffTable(file: string): string {
  return /^\.?ruff\.toml$/.test(baseName(file)) ? '' : 'tool.ruff';
}

function pyprojectEdits(text: string, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  const ruff = ruffTable(ctx.file);
  for (const setting of tomlSettings(text)) {
    const where = `${setting.table}/${setting.key}`;
    const { text: value, items } = setting;
    if (value && (where === 'project/requires-python' || where === 'tool.poetry.dependencies/python')) {
      const edit = requirementEdit(ctx, value.value, value.start, setting.key);
      if (edit) edits.push(edit);
    } else if (value && versionKeys[where]) {
      const edit = versionEdit(value, ctx, versionKeys[where]);
      if (edit) edits.push(edit);
    } else if (setting.number && where === 'tool.mypy/python_version') {
      // An unquoted `3.9` is a TOML float (`3.10` would read as 3.1): the target goes in as the string mypy documents.
      const edit = versionEdit(setting.number, ctx, versionKeys[where]);
      if (edit) edits.push({ ...edit, text: `"${edit.text}"` });
    } else if (where === 'requires/python_full_version' && value && parsePython(value.value) !== undefined) {
      const found = parsePython(value.value)!;
      if (ctx.shouldUpgrade(found, value.start, `Pipfile python_full_version "${value.value}"`))
        ctx.report(
          value.start,
          'pinned-release',
          `python_full_version pins ${value.value}; set an exact ${ctx.name(ctx.target)} release there by hand (or use python_version = "${formatPython(ctx.target)}")`,
          'manual',
        );
    } else if (setting.key === 'target-version' && (setting.table === ruff || setting.table === 'tool.black')) {
      const what = `${setting.table === 'tool.black' ? 'black' : 'ruff'} target-version`;
      if (value) {
        const edit = tagEdit(value, ctx, what);
        if (edit) edits.push(edit);
      } else if (items) edits.push(...tagListEdits(text, items, ctx, what));
    }
  }
  return edits;
}

export const pyproject: Surface = {
  name: 'pyproject',
  matches: (path) => ['pyproject.toml', 'Pipfile', 'ruff.toml', '.ruff.toml'].includes(baseName(path)),
  apply: (text, ctx) => applyEdits(text, pyprojectEdits(text, ctx)),
};
