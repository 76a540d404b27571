// The view a dry run shares between the planner and its steps: what a codemod kept for one
// view (the handlers the templates name) is never used once an earlier step changed the files.
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codemod } from '../../src/codemods/lambda-callback-to-async/index.js';
import { lookAt, runOnReadable } from '../../src/planner/held-back.js';
import { DiskRepoView } from '../../src/planner/repo-view.js';
import { tempDir, writeFiles } from '../helpers/cli.js';

// `(req, context, next)` exported as `main`: a handler only because the template says so.
const app = 'exports.main = (req, context, next) => {\n  next(null, { ok: req.ok });\n};\n';
const named =
  'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.main\n      Runtime: nodejs20.x\n';
const unnamed =
  'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: other.handler\n      Runtime: nodejs20.x\n';

async function viewOf(files: Record<string, string>): Promise<DiskRepoView> {
  const dir = await tempDir('atx-view-');
  await writeFiles(dir, files);
  return new DiskRepoView(dir, Object.keys(files).sort());
}

describe('the view codemods get', () => {
  it('is the one the plan looked at, so the step converts what the plan named', async () => {
    const view = await viewOf({ 'template.yaml': named, 'src/app.js': app });
    expect(lookAt(codemod, view, {}).candidates).toEqual(['src/app.js']);
    const { result } = await runOnReadable(codemod, view, {});
    expect(result.changes.get('src/app.js')).toBe(
      'exports.main = async (req, context) => {\n  return { ok: req.ok };\n};\n',
    );
  });

  it('shows the changes of an earlier step, templates included, and nothing kept from before them', async () => {
    const view = await viewOf({ 'template.yaml': named, 'src/app.js': app });
    expect(lookAt(codemod, view, {}).candidates).toEqual(['src/app.js']);
    // An earlier step points the function elsewhere: app.main is no handler any more.
    view.apply(new Map([['template.yaml', unnamed]]));
    expect(view.codemodView().read('template.yaml')).toBe(unnamed);
    const { result } = await runOnReadable(codemod, view, {});
    expect(result.changes.size).toBe(0);
  });
});

describe('the files a view offers', () => {
  it('are the tracked regular files in the tracked order, links and missing paths left out', async () => {
    const dir = await tempDir('atx-view-');
    await writeFiles(dir, { 'a/x.js': '1', 'a/y/z.js': '2', 'a/zz.js': '3', 'b.js': '4' });
    await symlink('x.js', join(dir, 'a', 'link.js'));
    const tracked = ['a/link.js', 'a/missing.js', 'a/x.js', 'a/y/z.js', 'a/zz.js', 'b.js'];
    const view = new DiskRepoView(dir, tracked);
    expect(view.files).toEqual(['a/x.js', 'a/y/z.js', 'a/zz.js', 'b.js']);
    expect([...view.heldBack().keys()]).toEqual(['a/link.js']);
  });

  it('offers a file below a folder linked outside the repository as before, and never reads it', async () => {
    const outside = await tempDir('atx-outside-');
    await writeFiles(outside, { 'secret.js': 'exports.handler = (e, c, cb) => cb(null, 1);\n' });
    const dir = await tempDir('atx-view-');
    await writeFiles(dir, { 'a.js': '1' });
    await symlink(outside, join(dir, 'linked'));
    const view = new DiskRepoView(dir, ['a.js', 'linked/secret.js']);
    expect(view.files).toEqual(['a.js', 'linked/secret.js']);
    expect(() => view.read('linked/secret.js')).toThrow(/leads outside/);
    expect(view.writable('linked/secret.js')).toBe(false);
  });
});
