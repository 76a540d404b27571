// Where the person types. It stays open while atx works (a spinner shows above it), so
// answers typed ahead are kept and sent in order. Keys and their Enter can arrive in one read
// (a slow machine, a slow link, a paste): the text input would then take the Enter as text, so
// each complete line is sent here, and only the unfinished rest stays in the prompt.
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import TextInput from 'ink-text-input';
import { useState } from 'react';

export function Prompt({ busy, onSubmit }: { busy: boolean; onSubmit: (text: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <Box flexDirection="column">
      {busy ? (
        <Text color="gray">
          <Spinner type="dots" /> working…
        </Text>
      ) : null}
      <Box>
        <Text color="cyan">› </Text>
        <TextInput
          value={value}
          onChange={(next) => {
            const lines = next.split(/\r\n|\r|\n/);
            setValue(lines.pop()!);
            // Blank lines of a paste carry no answer.
            for (const line of lines) if (line.trim()) onSubmit(line);
          }}
          onSubmit={(text) => {
            setValue('');
            onSubmit(text);
          }}
        />
      </Box>
    </Box>
  );
}
