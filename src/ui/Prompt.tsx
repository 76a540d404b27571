// Where the person types; while atx works it shows a spinner instead.
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import TextInput from 'ink-text-input';
import { useState } from 'react';

export function Prompt({ busy, onSubmit }: { busy: boolean; onSubmit: (text: string) => void }) {
  const [value, setValue] = useState('');
  if (busy) {
    return (
      <Box>
        <Text color="gray">
          <Spinner type="dots" /> working…
        </Text>
      </Box>
    );
  }
  return (
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
  );
}
