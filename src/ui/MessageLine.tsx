// One finished line of the conversation; colour says who speaks and how much it matters.
// Long lines wrap under their own text, not under their number or bullet (a hanging indent).
import { Box, Text } from 'ink';
import type { Message } from '../session/types.js';

const colours: Record<string, string | undefined> = {
  warning: 'yellow',
  error: 'red',
  summary: 'green',
  progress: 'gray',
  user: 'cyan',
};

/** "  3. (1.3, codemod) Report …" → ["  3. ", "(1.3, codemod) Report …"]: what a wrapped line hangs under. */
export function hangingParts(line: string): [string, string] {
  const match = /^(\s*(?:(?:\d+[.)]|[-*•›✔✘–]|#+)\s+)?)(.*)$/.exec(line)!;
  return [match[1]!, match[2]!];
}

export function MessageLine({ message }: { message: Message }) {
  if (message.from === 'you') {
    const [first, ...rest] = message.text.split('\n');
    return (
      <Box flexDirection="column">
        <Text color="cyan">› {first}</Text>
        {rest.length ? <Text color="cyan">{rest.map((line) => `  ${line}`).join('\n')}</Text> : null}
      </Box>
    );
  }
  const boxed = message.style === 'definition' || message.style === 'plan';
  const colour = colours[message.style ?? 'info'];
  return (
    <Box borderStyle={boxed ? 'round' : undefined} paddingX={boxed ? 1 : 0} flexDirection="column">
      {message.text.split('\n').map((line, i) => {
        const [lead, rest] = hangingParts(line);
        if (!lead)
          return (
            <Text key={i} color={colour}>
              {line || ' '}
            </Text>
          );
        return (
          <Box key={i}>
            <Box width={lead.length} flexShrink={0}>
              <Text color={colour}>{lead}</Text>
            </Box>
            <Text color={colour}>{rest || ' '}</Text>
          </Box>
        );
      })}
    </Box>
  );
}
