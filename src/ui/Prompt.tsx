// Where the person types. It stays open while atx works (a spinner shows above it), so
// answers typed ahead are kept and sent in order.
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
          onChange={setValue}
          onSubmit={(text) => {
            setValue('');
            onSubmit(text);
          }}
        />
      </Box>
    </Box>
  );
}
