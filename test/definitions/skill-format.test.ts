import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { definitionDescription, parseDefinition, renderDefinition } from '../../src/definitions/index.js';

const file = 'fixtures/definitions/skill-format/SKILL.md';

describe('SKILL.md format', async () => {
  const text = await readFile(file, 'utf8');
  const d = parseDefinition(text, file);

  it('reads the front matter and the same sections', () => {
    expect(d.format).toBe('skill');
    expect(d.frontMatter).toEqual({
      name: 'sdk-v3-migration',
      description: 'Migrate AWS SDK for JavaScript v2 calls to v3 modular clients.',
    });
    expect(d.title).toBe('AWS SDK v3 migration');
    expect(d.phases[0].steps[0].action).toEqual({ codemod: 'aws-sdk-v2-to-v3' });
    expect(d.exitCriteria[1].validator).toEqual({ validator: 'command', command: 'npm run smoke' });
  });

  it('reports lines of the file, counting the front matter', () => {
    // Break the codemod name on line 23 of the file.
    const broken = text.replace('codemod: aws-sdk-v2-to-v3', 'codemod: sdk-three');
    expect(text.split('\n')[22]).toContain('codemod: aws-sdk-v2-to-v3');
    expect(() => parseDefinition(broken, file)).toThrow(`${file}:23: unknown codemod 'sdk-three'`);
  });

  it('renders with its front matter and reads back equal', () => {
    const out = renderDefinition(d);
    expect(out.startsWith('---\nname: sdk-v3-migration\ndescription: Migrate AWS SDK')).toBe(true);
    expect(parseDefinition(out, file)).toEqual(d);
  });

  it('describes itself with the front-matter description', () => {
    expect(definitionDescription(d)).toBe('Migrate AWS SDK for JavaScript v2 calls to v3 modular clients.');
  });

  it('requires front matter in a file named SKILL.md', () => {
    const bare = text.slice(text.indexOf('# AWS SDK'));
    expect(() => parseDefinition(bare, 'defs/SKILL.md')).toThrow('defs/SKILL.md:1: SKILL.md starts with front matter');
  });

  it('rejects front matter that is unclosed, incomplete or has unknown keys', () => {
    expect(() => parseDefinition('---\nname: x\n# T\n', 'SKILL.md')).toThrow('SKILL.md:1: front matter opened');
    expect(() => parseDefinition('---\nname: x\n---\n# T\n', 'SKILL.md')).toThrow(
      "SKILL.md:2: front matter is missing 'description'",
    );
    expect(() => parseDefinition('---\nname: x\ndescription: y\nlicense: MIT\n---\n# T\n', 'SKILL.md')).toThrow(
      "SKILL.md:4: unknown front matter key 'license'; allowed: name, description",
    );
    expect(() => parseDefinition('---\nname: x\ndescription: [y\n---\n# T\n', 'SKILL.md')).toThrow(
      /^SKILL\.md:[34]: front matter is not valid YAML/,
    );
  });
});
