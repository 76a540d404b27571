import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDefinition, renderDefinition } from '../../src/definitions/index.js';

const file = 'fixtures/definitions/heading-variants/transformation_definition.md';

describe('definitions written with heading variants and sections out of order', async () => {
  const d = parseDefinition(await readFile(file, 'utf8'), file);

  it('matches headings case-insensitively and accepts common spellings', () => {
    expect(d.title).toBe('Convert handlers to *async*');
    expect(d.objective).toBe('Convert callback handlers to async functions. Nothing else changes.');
    expect(d.summary).toBe('Lambda Node.js 24 dropped callback handlers.');
    expect(d.entryCriteria).toEqual([]);
  });

  it('takes paragraphs as items in a section without a list', () => {
    expect(d.guardrails).toEqual(['Never edit generated files.', 'Do not change exported names.']);
  });

  it('attaches an atx block written flush left to the item before it', () => {
    expect(d.phases[0].steps[0]).toEqual({
      id: '1.1',
      text: 'Convert the handlers.',
      action: { codemod: 'lambda-callback-to-async' },
    });
    expect(d.exitCriteria[1]).toEqual({
      id: 'exit-2',
      text: 'No handler takes a callback.',
      validator: { validator: 'no-match', pattern: 'callback\\(', paths: ['src'] },
    });
  });

  it('continues step numbering after the list was split and keeps multi-line commands', () => {
    expect(d.phases[0].title).toBe('Convert');
    expect(d.phases[0].steps[1]).toEqual({
      id: '1.2',
      text: 'Run the formatter.',
      action: { command: 'npx prettier --write "src/**/*.js"\nnpx eslint --fix src\n', retries: 2 },
    });
  });

  it('accepts a phase heading without a title and bullet steps with nested lists', () => {
    expect(d.phases[1]).toEqual({
      number: 2,
      title: '',
      steps: [{ id: '2.1', text: 'Check the `README` still describes the handlers:\n- signature\n- error handling' }],
    });
  });

  it('renders the canonical headings in the canonical order', () => {
    const out = renderDefinition(d);
    const headings = out.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Objective',
      '## Summary',
      '## Implementation Steps',
      '## Constraints and Guardrails',
      '## Validation / Exit Criteria',
    ]);
    expect(parseDefinition(out, file)).toEqual(d);
  });
});
