import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionDescription, loadDefinitionDir, parseDefinition, renderDefinition } from '../../src/definitions/index.js';

// The definitions shipped with the tool must always load, and survive a render round trip.
const root = 'transformations/AWS';
const folders = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(root, e.name));

describe('AWS-managed definitions', () => {
  it('are shipped', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  it.each(folders)('%s loads, describes itself and reads back equal after rendering', async (folder) => {
    const { definition } = await loadDefinitionDir(folder);
    expect(definition.phases.length).toBeGreaterThan(0);
    expect(definitionDescription(definition)).not.toMatch(/\n/);
    const rendered = renderDefinition(definition);
    expect(parseDefinition(rendered, join(folder, 'transformation_definition.md'))).toEqual(definition);
  });
});
