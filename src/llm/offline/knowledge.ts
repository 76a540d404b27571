// The offline knowledge base: common migrations, the versions people move through one at a
// time, and the deterministic action (a built-in codemod or a command) for each hop, if any.
import type { StepAction, ValidatorSpec } from '../../definitions/types.js';

export interface DraftStep {
  text: string;
  action?: StepAction;
}

export interface Technology {
  id: string;
  label: string;
  /** Words that name it in a description. */
  pattern: RegExp;
  /** Supported versions, oldest first: the ladder a migration climbs one rung at a time. */
  ladder: number[];
  /** Where a migration goes when the person names no target. */
  latest: number;
  /** Steps that move the project from `from` to the next rung `to`. */
  hop(from: number, to: number): DraftStep[];
  /** Final validation steps (build, tests, linter). */
  validate: DraftStep[];
  entry: string[];
  guardrails: string[];
  exit: Array<{ text: string; validator?: ValidatorSpec }>;
  /** npm packages whose version in package.json shows the project reached the target. */
  packages?: string[];
  /** What `add a step to run the linter` runs. */
  lintCommand: string;
  notes?: Record<number, string>;
  /** Single-hop migrations (SDK v2 → v3) have no version numbers in what people say. */
  fixedHop?: [number, number];
}

const npmValidate: DraftStep[] = [
  {
    text: "Install dependencies from the updated manifest with the project's package manager.",
    action: { command: 'npm install' },
  },
  { text: 'Build the project.', action: { command: 'npm run build --if-present' } },
  { text: 'Run the unit tests.', action: { command: 'npm test' } },
];
const buildExit = { text: 'The project builds with the build command.', validator: { validator: 'build' } };
const testsExit = { text: "The project's unit tests pass.", validator: { validator: 'tests' } };
const keepBehaviour =
  'Business logic, public APIs and observable behaviour stay the same; only what the migration requires changes.';
const oneHop = 'Move one major version per phase; never jump several versions in one change.';
const lockfile = 'The lockfile changes only through the package manager; do not change the package manager.';
const gitEntry = 'The project is a git repository with at least one commit and a clean working tree.';

/** A `package.json` dependency on one of `packages` pinned below major `below`. */
export function pinPattern(packages: string[], below: number): string {
  const older = Array.from({ length: below }, (_, i) => i).join('|');
  return `"(${packages.join('|')})": *"[~^]?(${older})\\.`;
}

const npmPackage = (
  label: string,
  id: string,
  pattern: RegExp,
  packages: string[],
  ladder: number[],
  extra: Partial<Technology> = {},
): Technology => ({
  id,
  label,
  pattern,
  ladder,
  latest: ladder.at(-1)!,
  packages,
  hop: (_from, to) => [
    {
      text: `Update ${packages.map((p) => `\`${p}\``).join(', ')} to ${to} and the libraries that must move with them.`,
      action: { command: `npm install ${packages.map((p) => `${p}@${to}`).join(' ')}` },
    },
    {
      text: `Fix the code the ${label} ${to} release notes list as breaking changes (removed and renamed APIs), keeping behaviour the same.`,
    },
  ],
  validate: npmValidate,
  entry: [
    gitEntry,
    `The project has a \`package.json\` that depends on ${label}.`,
    'The build and the unit tests pass before the migration.',
  ],
  guardrails: [oneHop, keepBehaviour, lockfile, 'Leave unrelated code, documentation and assets untouched.'],
  exit: [buildExit, testsExit],
  lintCommand: 'npm run lint',
  ...extra,
});

