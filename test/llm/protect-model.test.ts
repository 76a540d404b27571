// The model is told how a guardrail protects paths; what it writes is read and checked like any
// definition, and a bad glob goes back to it once with the file:line message.
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicBrain } from '../../src/llm/anthropic/brain.js';
import { parseDefinition, renderDefinition } from '../../src/definitions/index.js';
import { lastUserText, startFakeAnthropic, type FakeServer } from './fake-anthropic.js';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const drafted = (glob: string) =>
  [
    '# Upgrade the service',
    '',
    '## Objective',
    'Upgrade it.',
    '',
    '## Summary',
    'One phase.',
    '',
    '## Implementation Steps',
    '',
    '### Phase 1: Upgrade',
    '1. Upgrade the code.',
    '',
    '## Constraints and Guardrails',
    '- Never modify files under legacy/.',
    '  ```atx',
    `  protect: ["${glob}"]`,
    '  ```',
    '',
    '## Validation / Exit Criteria',
    '- The build passes.',
    '',
  ].join('\n');

function brainAt(url: string) {
  return createAnthropicBrain({ apiKey: 'sk-ant-test-0123456789abcdef', model: 'claude-test-model', baseURL: url });
}

describe('the model and protected paths', () => {
  it('is told the protect format when drafting and revising, and its block becomes protectedPaths', async () => {
    server = await startFakeAnthropic((request) => ({
      content: [
        {
          type: 'text',
          text: request.body.system!.startsWith('You revise')
            ? `CHANGE: protected legacy/\n${drafted('legacy/**')}`
            : drafted('legacy/**'),
        },
      ],
    }));
    const brain = brainAt(server.url);
    const draft = await brain.draftDefinition({
      description: 'upgrade the service, never touch legacy/',
      documents: [],
    });
    expect(draft.protectedPaths).toEqual([{ guardrail: 1, paths: ['legacy/**'] }]);
    const revised = await brain.reviseDefinition(draft, 'also keep the README as it is');
    expect(revised.definition.protectedPaths).toEqual([{ guardrail: 1, paths: ['legacy/**'] }]);
    for (const request of server.requests) {
      expect(request.body.system).toContain('protect: ["legacy/**"]');
      expect(request.body.system).toMatch(
        /Whenever the request, a document or\nthe user says paths must not be touched, write such a guardrail/,
      );
    }
    // The revision request shows the model the current definition with its block, so it keeps it.
    expect(lastUserText(server.requests[1]!)).toContain(
      '- Never modify files under legacy/.\n  ```atx\n  protect: ["legacy/**"]\n  ```',
    );
    expect(parseDefinition(renderDefinition(revised.definition), 'x.md')).toEqual(revised.definition);
  });

  it('sends a draft with a glob that protects nothing back once, with the line of the mistake', async () => {
    server = await startFakeAnthropic((_, i) => ({
      content: [{ type: 'text', text: drafted(i === 0 ? '/legacy' : 'legacy/**') }],
    }));
    const draft = await brainAt(server.url).draftDefinition({
      description: 'upgrade, never touch legacy/',
      documents: [],
    });
    expect(draft.protectedPaths).toEqual([{ guardrail: 1, paths: ['legacy/**'] }]);
    expect(server.requests).toHaveLength(2);
    expect(lastUserText(server.requests[1]!)).toContain(
      'transformation_definition.md:17: protect glob "/legacy" starts with "/"',
    );
  });
});
