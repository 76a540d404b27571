// The model's file tools refuse to write where a guardrail protects paths, and say why.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTool, ToolError } from '../../src/llm/anthropic/tools.js';
import { keepOutRules } from '../../src/knowledge/exclude.js';
import { tempDir } from '../helpers/cli.js';

const guardrail = 'Never modify files under legacy/.';

async function checkout(): Promise<string> {
  const dir = await tempDir('atx-protect-');
  await mkdir(join(dir, 'legacy'));
  await writeFile(join(dir, 'legacy/a.js'), 'old\n');
  await writeFile(join(dir, 'app.js'), 'old\n');
  return dir;
}

describe('agent file tools and protected paths', () => {
  it('refuse write_file and edit_file under a protected glob, however the path is spelled; other files are written', async () => {
    const dir = await checkout();
    const keepOut = keepOutRules({ protectedPaths: [{ guardrail, paths: ['legacy/**'] }] });
    const context = { checkoutDir: dir, trustAllTools: false, keepOut };
    const state = { written: new Set<string>() };
    for (const path of ['legacy/a.js', './legacy/a.js', 'legacy//new.js', 'legacy/deep/new.js']) {
      const write = callTool('write_file', { path, content: 'model\n' }, context, state);
      await expect(write, path).rejects.toBeInstanceOf(ToolError);
      await expect(write, path).rejects.toThrow(
        `is protected: the guardrail "${guardrail}" protects legacy/**. Do not change it`,
      );
    }
    await expect(
      callTool('edit_file', { path: 'legacy/a.js', old_text: 'old', new_text: 'new' }, context, state),
    ).rejects.toThrow(/is protected/);
    expect(await readFile(join(dir, 'legacy/a.js'), 'utf8')).toBe('old\n');
    expect(existsSync(join(dir, 'legacy/new.js')) || existsSync(join(dir, 'legacy/deep'))).toBe(false);

    await expect(
      callTool('edit_file', { path: 'app.js', old_text: 'old', new_text: 'new' }, context, state),
    ).resolves.toBe('edited');
    await expect(callTool('write_file', { path: 'legacy-notes.md', content: 'x\n' }, context, state)).resolves.toBe(
      'written',
    );
    expect([...state.written].sort()).toEqual(['app.js', 'legacy-notes.md']);
    // Reading stays allowed: the model may look at what it must not change.
    await expect(callTool('read_file', { path: 'legacy/a.js' }, context, state)).resolves.toBe('old\n');
  });

  it("refuse writes under a knowledge item's exclusion too, naming the item", async () => {
    const dir = await checkout();
    const keepOut = keepOutRules({
      knowledge: {
        applied: [{ id: 'ki-12345678', title: 't', kind: 'exclude', where: [] }],
        excludePaths: ['legacy/'],
        context: [],
      },
    });
    await expect(
      callTool(
        'write_file',
        { path: 'legacy/a.js', content: 'x' },
        { checkoutDir: dir, trustAllTools: false, keepOut },
        { written: new Set() },
      ),
    ).rejects.toThrow('knowledge item ki-12345678 says not to touch legacy/');
  });
});
