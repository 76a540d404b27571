// A guardrail may name paths no step may change: `protect: [globs]` in an atx block under it.
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../src/errors.js';
import { parseDefinition, renderDefinition, type Definition } from '../../src/definitions/index.js';

const file = 'defs/demo/transformation_definition.md';

const text = [
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
  '',
  '## Constraints and Guardrails',
  '',
  '- Keep the public API.',
  '- Never modify files under `legacy/`.',
  '  ```atx',
  '  protect: ["legacy/**", "src/generated/*.ts"]',
  '  ```',
  '',
  '## Validation / Exit Criteria',
  '',
  '- Builds.',
  '',
].join('\n');

function errorOf(markdown: string): DefinitionError {
  try {
    parseDefinition(markdown, file);
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return error as DefinitionError;
  }
  throw new Error('expected a DefinitionError');
}

/** The protect line of `text` replaced by `line`; the line stays where it was (line 22). */
function withProtect(line: string): string {
  return text.replace('  protect: ["legacy/**", "src/generated/*.ts"]', `  ${line}`);
}

describe('protected paths on a guardrail', () => {
  it('reads the globs of the guardrail that carries them, and keeps the guardrail text as written', () => {
    const d = parseDefinition(text, file);
    expect(d.guardrails).toEqual(['Keep the public API.', 'Never modify files under `legacy/`.']);
    expect(d.protectedPaths).toEqual([{ guardrail: 2, paths: ['legacy/**', 'src/generated/*.ts'] }]);
  });

  it('round-trips: parse(render(d)) equals d, and the rendered text is a fixed point', () => {
    const d = parseDefinition(text, file);
    const rendered = renderDefinition(d);
    expect(rendered).toContain(
      '- Never modify files under `legacy/`.\n  ```atx\n  protect: ["legacy/**", "src/generated/*.ts"]\n  ```',
    );
    expect(parseDefinition(rendered, file)).toEqual(d);
    expect(renderDefinition(parseDefinition(rendered, file))).toBe(rendered);
  });

  it('round-trips a value built in code, with the protecting guardrail first and a flush-left block read back', () => {
    const d: Definition = {
      format: 'transformation_definition',
      title: 'T',
      objective: 'O.',
      summary: 'S.',
      entryCriteria: [],
      phases: [{ number: 1, title: 'A', steps: [{ id: '1.1', text: 'Do.' }] }],
      guardrails: ['Leave `vendor/` and *.min.js alone.', 'Keep behaviour.', 'Never touch config/prod.json.'],
      protectedPaths: [
        { guardrail: 1, paths: ['vendor/**', '*.min.js'] },
        { guardrail: 3, paths: ['config/prod.json'] },
      ],
      exitCriteria: [{ id: 'exit-1', text: 'Builds.' }],
    };
    expect(parseDefinition(renderDefinition(d), file)).toEqual(d);
    const flush = text.replace(
      '  ```atx\n  protect: ["legacy/**", "src/generated/*.ts"]\n  ```',
      '```atx\nprotect: legacy/**\n```',
    );
    expect(parseDefinition(flush, file).protectedPaths).toEqual([{ guardrail: 2, paths: ['legacy/**'] }]);
  });

  it('a definition without protect blocks has no protectedPaths field', () => {
    const plain = text.replace(/ {2}```atx\n.*\n {2}```\n/, '');
    expect(parseDefinition(plain, file)).not.toHaveProperty('protectedPaths');
  });

  it.each([
    ['protect: ["/legacy"]', 'starts with "/"'],
    ['protect: ["../outside/**"]', 'climbs out with ".."'],
    ['protect: ["**"]', 'protects every file'],
    ['protect: ["**/*"]', 'protects every file'],
    ['protect: ["src/{a,b}/**"]', 'uses [ ] or { }'],
    ['protect: ["!legacy/keep.js"]', 'negation is not supported'],
    ['protect: [".git/hooks/**"]', 'names a .git folder'],
    ['protect: ["legacy\\\\old/**"]', 'contains a backslash'],
    ['protect: ["legacy//a.js"]', 'empty or "." folder'],
    ['protect: [" legacy/**"]', 'has spaces around it'],
    ['protect: []', 'at least one glob'],
    ['protect: [42]', "'protect' must be a list of texts"],
    ['command: rm -rf legacy', "unknown key 'command' in guardrail atx block ('command' belongs in a step)"],
  ])('refuses %s with the file and the line of the key', (line, reason) => {
    const error = errorOf(withProtect(line));
    expect(error.message.startsWith(`${file}:22: `), error.message).toBe(true);
    expect(error.reason).toContain(reason);
    expect(error.exitCode).toBe(2);
  });

  it('refuses a second block on one guardrail, and a block on an entry criterion', () => {
    const two = text.replace('  ```\n\n## Validation', '  ```\n  ```atx\n  protect: ["b/**"]\n  ```\n\n## Validation');
    expect(errorOf(two).message).toMatch(/:24: a guardrail carries at most one atx block \(first at line 21\)/);
    const entry = text.replace(
      '## Implementation Steps',
      '## Entry Criteria\n\n- A repository.\n  ```atx\n  protect: ["a/**"]\n  ```\n\n## Implementation Steps',
    );
    expect(errorOf(entry).message).toMatch(
      /:14: atx blocks belong to steps, exit criteria and guardrails, not to an entry criterion/,
    );
  });

  it('render refuses protectedPaths that name no guardrail', () => {
    const d = parseDefinition(text, file);
    expect(() => renderDefinition({ ...d, protectedPaths: [{ guardrail: 3, paths: ['a/**'] }] })).toThrow(
      /guardrail 3 of 2/,
    );
    expect(() =>
      renderDefinition({ ...d, guardrails: [], protectedPaths: [{ guardrail: 1, paths: ['a/**'] }] }),
    ).toThrow(/guardrail 1 of 0/);
  });
});
