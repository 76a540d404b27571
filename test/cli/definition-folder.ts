// A small valid definition folder for the CLI tests: one command step, one no-match criterion,
// a reference document; `title` tells versions apart.
import { tempDir, writeFiles } from '../helpers/cli.js';

export const definition = (title: string) => `# ${title}

## Objective
Say hello in every README.

## Summary
A tiny definition used by the CLI tests.

## Implementation Steps

### Phase 1: Greet
1. Append a greeting to README.md.
   \`\`\`atx
   command: echo hello >> README.md
   \`\`\`

## Validation / Exit Criteria
- README.md greets.
  \`\`\`atx
  validator: no-match
  pattern: "^goodbye$"
  \`\`\`
`;

export async function definitionFolder(title: string): Promise<string> {
  const dir = await tempDir('atx-def-');
  await writeFiles(dir, {
    'transformation_definition.md': definition(title),
    'document_references/guide.md': '# Guide\n',
  });
  return dir;
}
