import { describe, expect, it } from 'vitest';
import { parseDefinition, renderDefinition } from '../../src/definitions/index.js';

const file = 'atx-values/transformation_definition.md';

/** A definition whose phase 1 holds `steps` (markdown list source). */
function withSteps(steps: string): string {
  const head = '# T\n\n## Objective\n\nO.\n\n## Summary\n\nS.\n\n## Implementation Steps\n\n### Phase 1: P\n\n';
  const many = Array.from({ length: 10 }, (_, i) => `${i + 1}. Filler ${i + 1}.`).join('\n');
  return `${head}${many}\n${steps}\n\n## Exit Criteria\n\n- Done.\n`;
}

describe('atx block values', () => {
  it('keeps step ids in dependsOn as written, even when YAML would read a number', () => {
    const d = parseDefinition(
      withSteps('11. Last.\n    ```atx\n    command: npm test\n    dependsOn: [1.10, 1.2]\n    ```'),
      file,
    );
    const last = d.phases[0].steps[10];
    expect(last.id).toBe('1.11');
    expect(last.action).toEqual({ command: 'npm test', dependsOn: ['1.10', '1.2'] });
    // And it survives rendering, where the ids are quoted.
    expect(parseDefinition(renderDefinition(d), file)).toEqual(d);
  });

  it('accepts a single dependsOn id and a tilde fence with an upper-case info string', () => {
    const d = parseDefinition(
      withSteps('11. Last.\n    ~~~ATX\n    codemod: aws-sdk-v2-to-v3\n    dependsOn: 1.3\n    ~~~'),
      file,
    );
    expect(d.phases[0].steps[10].action).toEqual({ codemod: 'aws-sdk-v2-to-v3', dependsOn: ['1.3'] });
  });

  it('keeps nested options as plain values', () => {
    const d = parseDefinition(
      withSteps(
        '11. Last.\n    ```atx\n    codemod: nodejs-runtime-upgrade\n    options:\n      target: 24\n      include: [a.yaml, b.yaml]\n      strict: true\n    ```',
      ),
      file,
    );
    expect(d.phases[0].steps[10].action).toEqual({
      codemod: 'nodejs-runtime-upgrade',
      options: { target: 24, include: ['a.yaml', 'b.yaml'], strict: true },
    });
  });

  it('leaves other fenced code in the step text', () => {
    const d = parseDefinition(withSteps('11. Run this:\n\n    ```sh\n    npm ci\n    ```'), file);
    expect(d.phases[0].steps[10]).toEqual({ id: '1.11', text: 'Run this:\n\n```sh\nnpm ci\n```' });
  });

  it('rejects an atx block buried in a nested list of a step, at its line', () => {
    const text = withSteps('11. Last.\n    - sub point\n      ```atx\n      command: npm test\n      ```');
    const line = text.split('\n').findIndex((l) => l.includes('```atx')) + 1;
    expect(() => parseDefinition(text, file)).toThrow(`${file}:${line}: an atx block must sit directly under its step`);
  });

  it('rejects timeoutSeconds on a codemod step, which only commands take', () => {
    const text = withSteps('11. Last.\n    ```atx\n    codemod: aws-sdk-v2-to-v3\n    timeoutSeconds: 5\n    ```');
    const line = text.split('\n').findIndex((l) => l.includes('timeoutSeconds')) + 1;
    expect(() => parseDefinition(text, file)).toThrow(
      `${file}:${line}: unknown key 'timeoutSeconds' in codemod atx block`,
    );
  });
});
