// The session screen with ink-testing-library: typed answers reach the conversation, finished
// lines stay, progress shows a spinner with elapsed time, and leaving ends the app.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createOfflineBrain } from '../../src/llm/index.js';
import { App, sessionTitle } from '../../src/ui/App.js';
import { createSessionHub } from '../../src/ui/hub.js';
import { Progress } from '../../src/ui/Progress.js';
import { MessageLine } from '../../src/ui/MessageLine.js';
import { harnessWith } from './screen-harness.js';

let lastOutput = () => '';
async function waitFor(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${lastOutput()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Keys go in after ink has attached its input handler, as a person's would.
async function type(stdin: { write(data: string): void }, text: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 100));
  stdin.write(text);
  await new Promise((r) => setTimeout(r, 50));
  stdin.write('\r');
}

describe('session screen', () => {
  it('greets, takes typed answers, shows the draft and ends on "quit"', async () => {
    const hub = createSessionHub();
    const { conversation } = await harnessWith(createOfflineBrain(), hub);
    const app = render(<App hub={hub} say={(t) => conversation.say(t)} brainLabel="offline rules" />);
    const output = () => app.frames.join('');
    lastOutput = () => app.frames.slice(-3).join('\n----\n');
    await waitFor(() => output().includes('create a new one'), 'the greeting');
    expect(output()).toContain('atx session: offline rules');
    expect(app.lastFrame()).toContain('›');

    await type(app.stdin, 'a new one please');
    await waitFor(() => output().includes('Describe the transformation'), 'the description question');
    expect(output()).toContain('› a new one please');
    await type(app.stdin, 'react 17 to 19 migration');
    await waitFor(() => output().includes('documentation'), 'the documents question');
    await type(app.stdin, 'none, follow best practices');
    await waitFor(() => output().includes('What next?'), 'the draft');
    expect(output()).toContain('### Phase 1: React 17 to 18');
    expect(output()).toContain('npm install react@19 react-dom@19');
    // The draft is drawn in a box.
    expect(output()).toMatch(/╭─+/);

    await type(app.stdin, 'quit');
    await waitFor(() => output().includes('Bye.'), 'the goodbye');
    // The goodbye is drawn just before the conversation marks itself ended.
    await waitFor(() => conversation.exited, 'the conversation to end', 2_000);
    expect(conversation.exited).toBe(true);
    app.unmount();
  });

  it("shows model text while it streams, and a run's live step, until the answer is complete", async () => {
    const hub = createSessionHub();
    let finish: () => void = () => undefined;
    const app = render(
      <App hub={hub} say={() => new Promise<void>((resolve) => (finish = resolve))} brainLabel="model claude-test" />,
    );
    await type(app.stdin, 'go');
    await waitFor(() => (app.lastFrame() ?? '').includes('working…'), 'the busy spinner');
    hub.onText('## Objective\n\nMove the');
    hub.onText(' application to Angular 19.');
    await waitFor(() => (app.lastFrame() ?? '').includes('Move the application to Angular 19.'), 'the streamed text');
    hub.onStatus({ running: true, multiline: false });
    hub.onProgress({ kind: 'step-start', stepId: '1.1', title: 'Update the framework', index: 1, total: 4 });
    hub.onProgress({ kind: 'commit', stepId: '1.1', commit: 'abc', files: [] });
    await waitFor(
      () => /1\/4 1\.1 Update the framework \d+ s, 1 commit/.test(app.lastFrame() ?? ''),
      'the progress line',
    );
    // One spinner: the run's line replaces "working…".
    expect(app.lastFrame()).not.toContain('working…');
    expect((app.lastFrame() ?? '').match(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g)).toHaveLength(1);
    hub.onMessage({ from: 'atx', text: 'Here is the draft.' });
    await waitFor(() => !(app.lastFrame() ?? '').includes('Move the application'), 'the stream to clear');
    hub.onStatus({ running: false, multiline: false });
    finish();
    await waitFor(
      () => !(app.lastFrame() ?? '').includes('working…') && !(app.lastFrame() ?? '').includes('1/4'),
      'the idle prompt',
    );
    expect(app.frames.join('')).toContain('Here is the draft.');
    app.unmount();
  });

  it('sends a line that arrives together with its Enter, and each line of a paste in order', async () => {
    // On a slow machine or a slow link the keys and the Enter come in one read; a paste brings
    // several lines at once. Each complete line is an answer; the rest stays in the prompt.
    const said: string[] = [];
    const app = render(
      <App hub={createSessionHub()} say={async (t) => void said.push(t)} brainLabel="offline rules" />,
    );
    await new Promise((r) => setTimeout(r, 100));
    app.stdin.write('I want to create a new one\r');
    await waitFor(() => said.length === 1, 'the first answer');
    app.stdin.write('node 18 to 22\r\nyes, publish it\rand this is still being typed');
    await waitFor(() => said.length === 3, 'the pasted answers');
    expect(said).toEqual(['I want to create a new one', 'node 18 to 22', 'yes, publish it']);
    await waitFor(() => (app.lastFrame() ?? '').includes('› and this is still being typed'), 'the unfinished line');
    app.stdin.write('\r');
    await waitFor(() => said.length === 4, 'the last answer');
    expect(said[3]).toBe('and this is still being typed');
    app.unmount();
  });

  it('shows the current step with a spinner, elapsed seconds and commits', () => {
    const started = 1_000_000;
    const app = render(
      <Progress
        progress={{ label: '2/5 1.2 Rewrite the runtime', startedAt: started, commits: 3 }}
        now={() => started + 7_400}
      />,
    );
    expect(app.lastFrame()).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] 2\/5 1\.2 Rewrite the runtime 7 s, 3 commits/);
    app.unmount();
  });

  it('colours lines by kind and marks what the person said', () => {
    const mine = render(<MessageLine message={{ from: 'you', text: 'drop phase 2' }} />);
    expect(mine.lastFrame()).toBe('› drop phase 2');
    const plan = render(<MessageLine message={{ from: 'atx', text: 'Plan for X', style: 'plan' }} />);
    expect(plan.lastFrame()).toMatch(/╭[\s\S]*Plan for X[\s\S]*╰/);
    mine.unmount();
    plan.unmount();
  });

  it('names the brain without nested brackets, and wraps long lines under their own text', () => {
    expect(sessionTitle('offline rules (set ANTHROPIC_API_KEY to use a model)')).toBe(
      'atx session: offline rules; set ANTHROPIC_API_KEY to use a model',
    );
    const long = `  3. (1.3, codemod) ${'Report Node.js behaviour changes that need a person '.repeat(4).trim()}`;
    const plan = render(<MessageLine message={{ from: 'atx', text: `Plan for X\n${long}`, style: 'plan' }} />);
    const rows = (plan.lastFrame() ?? '').split('\n').filter((row) => /Report|person|behaviour/.test(row));
    expect(rows.length).toBeGreaterThan(1);
    // The continuation rows start under "(1.3", not under the number (ink may keep the space
    // it wrapped at).
    const start = rows[0]!.indexOf('(1.3');
    for (const row of rows.slice(1)) expect(row.slice(0, start).replace(/│/g, '').trim()).toBe('');
    for (const row of rows.slice(1)) expect(row.slice(start, start + 2).trim()).not.toBe('');
    plan.unmount();
  });

  it('on resume shows the run as running from the start and holds what is typed until atx asks', async () => {
    const hub = createSessionHub();
    const said: string[] = [];
    const app = render(<App hub={hub} say={async (t) => void said.push(t)} brainLabel="offline rules" />);
    // A resumed run: no answer was sent, yet the run goes on.
    hub.onStatus({ running: true, multiline: false });
    await waitFor(() => (app.lastFrame() ?? '').includes('running…'), 'the spinner of the resumed run');
    await type(app.stdin, 'yes');
    await new Promise((r) => setTimeout(r, 100));
    expect(said).toEqual([]);
    expect(app.lastFrame()).toContain('held: atx is running');
    hub.onMessage({ from: 'atx', text: 'Run `npm test` to build after phase 1? (yes/no)' });
    hub.onStatus({ running: false, multiline: false });
    await waitFor(() => !(app.lastFrame() ?? '').includes('held:'), 'the question');
    app.stdin.write('\r');
    await waitFor(() => said.length === 1, 'the held answer, sent');
    expect(said).toEqual(['yes']);
    app.unmount();
  });

  /**
   * A go-ahead, then a run that starts, a line typed around its start (`typeAround` writes it),
   * and the question after the run: the line must be back in the prompt, never sent.
   */
  async function lineAroundRunStart(
    typeAround: (
      app: ReturnType<typeof render>,
      hub: ReturnType<typeof createSessionHub>,
      said: string[],
    ) => Promise<void>,
  ) {
    const hub = createSessionHub();
    const said: string[] = [];
    let finish: () => void = () => undefined;
    const say = (t: string) => {
      said.push(t);
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const app = render(<App hub={hub} say={say} brainLabel="offline rules" />);
    await new Promise((r) => setTimeout(r, 100));
    await typeAround(app, hub, said);
    await waitFor(() => (app.lastFrame() ?? '').includes('held: atx is running'), 'the held line');
    hub.onStatus({ running: false, multiline: false });
    hub.onMessage({ from: 'atx', text: 'Anything else?' });
    finish();
    await waitFor(() => (app.lastFrame() ?? '').includes('› and another thing'), 'the line, back in the prompt');
    await new Promise((r) => setTimeout(r, 100));
    expect(said).toEqual(['ok go']);
    app.unmount();
  }

  it('holds an answer typed ahead of a run that starts: it goes back into the prompt, not to the question after the run', async () => {
    await lineAroundRunStart(async (app, hub, said) => {
      app.stdin.write('ok go\rand another thing\r');
      await waitFor(() => said.length === 1, 'the go-ahead');
      hub.onStatus({ running: true, multiline: false });
    });
  });

  it('holds a line whose Enter arrives after the run started but before the screen redrew', async () => {
    // The run starts and, in the same tick, before ink redraws, the next line and its Enter arrive.
    await lineAroundRunStart(async (app, hub, said) => {
      app.stdin.write('ok go\r');
      await waitFor(() => said.length === 1, 'the go-ahead');
      hub.onStatus({ running: true, multiline: false });
      app.stdin.write('and another thing\r');
    });
  });
});
