// `atx custom campaign serve`: the dashboard on 127.0.0.1, polled for live updates, with each
// repository's plan, summary, evidence and diff. Only a run's own files under ATX_HOME/runs are
// ever read, so neither a URL nor a merged record can reach anything else on the machine.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runDir } from '../executor/paths.js';
import { gitAt } from '../util/git.js';
import { redactDocument } from '../util/secrets.js';
import { clonePath } from './repos.js';
import { dashboardData, renderDashboard } from './dashboard.js';
import { CampaignStore } from './store.js';
import type { CampaignView, RepoRecord } from './types.js';
import { campaignViewer } from './view.js';

export interface ServeOptions {
  atxHome: string;
  name: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
  warn?: (message: string) => void;
}

export interface Served {
  url: string;
  close: () => Promise<void>;
}

const livePath = '/api/campaign';

export async function serveCampaign(options: ServeOptions): Promise<Served> {
  const store = new CampaignStore(options.atxHome, options.name);
  await store.loadSpec();
  const env = options.env ?? process.env;
  // The page polls every second; the results store is asked at most every 15 s.
  const view = campaignViewer({
    atxHome: options.atxHome,
    name: options.name,
    env,
    warn: options.warn,
    freshForMs: 15_000,
  });
  await view();
  const server = createServer((request, response) => {
    handle(store, view, request, response, env).catch((error: Error) =>
      send(response, 500, 'text/plain', `error: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  store: CampaignStore,
  view: () => Promise<CampaignView>,
  request: IncomingMessage,
  response: ServerResponse,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'only GET\n');
  if (path === '/' || path === '/index.html')
    return send(response, 200, 'text/html', renderDashboard(dashboardData(await view(), 'served', livePath)));
  if (path === livePath)
    return send(response, 200, 'application/json', JSON.stringify(dashboardData(await view(), 'served', livePath)));
  const match = /^\/repos\/([^/]+)\/(plan|summary|evidence|diff)$/.exec(path);
  if (!match) return send(response, 404, 'text/plain', 'not found\n');
  const record = (await view()).records.find((r) => r.id === decodeURIComponent(match[1]!));
  if (!record) return send(response, 404, 'text/plain', 'no such repository\n');
  const body = await artefact(store, record, match[2] as 'plan' | 'summary' | 'evidence' | 'diff', env);
  if (body === undefined) return send(response, 404, 'text/plain', `no ${match[2]} for ${record.id} yet\n`);
  send(response, 200, match[2] === 'plan' || match[2] === 'summary' ? 'application/json' : 'text/plain', body);
}

/**
 * A repository's files are read from where this machine's run keeps them (ATX_HOME/runs/<runId>)
 * and its diff from the campaign's own checkout, never from paths in the record: records are
 * merged from other machines' shard results, and a path there could name any file here.
 */
async function artefact(
  store: CampaignStore,
  record: RepoRecord,
  kind: 'plan' | 'summary' | 'evidence' | 'diff',
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (!record.runId) return undefined;
  const files = { plan: 'plan.json', summary: 'summary.json', evidence: 'summary.md' } as const;
  if (kind !== 'diff')
    return readFile(join(runDir(store.atxHome, record.runId), files[kind]), 'utf8').catch(() => undefined);
  const entry = (await store.loadSpec()).repos.find((r) => r.id === record.id);
  if (!entry || !record.branch || !record.baseCommit) return undefined;
  const checkout = entry.kind === 'path' ? entry.source : clonePath(store.dir, entry.id);
  const diff = await gitAt(checkout, env)
    .raw(['diff', '--no-ext-diff', '--no-textconv', '--end-of-options', `${record.baseCommit}..${record.branch}`, '--'])
    .catch(() => undefined);
  return diff === undefined ? undefined : diff || '(no changes)\n';
}

/** Every answer passes the redactor: a plan, summary or diff written before it (or by another version of atx) may hold a secret. */
function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(redactDocument(body));
}
