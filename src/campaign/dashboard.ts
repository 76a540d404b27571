// The campaign dashboard: one self-contained HTML page (inline CSS and script, data as JSON).
// `report --html` writes it with file links; `serve` sends it with links to its own endpoints
// and a polling URL for live updates.
import { pathToFileURL } from 'node:url';
import { redactValue } from '../util/secrets.js';
import { dashboardScript, dashboardStyle } from './dashboard-assets.js';
import { hasInventory, readinessTable, runtimeDistribution, type ReadinessRow, type RuntimeRow } from './fleet.js';
import type { CampaignView, RepoRecord } from './types.js';

export type LinkMode = 'files' | 'served';

export interface DashboardRow extends RepoRecord {
  source: string;
  links: { plan?: string; summary?: string; evidence?: string; diff?: string };
}

export interface DashboardData {
  name: string;
  transformation: string;
  totals: CampaignView['totals'];
  rows: DashboardRow[];
  generatedAt: string;
  /** Where the page polls for fresh data; absent in a static report. */
  live?: string;
  /** The fleet inventory, when an analysis inventoried the repositories. */
  fleet?: { runtimes: RuntimeRow[]; readiness: ReadinessRow[] };
}

export function dashboardData(view: CampaignView, mode: LinkMode, live?: string): DashboardData {
  const sources = new Map(view.spec.repos.map((r) => [r.id, r.source]));
  return {
    name: view.spec.name,
    transformation:
      view.spec.transformation + (view.spec.transformationVersion ? ` v${view.spec.transformationVersion}` : ''),
    totals: view.totals,
    rows: view.records.map((record) => ({
      ...record,
      owner: undefined,
      source: sources.get(record.id) ?? record.id,
      links: linksFor(record, mode),
    })),
    generatedAt: new Date().toISOString(),
    ...(live ? { live } : {}),
    ...(hasInventory(view)
      ? { fleet: { runtimes: runtimeDistribution(view.records), readiness: readinessTable(view.records) } }
      : {}),
  };
}

const ROW_STATUS: Record<string, string> = { deprecated: 'failed', deprecating: 'running', supported: 'done' };

/** The fleet section: runtimes by deprecation date, then each repository's counts and readiness. */
function fleetSection(fleet: NonNullable<DashboardData['fleet']>): string {
  const td = (value: string | number | undefined) => `<td>${escapeHtml(String(value ?? '–'))}</td>`;
  const runtimes = fleet.runtimes
    .map(
      (r) =>
        `<tr class="${ROW_STATUS[r.status] ?? ''}">${td(r.runtime)}${td(r.deprecation)}${td(r.status)}${td(r.functions)}${td(r.repositories)}</tr>`,
    )
    .join('');
  const repos = fleet.readiness
    .map(
      (r) =>
        `<tr>${td(r.repository)}${td(r.readiness)}${td(r.functions)}${td(r.deprecated)}${td(r.deprecating)}${td(r.sdkV2Files)}${td(r.sdkV2Calls)}${td(r.callbackHandlers + r.contextHandlers)}${td(r.handlersLeft)}${td(r.sdkNotIncluded)}${td(r.testFiles)}${td(r.fixes)}</tr>`,
    )
    .join('');
  return `<section id="fleet" aria-label="fleet inventory">
<h2>Runtimes by deprecation date</h2>
<table id="runtimes"><thead><tr><th>Runtime</th><th>Deprecation</th><th>Status</th><th>Functions</th><th>Repositories</th></tr></thead><tbody>${runtimes}</tbody></table>
<h2>Readiness</h2>
<table id="readiness"><thead><tr><th>Repository</th><th>Readiness</th><th>Functions</th><th>Deprecated</th><th>Deprecating</th><th>SDK v2 files</th><th>SDK v2 calls</th><th>Callback handlers</th><th>Left for a person</th><th>SDK not included</th><th>Test files</th><th>Fixed by</th></tr></thead><tbody>${repos}</tbody></table>
</section>`;
}

function linksFor(record: RepoRecord, mode: LinkMode): DashboardRow['links'] {
  if (mode === 'served') {
    const base = `/repos/${encodeURIComponent(record.id)}`;
    return {
      ...(record.planPath ? { plan: `${base}/plan` } : {}),
      ...(record.summaryPath ? { summary: `${base}/summary` } : {}),
      ...(record.reportPath ? { evidence: `${base}/evidence` } : {}),
      ...(record.branch && record.baseCommit && record.checkout ? { diff: `${base}/diff` } : {}),
    };
  }
  const file = (path: string | undefined) => (path ? pathToFileURL(path).href : undefined);
  const links = { plan: file(record.planPath), summary: file(record.summaryPath), evidence: file(record.reportPath) };
  return Object.fromEntries(Object.entries(links).filter(([, v]) => v)) as DashboardRow['links'];
}

/** JSON inside <script> must not be able to close the tag or open a comment. */
function embed(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The report file and the served page: a failed repository's reason may quote command output, so the data is redacted. */
export function renderDashboard(unredacted: DashboardData): string {
  const data = redactValue(unredacted);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>atx campaign ${escapeHtml(data.name)}</title>
<style>${dashboardStyle}</style>
</head>
<body>
<header>
  <h1>Campaign <span id="name">${escapeHtml(data.name)}</span></h1>
  <p class="sub"><span id="transformation">${escapeHtml(data.transformation)}</span> · <span id="updated"></span></p>
</header>
<section id="totals" aria-label="totals"></section>
<div class="bar" role="progressbar" aria-label="progress" aria-valuemin="0" aria-valuemax="100"><div id="bar-done"></div><div id="bar-failed"></div><div id="bar-running"></div></div>
<p id="progress-text"></p>
${data.fleet ? fleetSection(data.fleet) : ''}
<nav id="filters" aria-label="filter by status"></nav>
<table id="repos">
  <thead><tr>
    <th data-key="id">Repository</th><th data-key="status">Status</th><th data-key="branch">Branch</th>
    <th data-key="criteria">Exit criteria</th><th data-key="findings">Findings</th><th data-key="durationMs">Duration</th><th>Links</th>
  </tr></thead>
  <tbody></tbody>
</table>
<script type="application/json" id="campaign-data">${embed(data)}</script>
<script>${dashboardScript}</script>
</body>
</html>
`;
}
