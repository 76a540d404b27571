// The agent's tools: read, list, search, write and edit files, run commands — all inside the
// checkout and never in .git. A path that leaves it (.., absolute, or through a symlink) or names
// .git at any depth is refused (util/confine): a model that rewrote the worktree's `.git` link or
// a config there would have git run a command of its choosing on atx's next git call.
// Files keep their bytes as a codemod's edit keeps them (util/text-file): the model sees LF text
// without the byte-order mark, and what it writes is stored in the file's own form.
import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { keptOutBy } from '../../knowledge/exclude.js';
import { isGitSegment, resolveInside, UnsafePathError, writablePathProblem } from '../../util/confine.js';
import { dependencyFolders } from '../../util/excluded-folders.js';
import { listFiles, writeFileSafe } from '../../util/fs.js';
import { redactText } from '../../util/secrets.js';
import { runShell, tail } from '../../util/proc.js';
import { decodeText, encodeText, type TextFormat } from '../../util/text-file.js';
import type { AgentContext } from '../types.js';
import type { Tool } from './client.js';

const path = { type: 'string', description: 'path relative to the repository root' };
export const agentTools: Tool[] = [
  {
    name: 'read_file',
    description: 'Read a text file.',
    input_schema: { type: 'object', properties: { path }, required: ['path'] },
  },
  {
    name: 'list_files',
    description: 'List files under a folder (default: the root).',
    input_schema: { type: 'object', properties: { path } },
  },
  {
    name: 'search',
    description: 'Search file contents for a regular expression; returns file:line: text.',
    input_schema: { type: 'object', properties: { pattern: { type: 'string' }, path }, required: ['pattern'] },
  },
  {
    name: 'write_file',
    description: 'Create or replace a file.',
    input_schema: { type: 'object', properties: { path, content: { type: 'string' } }, required: ['path', 'content'] },
  },
  {
    name: 'edit_file',
    description: 'Replace exactly one occurrence of old_text with new_text in a file.',
    input_schema: {
      type: 'object',
      properties: { path, old_text: { type: 'string' }, new_text: { type: 'string' } },
      required: ['path', 'old_text', 'new_text'],
    },
  },
  {
    name: 'run_command',
    description: 'Run a shell command in the repository root.',
    input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
  },
];

export class ToolError extends Error {}

/** atx will not touch that path (outside the repository, in .git, protected): refused, not failed. */
export class ToolRefusal extends ToolError {}

/** The absolute path of `path` inside `root` (to read or list), or a ToolError the model gets back. */
export async function confine(root: string, path: unknown): Promise<string> {
  if (typeof path !== 'string' || path.length === 0) throw new ToolError('a path is required');
  try {
    return await resolveInside(root, path);
  } catch (error) {
    if (error instanceof UnsafePathError) throw refused(path, error.reason);
    throw error;
  }
}

/**
 * Like confine, for a file about to be written: also never through a symbolic link, and never
 * under a path a guardrail protects (the executor would revert it anyway; the model is told now).
 */
export async function confineWritable(
  root: string,
  path: unknown,
  context?: Pick<AgentContext, 'keepOut'>,
): Promise<string> {
  const full = await confine(root, path);
  const problem = await writablePathProblem(root, path as string);
  if (problem) throw refused(path as string, problem);
  const relativePath = relative(resolve(root), full).split(sep).join('/');
  const rule = keptOutBy(context?.keepOut ?? [], relativePath);
  if (rule) {
    throw new ToolRefusal(
      `${JSON.stringify(path)} is protected: ${rule.why}. Do not change it; do the step without changing files there, and say in your answer what was left undone because of it.`,
    );
  }
  return full;
}

function refused(path: string, reason: string): ToolRefusal {
  return new ToolRefusal(
    `${JSON.stringify(path)} is refused: ${reason}. The tools reach only files inside the repository, never outside the repository and never in .git.`,
  );
}

export interface ToolState {
  written: Set<string>;
}

/**
 * Carries out one tool call. What goes back to the model passes the redactor: a file or a
 * command's output may hold the value of a secret variable, which must not leave atx.
 */
export async function callTool(
  name: string,
  input: Record<string, unknown>,
  context: AgentContext,
  state: ToolState,
): Promise<string> {
  return redactText(await runTool(name, input, context, state));
}

