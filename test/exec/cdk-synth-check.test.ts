// AWS/nodejs-version-upgrade on CDK apps whose CDK has no Runtime.NODEJS_24_X (v1, and v2 before
// 2.224.0), checked the way `cdk synth` would: the project's own TypeScript type-checks and
// compiles the app against the project's own CDK, and the compiled app synthesizes, before atx
// and after it. Networked: the CDK and TypeScript packages come from the npm registry, once per
// run into a temporary folder; without the registry the test is skipped, except under CI=true,
// where it fails and shows npm's error.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atx, git, makeRepo, tempDir, writeFiles } from '../helpers/cli.js';

let cacheRoot: string;
beforeAll(async () => {
  cacheRoot = await tempDir('atx-cdk-deps-');
});
afterAll(async () => {
  if (cacheRoot) await rm(cacheRoot, { recursive: true, force: true });
});

async function npmInstall(dir: string, manifest: object): Promise<boolean> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'deps', private: true, ...manifest }));
  const npm = await execa(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'],
    { cwd: dir, reject: false, timeout: 300_000 },
  );
  if (npm.exitCode === 0) return true;
  if (process.env.CI === 'true')
    throw new Error(`npm install of the CDK test project's dependencies failed (exit ${npm.exitCode}):\n${npm.stderr}`);
  return false;
}

const key = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** node_modules for a package.json's dependencies, installed once per run; undefined (not CI) when the registry is out of reach. */
async function dependencies(manifest: string): Promise<string | undefined> {
  const { dependencies: deps = {}, devDependencies: dev = {} } = JSON.parse(manifest);
  const dir = join(cacheRoot, key({ deps, dev }));
  if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules');
  return (await npmInstall(dir, { dependencies: deps, devDependencies: dev })) ? join(dir, 'node_modules') : undefined;
}

/**
 * node_modules for `after`, a package.json that changes only some of `before`'s dependencies:
 * those are installed alone, and the rest are linked from `before`'s install (the CDK is large).
 */
async function changedDependencies(before: string, after: string, modules: string): Promise<string | undefined> {
  const all = (text: string): Record<string, string> => ({
    ...JSON.parse(text).dependencies,
    ...JSON.parse(text).devDependencies,
  });
  const [old, next] = [all(before), all(after)];
  const changed = Object.fromEntries(Object.entries(next).filter(([name, range]) => old[name] !== range));
  if (Object.keys(changed).length === 0) return modules;
  const dir = join(cacheRoot, key(next));
  if (!existsSync(join(dir, 'node_modules')) && !(await npmInstall(join(dir, 'changed'), { dependencies: changed })))
    return undefined;
  const farm = join(dir, 'node_modules');
  if (existsSync(farm)) return farm;
  const link = async (name: string) => {
    const own = join(dir, 'changed', 'node_modules', name);
    await mkdir(join(farm, name, '..'), { recursive: true });
    await symlink(changed[name] !== undefined && existsSync(own) ? own : join(modules, name), join(farm, name), 'dir');
  };
  for (const entry of await readdir(modules)) {
    if (!entry.startsWith('@')) await link(entry);
    else for (const scoped of await readdir(join(modules, entry))) await link(`${entry}/${scoped}`);
  }
  return farm;
}

interface Synth {
  tsc: { exitCode?: number; output: string };
  /** Each synthesized function's and layer's runtimes, by logical id prefix. */
  runtimes?: Record<string, unknown>;
  synthError?: string;
}

/**
 * `cdk synth`, minus the CLI: tsc of the project with its own TypeScript (which emits even when
 * it reports errors), then the compiled app run with CDK_OUTDIR, as the CLI runs it.
 */
async function synth(project: string, modules: string): Promise<Synth> {
  await rm(join(project, 'node_modules'), { force: true, recursive: true });
  await symlink(modules, join(project, 'node_modules'), 'dir');
  const tsc = await execa('node', ['node_modules/typescript/bin/tsc', '-p', '.', '--outDir', 'build'], {
    cwd: project,
    reject: false,
    timeout: 300_000,
  });
  const result: Synth = { tsc: { exitCode: tsc.exitCode, output: `${tsc.stdout}${tsc.stderr}` } };
  if (!existsSync(join(project, 'build/bin/app.js'))) return result;
  const outdir = join(project, 'cdk.out');
  const app = await execa('node', ['build/bin/app.js'], {
    cwd: project,
    reject: false,
    timeout: 120_000,
    env: { CDK_OUTDIR: outdir },
  });
  if (app.exitCode !== 0) return { ...result, synthError: app.stderr };
  const runtimes: Record<string, unknown> = {};
  for (const name of (await readdir(outdir)).filter((file) => file.endsWith('.template.json'))) {
    const template = JSON.parse(await readFile(join(outdir, name), 'utf8'));
    for (const [id, resource] of Object.entries<any>(template.Resources ?? {})) {
      const value = resource.Properties?.Runtime ?? resource.Properties?.CompatibleRuntimes;
      if (value !== undefined) runtimes[id.replace(/[0-9A-F]{8}$/, '')] = value;
    }
  }
  return { ...result, runtimes };
}

