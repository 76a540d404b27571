// Driving the real binary in a tmux pseudo-terminal: one server per test file, a session per test.
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { afterAll, afterEach } from 'vitest';

export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

const socket = `atx-pty-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
export const tmux = (...args: string[]) => execa('tmux', ['-L', socket, ...args]);
afterAll(async () => {
  if (hasTmux) await tmux('kill-server').catch(() => undefined);
});
// Each test has its own session named atx.
afterEach(async () => {
  if (hasTmux) await tmux('kill-session', '-t', 'atx').catch(() => undefined);
});

export async function screen(): Promise<string> {
  return (await tmux('capture-pane', '-p', '-J', '-S', '-5000', '-t', 'atx')).stdout;
}

export async function waitFor(text: string | RegExp, ms = 60_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const shown = await screen();
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
    if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}; the screen:\n${shown.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function type(text: string): Promise<void> {
  await tmux('send-keys', '-t', 'atx', '-l', text);
  await new Promise((r) => setTimeout(r, 100));
  await tmux('send-keys', '-t', 'atx', 'Enter');
}

