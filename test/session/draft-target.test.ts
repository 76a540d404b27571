import { describe, expect, it } from 'vitest';
import { draftTarget } from '../../src/session/apply.js';
import type { SessionState } from '../../src/session/types.js';

const draft = (steps: string) => `# Node ladder

## Objective
Move one major at a time.

## Summary
Two rungs.

## Implementation Steps

### Phase 1: Rungs
${steps}

## Validation / Exit Criteria
- Tests pass.
`;
const of = (markdown: string) => draftTarget({ draft: markdown } as SessionState);

describe('the target of a drafted definition', () => {
  it('is the highest version its steps name, however the options are written', () => {
    const steps = [
      '1. To 20.\n   ```atx\n   codemod: nodejs-runtime-upgrade\n   options:\n     targetVersion: 20\n   ```',
      '2. To 22.\n   ```atx\n   codemod: nodejs-runtime-upgrade\n   options: { targetVersion: 22 }\n   ```',
      '3. Check.\n   ```atx\n   codemod: nodejs24-behaviour-check\n   ```',
    ].join('\n');
    expect(of(draft(steps))).toBe('targetVersion=22');
  });

  it('is none when no step names one, or the draft is not a definition', () => {
    expect(of(draft('1. Check.\n   ```atx\n   codemod: nodejs24-behaviour-check\n   ```'))).toBeUndefined();
    expect(of('targetVersion: 22\n')).toBeUndefined();
    expect(draftTarget({} as SessionState)).toBeUndefined();
  });
});
