// The `atx` session screen. This component owns the screen state; finished lines go into
// <Static> (printed once, never redrawn); the rest only displays what the conversation emits.
import { Box, Static, Text, useApp } from 'ink';
import Spinner from 'ink-spinner';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message, SessionStatus } from '../session/types.js';
import type { SessionHub } from './hub.js';
import { MessageLine } from './MessageLine.js';
import { Progress, type ProgressState } from './Progress.js';
import { emptyLine, type Line as EditLine } from './line-editor.js';
import { Prompt } from './Prompt.js';

export interface AppProps {
  hub: SessionHub;
  /** Sends what the person typed; resolves when atx waits for the next answer. */
  say: (text: string) => Promise<void>;
  /** Shown once at the top: which brain answers. */
  brainLabel: string;
}

interface Line {
  id: number;
  message: Message;
}

/** "offline rules (set ANTHROPIC_API_KEY to use a model)" → "atx session: offline rules; set …". */
export function sessionTitle(brainLabel: string): string {
  const nested = /^(.*?)\s*\((.*)\)$/.exec(brainLabel);
  return `atx session: ${nested ? `${nested[1]}; ${nested[2]}` : brainLabel}`;
}

export function App({ hub, say, brainLabel }: AppProps) {
  const { exit } = useApp();
  const [lines, setLines] = useState<Line[]>([
    { id: 0, message: { from: 'atx', text: sessionTitle(brainLabel), style: 'progress' } },
  ]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<SessionStatus>({ running: false, multiline: false });
  const [progress, setProgress] = useState<ProgressState | undefined>();
  const [stream, setStream] = useState('');
  const [leaving, setLeaving] = useState(false);
  const nextId = useRef(1);
  const exited = useRef(false);
  const line = useRef<EditLine>(emptyLine);
  // Answers are sent one at a time, in the order typed; one typed while atx thinks waits its
  // turn. While a run goes on and asks nothing, the prompt holds what is typed (Prompt.tsx).
  const queue = useRef<string[]>([]);
  // Set the moment the hub says a run started or ended, ahead of any redraw.
  const running = useRef(false);

  useEffect(
    () =>
      hub.subscribe({
        onMessage: (message) => {
          setStream('');
          setLines((previous) => [...previous, { id: nextId.current++, message }]);
        },
        onProgress: (event) =>
          setProgress((previous) => {
            const base = { startedAt: previous?.startedAt ?? Date.now(), commits: previous?.commits ?? 0 };
            if (event.kind === 'step-start')
              return {
                label: `${event.index}/${event.total} ${event.stepId} ${event.title}`,
                startedAt: Date.now(),
                commits: base.commits,
              };
            if (event.kind === 'commit' && previous) return { ...previous, commits: previous.commits + 1 };
            if (event.kind === 'activity') return { ...base, label: event.label, startedAt: Date.now() };
            return previous;
          }),
        onStatus: (next) => {
          running.current = next.running;
          // Answers typed before the run started but not yet sent are not for whatever comes
          // after the run: they go back into the prompt, held until atx asks.
          if (next.running && queue.current.length) {
            const held = queue.current.splice(0).join(' ');
            const text = line.current.text ? `${held} ${line.current.text}` : held;
            line.current = { text, cursor: text.length };
          }
          setStatus(next);
          if (!next.running) setProgress(undefined);
        },
        onText: (chunk) => setStream((previous) => (previous + chunk).slice(-2000)),
        onExit: () => {
          exited.current = true;
          setLeaving(true);
        },
      }),
    [hub],
  );
  // Leave after the last lines (goodbye, token usage) are drawn, not before.
  useEffect(() => {
    if (leaving) exit();
  }, [leaving, exit]);

  const working = useRef(false);
  const drain = useCallback(async () => {
    if (working.current) return;
    working.current = true;
    setBusy(true);
    while (queue.current.length > 0 && !exited.current) {
      const text = queue.current.shift()!;
      try {
        await say(text);
      } catch (error) {
        setLines((previous) => [
          ...previous,
          {
            id: nextId.current++,
            message: { from: 'atx', text: `error: ${(error as Error).message}`, style: 'error' },
          },
        ]);
      }
      setStream('');
    }
    working.current = false;
    setBusy(false);
  }, [say]);
  const submit = useCallback(
    (text: string) => {
      // A run started between the key and this call: the line is held, not sent after the run.
      if (running.current) {
        const held = line.current.text ? `${text} ${line.current.text}` : text;
        line.current = { text: held, cursor: held.length };
        return;
      }
      queue.current.push(text);
      void drain();
    },
    [drain],
  );

  // One spinner: the run's live line while a run goes on, else "working…" while atx thinks.
  const live = status.running && progress;
  return (
    <Box flexDirection="column">
      <Static items={lines}>{(line) => <MessageLine key={line.id} message={line.message} />}</Static>
      {stream ? <Text color="gray">{stream.split('\n').slice(-8).join('\n')}</Text> : null}
      {live ? (
        <Progress progress={progress} />
      ) : busy || status.running ? (
        <Text color="gray">
          <Spinner type="dots" /> {status.running ? 'running…' : 'working…'}
        </Text>
      ) : null}
      {leaving ? null : (
        <Prompt hold={status.running} holdRef={running} multiline={status.multiline} onSubmit={submit} lineRef={line} />
      )}
    </Box>
  );
}
