// Puts the session screen on the terminal and waits until the person leaves it.
import { render } from 'ink';
import { App, type AppProps } from './App.js';

export async function renderSession(props: AppProps, streams: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream }): Promise<void> {
  const instance = render(<App {...props} />, { stdin: streams.stdin, stdout: streams.stdout, exitOnCtrlC: true, patchConsole: false });
  await instance.waitUntilExit();
}
