// A Python version requirement as projects write it (PEP 440 specifiers in `requires-python` and
// `python_requires`, Poetry's `python = "^3.9"`), moved to a target with care: only the lower
// bound is raised, its form kept (`>=3.9` → `>=3.13`, `~=3.9` → `~=3.13`, `^3.9` → `^3.13`,
// `==3.9.*` → `==3.13.*`); a requirement that excludes the target (`<3.12`, `!=3.13.*`), pins an
// exact release, or offers alternatives (`||`) is left for a person
// (https://packaging.python.org/en/latest/specifications/version-specifiers/).
import type { Edit } from '../runtime-upgrade/edits.js';
import type { SurfaceContext } from '../runtime-upgrade/surface.js';
import { formatPython, pythonVersion } from './versions.js';

export type RequirementMove =
  | { kind: 'raise'; from: number; text: string }
  | { kind: 'newer'; from: number }
  | { kind: 'left'; from?: number; why: string }
  | { kind: 'none' };

interface Clause {
  op: string;
  major: number;
  minor: number;
  /** More parts after the minor (`.1`, `.*`). */
  rest: string;
  start: number;
  end: number;
}

const clause = /(~=|===|==|!=|<=|>=|<|>|\^|~)?\s*(\d+)(?:\.(\d+))?((?:\.(?:\d+|\*))*)/g;

function clauses(text: string): Clause[] {
  const found: Clause[] = [];
  for (const m of text.matchAll(clause)) {
    found.push({
      op: m[1] ?? '',
      major: Number(m[2]),
      minor: Number(m[3] ?? 0),
      rest: m[4],
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return found;
}

/** Whether a clause lets `target` (a whole minor series) through. */
function admits(c: Clause, target: number): boolean {
  const version = pythonVersion(c.major, c.minor);
  switch (c.op) {
    // `<=3.13` is `<=3.13.0`: it shuts out 3.13.1 and later, as `<3.13.1` would.
    case '<':
    case '<=':
      return version > target;
    case '!=':
      return version !== target || !/^\.\*$|^$/.test(c.rest);
    default:
      return true;
  }
}

const lowerOps = new Set(['>=', '>', '~=', '^', '~', '==', '']);

/** What moving `text` to `target` does; `raise` carries the new text. */
export function moveRequirement(text: string, target: number): RequirementMove {
  if (/\|\|/.test(text)) return { kind: 'left', why: 'it offers alternatives (`||`)' };
  const all = clauses(text);
  const lower = all.filter((c) => lowerOps.has(c.op) && c.major === 3);
  if (lower.length !== 1) {
    return lower.length === 0 ? { kind: 'none' } : { kind: 'left', why: 'it has more than one lower bound' };
  }
  const [low] = lower;
  const from = pythonVersion(low.major, low.minor);
  const blocking = all.find((c) => c !== low && !admits(c, target));
  if (from >= target) return { kind: 'newer', from };
  if (blocking) {
    return {
      kind: 'left',
      from,
      why: `\`${text.slice(blocking.start, blocking.end).trim()}\` excludes Python ${formatPython(target)}; widening it is a decision about what the project supports`,
    };
  }
  if ((low.op === '==' || low.op === '' || low.op === '===') && low.rest !== '.*') {
    return { kind: 'left', from, why: 'it pins one exact release' };
  }
  const version = formatPython(target);
  // `~=3.9.0` means 3.9.x: the target keeps that shape (`~=3.13.0`); `==3.9.*` becomes `==3.13.*`.
  const rest = low.op === '~=' && /^\.\d+/.test(low.rest) ? '.0' : low.rest === '.*' ? '.*' : '';
  const op = low.op === '>' ? '>=' : low.op;
  const written = text.slice(low.start, low.end);
  const spacing = /^(~=|===|==|<=|>=|<|>|\^|~)?(\s*)/.exec(written)![2];
  return {
    kind: 'raise',
    from,
    text: text.slice(0, low.start) + op + spacing + version + rest + text.slice(low.end),
  };
}

/** A requirement at `[start, end)` of a file moved to the target: its edit, or findings that say why not. */
export function requirementEdit(ctx: SurfaceContext, value: string, start: number, what: string): Edit | undefined {
  const move = moveRequirement(value, ctx.target);
  if (move.kind === 'none') return undefined;
  if (move.kind === 'newer') {
    ctx.shouldUpgrade(move.from, start, `${what} "${value}"`);
    return undefined;
  }
  if (move.kind === 'left') {
    if (move.from !== undefined) ctx.declares(move.from);
    ctx.report(start, 'requirement-left', `${what} "${value}" left as it is: ${move.why}`, 'manual');
    return undefined;
  }
  if (!ctx.shouldUpgrade(move.from, start, `${what} "${value}"`)) return undefined;
  return { start, end: start + value.length, text: move.text };
}
