// `atx custom def learn | list-ki | get-ki | delete-ki | update-ki-status | update-ki-config |
// export-ki-markdown`: each action is imported only when its command runs.
import type { Command } from 'commander';
import type { CliIO } from './io.js';
import type { ProgramResult } from './program.js';

export function addKnowledgeCommands(def: Command, io: CliIO, result: ProgramResult): void {
  const actions = () => import('./commands/knowledge.js');
  const nameOption = [
    '-n, --transformation-name <name>',
    'definition name, e.g. AWS/nodejs-lambda-callback-to-async',
  ] as const;

  def
    .command('learn')
    .description("turn people's commits on a result branch (after atx's last commit) into knowledge items")
    .requiredOption('-p, --code-repository-path <path>', 'the git repository holding the result branch')
    .option('--branch <branch>', 'result branch (default: the newest atx/* branch)')
    .option('--json', 'print the learned items as a JSON array')
    .action(async (options) => {
      result.exitCode = await (await actions()).learnAction(options, io);
    });

  def
    .command('list-ki')
    .description("list a definition's knowledge items")
    .requiredOption(...nameOption)
    .option('--json', 'print a JSON array')
    .action(async (options) => {
      result.exitCode = await (await actions()).listAction(options, io);
    });

  def
    .command('get-ki')
    .description('show one knowledge item')
    .requiredOption(...nameOption)
    .requiredOption('--id <id>', 'knowledge item id, e.g. ki-1a2b3c4d')
    .option('--json', 'print the item as JSON')
    .action(async (options) => {
      result.exitCode = await (await actions()).getAction(options, io);
    });

  def
    .command('delete-ki')
    .description('delete one knowledge item')
    .requiredOption(...nameOption)
    .requiredOption('--id <id>', 'knowledge item id')
    .action(async (options) => {
      result.exitCode = await (await actions()).deleteAction(options, io);
    });

  def
    .command('update-ki-status')
    .description('approve (ENABLED) or withdraw (DISABLED) a knowledge item')
    .requiredOption(...nameOption)
    .requiredOption('--id <id>', 'knowledge item id')
    .requiredOption('--status <status>', 'ENABLED or DISABLED')
    .action(async (options) => {
      result.exitCode = await (await actions()).statusAction(options, io);
    });

  def
    .command('update-ki-config')
    .description('whether new knowledge items of a definition start ENABLED')
    .requiredOption(...nameOption)
    .requiredOption('--auto-enabled <bool>', 'TRUE or FALSE')
    .action(async (options) => {
      result.exitCode = await (await actions()).configAction(options, io);
    });

  def
    .command('export-ki-markdown')
    .description("print a definition's knowledge items as markdown")
    .requiredOption(...nameOption)
    .action(async (options) => {
      result.exitCode = await (await actions()).exportAction(options, io);
    });
}
