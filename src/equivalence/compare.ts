// Comparing one invocation before the change with the same invocation after it (issue 18, point
// 5): whether it settled at all, what it answered or threw, the AWS calls in order, and the
// network it tried to reach. The first difference found is reported, with a small diff.
import { createTwoFilesPatch } from 'diff';
import type { AwsCall, InvocationRecord, Outcome } from './invoke/index.js';

export type Aspect = 'settled' | 'outcome' | 'calls' | 'network';

export interface Difference {
  aspect: Aspect;
  /** One line: what differs, before against after. */
  summary: string;
  /** A unified diff of that aspect (at most diffLines lines). */
  diff: string;
}

const diffLines = 30;
const shownChars = 160;

/** JSON with object keys sorted, so equal data is equal text whatever order it was built in. */
export function canonical(value: unknown, indent?: number): string {
  const sort = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sort);
    if (item && typeof item === 'object')
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, sort((item as Record<string, unknown>)[key])]),
      );
    return item;
  };
  return JSON.stringify(sort(value), null, indent) ?? 'undefined';
}

export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'resolved':
      return `answered ${clip(canonical(outcome.value))}`;
    case 'error':
      return `failed with ${outcome.name}: ${clip(outcome.message)}`;
    case 'timeout':
      return 'never settled';
    case 'not-loaded':
      return `did not load: ${clip(outcome.reason)}`;
  }
}

function describeCall(call: AwsCall | undefined): string {
  return call ? `${call.service}.${call.operation} ${clip(canonical(call.params))}` : 'no call';
}

export function difference(before: InvocationRecord, after: InvocationRecord): Difference | undefined {
  const was = before.outcome;
  const now = after.outcome;
  if ((was.kind === 'timeout') !== (now.kind === 'timeout'))
    return {
      aspect: 'settled',
      summary:
        now.kind === 'timeout'
          ? `never settles after the change; before it ${describeOutcome(was)}`
          : `settles after the change (${describeOutcome(now)}); before it never did`,
      diff: patch('outcome', was, now),
    };
  if (canonical(was) !== canonical(now))
    return {
      aspect: 'outcome',
      summary: `before it ${describeOutcome(was)}; after it ${describeOutcome(now)}`,
      diff: patch('outcome', was, now),
    };
  const calls = firstDifference(before.calls, after.calls);
  if (calls !== undefined)
    return {
      aspect: 'calls',
      summary: `AWS call ${calls + 1}: before ${describeCall(before.calls[calls])}; after ${describeCall(after.calls[calls])}`,
      diff: patch('AWS calls', before.calls, after.calls),
    };
  const network = firstDifference(before.network, after.network);
  if (network !== undefined)
    return {
      aspect: 'network',
      summary: `network attempt ${network + 1}: before ${before.network[network] ?? 'none'}; after ${after.network[network] ?? 'none'}`,
      diff: patch('network', before.network, after.network),
    };
  return undefined;
}

function firstDifference<T>(a: readonly T[], b: readonly T[]): number | undefined {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (canonical(a[i]) !== canonical(b[i])) return i;
  return undefined;
}

function patch(what: string, before: unknown, after: unknown): string {
  const text = createTwoFilesPatch(
    `${what} before`,
    `${what} after`,
    `${canonical(before, 2)}\n`,
    `${canonical(after, 2)}\n`,
    undefined,
    undefined,
    { context: 2 },
  );
  const lines = text.split('\n').filter((line) => !line.startsWith('====='));
  return lines.length > diffLines
    ? [...lines.slice(0, diffLines), `… ${lines.length - diffLines} more lines`].join('\n')
    : lines.join('\n').trimEnd();
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > shownChars ? `${line.slice(0, shownChars - 1)}…` : line;
}
