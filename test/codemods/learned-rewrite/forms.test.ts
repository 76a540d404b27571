// Learned patterns come from files as git stores them; the view gives codemods text without a
// byte-order mark and with LF for CRLF files. A pattern learned from such a file still applies.
import { describe, expect, it } from 'vitest';
import { codemod } from '../../../src/codemods/learned-rewrite/index.js';

const repo = (files: Record<string, string>) => ({
  files: Object.keys(files).sort(),
  read: (path: string) => files[path]!,
});

describe('learned-rewrite on text as the view gives it', () => {
  it('applies a pattern learned from a CRLF file with a BOM to the LF text of that file', async () => {
    const patterns = [
      {
        files: '**/*.js',
        before: '\uFEFFconst a = 1;\r\nconst b = 2;\r\n',
        after: '\uFEFFconst a = 1;\r\nconst b = 3;\r\n',
      },
    ];
    const { changes } = await codemod.run(repo({ 'src/x.js': 'const a = 1;\nconst b = 2;\n' }), { patterns });
    expect(changes.get('src/x.js')).toBe('const a = 1;\nconst b = 3;\n');
  });

  it('keeps CRLF in a pattern for a file that kept its mixed line endings', async () => {
    const patterns = [{ files: '*.js', before: 'b();\r\n', after: 'c();\r\n' }];
    const { changes } = await codemod.run(repo({ 'x.js': 'a();\nb();\r\n' }), { patterns });
    expect(changes.get('x.js')).toBe('a();\nc();\r\n');
  });
});
