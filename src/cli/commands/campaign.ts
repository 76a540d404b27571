// Actions of `atx custom campaign …`: parse options, call src/campaign, print for people or JSON.
import { resolve } from 'node:path';
import {
  CampaignStore,
  campaignView,
  createCampaign,
  dashboardData,
  fleetCsv,
  fleetJson,
  hasInventory,
  listCampaigns,
  mergeShards,
  shardFrom,
  renderDashboard,
  runCampaign,
  serveCampaign,
  updateRepoStatus,
  type CampaignView,
} from '../../campaign/index.js';
import { UsageError } from '../../errors.js';
import { redactText, redactValue } from '../../util/secrets.js';
import { atxHomeFrom } from '../../executor/paths.js';
import { writeOwnFile } from '../../util/fs.js';
import type { CliIO } from '../io.js';

interface Named {
  name: string;
  json?: boolean;
}

const home = (io: CliIO) => atxHomeFrom(io.env);
/** The campaign as this machine and, with ATX_RESULTS_URL, the results store know it. */
const viewOf = (io: CliIO, name: string) =>
  campaignView({ atxHome: home(io), name, env: io.env, warn: (message) => io.stderr(`atx: warning: ${message}\n`) });

export async function createAction(
  options: Named & {
    transformation?: string;
    transformationVersion?: string;
    repos?: string;
    repo?: string[];
    buildCommand?: string;
    configuration?: string;
    fromFindings?: string;
  },
  io: CliIO,
): Promise<number> {
  const { spec, created } = await createCampaign({
    fromFindings: options.fromFindings,
    readView: (name) => viewOf(io, name),
    atxHome: home(io),
    cwd: io.cwd,
    name: options.name,
    transformation: options.transformation,
    transformationVersion: options.transformationVersion,
    reposFile: options.repos,
    repos: options.repo,
    buildCommand: options.buildCommand,
    configuration: options.configuration,
  });
  if (options.json) io.stdout(`${JSON.stringify(spec, null, 2)}\n`);
  else
    io.stderr(
      `${created ? 'Created' : 'Already exists, unchanged:'} campaign ${spec.name}: ${spec.transformation}, ${spec.repos.length} repositories\n`,
    );
  return 0;
}

export async function runAction(
  options: Named & { concurrency?: string; retryFailed?: boolean; failFast?: boolean; shard?: string; export?: string },
  io: CliIO,
): Promise<number> {
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1))
    throw new UsageError(`--concurrency must be a whole number of at least 1 (got "${options.concurrency}")`);
  const shard = options.shard ? shardFrom(options.shard, io.env) : undefined;
  if (shard?.engine) io.stderr(`Shard ${shard.index} of ${shard.total}, from ${shard.engine}\n`);
  const result = await runCampaign({
    atxHome: home(io),
    name: options.name,
    env: io.env,
    concurrency,
    retryFailed: Boolean(options.retryFailed),
    failFast: Boolean(options.failFast),
    shard: shard && { index: shard.index, total: shard.total },
    engine: shard?.engine,
    exportPath: options.export ? resolve(io.cwd, options.export) : undefined,
    signal: io.signal,
    log: (line) => io.stderr(`${line}\n`),
  });
  const view = { ...result.view, records: result.view.records.filter((r) => result.slice.includes(r.id)) };
  if (options.json)
    io.stdout(
      `${JSON.stringify({ exitCode: result.exitCode, ran: result.ran, shardFile: result.shardFile, ...view }, null, 2)}\n`,
    );
  else io.stderr(`\n${statusTable(view)}\n`);
  if (result.shardFile) io.stderr(`Shard result: ${result.shardFile}\n`);
  if (result.interrupted) io.stderr('Interrupted; `atx custom campaign run` again continues where it stopped.\n');
  return result.exitCode;
}

export async function mergeAction(files: string[], options: Named, io: CliIO): Promise<number> {
  const { view, merged } = await mergeShards(home(io), options.name, files, io.cwd);
  if (options.json) io.stdout(`${JSON.stringify(view, null, 2)}\n`);
  else io.stderr(`Merged ${merged} repository results from ${files.length} shard file(s).\n${statusTable(view)}\n`);
  return 0;
}

