// The options of the SDK v3 conversion that plan-review feedback can set, declared apart from
// the codemod so the knowledge rules read them without loading it.
import type { CodemodOption } from '../types.js';

export const sdkOptions: Readonly<Record<string, CodemodOption>> = {
  style: {
    values: ['aggregated', 'command', 'bare'],
    said: /\b(?:use|prefer|keep)\s+(?:the\s+)?(aggregated|command|bare)(?:[- ]client)?(?:\s+client)?\s+style\b|\bstyle\s*[:=]\s*(aggregated|command|bare)\b/i,
    title: (value) => `Use the ${value} client style for AWS SDK v3`,
  },
};
