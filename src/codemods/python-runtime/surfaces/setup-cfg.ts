// setup.cfg (`[options] python_requires`, `[mypy] python_version`), mypy's own mypy.ini and
// tox.ini (`envlist` factors `py39`, `basepython = python3.9`) (https://tox.wiki/en/latest/config.html,
// https://mypy.readthedocs.io/en/stable/config_file.html).
import { listEdits, type ListItem } from '../../runtime-upgrade/dedupe.js';
import { applyEdits, type Edit } from '../../runtime-upgrade/edits.js';
import { baseName } from '../../runtime-upgrade/scope.js';
import type { Surface, SurfaceContext } from '../../runtime-upgrade/surface.js';
import { requirementEdit } from '../requirement.js';
import { iniSettings, type Setting } from '../settings.js';
import { formatPython, parsePython, pythonVersion } from '../versions.js';

function setupCfgEdits(settings: readonly Setting[], ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  for (const { table, key, text } of settings) {
    if (!text) continue;
    if (table === 'options' && key === 'python_requires') {
      const edit = requirementEdit(ctx, text.value, text.start, 'python_requires');
      if (edit) edits.push(edit);
    } else if (table === 'mypy' && key === 'python_version') {
      const version = parsePython(text.value);
      if (version !== undefined && ctx.shouldUpgrade(version, text.start, `mypy python_version ${text.value}`))
        edits.push({ start: text.start, end: text.end, text: formatPython(ctx.target) });
    }
  }
  return edits;
}

/** `py39` → 309; `py3`, `pypy39`, `lint` are not versions. */
function toxFactor(value: string): number | undefined {
  const match = /^py3(\d{1,2})$/.exec(value);
  return match ? pythonVersion(3, Number(match[1])) : undefined;
}

function toxEdits(text: string, settings: readonly Setting[], ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  for (const { table, key, at, items = [] } of settings) {
    if (table === 'tox' && key === 'envlist') {
      if (items.some((item) => /[{}]/.test(item.value))) {
        ctx.report(at, 'tox-envlist', 'envlist uses {…} factor expansion; move its Python factors by hand', 'manual');
        continue;
      }
      const next = `py${formatPython(ctx.target).replace('.', '')}`;
      const list: ListItem[] = items.map((item) => {
        const version = toxFactor(item.value);
        const move = version !== undefined && ctx.shouldUpgrade(version, item.start, `tox env ${item.value}`);
        // An env with a section of its own keeps that section's name: the two must be renamed together.
        const section = move && settings.find((s) => s.table === `testenv:${item.value}`);
        if (section)
          ctx.report(
            section.at,
            'tox-env-section',
            `envlist now names ${next} instead of ${item.value}, but [testenv:${item.value}] still configures ${item.value}: rename the section (and its factor-specific settings) to ${next}`,
            'manual',
          );
        return { ...item, value: move ? next : item.value, edit: move ? { ...item, text: next } : undefined };
      });
      edits.push(...listEdits(text, list, true));
    } else if (table.startsWith('testenv') && key === 'basepython') {
      for (const item of items) {
        const match = /^python(3\.\d{1,2})$/.exec(item.value);
        const version = match ? parsePython(match[1]) : undefined;
        if (version !== undefined && ctx.shouldUpgrade(version, item.start, `basepython ${item.value}`))
          edits.push({ start: item.start, end: item.end, text: `python${formatPython(ctx.target)}` });
      }
    }
  }
  return edits;
}

export const setupCfg: Surface = {
  name: 'setup-cfg',
  matches: (path) => ['setup.cfg', 'tox.ini', 'mypy.ini', '.mypy.ini'].includes(baseName(path)),
  apply(text, ctx) {
    const settings = iniSettings(text);
    const edits = baseName(ctx.file) === 'tox.ini' ? toxEdits(text, settings, ctx) : setupCfgEdits(settings, ctx);
    return applyEdits(text, edits);
  },
};
