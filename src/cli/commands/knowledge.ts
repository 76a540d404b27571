// The knowledge-item commands: each checks the definition exists, acts, prints, returns an exit code.
import { atxHomeFrom } from '../../executor/paths.js';
import { locateRepository } from '../../executor/repository.js';
import {
  effectText,
  itemMarkdown,
  knowledgeMarkdown,
  KnowledgeBase,
  learnFromBranch,
  type KnowledgeItem,
} from '../../knowledge/index.js';
import { validateName } from '../../registry/index.js';
import type { CliIO } from '../io.js';
import { registryFor } from './def-registry.js';

interface Named {
  transformationName: string;
}

/** The definition's canonical name (AWS/ names match case-insensitively); unknown names are a UsageError. */
async function definitionName(name: string, io: CliIO): Promise<string> {
  validateName(name);
  return (await registryFor(io).resolve(name)).name;
}

export async function learnAction(
  options: { codeRepositoryPath: string; branch?: string; json?: boolean },
  io: CliIO,
): Promise<number> {
  const location = await locateRepository(options.codeRepositoryPath, io.cwd);
  const lessons = await learnFromBranch(location.root, options.branch, atxHomeFrom(io.env));
  const { added, known } = await KnowledgeBase.fromEnv(io.env).add(lessons.definition, lessons.items);
  if (options.json) {
    io.stdout(`${JSON.stringify([...added, ...known], null, 2)}\n`);
    return 0;
  }
  io.stdout(
    `${lessons.branch}: ${lessons.items.length} commit(s) by people after atx's last commit ${lessons.atxCommit.slice(0, 12)} (run ${lessons.runId}, ${lessons.definition})\n`,
  );
  for (const item of added) io.stdout(`  learned ${item.id} ${item.status} ${item.title}\n`);
  for (const item of known) io.stdout(`  already known ${item.id} ${item.status} ${item.title}\n`);
  if (added.some((i) => i.status === 'DISABLED')) {
    io.stdout(
      `Review and approve with: atx custom def update-ki-status -n ${lessons.definition} --id ID --status ENABLED\n`,
    );
  }
  return 0;
}

export async function listAction(options: Named & { json?: boolean }, io: CliIO): Promise<number> {
  const name = await definitionName(options.transformationName, io);
  const items = await KnowledgeBase.fromEnv(io.env).items(name);
  if (options.json) {
    io.stdout(`${JSON.stringify(items, null, 2)}\n`);
    return 0;
  }
  if (items.length === 0) {
    io.stdout(`${name} has no knowledge items\n`);
    return 0;
  }
  const rows = items.map((i) => [i.id, i.status, i.source, effectText(i), i.title]);
  const header = ['ID', 'STATUS', 'SOURCE', 'APPLIED AS', 'TITLE'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  io.stdout(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  return 0;
}

export async function getAction(options: Named & { id: string; json?: boolean }, io: CliIO): Promise<number> {
  const name = await definitionName(options.transformationName, io);
  const item = await KnowledgeBase.fromEnv(io.env).get(name, options.id);
  io.stdout(options.json ? `${JSON.stringify(item, null, 2)}\n` : `${itemMarkdown(item).join('\n')}\n`);
  return 0;
}

export async function deleteAction(options: Named & { id: string }, io: CliIO): Promise<number> {
  const name = await definitionName(options.transformationName, io);
  const item = await KnowledgeBase.fromEnv(io.env).remove(name, options.id);
  io.stdout(`deleted ${item.id} (${item.title}) of ${name}\n`);
  return 0;
}

export async function statusAction(options: Named & { id: string; status: string }, io: CliIO): Promise<number> {
  const name = await definitionName(options.transformationName, io);
  const item: KnowledgeItem = await KnowledgeBase.fromEnv(io.env).setStatus(name, options.id, options.status);
  io.stdout(`${item.id} of ${name} is ${item.status}\n`);
  return 0;
}

export async function configAction(options: Named & { autoEnabled: string }, io: CliIO): Promise<number> {
  const name = await definitionName(options.transformationName, io);
  const value = await KnowledgeBase.fromEnv(io.env).setAutoEnabled(name, options.autoEnabled);
  io.stdout(`new knowledge items of ${name} start ${value ? 'ENABLED' : 'DISABLED'}\n`);
  return 0;
}

export async function exportAction(options: Named, io: CliIO): Promise<number> {
  const name = await definitionName(options.transformationName, io);
  io.stdout(knowledgeMarkdown(await KnowledgeBase.fromEnv(io.env).load(name)));
  return 0;
}
