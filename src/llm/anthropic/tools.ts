// The agent's tools: read, list, search, write and edit files, run commands — all inside the
// checkout. A path that resolves outside it (.., absolute, or through a symlink) is refused.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeFileSafe } from '../../util/fs.js';
import { runShell, tail } from '../../util/proc.js';
import type { AgentContext } from '../types.js';
import type { Tool } from './client.js';

const path = { type: 'string', description: 'path relative to the repository root' };
export const agentTools: Tool[] = [
  { name: 'read_file', description: 'Read a text file.', input_schema: { type: 'object', properties: { path }, required: ['path'] } },
  { name: 'list_files', description: 'List files under a folder (default: the root).', input_schema: { type: 'object', properties: { path } } },
  {
    name: 'search',
    description: 'Search file contents for a regular expression; returns file:line: text.',
    input_schema: { type: 'object', properties: { pattern: { type: 'string' }, path }, required: ['pattern'] },
  },
  { name: 'write_file', description: 'Create or replace a file.', input_schema: { type: 'object', properties: { path, content: { type: 'string' } }, required: ['path', 'content'] } },
  {
    name: 'edit_file',
    description: 'Replace exactly one occurrence of old_text with new_text in a file.',
    input_schema: { type: 'object', properties: { path, old_text: { type: 'string' }, new_text: { type: 'string' } }, required: ['path', 'old_text', 'new_text'] },
  },
  { name: 'run_command', description: 'Run a shell command in the repository root.', input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } },
];

export class ToolError extends Error {}

/** The absolute path of `path` inside `root`, or a ToolError. */
export async function confine(root: string, path: unknown): Promise<string> {
  if (typeof path !== 'string' || path.length === 0) throw new ToolError('a path is required');
  if (isAbsolute(path)) throw new ToolError(`absolute paths are not allowed: ${path}`);
  const realRoot = await realpath(root);
  const full = resolve(realRoot, path);
  if (!inside(realRoot, full)) throw new ToolError(`${path} is outside the repository`);
  // Resolve symlinks on the longest existing prefix, so a link cannot lead outside.
  let existing = full;
  while (!(await stat(existing).then(() => true, () => false)) && existing !== realRoot) existing = dirname(existing);
  if (!inside(realRoot, await realpath(existing))) throw new ToolError(`${path} leads outside the repository`);
  return full;
}

function inside(root: string, full: string): boolean {
  return full === root || full.startsWith(root + sep);
}

export interface ToolState {
  written: Set<string>;
}

export async function callTool(name: string, input: Record<string, unknown>, context: AgentContext, state: ToolState): Promise<string> {
  const root = context.checkoutDir;
  switch (name) {
    case 'read_file': {
      const text = await readFile(await confine(root, input.path), 'utf8');
      return text.length > 200_000 ? `${text.slice(0, 200_000)}\n… (truncated)` : text;
    }
    case 'list_files':
      return (await listFiles(await confine(root, input.path ?? '.'), await realpath(root))).join('\n') || '(empty)';
    case 'search':
      return search(await confine(root, input.path ?? '.'), await realpath(root), String(input.pattern));
    case 'write_file': {
      const full = await confine(root, input.path);
      await writeFileSafe(full, String(input.content ?? ''));
      state.written.add(relative(await realpath(root), full));
      return 'written';
    }
    case 'edit_file': {
      const full = await confine(root, input.path);
      const text = await readFile(full, 'utf8');
      const old = String(input.old_text);
      const count = old ? text.split(old).length - 1 : 0;
      if (count !== 1) throw new ToolError(`old_text occurs ${count} times in ${String(input.path)}; it must occur exactly once`);
      await writeFileSafe(full, text.replace(old, () => String(input.new_text)));
      state.written.add(relative(await realpath(root), full));
      return 'edited';
    }
    case 'run_command':
      return runCommand(String(input.command ?? ''), context);
    default:
      throw new ToolError(`unknown tool ${name}`);
  }
}

async function runCommand(command: string, context: AgentContext): Promise<string> {
  if (!command.trim()) throw new ToolError('a command is required');
  if (!context.trustAllTools) {
    const allowed = context.confirm ? await context.confirm(`The model wants to run \`${command}\` in ${context.checkoutDir}. Allow it?`) : false;
    if (!allowed) return 'The user did not allow this command (run atx with -t to allow commands). Continue without it.';
  }
  const run = await runShell(command, { cwd: context.checkoutDir, signal: context.signal, timeoutMs: 10 * 60 * 1000 });
  return `exit code ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}\n${tail(run.output, 60)}`;
}

async function listFiles(dir: string, root: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .filter((p) => !/(^|\/)(\.git|node_modules)(\/|$)/.test(p))
    .sort()
    .slice(0, 500);
}

async function search(dir: string, root: string, pattern: string): Promise<string> {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    throw new ToolError(`invalid regular expression: ${pattern}`);
  }
  const hits: string[] = [];
  const info = await stat(dir);
  const files = info.isDirectory() ? await listFiles(dir, root) : [relative(root, dir)];
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    text.split('\n').forEach((line, i) => {
      if (hits.length < 100 && regex.test(line)) hits.push(`${file}:${i + 1}: ${line.slice(0, 200)}`);
    });
  }
  return hits.join('\n') || 'no match';
}
