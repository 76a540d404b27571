// Driving the real binary in a tmux pseudo-terminal: one server per test file, a session per test.
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { afterAll, afterEach, describe, it } from 'vitest';

export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

/**
 * A describe block that needs tmux. Without tmux it is skipped locally, saying what to
 * install; under CI=true it fails instead, so a CI image without tmux cannot pass by skipping.
 */
export function describePty(name: string, body: () => void): void {
  if (hasTmux) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs tmux', () => {
        throw new Error(
          'tmux is not installed, and CI=true: install tmux (apt-get install tmux) so the terminal tests run',
        );
      });
    });
  } else {
    describe.skip(
      `${name} (skipped: tmux is not installed; install it, e.g. apt-get install tmux, to run these)`,
      body,
    );
  }
}

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
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${String(text)}; the screen:\n${shown.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function type(text: string): Promise<void> {
  await tmux('send-keys', '-t', 'atx', '-l', text);
  await new Promise((r) => setTimeout(r, 100));
  await tmux('send-keys', '-t', 'atx', 'Enter');
}
