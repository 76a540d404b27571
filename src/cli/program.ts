// The commander program, built in a factory so tests can run it without exiting the process.
import { Command, Option } from 'commander';
import { createRequire } from 'node:module';
import type { CliIO } from './io.js';
import { addCampaignCommands } from './campaign-program.js';
import { addKnowledgeCommands } from './knowledge-program.js';

const CATEGORY_HELP =
  'analysis (reports findings, changes nothing) or remediation (changes code); default: what the definition says, else remediation';

const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** Every action stores its exit code here; the entry point sets process.exitCode from it. */
export interface ProgramResult {
  exitCode: number;
}

export function createProgram(io: CliIO, result: ProgramResult = { exitCode: 0 }): Command {
  const program = new Command('atx')
    .description('Code modernization at scale: transformation definitions, a registry, and deterministic codemods')
    .version(version, '--version', 'print the version')
    .option(
      '-x, --non-interactive <instruction>',
      'headless session: one natural-language instruction, e.g. "apply AWS/nodejs-version-upgrade to ./svc"',
    )
    .option('-t, --trust-all-tools', 'run commands without asking')
    .option('--resume', 'continue the latest interrupted run')
    .option('--conversation-id <id>', 'continue the given run or conversation')
    .option('--json', 'print one JSON document on stdout')
    .option('--limit <n>', "cap the model's work: N tokens, or Nm minutes (also with --resume)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)')
    .enablePositionalOptions()
    // Subcommands copy these settings when created, so they are set before any is added.
    .exitOverride()
    .action(async (options) => {
      const { sessionCommand } = await import('./commands/session.js');
      result.exitCode = await sessionCommand(options, io, program);
    });

  const custom = program.command('custom').description('definitions, runs, campaigns');
  const def = custom
    .command('def')
    .description('transformation definitions: list, get, save, publish, delete, exec, cleanup');

  def
    .command('list')
    .description('list every definition: AWS-managed, then local and team registries')
    .option('--json', 'print a JSON array')
    .action(async (options) => {
      const { listCommand } = await import('./commands/def-registry.js');
      await listCommand(options, io);
    });

  def
    .command('get')
    .description("write a definition's files into a folder (default ./<last part of NAME>)")
    .requiredOption('-n, --transformation-name <name>', 'definition name, e.g. AWS/nodejs-version-upgrade')
    .option('--tv, --transformation-version <version>', 'version (default: latest)')
    .option('--td <dir>', 'target folder')
    .option('--json', 'print the parsed definition')
    .action(async (options) => {
      const { getCommand } = await import('./commands/def-registry.js');
      await getCommand(options, io);
    });

  def
    .command('save-draft')
    .description('store a folder as a draft version (replaceable until published)')
    .requiredOption('-n, --transformation-name <name>', 'definition name, e.g. MyOrg/my-migration')
    .requiredOption('--description <text>', 'one-line description')
    .requiredOption('--sd <dir>', 'folder holding transformation_definition.md')
    .option('--category <category>', CATEGORY_HELP)
    .action(async (options) => {
      const { saveDraftCommand } = await import('./commands/def-registry.js');
      await saveDraftCommand(options, io);
    });

  def
    .command('publish')
    .description('publish a new immutable version from a folder, or promote a draft with --tv')
    .requiredOption('-n, --transformation-name <name>', 'definition name')
    .option('--description <text>', 'one-line description')
    .option('--sd <dir>', 'folder holding transformation_definition.md')
    .option('--tv, --transformation-version <version>', 'draft version to promote')
    .option('--category <category>', CATEGORY_HELP)
    .action(async (options) => {
      const { publishCommand } = await import('./commands/def-registry.js');
      await publishCommand(options, io);
    });

  def
    .command('delete')
    .description('remove a custom definition, or one version of it')
    .requiredOption('-n, --transformation-name <name>', 'definition name')
    .option('--tv, --transformation-version <version>', 'only this version')
    .action(async (options) => {
      const { deleteCommand } = await import('./commands/def-registry.js');
      await deleteCommand(options, io);
    });

  def
    .command('cleanup')
    .description('remove worktrees and branches of runs that can no longer be resumed')
    .option('--json', 'print what was removed as JSON')
    .action(async (options) => {
      const { cleanupCommand } = await import('./commands/exec.js');
      result.exitCode = await cleanupCommand({ json: Boolean(options.json) }, io);
    });

  def
    .command('exec')
    .description('plan and apply a definition to one git repository, on a new branch')
    .option('-p, --code-repository-path <path>', 'the git repository (or a folder inside one) to transform')
    .option('-n, --transformation-name <name>', 'definition to apply, e.g. AWS/nodejs-version-upgrade')
    .option('-c, --build-command <command>', 'build/validation command, run after each phase and for the exit criteria')
    .addOption(new Option('-C <command>', 'alias of --build-command').hideHelp())
    .option('-g, --configuration <config>', 'file://config.yaml, file://config.json, or key=value pairs')
    .option('--tv, --transformation-version <version>', 'definition version (default: latest)')
    .option('-x, --non-interactive', 'never ask; accept the plan as generated')
    .option('-t, --trust-all-tools', 'run commands the definition asks for without confirmation')
    .option('-d, --do-not-learn', 'do not record knowledge from this run')
    .option('--dry-run', 'plan and show the diff; no branch, no commit')
    .option('--json', 'print exactly one JSON document (the summary) on stdout')
    .option(
      '--limit <n>',
      "cap the model's work for this run: N tokens, or Nm minutes; the run stops resumable when it is reached",
    )
    .action(async (options) => {
      // In a repository of many files, the threads that may share a codemod's files load the
      // compiler while this one loads it too.
      const [{ warmUp }, { trackedFileCount }] = await Promise.all([
        import('../codemods/file-pool.js'),
        import('../util/git-index.js'),
      ]);
      warmUp(trackedFileCount(options.codeRepositoryPath ?? '.'));
      const { execCommand } = await import('./commands/exec.js');
      const { parseLimit } = await import('./limit.js');
      const limit = parseLimit(options.limit);
      result.exitCode = await execCommand(
        {
          codeRepositoryPath: options.codeRepositoryPath,
          transformationName: options.transformationName,
          transformationVersion: options.transformationVersion,
          buildCommand: options.buildCommand ?? options.C,
          configuration: options.configuration,
          nonInteractive: Boolean(options.nonInteractive) || !io.interactive,
          trustAllTools: Boolean(options.trustAllTools),
          doNotLearn: Boolean(options.doNotLearn),
          dryRun: Boolean(options.dryRun),
          json: Boolean(options.json),
          limit,
        },
        io,
      );
    });
  addKnowledgeCommands(def, io, result);
  addCampaignCommands(custom, io, result);

  return program;
}
