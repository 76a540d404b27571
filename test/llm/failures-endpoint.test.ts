// A failure line names the endpoint by protocol, host and port only: credentials written into
// ANTHROPIC_BASE_URL (https://user:password@proxy/…) are never printed.
import { NotFoundError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { readFailure } from '../../src/llm/anthropic/failures.js';

describe('a failure line and the endpoint', () => {
  it('leaves out user:password@ and the path of ANTHROPIC_BASE_URL', () => {
    const error = new NotFoundError(404, undefined, 'Not Found', new Headers());
    const baseURL = 'https://atx-user:pr0xy-pa55word@proxy.example:8443/anthropic?key=k3y-in-query';
    const failure = readFailure(error, { host: 'proxy.example:8443', model: 'm', baseURL, timeoutMs: 1000 });
    expect(failure?.line).toMatch(
      /there is no Messages API at https:\/\/proxy\.example:8443; check ANTHROPIC_BASE_URL$/,
    );
    for (const secret of ['atx-user', 'pr0xy-pa55word', 'k3y-in-query']) expect(failure?.line).not.toContain(secret);
  });
});