export const technologies: Technology[] = [
  {
    id: 'angular',
    label: 'Angular',
    pattern: /\bangular\b/i,
    ladder: [12, 13, 14, 15, 16, 17, 18, 19, 20],
    latest: 20,
    packages: ['@angular/core', '@angular/cli'],
    hop: (from, to) => [
      {
        text: `Update the framework and CLI from ${from} to ${to} with the Angular CLI's migrations.`,
        action: { command: `npx ng update @angular/core@${to} @angular/cli@${to}`, timeoutSeconds: 1800 },
      },
      {
        text: `Update the Angular libraries the project depends on (Angular Material and CDK, NgRx, …) to their Angular ${to} releases and fix what the migrations report as manual work.`,
      },
      { text: `Build the application with Angular ${to}.`, action: { command: 'npx ng build', timeoutSeconds: 1200 } },
    ],
    validate: [{ text: 'Run the unit tests.', action: { command: 'npx ng test --watch=false' } }],
    entry: [
      gitEntry,
      '`@angular/core` and `@angular/cli` are installed at the starting major.',
      'The Node.js version in use satisfies every Angular version on the way.',
      '`ng build` and the unit tests pass before the migration.',
    ],
    guardrails: [
      oneHop,
      'Run only the migrations `ng update` applies by default; optional ones are a separate, reviewed change.',
      'Do not use `--force` to bypass peer-dependency conflicts.',
      keepBehaviour,
      lockfile,
    ],
    exit: [buildExit, testsExit],
    lintCommand: 'npx ng lint',
    notes: {
      17: 'built-in control flow, esbuild application builder',
      18: '`HttpClientModule` replaced by `provideHttpClient()`',
      19: 'standalone by default',
      20: 'signals APIs stable, Node.js 20.19+ required',
    },
  },
  npmPackage('React', 'react', /\breact\b/i, ['react', 'react-dom'], [15, 16, 17, 18, 19], {
    notes: {
      17: 'new JSX transform, event delegation on the root',
      18: '`createRoot`, automatic batching',
      19: '`ref` as a prop, removed legacy APIs',
    },
  }),
  npmPackage('Vue', 'vue', /\bvue(\.?js)?\b/i, ['vue'], [2, 3], {
    notes: { 3: 'Composition API, `createApp`, removed filters and `$on`' },
  }),
  {
    id: 'nodejs',
    label: 'Node.js',
    pattern: /\bnode(\.?js)?\b/i,
    ladder: [12, 14, 16, 18, 20, 22, 24],
    latest: 24,
    hop: (_from, to) => [
      ...(to >= 24
        ? [
            {
              text: 'Convert callback-style Lambda handlers to async handlers, which the Node.js 24 runtime requires.',
              action: { codemod: 'lambda-callback-to-async' },
            },
          ]
        : []),
      {
        text: `Rewrite every declaration of the Node.js version (templates, Dockerfiles, \`.nvmrc\`, \`engines\`, CI) to ${to}.`,
        action: { codemod: 'nodejs-runtime-upgrade', options: { targetVersion: to } },
      },
      { text: `Raise the dependencies that do not support Node.js ${to}, and only those.` },
    ],
    validate: npmValidate,
    entry: [
      gitEntry,
      'The project has a `package.json`, or declares a Node.js Lambda runtime in a template.',
      'The tests pass on the current Node.js version.',
    ],
    guardrails: [
      'Move one LTS version per phase.',
      'Never lower a version that is already at or above the target.',
      keepBehaviour,
      lockfile,
    ],
    exit: [
      buildExit,
      testsExit,
      { text: 'The tests pass under the target Node.js.', validator: { validator: 'node-runtime' } },
    ],
    lintCommand: 'npm run lint',
  },
  {
    id: 'python',
    label: 'Python',
    pattern: /\bpython\b/i,
    ladder: [6, 7, 8, 9, 10, 11, 12, 13],
    latest: 13,
    hop: (_from, to) => [
      {
        text: `Set the Python version to 3.${to} wherever it is declared (\`pyproject.toml\` \`requires-python\`, \`.python-version\`, Dockerfiles, CI, Lambda runtimes).`,
      },
      { text: `Replace APIs deprecated or removed in Python 3.${to} and raise dependencies that do not support it.` },
    ],
    validate: [{ text: 'Run the test suite.', action: { command: 'python -m pytest' } }],
    entry: [
      gitEntry,
      'The project has `pyproject.toml`, `setup.py` or `requirements.txt`.',
      'The tests pass on the current Python version.',
    ],
    guardrails: ['Move one minor Python version per phase.', keepBehaviour, 'Do not change the dependency manager.'],
    exit: [{ text: 'The test suite passes.', validator: { validator: 'command', command: 'python -m pytest' } }],
    lintCommand: 'ruff check .',
  },
  {
    id: 'spring-boot',
    label: 'Spring Boot',
    pattern: /\bspring[ -]?boot\b/i,
    ladder: [2, 3],
    latest: 3,
    hop: (from, to) => [
      { text: `Raise the Spring Boot parent/BOM from ${from}.x to ${to}.x and Java to 17 or later.` },
      {
        text: 'Move `javax.*` imports to `jakarta.*` and adapt Spring Security configuration to the component-based style.',
      },
      { text: 'Build and test with Maven.', action: { command: 'mvn -B -q verify' } },
    ],
    validate: [{ text: 'Run the full build with tests.', action: { command: 'mvn -B verify' } }],
    entry: [gitEntry, 'The project builds with Maven or Gradle and its tests pass.'],
    guardrails: [
      oneHop,
      keepBehaviour,
      'Keep configuration property names working (use the properties migrator while moving).',
    ],
    exit: [
      { text: 'The project builds and its tests pass.', validator: { validator: 'command', command: 'mvn -B verify' } },
    ],
    lintCommand: 'mvn -B checkstyle:check',
  },
  {
    id: 'java',
    label: 'Java',
    pattern: /\b(java|jdk|openjdk|corretto)\b/i,
    ladder: [8, 11, 17, 21, 25],
    latest: 21,
    hop: (_from, to) => [
      {
        text: `Set the Java release to ${to} in the build (\`maven.compiler.release\` / Gradle toolchain), Dockerfiles and CI.`,
      },
      { text: `Replace APIs removed by Java ${to} and raise plugins and dependencies that do not support it.` },
      { text: `Build and test on Java ${to}.`, action: { command: 'mvn -B -q verify' } },
    ],
    validate: [{ text: 'Run the full build with tests.', action: { command: 'mvn -B verify' } }],
    entry: [gitEntry, 'The project builds with Maven or Gradle and its tests pass.'],
    guardrails: ['Move one LTS Java version per phase.', keepBehaviour],
    exit: [
      { text: 'The project builds and its tests pass.', validator: { validator: 'command', command: 'mvn -B verify' } },
    ],
    lintCommand: 'mvn -B checkstyle:check',
  },
  {
    id: 'aws-sdk-js',
    label: 'AWS SDK for JavaScript',
    pattern: /\b(aws[ -]?sdk|sdk)\b.*\b(js|javascript|node|v2|v3)\b|\baws-sdk\b/i,
    ladder: [2, 3],
    latest: 3,
    fixedHop: [2, 3],
    hop: () => [
      {
        text: 'Replace AWS SDK for JavaScript v2 clients and calls with the modular v3 clients and commands.',
        action: { codemod: 'aws-sdk-v2-to-v3' },
      },
      {
        text: 'Convert what the codemod reported for a person (custom request handlers, event listeners, service-specific helpers).',
      },
    ],
    validate: npmValidate,
    entry: [gitEntry, 'The project depends on `aws-sdk` (v2).'],
    guardrails: [keepBehaviour, lockfile],
    exit: [
      buildExit,
      testsExit,
      {
        text: 'No source file imports the v2 SDK.',
        validator: {
          validator: 'no-match',
          pattern: 'require\\([\'"]aws-sdk[\'"]\\)|from [\'"]aws-sdk[\'"]',
          paths: ['*.js', '*.ts', '*.mjs', '*.cjs'],
        },
      },
    ],
    lintCommand: 'npm run lint',
  },
  {
    id: 'aws-sdk-java',
    label: 'AWS SDK for Java',
    pattern: /\b(aws[ -]?sdk|sdk)\b.*\bjava\b|\bjava\b.*\b(aws[ -]?sdk|sdk)\b/i,
    ladder: [1, 2],
    latest: 2,
    fixedHop: [1, 2],
    hop: () => [
      { text: 'Replace `com.amazonaws` v1 clients with `software.amazon.awssdk` v2 builders, requests and responses.' },
      { text: 'Build and test.', action: { command: 'mvn -B -q verify' } },
    ],
    validate: [{ text: 'Run the full build with tests.', action: { command: 'mvn -B verify' } }],
    entry: [gitEntry, 'The project uses the AWS SDK for Java 1.x.'],
    guardrails: [keepBehaviour],
    exit: [
      {
        text: 'No source file imports the v1 SDK.',
        validator: { validator: 'no-match', pattern: 'import com\\.amazonaws\\.', paths: ['*.java'] },
      },
    ],
    lintCommand: 'mvn -B checkstyle:check',
  },
  {
    id: 'boto',
    label: 'boto',
    pattern: /\bboto ?[23]?\b/i,
    ladder: [2, 3],
    latest: 3,
    fixedHop: [2, 3],
    hop: () => [{ text: 'Replace `boto` (2) connections and calls with `boto3` clients and resources.' }],
    validate: [{ text: 'Run the test suite.', action: { command: 'python -m pytest' } }],
    entry: [gitEntry, 'The project imports `boto` (2).'],
    guardrails: [keepBehaviour],
    exit: [
      {
        text: 'No source file imports boto 2.',
        validator: {
          validator: 'no-match',
          pattern: '^\\s*(import boto$|import boto\\s|from boto import)',
          paths: ['*.py'],
        },
      },
    ],
    lintCommand: 'ruff check .',
  },
];

/** The technology a description is about: the most specific one that matches. */
export function findTechnology(description: string): Technology | undefined {
  // SDK and Spring Boot patterns are more specific than "java"/"node", so they are tried first.
  const order = [
    'aws-sdk-java',
    'aws-sdk-js',
    'boto',
    'spring-boot',
    'angular',
    'react',
    'vue',
    'python',
    'java',
    'nodejs',
  ];
  return order.map((id) => technologies.find((t) => t.id === id)!).find((t) => t.pattern.test(description));
}
