// `atx custom campaign …`: the commands, each importing its action only when it runs.
import type { Command } from 'commander';
import type { CliIO } from './io.js';
import type { ProgramResult } from './program.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addCampaignCommands(custom: Command, io: CliIO, result: ProgramResult): void {
  const campaign = custom
    .command('campaign')
    .description('campaigns: one definition over many repositories, restartable and shardable');
  const actions = () => import('./commands/campaign.js');

  campaign
    .command('create')
    .description('a campaign: one definition, many repositories (local paths or git URLs)')
    .requiredOption('-n, --name <name>', 'campaign name')
    .option('--transformation <name>', 'definition to apply, e.g. AWS/nodejs-version-upgrade')
    .option('--tv, --transformation-version <version>', 'definition version (default: latest)')
    .option('--repos <file>', 'file listing the repositories, one path or git URL a line (# comments)')
    .option('--repo <path>', 'a repository path or git URL (repeatable)', collect)
    .option(
      '--from-findings <campaign>',
      'the repositories of an inventoried campaign (AWS/lambda-fleet-inventory) whose findings --transformation fixes',
    )
    .option('-c, --build-command <command>', 'build/validation command for every repository')
    .option('-g, --configuration <config>', 'exec configuration for every repository (file://… or key=value pairs)')
    .option('--json', 'print the campaign as JSON')
    .action(async (options) => {
      result.exitCode = await (await actions()).createAction(options, io);
    });

  campaign
    .command('run')
    .description('exec on each pending repository, N at a time; stop and start again at any time')
    .requiredOption('-n, --name <name>', 'campaign name')
    .option('--concurrency <n>', 'repositories at a time (default: the number of cores)')
    .option('--retry-failed', 'run FAILED repositories again')
    .option('--fail-fast', 'start no new repository after the first failure')
    .option(
      '--shard <i/n|auto>',
      'run only slice I of N (stable), for one job of a CI matrix; auto: from the engine (ATX_SHARD_INDEX/COUNT, AWS Batch array, Kubernetes Indexed Job, GitLab parallel)',
    )
    .option('--export <file>', 'also write the shard result to FILE (for `campaign merge`)')
    .option('--json', 'print the final status as JSON')
    .action(async (options) => {
      result.exitCode = await (await actions()).runAction(options, io);
    });

  campaign
    .command('merge')
    .description('fold shard results (written by `run --shard I/N`) into the campaign')
    .requiredOption('-n, --name <name>', 'campaign name')
    .argument('<shard-result...>', 'shard result files')
    .option('--json', 'print the merged status as JSON')
    .action(async (files: string[], options) => {
      result.exitCode = await (await actions()).mergeAction(files, options, io);
    });

  campaign
    .command('list')
    .description('every campaign with its totals')
    .option('--json', 'print a JSON array')
    .action(async (options) => {
      result.exitCode = await (await actions()).listAction(options, io);
    });

  for (const [verb, description] of [
    ['get', 'the campaign: definition, settings, repositories and their records'],
    ['status', 'per repository: status, branch, exit criteria, findings, duration, summary path'],
  ] as const) {
    campaign
      .command(verb)
      .description(description)
      .requiredOption('-n, --name <name>', 'campaign name')
      .option('--json', 'print JSON')
      .action(async (options) => {
        result.exitCode = await (await actions()).statusAction(verb, options, io);
      });
  }

  campaign
    .command('update-repo')
    .description("set a repository's status by hand (e.g. SKIPPED, or PENDING to run it again)")
    .requiredOption('-n, --name <name>', 'campaign name')
    .requiredOption('--repo <repo>', 'repository id or source')
    .requiredOption('--status <status>', 'PENDING, IN_PROGRESS, COMPLETED, FAILED or SKIPPED')
    .option('--reason <text>', 'why, shown in the status and the dashboard')
    .action(async (options) => {
      result.exitCode = await (await actions()).updateRepoAction(options, io);
    });

  campaign
    .command('report')
    .description('write the dashboard as one self-contained HTML file, or the fleet inventory as CSV or JSON')
    .requiredOption('-n, --name <name>', 'campaign name')
    .option('--html <file>', 'where to write the page')
    .option('--csv <file>', 'the fleet inventory, one line per Lambda function (`-` for stdout)')
    .option('--json [file]', 'the fleet inventory as JSON (to stdout without FILE)')
    .action(async (options) => {
      result.exitCode = await (await actions()).reportAction(options, io);
    });

  campaign
    .command('serve')
    .description('serve the live dashboard on 127.0.0.1 until interrupted')
    .requiredOption('-n, --name <name>', 'campaign name')
    .option('--port <port>', 'port (default: any free port)')
    .action(async (options) => {
      result.exitCode = await (await actions()).serveAction(options, io);
    });
}
