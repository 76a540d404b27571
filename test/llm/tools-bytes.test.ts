// The model's file tools keep a file's bytes as a codemod's edit keeps them: the byte-order mark
// and CRLF line endings stay, and a file that is not UTF-8 is refused, never rewritten.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTool, ToolRefusal } from '../../src/llm/anthropic/tools.js';
import { tempDir } from '../helpers/cli.js';

const bom = Buffer.from([0xef, 0xbb, 0xbf]);

async function checkout(
  files: Record<string, Buffer>,
): Promise<{ dir: string; call: (name: string, input: Record<string, unknown>) => Promise<string> }> {
  const dir = await tempDir('atx-tools-bytes-');
  for (const [path, bytes] of Object.entries(files)) await writeFile(join(dir, path), bytes);
  const context = { checkoutDir: dir, trustAllTools: false };
  const state = { written: new Set<string>() };
  return { dir, call: (name, input) => callTool(name, input, context, state) };
}

describe('agent file tools and the bytes of a file', () => {
  it('read_file shows a BOM+CRLF file as LF text; edit_file changes only the edited line and keeps BOM and CRLF', async () => {
    const original = Buffer.concat([bom, Buffer.from('first\r\nversion = 1\r\nlast\r\n')]);
    const { dir, call } = await checkout({ 'app.ini': original });
    await expect(call('read_file', { path: 'app.ini' })).resolves.toBe('first\nversion = 1\nlast\n');
    await expect(
      call('edit_file', { path: 'app.ini', old_text: 'version = 1\n', new_text: 'version = 2\n' }),
    ).resolves.toBe('edited');
    expect(await readFile(join(dir, 'app.ini'))).toEqual(
      Buffer.concat([bom, Buffer.from('first\r\nversion = 2\r\nlast\r\n')]),
    );
  });

  it('write_file over a CRLF file writes CRLF, over a BOM file keeps the BOM; a new file is written as given', async () => {
    const { dir, call } = await checkout({
      'crlf.txt': Buffer.from('a\r\nb\r\n'),
      'bom.txt': Buffer.concat([bom, Buffer.from('x\n')]),
    });
    await call('write_file', { path: 'crlf.txt', content: 'one\ntwo\r\nthree\n' });
    expect((await readFile(join(dir, 'crlf.txt'))).toString('latin1')).toBe('one\r\ntwo\r\nthree\r\n');
    await call('write_file', { path: 'bom.txt', content: 'y\n' });
    expect(await readFile(join(dir, 'bom.txt'))).toEqual(Buffer.concat([bom, Buffer.from('y\n')]));
    await call('write_file', { path: 'new.txt', content: 'n\n' });
    expect((await readFile(join(dir, 'new.txt'))).toString('latin1')).toBe('n\n');
  });

  it('refuses a Latin-1 file to read_file, edit_file and write_file, and leaves it byte-identical', async () => {
    const latin1 = Buffer.from('caf\xe9\nna\xefve\n', 'latin1');
    const { dir, call } = await checkout({ 'notes.txt': latin1 });
    for (const [name, input] of [
      ['read_file', { path: 'notes.txt' }],
      ['edit_file', { path: 'notes.txt', old_text: 'caf', new_text: 'bar' }],
      ['write_file', { path: 'notes.txt', content: 'café\n' }],
    ] as const) {
      const result = call(name, input);
      await expect(result, name).rejects.toBeInstanceOf(ToolRefusal);
      await expect(result, name).rejects.toThrow(
        '"notes.txt" is not UTF-8: atx leaves it byte for byte (the first byte that is not UTF-8 is on line 1)',
      );
    }
    expect(await readFile(join(dir, 'notes.txt'))).toEqual(latin1);
  });
});
