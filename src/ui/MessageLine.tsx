// One finished line of the conversation; colour says who speaks and how much it matters.
import { Box, Text } from 'ink';
import type { Message } from '../session/types.js';

const colours: Record<string, string | undefined> = {
  warning: 'yellow',
  error: 'red',
  summary: 'green',
  progress: 'gray',
  user: 'cyan',
};

export function MessageLine({ message }: { message: Message }) {
  if (message.from === 'you') {
    return (
      <Box>
        <Text color="cyan">› {message.text}</Text>
      </Box>
    );
  }
  const boxed = message.style === 'definition' || message.style === 'plan';
  return (
    <Box borderStyle={boxed ? 'round' : undefined} paddingX={boxed ? 1 : 0} flexDirection="column">
      <Text color={colours[message.style ?? 'info']}>{message.text}</Text>
    </Box>
  );
}
