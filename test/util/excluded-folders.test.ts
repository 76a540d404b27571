// Generated folders are never edited by the codemods; `build/`, where build scripts and
// Dockerfiles often live, is still read for runtime declarations.
import { describe, expect, it } from 'vitest';
import { codemod as nodejsRuntime } from '../../src/codemods/nodejs-runtime/index.js';
import { runOn as runCallbackCodemod } from '../codemods/lambda-callback-to-async/helpers.js';
import { runOn as runRuntimeCodemod } from '../codemods/nodejs-runtime/helpers.js';

const handler = 'exports.handler = (event, context, callback) => {\n  callback(null, { ok: true });\n};\n';

describe('excluded folders', () => {
  it('leaves bundler output (.webpack, .esbuild, .build) alone in both Node.js codemods', async () => {
    const files = {
      'src/app.js': handler,
      '.webpack/service/src/app.js': handler,
      '.esbuild/.build/src/app.js': handler,
      '.build/src/app.js': handler,
      '.webpack/service/package.json': '{\n  "engines": { "node": "20.x" }\n}\n',
      'package.json': '{\n  "engines": { "node": "20.x" }\n}\n',
    };
    const converted = runCallbackCodemod(files);
    expect([...converted.changes.keys()]).toEqual(['src/app.js']);
    const { result } = await runRuntimeCodemod(nodejsRuntime, new Map(Object.entries(files)));
    expect([...result.changes.keys()]).toEqual(['package.json']);
  });

  it('still moves the runtime a Dockerfile under build/ names', async () => {
    const files = new Map([['build/Dockerfile', 'FROM public.ecr.aws/lambda/nodejs:20\nCOPY . .\n']]);
    const { result } = await runRuntimeCodemod(nodejsRuntime, files);
    expect(result.changes.get('build/Dockerfile')).toBe('FROM public.ecr.aws/lambda/nodejs:24\nCOPY . .\n');
  });
});