/** The project after `atx custom def exec` of AWS/nodejs-version-upgrade: its branch checked out, and the run summary. */
async function upgraded(files: Record<string, string>) {
  const repo = await makeRepo(files);
  const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--json'], {
    env: { ATX_HOME: await tempDir('atx-home-') },
    timeout: 300_000,
  });
  const summary = JSON.parse(run.stdout);
  await git(repo, ['checkout', '-q', summary.branch]);
  const read = (path: string) => readFile(join(repo, path), 'utf8');
  return { repo, summary, read, stderr: run.stderr };
}

async function project(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('atx-cdk-before-');
  await writeFiles(dir, files);
  return dir;
}

const assets = {
  'resources/widgets.js': 'exports.main = async () => ({ statusCode: 200, body: "[]" });\n',
  'layer/nodejs/util.js': 'module.exports = { ok: true };\n',
  '.gitignore': 'node_modules\nbuild\ncdk.out\n',
};

// A CDK v1 app as `cdk init app --language typescript` wrote it in early 2020 (CDK 1.30, TypeScript 3.7).
const v1 = {
  ...assets,
  'package.json': `{
  "name": "widget-service",
  "version": "0.1.0",
  "bin": {
    "widget-service": "bin/app.js"
  },
  "scripts": {
    "build": "tsc",
    "cdk": "cdk"
  },
  "devDependencies": {
    "@types/node": "10.17.5",
    "typescript": "~3.7.2"
  },
  "dependencies": {
    "@aws-cdk/aws-lambda": "1.30.0",
    "@aws-cdk/core": "1.30.0"
  }
}
`,
  'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2018",
    "module": "commonjs",
    "lib": ["es2018"],
    "strict": true,
    "noImplicitReturns": true,
    "noUnusedLocals": false,
    "experimentalDecorators": true,
    "typeRoots": ["./node_modules/@types"]
  },
  "exclude": ["cdk.out", "build"]
}
`,
  'cdk.json': '{\n  "app": "npx ts-node bin/app.ts"\n}\n',
  'bin/app.ts': `#!/usr/bin/env node
import * as cdk from '@aws-cdk/core';
import { WidgetStack } from '../lib/widget-stack';

const app = new cdk.App();
new WidgetStack(app, 'WidgetStack');
`,
  'lib/widget-stack.ts': `import * as cdk from '@aws-cdk/core';
import lambda = require('@aws-cdk/aws-lambda');
import { Code, Function, Runtime } from '@aws-cdk/aws-lambda';

export class WidgetStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const shared = new lambda.LayerVersion(this, 'Shared', {
      code: lambda.Code.fromAsset('layer'),
      compatibleRuntimes: [lambda.Runtime.NODEJS_12_X],
    });

    new lambda.Function(this, 'Widgets', {
      runtime: lambda.Runtime.NODEJS_12_X,
      code: lambda.Code.fromAsset('resources'),
      handler: 'widgets.main',
      layers: [shared],
    });

    new Function(this, 'Ping', {
      runtime: Runtime.NODEJS_12_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "pong" });'),
    });
  }
}
`,
};

// A CDK v2 app from late 2023 (aws-cdk-lib 2.100.0, before NODEJS_24_X came in 2.224.0). It imports
// aws-cdk-lib/core rather than the root module, which would make tsc read all 250 modules' types.
const v2 = {
  ...assets,
  'package.json': `{
  "name": "orders",
  "version": "0.1.0",
  "bin": {
    "orders": "bin/app.js"
  },
  "devDependencies": {
    "@types/node": "20.6.3",
    "typescript": "~5.2.2"
  },
  "dependencies": {
    "aws-cdk-lib": "2.100.0",
    "constructs": "^10.0.0"
  }
}
`,
  'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2020",
    "module": "commonjs",
    "lib": ["es2020", "dom"],
    "declaration": true,
    "strict": true,
    "skipLibCheck": true,
    "typeRoots": ["./node_modules/@types"]
  },
  "exclude": ["node_modules", "cdk.out", "build"]
}
`,
  'bin/app.ts': `#!/usr/bin/env node
import { App } from 'aws-cdk-lib/core';
import { OrdersStack } from '../lib/orders-stack';

const app = new App();
new OrdersStack(app, 'OrdersStack');
`,
  'lib/orders-stack.ts': `import { Duration, Stack, StackProps } from 'aws-cdk-lib/core';
import { Code, Function, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const shared = new LayerVersion(this, 'Shared', {
      code: Code.fromAsset('layer'),
      compatibleRuntimes: [Runtime.NODEJS_18_X],
    });

    new Function(this, 'Orders', {
      runtime: Runtime.NODEJS_18_X,
      handler: 'widgets.main',
      code: Code.fromAsset('resources'),
      layers: [shared],
      timeout: Duration.seconds(10),
    });

    new Function(this, 'Health', {
      runtime: Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => "ok";'),
    });
  }
}
`,
};

