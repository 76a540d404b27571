// The offline brain turns "never touch the legacy folder" into a guardrail that protects it: in a
// draft, in an edit, said on its own in the session; the result reads back with its block.
import { describe, expect, it } from 'vitest';
import { parseDefinition, renderDefinition, type Definition } from '../../src/definitions/index.js';
import { draftOffline } from '../../src/llm/offline/draft.js';
import { interpretOffline } from '../../src/llm/offline/intents.js';
import { reviseOffline } from '../../src/llm/offline/revise.js';

function roundTrip(d: Definition): string {
  const text = renderDefinition(d);
  expect(parseDefinition(text, 'transformation_definition.md')).toEqual(d);
  return text;
}

const base = draftOffline({ description: 'python 3.11 to 3.12', documents: [] });

describe('offline path guardrails', () => {
  it('an edit "never touch the legacy folder" adds a guardrail in those words with protect: ["legacy/**"]', () => {
    const edit = reviseOffline(base, 'never touch the legacy folder');
    expect(edit.changed).toBe(true);
    expect(edit.definition.guardrails).toEqual([...base.guardrails, 'Never touch the legacy folder.']);
    expect(edit.definition.protectedPaths).toEqual([{ guardrail: base.guardrails.length + 1, paths: ['legacy/**'] }]);
    expect(edit.reply).toMatch(/protects legacy\/\*\*/);
    expect(roundTrip(edit.definition)).toContain(
      '- Never touch the legacy folder.\n  ```atx\n  protect: ["legacy/**"]\n  ```',
    );
    // In the session, after a draft, the same words are read as an edit to make.
    expect(interpretOffline('next', 'never touch the legacy folder')).toEqual({
      kind: 'modify',
      change: 'never touch the legacy folder',
    });
  });

  it('"add a guardrail …" keeps the words and protects every path named; one without paths has no block', () => {
    const two = reviseOffline(base, "add a guardrail: don't modify files under vendor/ or *.min.js");
    expect(two.definition.guardrails.at(-1)).toBe("Don't modify files under vendor/ or *.min.js.");
    expect(two.definition.protectedPaths).toEqual([
      { guardrail: base.guardrails.length + 1, paths: ['vendor/**', '*.min.js'] },
    ]);
    const plain = reviseOffline(base, 'add a guardrail that public APIs keep their names');
    expect(plain.definition.guardrails.at(-1)).toBe('Public APIs keep their names.');
    expect(plain.definition).not.toHaveProperty('protectedPaths');
    for (const edit of [two, plain]) roundTrip(edit.definition);
  });

  it('dropping a guardrail drops its protection and moves the later ones with their guardrails', () => {
    const one = reviseOffline(base, 'never touch legacy/').definition;
    const both = reviseOffline(one, 'leave the vendor directory alone').definition;
    const n = base.guardrails.length;
    expect(both.protectedPaths).toEqual([
      { guardrail: n + 1, paths: ['legacy/**'] },
      { guardrail: n + 2, paths: ['vendor/**'] },
    ]);
    const first = reviseOffline(both, 'drop guardrail 1').definition;
    expect(first.protectedPaths).toEqual([
      { guardrail: n, paths: ['legacy/**'] },
      { guardrail: n + 1, paths: ['vendor/**'] },
    ]);
    const legacyGone = reviseOffline(both, `remove guardrail ${n + 1}`).definition;
    expect(legacyGone.guardrails).not.toContain('Never touch legacy/.');
    expect(legacyGone.protectedPaths).toEqual([{ guardrail: n + 1, paths: ['vendor/**'] }]);
    expect(reviseOffline(both, 'drop guardrail 9').reply).toMatch(/There is no guardrail 9/);
    for (const d of [first, legacyGone]) roundTrip(d);
  });

  it('a draft whose description says never to touch a folder carries the protecting guardrail, titled by the migration alone', () => {
    const draft = draftOffline({
      description: 'angular 16 to 19 migration, never touch the legacy-v2 folder',
      documents: [],
    });
    expect(draft.title).toBe('Angular 16 to 19 migration');
    expect(draft.guardrails.at(-1)).toBe('Never touch the legacy-v2 folder.');
    expect(draft.protectedPaths).toEqual([{ guardrail: draft.guardrails.length, paths: ['legacy-v2/**'] }]);
    const generic = draftOffline({
      description: 'Move the build to Bazel; leave generated/ and config/prod.json untouched',
      documents: [],
    });
    expect(generic.title).toBe('Move the build to Bazel');
    expect(generic.protectedPaths).toEqual([
      { guardrail: generic.guardrails.length, paths: ['generated/**', 'config/prod.json'] },
    ]);
    for (const d of [draft, generic]) roundTrip(d);
  });

  it('words that name no path make no protection', () => {
    for (const said of [
      'never change behaviour',
      "don't touch anything else",
      'protect the public API',
      "don't touch step 1.2",
    ]) {
      expect(reviseOffline(base, said).definition.protectedPaths, said).toBeUndefined();
    }
    expect(
      draftOffline({ description: 'angular 16 to 19, never change the public API', documents: [] }),
    ).not.toHaveProperty('protectedPaths');
  });
});
