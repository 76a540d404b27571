// Where the person types. It stays open while atx works, so answers typed ahead are kept and
// sent in order; while a run goes on and asks nothing, Enter holds the line instead (it is sent
// once atx asks, with Enter). The line lives in a ref, not in React state: keys and their Enter
// can arrive before ink redraws, and each must see the line the keys before it left
// (line-editor.ts).
import { Box, Text, useInput } from 'ink';
import { useReducer, useRef, type MutableRefObject } from 'react';
import { applyKey, emptyLine, type Line } from './line-editor.js';

export interface PromptProps {
  onSubmit: (text: string) => void;
  /** A run goes on: Enter keeps the line. */
  hold?: boolean;
  /** The question takes a document or description: a pasted block is one answer. */
  multiline?: boolean;
  /** The line, when the screen must put text back into it (answers queued when a run started). */
  lineRef?: MutableRefObject<Line>;
  /**
   * Whether a run goes on, as the screen learnt it: read at each key, so a key that arrives
   * after the run started but before ink redrew is held too.
   */
  holdRef?: MutableRefObject<boolean>;
}

export function Prompt({ onSubmit, hold = false, multiline = false, lineRef, holdRef }: PromptProps) {
  const own = useRef(emptyLine);
  const line = lineRef ?? own;
  // Read by the input handler, which ink may call before a redraw hands it new props.
  const mode = useRef({ hold, multiline });
  mode.current = { hold, multiline };
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useInput((input, key) => {
    const next = applyKey(line.current, input, key, { ...mode.current, hold: holdRef?.current ?? mode.current.hold });
    line.current = next.line;
    for (const answer of next.answers) onSubmit(answer);
    redraw();
  });
  const { text, cursor } = line.current;
  const lines = text.split('\n');
  return (
    <Box flexDirection="column">
      {hold && text.trim() ? <Text color="gray">(held: atx is running; press Enter once it asks)</Text> : null}
      <Box>
        <Text color="cyan">› </Text>
        {lines.length > 1 ? (
          <Text>
            {text}
            <Text inverse> </Text>
            <Text color="gray"> ({lines.length} lines; Enter sends them as one answer)</Text>
          </Text>
        ) : (
          <Text>
            {text.slice(0, cursor)}
            <Text inverse>{text[cursor] ?? ' '}</Text>
            {text.slice(cursor + 1)}
          </Text>
        )}
      </Box>
    </Box>
  );
}
