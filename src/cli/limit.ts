// `--limit`: how much model work a run (or a session) may use, as AWS Transform's `--limit`
// caps agent minutes. Read here, at the edge; the model client does the counting.
import { UsageError } from '../errors.js';
import type { ModelLimit } from '../llm/index.js';

const example = 'e.g. `--limit 200000` for tokens or `--limit 30m` for minutes of model work';

/** `200000` → 200000 tokens; `30m` → 30 minutes. Anything else is refused (exit 2). */
export function parseLimit(text: string | undefined): ModelLimit | undefined {
  if (text === undefined) return undefined;
  const value = text.trim();
  const tokens = /^\d+$/.exec(value);
  if (tokens && Number(value) > 0 && Number.isSafeInteger(Number(value))) return { tokens: Number(value) };
  const minutes = /^(\d+(?:\.\d+)?)\s*m(?:in(?:utes?)?)?$/i.exec(value);
  if (minutes && Number(minutes[1]) > 0) return { minutes: Number(minutes[1]) };
  throw new UsageError(`--limit takes a number of tokens or of minutes above 0 (${example}), not "${text}"`);
}
