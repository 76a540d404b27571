// Node.js flags between the source and the target major: no-ops removed, renamed options
// renamed, removed behaviour reported; nothing outside node's own options is touched.
import { describe, expect, it } from 'vitest';
import { FLAG_CHANGES } from '../../../src/codemods/nodejs-runtime/commands/node-flags.js';
import { after, rules, shell } from './helpers.js';

describe('flags that are now the default', () => {
  it('removes them from node command lines, keeping everything around', async () => {
    expect(
      (await shell('node --experimental-fetch --experimental-json-modules --enable-source-maps app.mjs --port 3000'))
        .line,
    ).toBe('node --enable-source-maps app.mjs --port 3000');
    expect((await shell('node \\\n  --experimental-global-webcrypto \\\n  server.js', 16)).line).toBe(
      'node \\\n  server.js',
    );
    expect(
      (
        await shell(
          'node --experimental-require-module --experimental-detect-module --experimental-strip-types x.ts',
          22,
        )
      ).line,
    ).toBe('node x.ts');
  });

  it('removes them from NODE_OPTIONS, inside its quotes', async () => {
    expect((await shell('NODE_OPTIONS="--max-old-space-size=4096 --experimental-fetch" node app.js')).line).toBe(
      'NODE_OPTIONS="--max-old-space-size=4096" node app.js',
    );
    expect((await shell("export NODE_OPTIONS='--experimental-fetch --enable-source-maps'")).line).toBe(
      "export NODE_OPTIONS='--enable-source-maps'",
    );
    expect((await shell('cross-env NODE_OPTIONS=--experimental-fetch jest')).line).toBe('cross-env NODE_OPTIONS= jest');
  });

  it('finds node behind wrappers, and only node', async () => {
    expect((await shell('cross-env NODE_ENV=test c8 --reporter=lcov node --experimental-fetch app.js')).line).toBe(
      'cross-env NODE_ENV=test c8 --reporter=lcov node app.js',
    );
    expect((await shell('/usr/bin/env node --experimental-fetch "$dir/dist/index.js" "$@"')).line).toBe(
      '/usr/bin/env node "$dir/dist/index.js" "$@"',
    );
    // Arguments of the script, of -e, and of other programs are theirs.
    for (const line of [
      'node app.js --experimental-fetch',
      'node -e "fetch(1)" --experimental-fetch',
      'deno run --experimental-fetch x.ts',
      'echo node --experimental-fetch',
    ]) {
      expect((await shell(line)).line).toBe(line);
    }
  });

  it('renames --experimental-permission for Node.js 24', async () => {
    const { line, findings } = await shell('node --experimental-permission --allow-fs-read=./data app.js', 20);
    expect(line).toBe('node --permission --allow-fs-read=./data app.js');
    expect(rules(findings)).toEqual(['info nodejs-commands/flag']);
  });

  it('drops --experimental-async-context-frame, which Node.js 24 refuses', async () => {
    expect((await shell('node --experimental-async-context-frame app.js', 22)).line).toBe('node app.js');
  });
});

describe('the source major decides', () => {
  it('leaves flags alone whose change the upgrade does not cross', async () => {
    // fetch has been on since 18: from 20, the flag was already a no-op and stays one.
    const from20 = await shell('node --experimental-fetch app.js', 20);
    expect(from20.line).toBe('node --experimental-fetch app.js');
    expect(from20.findings).toEqual([]);
    // require(esm) is on by default from 23 (and 22.12): to 24 the flag goes, to 22 it stays.
    expect((await shell('node --experimental-require-module app.js', 20)).line).toBe('node app.js');
    const to22 = await after({ 'x.sh': 'node --experimental-require-module app.js\n' }, 'x.sh', {
      sourceVersion: 20,
      targetVersion: 22,
    });
    expect(to22.changed).toBe(false);
  });
});

describe('flags whose behaviour went away', () => {
  it('reports them with the line, and changes nothing', async () => {
    const cases: Array<[string, number, string]> = [
      ['node --experimental-specifier-resolution=node dist/index.js', 18, 'manual'],
      ['node --es-module-specifier-resolution node dist/index.js', 16, 'manual'],
      ['node --experimental-policy=policy.json app.js', 20, 'manual'],
      ['node --experimental-network-imports app.mjs', 20, 'manual'],
      ['node --no-experimental-fetch app.js', 22, 'manual'],
      ['node --experimental-default-type=module app.js', 22, 'manual'],
      ['node --trace-atomics-wait app.js', 22, 'manual'],
      ['node --harmony-import-assertions app.mjs', 22, 'manual'],
      ['node --loader ts-node/esm app.ts', 18, 'warning'],
    ];
    for (const [line, source, severity] of cases) {
      const result = await shell(`true\n${line}`, source);
      expect(result.line, line).toBe(`true\n${line}`);
      expect(
        result.findings.map((f) => [f.line, f.severity, f.rule]),
        line,
      ).toEqual([[2, severity, 'nodejs-commands/flag']]);
      expect(result.findings[0]!.message).toMatch(/https:\/\/github\.com\/nodejs\/node\/pull\/\d+/);
    }
  });

  it('warns about V8 feature flags, which only the target can confirm', async () => {
    const { line, findings } = await shell('node --harmony-temporal --experimental-wasm-memory64 app.js', 20);
    expect(line).toBe('node --harmony-temporal --experimental-wasm-memory64 app.js');
    expect(rules(findings)).toEqual(['warning nodejs-commands/v8-flag', 'warning nodejs-commands/v8-flag']);
  });
});

describe('the table', () => {
  it('names a version and a source for every entry', () => {
    for (const change of FLAG_CHANGES) {
      expect(change.flag).toMatch(/^--/);
      expect(change.major).toBeGreaterThanOrEqual(12);
      expect(change.source).toMatch(/^https:\/\/github\.com\/nodejs\/node\/pull\/\d+$/);
      if (change.action === 'rename') expect(change.renameTo).toMatch(/^--/);
      if (change.action === 'report') expect(['warning', 'manual']).toContain(change.severity);
    }
  });
});
