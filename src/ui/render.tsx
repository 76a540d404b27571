// Puts the session screen on the terminal and waits until the person leaves it.
import { render } from 'ink';
import { App, type AppProps } from './App.js';

/** Bracketed paste: the terminal marks a paste, so a pasted document stays one answer. */
const pasteOn = '\u001b[?2004h';
const pasteOff = '\u001b[?2004l';

export async function renderSession(
  props: AppProps,
  streams: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream },
): Promise<void> {
  if (streams.stdout.isTTY) streams.stdout.write(pasteOn);
  const instance = render(<App {...props} />, {
    stdin: streams.stdin,
    stdout: streams.stdout,
    exitOnCtrlC: true,
    patchConsole: false,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    if (streams.stdout.isTTY) streams.stdout.write(pasteOff);
  }
}
