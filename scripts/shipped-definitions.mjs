#!/usr/bin/env node
// Part of `npm run build`: parses the definitions atx ships (transformations/*/<name>/) with the
// parser just built into dist/, and writes the parsed forms to dist/definitions/shipped.json,
// keyed as src/definitions/shipped.ts looks them up (the file's kind and the SHA-256 of its text).
// A definition that does not parse stops the build with its file and line.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { parseDefinition } = await import(join(root, 'dist/definitions/parse.js'));
const { shippedKey } = await import(join(root, 'dist/definitions/shipped.js'));

const table = {};
const shipped = join(root, 'transformations');
for (const owner of readdirSync(shipped, { withFileTypes: true }).filter((e) => e.isDirectory())) {
  for (const entry of readdirSync(join(shipped, owner.name), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const name of ['transformation_definition.md', 'SKILL.md']) {
      const file = join(shipped, owner.name, entry.name, name);
      let bytes;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      // Decoded as a run reads it (definitions/load.ts): UTF-8, nothing replaced.
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      table[shippedKey(text, file)] = parseDefinition(text, file);
    }
  }
}
writeFileSync(join(root, 'dist/definitions/shipped.json'), `${JSON.stringify(table)}\n`);
