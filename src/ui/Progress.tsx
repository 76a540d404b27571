// The live line of a run: spinner, current step, elapsed time, commits so far.
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useState } from 'react';

export interface ProgressState {
  label: string;
  startedAt: number;
  commits: number;
}

export function Progress({ progress, now = Date.now }: { progress: ProgressState; now?: () => number }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now() - progress.startedAt) / 1000));
  return (
    <Box>
      <Text color="green">
        <Spinner type="dots" />
      </Text>
      <Text>
        {' '}
        {progress.label}{' '}
        <Text color="gray">
          {seconds} s{progress.commits ? `, ${progress.commits} commit${progress.commits === 1 ? '' : 's'}` : ''}
        </Text>
      </Text>
    </Box>
  );
}
