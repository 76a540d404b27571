// `atx custom campaign serve`: the dashboard on 127.0.0.1, polled for live updates, with each
// repository's plan, summary, evidence and diff. Only files named in the campaign's records are
// ever read, so a URL cannot reach anything else on the machine.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { gitAt } from '../util/git.js';
import { dashboardData, renderDashboard } from './dashboard.js';
import { CampaignStore } from './store.js';
import type { RepoRecord } from './types.js';

export interface ServeOptions {
  atxHome: string;
  name: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
}

export interface Served {
  url: string;
  close: () => Promise<void>;
}

const livePath = '/api/campaign';

export async function serveCampaign(options: ServeOptions): Promise<Served> {
  const store = new CampaignStore(options.atxHome, options.name);
  await store.loadSpec();
  const server = createServer((request, response) => {
    handle(store, request, response, options.env ?? process.env).catch((error: Error) => send(response, 500, 'text/plain', `error: ${error.message}\n`));
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

async function handle(store: CampaignStore, request: IncomingMessage, response: ServerResponse, env: NodeJS.ProcessEnv): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'only GET\n');
  if (path === '/' || path === '/index.html') return send(response, 200, 'text/html', renderDashboard(dashboardData(await store.view(), 'served', livePath)));
  if (path === livePath) return send(response, 200, 'application/json', JSON.stringify(dashboardData(await store.view(), 'served', livePath)));
  const match = /^\/repos\/([^/]+)\/(plan|summary|evidence|diff)$/.exec(path);
  if (!match) return send(response, 404, 'text/plain', 'not found\n');
  const record = (await store.view()).records.find((r) => r.id === decodeURIComponent(match[1]!));
  if (!record) return send(response, 404, 'text/plain', 'no such repository\n');
  const body = await artefact(record, match[2] as 'plan' | 'summary' | 'evidence' | 'diff', env);
  if (body === undefined) return send(response, 404, 'text/plain', `no ${match[2]} for ${record.id} yet\n`);
  send(response, 200, match[2] === 'plan' || match[2] === 'summary' ? 'application/json' : 'text/plain', body);
}

async function artefact(record: RepoRecord, kind: 'plan' | 'summary' | 'evidence' | 'diff', env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const read = (file: string | undefined) => (file ? readFile(file, 'utf8').catch(() => undefined) : Promise.resolve(undefined));
  if (kind === 'plan') return read(record.planPath);
  if (kind === 'summary') return read(record.summaryPath);
  if (kind === 'evidence') return read(record.reportPath);
  if (!record.branch || !record.baseCommit || !record.checkout) return undefined;
  const diff = await gitAt(record.checkout, env).raw(['diff', `${record.baseCommit}..${record.branch}`]).catch(() => undefined);
  return diff === undefined ? undefined : diff || '(no changes)\n';
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(body);
}