export async function listAction(options: { json?: boolean }, io: CliIO): Promise<number> {
  const views: CampaignView[] = [];
  for (const name of await listCampaigns(home(io))) {
    try {
      views.push(await viewOf(io, name));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // One the results store disagrees with must not hide the others; a damaged campaign of
      // this machine still stops the command (exit 2): reading it alone fails the same way.
      const local = await new CampaignStore(home(io), name).view();
      io.stderr(`atx: warning: ${name}: ${error.message}; showing this machine's records\n`);
      views.push(local);
    }
  }
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        views.map((v) => ({ name: v.spec.name, transformation: v.spec.transformation, totals: v.totals })),
        null,
        2,
      )}\n`,
    );
  } else if (views.length === 0) {
    io.stderr(
      'No campaigns yet; create one with `atx custom campaign create -n NAME --transformation DEF --repos FILE`.\n',
    );
  } else {
    for (const v of views) io.stdout(`${v.spec.name}\t${v.spec.transformation}\t${totalsLine(v)}\n`);
  }
  return 0;
}

export async function statusAction(verb: 'get' | 'status', options: Named, io: CliIO): Promise<number> {
  const view = await viewOf(io, options.name);
  if (options.json)
    io.stdout(
      `${JSON.stringify(verb === 'get' ? view : { name: view.spec.name, totals: view.totals, repos: view.records }, null, 2)}\n`,
    );
  else {
    if (verb === 'get') {
      const s = view.spec;
      io.stdout(
        `Campaign ${s.name}\nTransformation: ${s.transformation}${s.transformationVersion ? ` v${s.transformationVersion}` : ''}\n`,
      );
      if (s.buildCommand) io.stdout(`Build command: ${s.buildCommand}\n`);
      if (s.configuration) io.stdout(`Configuration: ${s.configuration}\n`);
      io.stdout(
        `Created: ${s.createdAt}\nRepositories:\n${s.repos.map((r) => `  ${r.id}\t${r.source}`).join('\n')}\n\n`,
      );
    }
    io.stdout(`${statusTable(view)}\n`);
  }
  return 0;
}

export async function updateRepoAction(
  options: Named & { repo: string; status: string; reason?: string },
  io: CliIO,
): Promise<number> {
  const record = await updateRepoStatus(home(io), options.name, options.repo, options.status, options.reason);
  io.stderr(`${record.id}: ${record.status}\n`);
  return 0;
}

export async function reportAction(
  options: Named & { html?: string; csv?: string; json?: string | boolean },
  io: CliIO,
): Promise<number> {
  if (!options.html && !options.csv && options.json === undefined)
    throw new UsageError('report needs --html FILE, --csv FILE or --json [FILE]');
  const view = await viewOf(io, options.name);
  if ((options.csv || options.json !== undefined) && !hasInventory(view))
    throw new UsageError(
      `campaign "${options.name}" holds no inventory: --csv and --json export what an analysis such as AWS/lambda-fleet-inventory found`,
    );
  // Names and paths from other machines' records: redacted like everything atx writes.
  const write = async (target: string, text: string, what: string) => {
    if (target === '-') return io.stdout(text);
    const file = resolve(io.cwd, target);
    await writeOwnFile(file, text);
    io.stderr(`${what} written: ${file}\n`);
  };
  if (options.html) await write(options.html, renderDashboard(dashboardData(view, 'files')), 'Dashboard');
  if (options.csv) await write(options.csv, redactText(fleetCsv(view)), 'Fleet inventory (CSV)');
  if (options.json !== undefined)
    await write(
      typeof options.json === 'string' ? options.json : '-',
      `${JSON.stringify(redactValue(fleetJson(view)), null, 2)}\n`,
      'Fleet inventory (JSON)',
    );
  return 0;
}

export async function serveAction(options: Named & { port?: string }, io: CliIO): Promise<number> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number (got "${options.port}")`);
  const served = await serveCampaign({
    atxHome: home(io),
    name: options.name,
    port,
    env: io.env,
    warn: (message) => io.stderr(`atx: warning: ${message}\n`),
  });
  io.stdout(`${served.url}\n`);
  io.stderr(`Serving campaign ${options.name} at ${served.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    if (!io.signal || io.signal.aborted) return done();
    io.signal.addEventListener('abort', () => done(), { once: true });
  });
  await served.close();
  return 0;
}

function totalsLine(view: CampaignView): string {
  const t = view.totals;
  return `${t.total} repositories: ${t.COMPLETED} completed, ${t.FAILED} failed, ${t.IN_PROGRESS} in progress, ${t.PENDING} pending, ${t.SKIPPED} skipped`;
}

export function statusTable(view: CampaignView): string {
  const header = ['REPOSITORY', 'STATUS', 'BRANCH', 'CRITERIA', 'FINDINGS', 'TIME', 'SUMMARY'];
  const rows = view.records.map((r) => [
    r.id,
    r.status,
    r.branch ?? '',
    r.exitCriteria ? `${r.exitCriteria.passed} passed/${r.exitCriteria.failed} failed` : '',
    r.findings === undefined ? '' : String(r.findings),
    r.durationMs === undefined ? '' : `${(r.durationMs / 1000).toFixed(1)} s`,
    r.summaryPath ?? (r.reason ? `(${r.reason})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const failures = view.records
    .filter((r) => r.status === 'FAILED' && r.reason && r.summaryPath)
    .map((r) => `  ${r.id}: ${r.reason}`);
  return [
    `Campaign ${view.spec.name}: ${totalsLine(view)}`,
    line(header),
    ...rows.map(line),
    ...(failures.length ? ['Failures:', ...failures] : []),
  ].join('\n');
}
