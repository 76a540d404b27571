// Reading definitions the model wrote: strip a stray outer fence, parse, and explain failures.
import { parseDefinition } from '../../definitions/parse.js';
import type { Definition } from '../../definitions/types.js';

export function definitionFromModel(text: string): Definition {
  let body = text.trim();
  const fenced = /^```(?:markdown|md)?\n([\s\S]*)\n```$/.exec(body);
  if (fenced) body = fenced[1]!.trim();
  // Anything before the title (a polite preamble) is not part of the definition.
  const title = body.search(/^# /m);
  if (title > 0) body = body.slice(title);
  return parseDefinition(`${body}\n`, 'transformation_definition.md');
}
