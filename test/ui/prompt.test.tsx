// The prompt line through ink's real input path: keys written to stdin faster than ink redraws
// (a paste, `tmux send-keys`, a busy machine) arrive whole and in order.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Prompt } from '../../src/ui/Prompt.js';

async function prompt(mode: { multiline?: boolean; hold?: boolean } = {}) {
  const answers: string[] = [];
  const app = render(<Prompt {...mode} onSubmit={(text) => answers.push(text)} />);
  // ink attaches its input handler after the first render.
  await new Promise((r) => setTimeout(r, 50));
  const settle = () => new Promise((r) => setTimeout(r, 50));
  return { answers, app, settle };
}

describe('prompt', () => {
  it('keeps text and Enter that arrive before a redraw (the first answer of a session was lost)', async () => {
    const { answers, app, settle } = await prompt();
    app.stdin.write('I want to create a new one');
    app.stdin.write('\r');
    app.stdin.write('abc');
    app.stdin.write('def');
    app.stdin.write('\r');
    await settle();
    expect(answers).toEqual(['I want to create a new one', 'abcdef']);
    app.unmount();
  });

  it('submits a pasted line that ends in a newline, and each line of a longer paste', async () => {
    const { answers, app, settle } = await prompt();
    app.stdin.write('apply it\n');
    app.stdin.write('first\r\nsecond\rthird');
    await settle();
    expect(answers).toEqual(['apply it', 'first', 'second']);
    expect(app.lastFrame()).toContain('› third');
    app.stdin.write('\r');
    await settle();
    expect(answers.at(-1)).toBe('third');
    app.unmount();
  });

  it('edits at the cursor: arrows, Backspace, Home/End, Ctrl-U', async () => {
    const { answers, app, settle } = await prompt();
    app.stdin.write('helo world');
    app.stdin.write('\u001b[D'.repeat(7)); // seven left: the cursor after "hel"
    app.stdin.write('l');
    app.stdin.write('\u001b[F'); // End
    app.stdin.write('\u007f'); // Backspace
    app.stdin.write('d!');
    app.stdin.write('\r');
    app.stdin.write('drop this');
    app.stdin.write('\u0015'); // Ctrl-U
    app.stdin.write('kept');
    app.stdin.write('\r');
    await settle();
    expect(answers).toEqual(['hello world!', 'kept']);
    app.unmount();
  });

  it('answers nothing on an empty Enter, and drops bracketed-paste markers', async () => {
    const { answers, app, settle } = await prompt();
    app.stdin.write('\r');
    app.stdin.write('   \r');
    app.stdin.write('\u001b[200~');
    app.stdin.write('pasted');
    app.stdin.write('\u001b[201~');
    app.stdin.write('\r');
    await settle();
    expect(answers).toEqual(['pasted']);
    app.unmount();
  });

  it('keeps a bracketed multi-line paste as one answer where a document is asked, and sends it on Enter', async () => {
    const { answers, app, settle } = await prompt({ multiline: true });
    app.stdin.write('\u001b[200~# Guide\r\n\r\n## Install\r\nnpm install x@5\u001b[201~');
    await settle();
    expect(answers).toEqual([]);
    expect(app.lastFrame()).toContain('4 lines; Enter sends them as one answer');
    app.stdin.write('\r');
    await settle();
    expect(answers).toEqual(['# Guide\n\n## Install\nnpm install x@5']);
    // A pasted block that ends in a line break is sent at once.
    app.stdin.write('\u001b[200~first\nsecond\n\u001b[201~');
    await settle();
    expect(answers.at(-1)).toBe('first\nsecond');
    app.unmount();
  });

  it('sends each line of the same paste as its own answer where one line is asked', async () => {
    const { answers, app, settle } = await prompt();
    app.stdin.write('\u001b[200~create a new one\nnode 18 to 22\n\u001b[201~');
    await settle();
    expect(answers).toEqual(['create a new one', 'node 18 to 22']);
    app.unmount();
  });

  it('holds what is typed while a run goes on: Enter sends nothing, and the line stays to send later', async () => {
    const answers: string[] = [];
    const app = render(<Prompt hold onSubmit={(text) => answers.push(text)} />);
    await new Promise((r) => setTimeout(r, 50));
    app.stdin.write('skip step 2');
    app.stdin.write('\r');
    app.stdin.write('x\ry\r');
    await new Promise((r) => setTimeout(r, 50));
    expect(answers).toEqual([]);
    expect(app.lastFrame()).toContain('held: atx is running');
    expect(app.lastFrame()).toContain('› skip step 2 x y');
    // The run asks: the same line, sent with Enter.
    app.rerender(<Prompt onSubmit={(text) => answers.push(text)} />);
    await new Promise((r) => setTimeout(r, 50));
    app.stdin.write('\r');
    await new Promise((r) => setTimeout(r, 50));
    expect(answers).toEqual(['skip step 2 x y']);
    app.unmount();
  });
});
