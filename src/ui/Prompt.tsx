// Where the person types. It stays open while atx works (a spinner shows above it), so
// answers typed ahead are kept and sent in order. The line lives in a ref, not in React
// state: keys and their Enter can arrive before ink redraws, and each must see the line the
// keys before it left (line-editor.ts).
import { Box, Text, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { useReducer, useRef } from 'react';
import { applyKey, emptyLine } from './line-editor.js';

export function Prompt({ busy, onSubmit }: { busy: boolean; onSubmit: (text: string) => void }) {
  const line = useRef(emptyLine);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useInput((input, key) => {
    const next = applyKey(line.current, input, key);
    line.current = next.line;
    for (const answer of next.answers) onSubmit(answer);
    redraw();
  });
  const { text, cursor } = line.current;
  return (
    <Box flexDirection="column">
      {busy ? (
        <Text color="gray">
          <Spinner type="dots" /> working…
        </Text>
      ) : null}
      <Box>
        <Text color="cyan">› </Text>
        <Text>
          {text.slice(0, cursor)}
          <Text inverse>{text[cursor] ?? ' '}</Text>
          {text.slice(cursor + 1)}
        </Text>
      </Box>
    </Box>
  );
}
