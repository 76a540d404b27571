import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  DefinitionSchema,
  parseDefinition,
  renderDefinition,
  type Definition,
  type Step,
} from '../../src/definitions/index.js';

const fixtures = [
  'fixtures/definitions/nodejs-upgrade-full/transformation_definition.md',
  'fixtures/definitions/heading-variants/transformation_definition.md',
  'fixtures/definitions/skill-format/SKILL.md',
];

describe('parse → render → parse', () => {
  it.each(fixtures)('%s reads back equal, and rendering is stable', async (file) => {
    const parsed = parseDefinition(await readFile(file, 'utf8'), file);
    const rendered = renderDefinition(parsed);
    expect(parseDefinition(rendered, file)).toEqual(parsed);
    // Rendering the re-read value gives the same bytes: canonical form is a fixed point.
    expect(renderDefinition(parseDefinition(rendered, file))).toBe(rendered);
  });
});

/** A value built in code, with the awkward cases: long lists, markup, code, blank lines. */
function handBuilt(): Definition {
  const many: Step[] = Array.from({ length: 12 }, (_, i) => ({ id: `1.${i + 1}`, text: `Step number ${i + 1}.` }));
  many[10] = {
    id: '1.11',
    text: 'Double-digit markers indent continuation lines by four:\n\n```js\nexports.handler = async () => 1;\n```\n\nThen continue.',
    action: { command: 'node -e "console.log(`ok`)"', timeoutSeconds: 12.5 },
  };
  return {
    format: 'transformation_definition',
    title: 'Hand-built *definition* with `code`',
    objective: 'Exercise every field. Second sentence.',
    summary:
      'First paragraph with a [link](https://example.com).\n\n> A quote\n> over two lines.\n\n- a list\n- inside the summary',
    entryCriteria: ['A git repository.', 'Multi-paragraph criterion.\n\nWith a second paragraph.'],
    phases: [
      { number: 1, title: 'Many steps', steps: many },
      {
        number: 3,
        title: 'Skips a number: and has a colon',
        description: 'Do these only after phase 1.\n\n#### A sub-heading\n\nMore prose.',
        steps: [
          {
            id: '3.1',
            text: 'Run a codemod with options.',
            action: {
              codemod: 'nodejs-runtime-upgrade',
              options: { target: 24, files: ['template.yaml'], nested: { dry: false, note: 'a: b # not a comment' } },
              retries: 3,
              dependsOn: ['1.10', '1.2'],
            },
          },
          { id: '3.2', text: 'Agent step\nwith a hard-wrapped line and `inline code`.' },
        ],
      },
    ],
    guardrails: ['Keep **public** APIs.', 'Text that starts with a number: 2024 is a year.'],
    exitCriteria: [
      { id: 'exit-1', text: 'Builds.', validator: { validator: 'build', command: 'npm run build' } },
      {
        id: 'exit-2',
        text: 'No v2 SDK left.',
        validator: {
          validator: 'no-match',
          pattern: 'from \'aws-sdk\'|require\\("aws-sdk"\\)',
          paths: ['src/**', 'lib/*.js'],
        },
      },
      {
        id: 'exit-3',
        text: 'Runs under Node.js 24.',
        validator: { validator: 'node-runtime', options: { version: '24' } },
      },
      { id: 'exit-4', text: 'Reviewed.' },
    ],
  };
}

describe('render → parse for hand-built values', () => {
  it('reads back a transformation_definition value equal to the one built', () => {
    const d = handBuilt();
    expect(DefinitionSchema.parse(d)).toEqual(d);
    const text = renderDefinition(d);
    expect(parseDefinition(text, 'transformation_definition.md')).toEqual(d);
    // The atx block of step 1.11 sits under a four-space indent ("11. " is four wide).
    expect(text).toContain('11. Double-digit markers');
    expect(text).toContain('\n    ```atx\n    command: node -e');
  });

  it('reads back a SKILL value equal to the one built', () => {
    const d: Definition = {
      ...handBuilt(),
      format: 'skill',
      frontMatter: { name: 'hand-built', description: 'Has: a colon, "quotes" and # a hash.' },
    };
    expect(parseDefinition(renderDefinition(d), 'SKILL.md')).toEqual(d);
  });

  it('reads back a minimal value (no entry criteria, no guardrails, no actions)', () => {
    const d: Definition = {
      format: 'transformation_definition',
      title: 'Minimal',
      objective: 'Do one thing.',
      summary: 'Nothing else.',
      entryCriteria: [],
      phases: [{ number: 1, title: 'Only', steps: [{ id: '1.1', text: 'Do it.' }] }],
      guardrails: [],
      exitCriteria: [{ id: 'exit-1', text: 'It is done.' }],
    };
    const text = renderDefinition(d);
    expect(text).not.toContain('Entry Criteria');
    expect(text).not.toContain('Guardrails');
    expect(parseDefinition(text, 'd.md')).toEqual(d);
  });

  it('refuses a value whose format and front matter disagree', () => {
    const d = handBuilt();
    expect(() => renderDefinition({ ...d, format: 'skill' })).toThrow('needs front matter');
    expect(() => renderDefinition({ ...d, frontMatter: { name: 'n', description: 'd' } })).toThrow(
      'cannot have front matter',
    );
  });

  it('refuses a phase description holding a list, which would read back as steps', () => {
    const d = handBuilt();
    d.phases[1].description = 'Before you start:\n\n- back up\n- branch';
    expect(() => renderDefinition(d)).toThrow('the description of phase 3 holds a list');
  });
});
