// The shipped definitions' parsed forms, written by the build (scripts/shipped-definitions.mjs)
// and taken by runs instead of parsing the markdown again (src/definitions/shipped.ts).
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/parse.js';
import type { Definition } from '../../src/definitions/types.js';
import { atx, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

const shippedRoot = join(projectRoot, 'transformations', 'AWS');
const built = (await import(pathToFileURL(join(projectRoot, 'dist/definitions/shipped.js')).href)) as {
  shippedDefinition(text: string, file: string): Definition | undefined;
};

async function shippedFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const name of (await readdir(shippedRoot)).sort()) {
    const entries = await readdir(join(shippedRoot, name)).catch(() => [] as string[]);
    for (const file of ['transformation_definition.md', 'SKILL.md'])
      if (entries.includes(file)) files.push(join(shippedRoot, name, file));
  }
  return files;
}

describe('the shipped definitions parsed by the build', () => {
  it('are exactly what the parser gives for every definition atx ships', async () => {
    const files = await shippedFiles();
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(built.shippedDefinition(text, file), file).toStrictEqual(parseDefinition(text, file));
    }
  });

  it('are found only for the exact text and kind, and handed out as copies', async () => {
    const [file] = await shippedFiles();
    const text = await readFile(file!, 'utf8');
    expect(built.shippedDefinition(`${text}\n`, file!)).toBeUndefined();
    expect(built.shippedDefinition(text.replace(/\n/g, '\r\n'), file!)).toBeUndefined();
    expect(built.shippedDefinition(text, join(file!, '..', 'SKILL.md'))).toBeUndefined();
    const copy = built.shippedDefinition(text, file!)!;
    copy.title = 'changed';
    expect(built.shippedDefinition(text, file!)!.title).toBe(parseDefinition(text, file!).title);
  });

  it('spare a dry run the markdown parser, with the same summary as a copy of the definition that is parsed', async () => {
    const repo = await makeRepo({
      'package.json': '{ "name": "svc", "version": "1.0.0" }\n',
      'handler.js': 'exports.handler = (event, context, callback) => {\n  callback(null, { ok: true });\n};\n',
    });
    // Every module the process loads, on stderr.
    const hookDir = await tempDir();
    const hook = join(hookDir, 'hook.mjs');
    await writeFile(
      hook,
      `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function load(url, context, next) {
  process.stderr.write('LOADED ' + url + '\\\\n');
  return next(url, context);
}\`));
`,
    );
    const home = await tempDir();
    const args = ['custom', 'def', 'exec', '-p', repo, '--dry-run', '--json'];
    const shipped = await atx([...args, '-n', 'AWS/nodejs-lambda-callback-to-async'], {
      env: { ATX_HOME: home, NODE_OPTIONS: `--import=${pathToFileURL(hook).href}` },
    });
    expect(shipped.exitCode, shipped.stderr).toBe(0);
    const loaded = shipped.stderr.split('\n').filter((line) => line.startsWith('LOADED '));
    expect(loaded.some((line) => line.includes('/dist/definitions/load.js'))).toBe(true);
    expect(loaded.filter((line) => /mdast|micromark|definitions\/parse\.js/.test(line))).toEqual([]);

    // The same definition published to the local registry is parsed from its markdown.
    const published = await atx(
      [
        'custom',
        'def',
        'publish',
        '-n',
        'copy',
        '--description',
        'a copy',
        '--sd',
        join(shippedRoot, 'nodejs-lambda-callback-to-async'),
      ],
      { env: { ATX_HOME: home } },
    );
    expect(published.exitCode, published.stderr).toBe(0);
    const parsed = await atx([...args, '-n', 'copy'], { env: { ATX_HOME: home } });
    expect(parsed.exitCode, parsed.stderr).toBe(0);
    const of = (run: { stdout: string }) => {
      const summary = JSON.parse(run.stdout) as { diff: string; findings: unknown[]; steps: { title: string }[] };
      return { diff: summary.diff, findings: summary.findings, steps: summary.steps.map((step) => step.title) };
    };
    expect(of(parsed)).toEqual(of(shipped));
    expect(of(shipped).diff).toContain('+exports.handler = async (event, context) => {');
  });
});
