import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../src/errors.js';
import { codemodNames } from '../../src/codemods/index.js';
import { validatorNames } from '../../src/validators/names.js';
import { parseDefinition } from '../../src/definitions/index.js';

const file = 'defs/demo/transformation_definition.md';

const valid = [
  '# Demo',
  '',
  '## Objective',
  '',
  'Do it.',
  '',
  '## Summary',
  '',
  'Because.',
  '',
  '## Implementation Steps',
  '',
  '### Phase 1: Go',
  '',
  '1. First step.',
  '   ```atx',
  '   codemod: lambda-callback-to-async',
  '   ```',
  '2. Second step.',
  '',
  '## Validation / Exit Criteria',
  '',
  '- Builds.',
  '  ```atx',
  '  validator: build',
  '  ```',
  '',
].join('\n');

/** The error parseDefinition throws for `text`; fails the test if it does not throw one. */
function errorOf(text: string): DefinitionError {
  try {
    parseDefinition(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return error as DefinitionError;
  }
  throw new Error('expected a DefinitionError');
}

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string, from = 0): number {
  const index = text.split('\n').findIndex((line, i) => i >= from && line.includes(needle));
  if (index < 0) throw new Error(`'${needle}' not in text`);
  return index + 1;
}

/** Lines in the file as `wc -l` counts them: the last line of the file. */
function linesIn(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function expectError(text: string, line: number, reason: string | RegExp): void {
  const error = errorOf(text);
  expect(error.file).toBe(file);
  expect(error.line).toBe(line);
  expect(error.message.startsWith(`${file}:${line}: `)).toBe(true);
  if (typeof reason === 'string') expect(error.reason).toContain(reason);
  else expect(error.reason).toMatch(reason);
  expect(error.exitCode).toBe(2);
}

describe('parseDefinition errors: file and line of the mistake', () => {
  it('accepts the valid base document', () => {
    expect(parseDefinition(valid, file).phases[0].steps).toHaveLength(2);
  });

  it.each([
    ['## Objective', 'Do it.', "missing required section '## Objective'"],
    ['## Summary', 'Because.', "missing required section '## Summary'"],
  ])('reports a missing %s at the end of the file', (heading, body, reason) => {
    const text = valid.replace(`${heading}\n\n${body}\n\n`, '');
    expectError(text, linesIn(text), reason);
  });

  it('reports missing steps and exit criteria at the end of the file', () => {
    const noSteps = valid.slice(0, valid.indexOf('## Implementation')) + valid.slice(valid.indexOf('## Validation'));
    expectError(noSteps, linesIn(noSteps), "missing required section '## Implementation Steps'");
    const noExit = valid.slice(0, valid.indexOf('## Validation'));
    expectError(noExit, linesIn(noExit), "missing required section '## Validation / Exit Criteria'");
  });

  it('reports a missing title where it was expected', () => {
    const text = valid.replace('# Demo\n\n', '');
    expectError(text, 1, "expected the title '# <Title>'");
  });

  it('reports a duplicate section at its second heading, naming the first', () => {
    const text = valid.replace('## Implementation Steps', '## summary\n\nAgain.\n\n## Implementation Steps');
    expectError(text, lineOf(text, '## summary'), "duplicate section '## summary' (first at line 7)");
  });

  it('reports an unknown section with the known ones', () => {
    const text = valid.replace('## Summary', '## Notes');
    expectError(text, 7, /unknown section '## Notes'; known sections: '## Objective', '## Summary'/);
  });

  it('reports invalid YAML at the line of the YAML error inside the file', () => {
    const text = valid.replace(
      '   codemod: lambda-callback-to-async',
      '   codemod: lambda-callback-to-async\n   options: {target: 24',
    );
    expectError(text, lineOf(text, 'options: {target'), 'atx block is not valid YAML');
    const dup = valid.replace('  validator: build', '  validator: build\n  validator: tests');
    expectError(dup, lineOf(dup, 'validator: tests'), 'atx block is not valid YAML');
  });

  it('reports an atx block that is not a mapping, or empty', () => {
    const list = valid.replace('   codemod: lambda-callback-to-async', '   - codemod: lambda-callback-to-async');
    expectError(list, 16, 'atx block is not a mapping');
    const empty = valid.replace('   codemod: lambda-callback-to-async\n', '');
    expectError(empty, 16, 'atx block is empty');
  });

  it('reports an atx block that is never closed at its opening fence', () => {
    const text = valid.replace('  validator: build\n  ```', '  validator: build');
    expectError(text, 24, "atx block is never closed; add a '```' line after its last line");
  });

  it('reports unknown keys at their own line, listing the allowed ones', () => {
    const step = valid.replace(
      '   codemod: lambda-callback-to-async',
      '   codemod: lambda-callback-to-async\n   retry: 2',
    );
    expectError(step, 18, "unknown key 'retry' in codemod atx block; allowed: codemod, options, retries, dependsOn");
    const criterion = valid.replace('  validator: build', '  validator: build\n  path: src');
    expectError(criterion, lineOf(criterion, 'path: src'), "unknown key 'path' in validator atx block");
  });

  it('rejects an unknown codemod, naming the known ones', () => {
    const text = valid.replace('codemod: lambda-callback-to-async', 'codemod: callback-to-promise');
    expectError(text, 17, `unknown codemod 'callback-to-promise'; known: ${codemodNames.join(', ')}`);
  });

  it('rejects an unknown validator, naming the known ones', () => {
    const text = valid.replace('validator: build', 'validator: lint');
    expectError(text, 25, `unknown validator 'lint'; known: ${validatorNames.join(', ')}`);
  });

  it('rejects two atx blocks in one step at the second block', () => {
    const text = valid.replace(
      '2. Second step.',
      '2. Second step.\n   ```atx\n   command: npm test\n   ```\n   ```atx\n   command: npm run lint\n   ```',
    );
    expectError(text, lineOf(text, '```atx', 22), 'carries at most one atx block (first at line 20)');
  });

  it('rejects a second atx block written flush left after a step that has one', () => {
    const text = valid.replace('2. Second step.', '```atx\ncommand: npm test\n```\n2. Second step.');
    expectError(text, 19, 'a step carries at most one atx block (first at line 16)');
  });

  it('rejects a phase without steps at its heading', () => {
    const text = valid.replace('## Validation', '### Phase 2: Empty\n\nNothing here yet.\n\n## Validation');
    expectError(text, lineOf(text, '### Phase 2'), 'Phase 2 has no steps');
  });

  it('rejects steps outside a phase, a heading that is not a phase, and duplicate phase numbers', () => {
    const loose = valid.replace('### Phase 1: Go\n\n', '');
    expectError(loose, 13, "steps go under a phase heading such as '### Phase 1: Prepare'");
    const wrong = valid.replace('### Phase 1: Go', '### Step one');
    expectError(wrong, 13, "expected a phase heading like '### Phase 1: Prepare', found '### Step one'");
    const twice = valid.replace('## Validation', '### Phase 1: Again\n\n1. More.\n\n## Validation');
    expectError(twice, lineOf(twice, 'Phase 1: Again'), 'duplicate phase number 1 (first at line 13)');
  });

  it('requires a pattern for no-match and a command for the command validator', () => {
    const noMatch = valid.replace('validator: build', 'validator: no-match\n  paths: [src]');
    expectError(noMatch, 25, "a 'no-match' validator needs 'pattern: TEXT'");
    const command = valid.replace('validator: build', 'validator: command');
    expectError(command, 25, "a 'command' validator needs 'command: CMD'");
  });

  it('rejects a step block with both codemod and command, or neither', () => {
    const both = valid.replace(
      '   codemod: lambda-callback-to-async',
      '   codemod: lambda-callback-to-async\n   command: npm test',
    );
    expectError(both, 18, "either 'codemod' or 'command', not both");
    const neither = valid.replace('   codemod: lambda-callback-to-async', '   retries: 1');
    expectError(neither, 16, "needs 'codemod: NAME' or 'command: CMD'");
    const validator = valid.replace('   codemod: lambda-callback-to-async', '   validator: build');
    expectError(validator, 17, "'validator' belongs in an exit criterion");
  });

  it('checks value types: retries range, timeouts, texts and mappings', () => {
    const retries = valid.replace(
      '   codemod: lambda-callback-to-async',
      '   codemod: lambda-callback-to-async\n   retries: 11',
    );
    expectError(retries, 18, "'retries' must be a whole number from 0 to 10");
    const timeout = valid.replace('   codemod: lambda-callback-to-async', '   command: npm test\n   timeoutSeconds: 0');
    expectError(timeout, 18, "'timeoutSeconds' must be a number above 0");
    const options = valid.replace(
      '   codemod: lambda-callback-to-async',
      '   codemod: lambda-callback-to-async\n   options: 24',
    );
    expectError(options, 18, "'options' must be a mapping");
    const pattern = valid.replace('validator: build', 'validator: no-match\n  pattern: 42');
    expectError(pattern, 26, "'pattern' must be a non-empty text");
  });

  it('checks dependsOn: existing step ids, not itself, no cycles', () => {
    const unknown = valid.replace(
      '   codemod: lambda-callback-to-async',
      '   codemod: lambda-callback-to-async\n   dependsOn: [1.3]',
    );
    expectError(unknown, 15, "step 1.1 depends on '1.3', which is not a step id");
    const self = valid.replace(
      '   codemod: lambda-callback-to-async',
      '   codemod: lambda-callback-to-async\n   dependsOn: [1.1]',
    );
    expectError(self, 15, 'step 1.1 depends on itself');
    const cycle = valid
      .replace('   codemod: lambda-callback-to-async', '   codemod: lambda-callback-to-async\n   dependsOn: [1.2]')
      .replace('2. Second step.', '2. Second step.\n   ```atx\n   command: npm test\n   dependsOn: ["1.1"]\n   ```');
    expectError(cycle, 15, 'steps depend on each other in a cycle: 1.1 → 1.2 → 1.1');
  });

  it('rejects atx blocks outside steps, exit criteria and guardrails, and a step action on a guardrail', () => {
    // A guardrail's block only protects paths (test/definitions/protect.test.ts); a command there is refused.
    const text = valid.replace(
      '## Validation',
      '## Guardrails\n\n- Keep APIs.\n  ```atx\n  command: rm -rf /\n  ```\n\n## Validation',
    );
    expectError(
      text,
      lineOf(text, 'command: rm', 20),
      "unknown key 'command' in guardrail atx block ('command' belongs in a step)",
    );
    const entry = valid.replace(
      '## Implementation',
      '## Entry Criteria\n\n- A repository.\n  ```atx\n  command: rm -rf /\n  ```\n\n## Implementation',
    );
    expectError(
      entry,
      lineOf(entry, '```atx'),
      'atx blocks belong to steps, exit criteria and guardrails, not to an entry criterion',
    );
    const summary = valid.replace('Because.', 'Because.\n\n```atx\ncodemod: lambda-callback-to-async\n```');
    expectError(summary, 11, 'not to the summary');
  });

  it('rejects an empty step, an empty section and a section without exit criteria', () => {
    const bare = valid.replace('1. First step.\n', '1. ```atx\n');
    expectError(bare, 15, 'this step has no text');
    const objective = valid.replace('Do it.\n\n', '');
    expectError(objective, 3, 'the objective is empty');
    const exits = valid.slice(0, valid.indexOf('- Builds.'));
    expectError(exits, 21, 'no exit criteria');
  });

  it('rejects prose beside the exit criteria list and content before the title', () => {
    const prose = valid.replace('- Builds.', 'All of these:\n\n- Builds.');
    expectError(prose, 23, 'write each exit criterion as a list item');
    const before = `Intro text.\n\n${valid}`;
    expectError(before, 1, "unexpected content before the title '# <Title>'");
    const twoTitles = valid.replace('## Summary', '# Another title\n\n## Summary');
    expectError(twoTitles, 7, "a definition has one '# Title' (first at line 1)");
  });
});
