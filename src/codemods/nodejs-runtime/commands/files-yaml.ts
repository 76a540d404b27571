// CI files written in YAML: GitHub Actions `run:` steps and `env:` maps
// (https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax), GitLab CI
// `script`/`before_script`/`after_script` and `variables` (https://docs.gitlab.com/ci/yaml/),
// CodeBuild `phases.*.commands`/`finally` and `env.variables`
// (https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html).
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { baseName } from '../../runtime-upgrade/scope.js';
import { parseYaml } from '../../runtime-upgrade/yaml-doc.js';
import { mentionsTools, type CommandFile } from './files.js';
import type { Snippet } from './snippet.js';
import { scalarSnippet } from './yaml-snippet.js';

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

function stringScalar(node: unknown): node is Scalar {
  return isScalar(node) && typeof node.value === 'string' && !!node.range;
}

/** A command or a (nested) list of commands. */
function commandNodes(node: unknown): Scalar[] {
  if (stringScalar(node)) return [node];
  if (isSeq(node)) return node.items.flatMap((item) => commandNodes(item));
  return [];
}

function commands(file: string, node: unknown, cwd: string | undefined): Snippet[] {
  return commandNodes(node).map((scalar) => scalarSnippet(file, scalar, 'shell', cwd));
}

/** NODE_OPTIONS of an environment map (a GitLab variable may be `{ value: … }`). */
function nodeOptions(file: string, env: unknown, cwd: string | undefined): Snippet[] {
  const value = get(env, 'NODE_OPTIONS');
  const scalar = stringScalar(value) ? value : get(value, 'value');
  return stringScalar(scalar) ? [scalarSnippet(file, scalar, 'node-options', cwd)] : [];
}

/** `./svc/` → `svc`; an expression (`${{ … }}`) or a path out of the repository → unknown. */
function folder(node: unknown, fallback: string | undefined, base: string): string | undefined {
  if (!stringScalar(node)) return fallback;
  const value = String(node.value).trim();
  if (value.includes('$') || value.startsWith('/') || value.split('/').includes('..')) return undefined;
  const rel = value
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
  return [base, rel].filter((part) => part !== '').join('/');
}

const posixShells = /^(bash|sh)(\s|$)/;

function githubSnippets(file: string, root: YAMLMap): Snippet[] {
  const out: Snippet[] = [...nodeOptions(file, get(root, 'env'), '')];
  const workflowCwd = folder(get(get(get(root, 'defaults'), 'run'), 'working-directory'), '', '');
  const jobs = get(root, 'jobs');
  if (!isMap(jobs)) return out;
  for (const pair of jobs.items) {
    const job = pair.value;
    const jobRun = get(get(job, 'defaults'), 'run');
    const jobCwd = folder(get(jobRun, 'working-directory'), workflowCwd, '');
    const jobShell = get(jobRun, 'shell');
    out.push(...nodeOptions(file, get(job, 'env'), jobCwd));
    const steps = get(job, 'steps');
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const shell = get(step, 'shell') ?? jobShell;
      if (stringScalar(shell) && !posixShells.test(String(shell.value))) continue;
      const cwd = folder(get(step, 'working-directory'), jobCwd, '');
      out.push(...nodeOptions(file, get(step, 'env'), cwd), ...commands(file, get(step, 'run'), cwd));
    }
  }
  return out;
}

const gitlabScripts = ['before_script', 'script', 'after_script'];

function gitlabSnippets(file: string, root: YAMLMap): Snippet[] {
  const out: Snippet[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'variables') out.push(...nodeOptions(file, pair.value, ''));
    else if (gitlabScripts.includes(key)) out.push(...commands(file, pair.value, ''));
    else if (isMap(pair.value)) {
      out.push(...nodeOptions(file, get(pair.value, 'variables'), ''));
      for (const name of gitlabScripts) out.push(...commands(file, get(pair.value, name), ''));
    }
  }
  return out;
}

function buildspecSnippets(file: string, root: YAMLMap): Snippet[] {
  const out: Snippet[] = [...nodeOptions(file, get(get(root, 'env'), 'variables'), '')];
  const phases = get(root, 'phases');
  if (!isMap(phases)) return out;
  for (const pair of phases.items) {
    for (const name of ['commands', 'finally']) out.push(...commands(file, get(pair.value, name), ''));
  }
  return out;
}

function yamlFile(
  name: string,
  named: (path: string) => boolean,
  snippets: (file: string, root: YAMLMap) => Snippet[],
): CommandFile {
  return {
    name,
    named,
    mentions: (text) => mentionsTools.test(text),
    snippets(_path, text) {
      const doc = parseYaml(text);
      if (!doc) return undefined;
      return isMap(doc.contents) ? snippets(text, doc.contents) : [];
    },
  };
}

export const githubWorkflow = yamlFile(
  'github-actions',
  (path) => /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path),
  githubSnippets,
);
export const gitlabCi = yamlFile(
  'gitlab-ci',
  (path) => /(^|\.)gitlab-ci\.ya?ml$/i.test(baseName(path)),
  gitlabSnippets,
);
export const codebuild = yamlFile(
  'buildspec',
  (path) => /^buildspec[\w.-]*\.ya?ml$/i.test(baseName(path)),
  buildspecSnippets,
);