describe.concurrent('CDK apps whose CDK lacks Runtime.NODEJS_24_X still synthesize after the upgrade', () => {
  it('CDK v1 with TypeScript 3.7: synth before, and after atx on nodejs24.x', async ({ skip }) => {
    const before = await dependencies(v1['package.json']);
    if (!before) return skip('the npm registry is out of reach (set CI=true to make this a failure)');
    // Beside the app, the member form atx wrote before: the check fails on it, and only on it.
    const original = await project({
      ...v1,
      'lib/member.ts':
        "import lambda = require('@aws-cdk/aws-lambda');\nexport const r = lambda.Runtime.NODEJS_24_X;\n",
    });
    const first = await synth(original, before);
    const errors = first.tsc.output.split('\n').filter((line) => /error TS/.test(line));
    expect(errors, first.tsc.output).toEqual([
      expect.stringMatching(/^lib\/member\.ts\(2,\d+\): error TS\d+: Property 'NODEJS_24_X' does not exist/),
    ]);
    expect(first.synthError).toBeUndefined();
    expect(first.runtimes).toEqual({ Shared: ['nodejs12.x'], Widgets: 'nodejs12.x', Ping: 'nodejs12.x' });

    const { repo, summary, read, stderr } = await upgraded(v1);
    expect(await read('lib/widget-stack.ts'), stderr).toContain(
      "new lambda.Runtime('nodejs24.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true })",
    );
    const manifest = await read('package.json');
    // @types/node 24.0.0 needs TypeScript 5.1: step 1.4 raises TypeScript (in its own commit) first,
    // in the range's own form, so @types/node then goes all the way
    expect(JSON.parse(manifest).devDependencies).toEqual({ '@types/node': '24.0.0', typescript: '~5.1.6' });
    expect(summary.findings).toContainEqual(
      expect.objectContaining({
        file: 'lib/widget-stack.ts',
        line: 11,
        rule: 'nodejs-runtime/cdk-runtime-constructor',
        severity: 'manual',
      }),
    );
    expect(summary.findings.map((f: { rule: string }) => f.rule)).not.toContain(
      'nodejs-runtime/types-node-needs-typescript',
    );

    const after = await synth(repo, (await changedDependencies(v1['package.json'], manifest, before))!);
    expect(after.tsc, after.tsc.output).toMatchObject({ exitCode: 0 });
    expect(after.synthError).toBeUndefined();
    expect(after.runtimes).toEqual({ Shared: ['nodejs24.x'], Widgets: 'nodejs24.x', Ping: 'nodejs24.x' });
  }, 900_000);

  it('CDK v2 on aws-cdk-lib 2.100.0: synth before, and after atx on nodejs24.x', async ({ skip }) => {
    const before = await dependencies(v2['package.json']);
    if (!before) return skip('the npm registry is out of reach (set CI=true to make this a failure)');
    const first = await synth(await project(v2), before);
    expect(first.tsc, first.tsc.output).toMatchObject({ exitCode: 0 });
    expect(first.synthError).toBeUndefined();
    expect(first.runtimes).toEqual({ Shared: ['nodejs18.x'], Orders: 'nodejs18.x', Health: 'nodejs18.x' });

    const { repo, summary, read, stderr } = await upgraded(v2);
    const stack = await read('lib/orders-stack.ts');
    expect(stack, stderr).toContain(
      "import { Code, Function, LayerVersion, Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';",
    );
    expect(stack).not.toMatch(/NODEJS_\d+_X/);
    const manifest = await read('package.json');
    expect(JSON.parse(manifest).devDependencies).toEqual({ '@types/node': '24.0.0', typescript: '~5.2.2' });
    expect(summary.findings).toContainEqual(
      expect.objectContaining({
        file: 'lib/orders-stack.ts',
        line: 11,
        rule: 'nodejs-runtime/cdk-runtime-constructor',
        severity: 'manual',
      }),
    );

    const after = await synth(repo, (await changedDependencies(v2['package.json'], manifest, before))!);
    expect(after.tsc, after.tsc.output).toMatchObject({ exitCode: 0 });
    expect(after.synthError).toBeUndefined();
    expect(after.runtimes).toEqual({ Shared: ['nodejs24.x'], Orders: 'nodejs24.x', Health: 'nodejs24.x' });
  }, 900_000);
});
