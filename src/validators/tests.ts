// `validator: tests` — the project's own test suite passes after the transformation. The suite
// is the repository's code: it runs only when the run allows it.
import { resolveTestCommand } from './project.js';
import { skipped, trustedCheck } from './shell.js';
import type { Validator } from './types.js';

export const tests: Validator = async (spec, ctx) => {
  const fromSpec = spec.command?.trim();
  const test = fromSpec ? { command: fromSpec, source: 'criterion' } : await resolveTestCommand(ctx);
  if (!test) {
    return skipped(
      "No test command: package.json has no test script (or only npm's placeholder) and none was configured",
      {
        file: 'package.json',
      },
    );
  }
  const result = await trustedCheck(ctx, test.command);
  result.evidence[0].details.source = test.source;
  return result;
};