async function runTool(
  name: string,
  input: Record<string, unknown>,
  context: AgentContext,
  state: ToolState,
): Promise<string> {
  const root = context.checkoutDir;
  switch (name) {
    case 'read_file': {
      const { text } = await readText(await confine(root, input.path), input.path);
      return text.length > 200_000 ? `${text.slice(0, 200_000)}\n… (truncated)` : text;
    }
    case 'list_files':
      return (await filesUnder(await confine(root, input.path ?? '.'), resolve(root))).join('\n') || '(empty)';
    case 'search':
      return search(await confine(root, input.path ?? '.'), resolve(root), String(input.pattern));
    case 'write_file': {
      const full = await confineWritable(root, input.path, context);
      const format = (await readText(full, input.path).catch(absentAsNew))?.format;
      const content = String(input.content ?? '');
      await writeFileSafe(full, format ? encodeText(asText(content, format), format) : content);
      state.written.add(relative(resolve(root), full));
      return 'written';
    }
    case 'edit_file': {
      const full = await confineWritable(root, input.path, context);
      const { text, format } = await readText(full, input.path);
      const old = asText(String(input.old_text), format);
      const count = old ? text.split(old).length - 1 : 0;
      if (count !== 1)
        throw new ToolError(`old_text occurs ${count} times in ${String(input.path)}; it must occur exactly once`);
      await writeFileSafe(
        full,
        encodeText(
          text.replace(old, () => asText(String(input.new_text), format)),
          format,
        ),
      );
      state.written.add(relative(resolve(root), full));
      return 'edited';
    }
    case 'run_command':
      return runCommand(String(input.command ?? ''), context);
    default:
      throw new ToolError(`unknown tool ${name}`);
  }
}

/** A file's text as the model sees it; a file that is not UTF-8 is refused, so it is never rewritten. */
async function readText(full: string, path: unknown): Promise<{ text: string; format: TextFormat }> {
  const decoded = decodeText(await readFile(full));
  if (!decoded.ok) {
    throw new ToolRefusal(
      `${JSON.stringify(path)} is not UTF-8: atx leaves it byte for byte (the first byte that is not UTF-8 is on line ${decoded.line}). Do not read or change it with the tools; say in your answer what was left undone because of it.`,
    );
  }
  return decoded;
}

/** write_file may create a file: a missing one has no form to keep. */
function absentAsNew(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}

/** The model's text for a CRLF file as LF text: a CRLF it sent anyway must not be stored as CR CR LF. */
function asText(text: string, format: TextFormat): string {
  return format.crlf ? text.replaceAll('\r\n', '\n') : text;
}

async function runCommand(command: string, context: AgentContext): Promise<string> {
  if (!command.trim()) throw new ToolError('a command is required');
  if (!context.trustAllTools) {
    const allowed = context.confirm
      ? await context.confirm(`The model wants to run \`${command}\` in ${context.checkoutDir}. Allow it?`)
      : false;
    if (!allowed)
      return 'The user did not allow this command (run atx with -t to allow commands). Continue without it.';
  }
  const run = await runShell(command, { cwd: context.checkoutDir, signal: context.signal, timeoutMs: 10 * 60 * 1000 });
  return `exit code ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}\n${tail(run.output, 60)}`;
}

/**
 * Files under `dir` (paths from `root`), at most 500. Never enters `.git` (any case) or
 * node_modules, nor a symbolic link, so nothing outside the checkout or in git's own folder is
 * named or searched.
 */
async function filesUnder(dir: string, root: string): Promise<string[]> {
  const files = await listFiles(dir, {
    skip: (name) => isGitSegment(name) || dependencyFolders.includes(name),
    limit: 500,
  });
  return files.map((file) => join(relative(root, dir), file));
}

async function search(dir: string, root: string, pattern: string): Promise<string> {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    throw new ToolError(`invalid regular expression: ${pattern}`);
  }
  const hits: string[] = [];
  // A link named directly was checked by confine; inside a folder, links are not followed.
  const info = await stat(dir);
  const files = info.isDirectory() ? await filesUnder(dir, root) : [relative(root, dir)];
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    text.split('\n').forEach((line, i) => {
      if (hits.length < 100 && regex.test(line)) hits.push(`${file}:${i + 1}: ${line.slice(0, 200)}`);
    });
  }
  return hits.join('\n') || 'no match';
}
