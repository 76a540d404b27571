import { describe, expect, it } from 'vitest';
import {
  parseDefinition,
  renderDefinition,
  type Definition,
  type ExitCriterion,
  type Phase,
} from '../../src/definitions/index.js';

// Markdown an author plausibly writes inside one field; combined at random below.
const snippets = [
  'Plain sentence.',
  'Text with `code`, **bold**, _emphasis_ and a [link](https://example.com/a_b).',
  'A hard-wrapped line\nthat continues here.',
  'First paragraph.\n\nSecond paragraph.',
  'Bullets:\n\n- one\n- two',
  'Numbers:\n\n1. first\n2. second',
  '```js\nconst a = 1;\n\nconst b = 2;\n```',
  '> A quoted note\n> on two lines.',
  'Ends with a colon:',
  'A hard break  \nafter two spaces.',
  'Text with <!-- an html comment --> inside.',
  'Escaped \\*stars\\* and a \\# hash.',
  '1999\\. was a year.',
  'Tabs\tinside text.',
];

/** Small deterministic PRNG (mulberry32) so a failure is reproducible by seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(seed: number): Definition {
  const rnd = random(seed);
  const pick = () => snippets[Math.floor(rnd() * snippets.length)];
  const text = (max: number) => Array.from({ length: 1 + Math.floor(rnd() * max) }, pick).join('\n\n');
  const count = (max: number) => Math.floor(rnd() * max);
  const phases: Phase[] = Array.from({ length: 1 + count(3) }, (_, p) => {
    const phase: Phase = {
      number: p + 1,
      title: rnd() < 0.2 ? '' : `Phase title ${p + 1} with \`code\``,
      steps: Array.from({ length: 1 + count(11) }, (_, s) => ({ id: `${p + 1}.${s + 1}`, text: text(2) })),
    };
    // A list under a phase is read as its steps, so descriptions hold no list.
    if (rnd() < 0.4)
      phase.description = [pick(), pick()].filter((t) => !/^(- |1\. )/m.test(t)).join('\n\n') || 'Prose.';
    for (const step of phase.steps) {
      const r = rnd();
      if (r < 0.3) step.action = { codemod: 'lambda-callback-to-async', retries: count(4) };
      else if (r < 0.5)
        step.action = { command: `npm run task-${count(9)} -- --flag="x y"`, timeoutSeconds: 1 + count(600) };
    }
    return phase;
  });
  const exitCriteria: ExitCriterion[] = Array.from({ length: 1 + count(4) }, (_, i) => ({
    id: `exit-${i + 1}`,
    text: text(2),
  }));
  if (rnd() < 0.5) exitCriteria[0].validator = { validator: 'no-match', pattern: 'aws-sdk[\'"]', paths: ['src/**'] };
  const guardrails = Array.from({ length: count(3) }, () => text(2));
  // Some guardrails protect paths: globs YAML would misread unquoted (`*.js`, `a: b`) among them.
  const globs = ['legacy/**', '*.min.js', 'src/generated/', 'docs/a: b.md', 'x?.json', '@scope/pkg/**'];
  const protectedPaths = guardrails.flatMap((_, i) =>
    rnd() < 0.5 ? [{ guardrail: i + 1, paths: globs.filter(() => rnd() < 0.5).concat('legacy/**') }] : [],
  );
  return {
    format: 'transformation_definition',
    title: 'Generated definition',
    objective: text(2),
    summary: text(3),
    entryCriteria: Array.from({ length: count(3) }, () => text(2)),
    phases,
    guardrails,
    ...(protectedPaths.length ? { protectedPaths } : {}),
    exitCriteria,
  };
}

describe('render → parse on generated definitions', () => {
  it('reads back 50 generated definitions equal to the ones built', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const d = generate(seed);
      const text = renderDefinition(d);
      expect(parseDefinition(text, `seed-${seed}.md`), `seed ${seed}`).toEqual(d);
    }
  });
});
