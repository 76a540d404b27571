// Generated repositories for the benchmarks: many small, realistic Lambda handler files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const shapes = [
  (i) => `'use strict';
// Handler ${i}: returns the item it was asked for.
const { lookup } = require('../lib/lookup');

exports.handler = (event, context, callback) => {
  const id = event.pathParameters && event.pathParameters.id;
  if (!id) {
    return callback(null, { statusCode: 400, body: JSON.stringify({ message: 'missing id' }) });
  }
  try {
    const item = lookup(id, ${i});
    callback(null, { statusCode: 200, body: JSON.stringify(item) });
  } catch (err) {
    callback(err);
  }
};
`,
  (i) => `'use strict';
// Handler ${i}: old-style context methods.
exports.handler = function (event, context) {
  context.callbackWaitsForEmptyEventLoop = false;
  if (event.fail) {
    context.fail(new Error('requested failure ${i}'));
    return;
  }
  context.succeed({ ok: true, n: ${i} });
};
`,
  (i) => `'use strict';
// Handler ${i}: the callback is called from a timer.
module.exports.handler = (event, context, cb) => {
  setTimeout(() => {
    if (event.bad) return cb(new Error('bad ${i}'));
    cb(null, { delayed: ${i} });
  }, 1);
};
`,
  (i) => `import type { Handler, Callback } from 'aws-lambda';

// Handler ${i}: TypeScript with a typed callback.
export const handler: Handler = (event: { n?: number }, _context, callback: Callback) => {
  const n = event.n ?? ${i};
  callback(null, { doubled: n * 2 });
};
`,
  (i) => `// Utility ${i}: not a handler, must be left alone.
export function merge(a, b, done) {
  const out = { ...a, ...b, id: ${i} };
  if (done) done(null, out);
  return out;
}
`,
];

export function generateHandlerRepo(dir, files) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fleet', private: true }, null, 2) + '\n');
  mkdirSync(join(dir, 'src/lib'), { recursive: true });
  writeFileSync(join(dir, 'src/lib/lookup.js'), 'exports.lookup = (id, n) => ({ id, n });\n');
  const paths = [];
  for (let i = 0; i < files; i++) {
    const shape = i % shapes.length;
    const ext = shape === 3 ? 'ts' : shape === 4 ? 'mjs' : 'js';
    const path = join('src', `group${Math.floor(i / 250)}`, `handler${i}.${ext}`);
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), shapes[shape](i));
    paths.push(path);
  }
  gitCommitAll(dir);
  return paths;
}

export function gitCommitAll(dir) {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@localhost',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@localhost',
  };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', 'generated'], { cwd: dir, env });
}
