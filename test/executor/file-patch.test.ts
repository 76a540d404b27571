import { applyPatch, createTwoFilesPatch, formatPatch, structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { filePatch } from '../../src/executor/file-patch.js';

const handler = (body: string[]) =>
  [
    "'use strict';",
    "const AWS = require('aws-sdk');",
    '',
    '// Reads one order.',
    ...Array.from({ length: 30 }, (_, i) => `const constant${i} = ${i};`),
    ...body,
    ...Array.from({ length: 30 }, (_, i) => `function helper${i}() { return ${i}; }`),
    '',
  ].join('\n');

/** A small generator of line edits, the same every run. */
function* edits(seed: number): Generator<[string, string]> {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
  const pool = ['}', '', '  return x;', 'a();', 'b();', 'a();b();', '  return x;;', '  if (x) {', '// note', 'c();\r'];
  for (let n = 0; n < 300; n++) {
    const size = Math.floor(random() * 40);
    const before = Array.from({ length: size }, () => pool[Math.floor(random() * pool.length)]!);
    const after = [...before];
    for (let k = Math.floor(random() * 4); k >= 0; k--) {
      const at = Math.floor(random() * (after.length + 1));
      if (random() < 0.5 && after.length > 0) after.splice(at, 1);
      else after.splice(at, 0, pool[Math.floor(random() * pool.length)]!);
    }
    const end = (lines: string[]) => lines.join('\n') + (random() < 0.7 ? '\n' : '');
    yield [end(before), end(after)];
  }
}

describe('the dry run diff of a file', () => {
  it('is the full comparison’s diff for a converted handler, line numbers included', () => {
    const before = handler([
      'exports.handler = function (event, context, callback) {',
      '  callback(null, { ok: true });',
      '};',
    ]);
    const after = handler(['exports.handler = async function (event, context) {', '  return { ok: true };', '};']);
    const full = createTwoFilesPatch('a/src/h.js', 'b/src/h.js', before, after, '', '', { context: 3 });
    expect(filePatch('src/h.js', before, after)).toBe(full);
    expect(full).toContain('@@ -32,8 +32,8 @@');
  });

  it('applies to the original to give the changed text, at the start, the end and without a last line feed', () => {
    let checked = 0;
    for (const [before, after] of edits(7)) {
      const patch = filePatch('f.js', before, after);
      expect(applyPatch(before, patch), JSON.stringify({ before, after, patch })).toBe(after);
      checked++;
    }
    expect(checked).toBe(300);
  });

  it('writes the hunks jsdiff writes when it compares the lines between the shared start and end', () => {
    // jsdiff's own patch of the lines left after the shared start and end (beyond the context),
    // its line numbers moved by the lines left out: what the dry run's diff was before it wrote
    // the hunks itself.
    const reference = (before: string, after: string) => {
      const [old, next] = [before, after].map((text) => text.split(/(?<=\n)/).filter(Boolean)) as [string[], string[]];
      let prefix = 0;
      while (prefix < old.length && prefix < next.length && old[prefix] === next[prefix]) prefix++;
      let suffix = 0;
      while (
        suffix < old.length - prefix &&
        suffix < next.length - prefix &&
        old.at(-1 - suffix) === next.at(-1 - suffix)
      )
        suffix++;
      const [skipStart, skipEnd] = [Math.max(0, prefix - 3), Math.max(0, suffix - 3)];
      const middle = (lines: string[]) => lines.slice(skipStart, lines.length - skipEnd).join('');
      const patch = structuredPatch('a/f.js', 'b/f.js', middle(old), middle(next), '', '', { context: 3 });
      for (const hunk of patch.hunks) {
        hunk.oldStart += skipStart;
        hunk.newStart += skipStart;
      }
      return formatPatch(patch);
    };
    const around = Array.from({ length: 10 }, (_, i) => `const shared${i} = ${i};\n`).join('');
    let compared = 0;
    for (const [before, after] of edits(11)) {
      for (const [a, b] of [
        [before, after],
        [around + before, around + after],
      ] as const) {
        expect(filePatch('f.js', a, b), JSON.stringify({ a, b })).toBe(reference(a, b));
        compared++;
      }
    }
    expect(compared).toBe(600);
  });

  it('shows a file that was emptied or created whole', () => {
    expect(filePatch('f.js', 'a\nb\n', '')).toBe(
      createTwoFilesPatch('a/f.js', 'b/f.js', 'a\nb\n', '', '', '', { context: 3 }),
    );
    expect(filePatch('f.js', '', 'a\n')).toBe(
      createTwoFilesPatch('a/f.js', 'b/f.js', '', 'a\n', '', '', { context: 3 }),
    );
  });
});
