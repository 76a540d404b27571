import { describe, expect, it } from 'vitest';
import { definitionDescription, type Definition } from '../../src/definitions/index.js';

function withObjective(objective: string, frontMatter?: Definition['frontMatter']): Definition {
  return {
    format: frontMatter ? 'skill' : 'transformation_definition',
    ...(frontMatter ? { frontMatter } : {}),
    title: 'T',
    objective,
    summary: 'S.',
    entryCriteria: [],
    phases: [{ number: 1, title: 'P', steps: [{ id: '1.1', text: 'Do.' }] }],
    guardrails: [],
    exitCriteria: [{ id: 'exit-1', text: 'Done.' }],
  };
}

describe('definitionDescription', () => {
  it('uses the SKILL front-matter description on one line', () => {
    const d = withObjective('Ignored.', { name: 'n', description: 'Two\nlines  of text.' });
    expect(definitionDescription(d)).toBe('Two lines of text.');
  });

  it('takes the first sentence of the objective as plain text', () => {
    const d = withObjective(
      'Move **Lambda** functions to [Node.js 24](https://nodejs.org)\nand `nodejs24.x`. Keep behaviour.',
    );
    expect(definitionDescription(d)).toBe('Move Lambda functions to Node.js 24 and nodejs24.x.');
  });

  it('does not stop at abbreviations or version numbers', () => {
    const d = withObjective('Upgrade runtimes, e.g. from Node.js 18.x to 24.x, in every template. Then test.');
    expect(definitionDescription(d)).toBe('Upgrade runtimes, e.g. from Node.js 18.x to 24.x, in every template.');
  });

  it('uses the whole objective when it has no sentence end', () => {
    expect(definitionDescription(withObjective('Convert handlers to async'))).toBe('Convert handlers to async');
  });
});
