// The fleet view of a campaign whose definition is an inventory (AWS/lambda-fleet-inventory):
// every repository's functions and runtimes, with how near each runtime is to deprecation, SDK v2
// and callback counts, and how ready each repository is for a move to Node.js 24; as CSV, JSON and
// a section of the dashboard. And the repositories a remediation would fix, for
// `campaign create --from-findings`.
import type { Inventory } from '../codemods/fleet-inventory/inventory.js';
import { FleetInventorySchema, type FleetInventory } from './fleet-schema.js';
import type { CampaignView, RepoRecord } from './types.js';

/** The codemod whose report a campaign keeps. */
export const INVENTORY_CODEMOD = 'lambda-fleet-inventory';

/** The part of an inventory report a campaign keeps; undefined when the summary holds none. */
export function fleetInventoryOf(reports: Record<string, unknown> | undefined): FleetInventory | undefined {
  const report = reports?.[INVENTORY_CODEMOD] as Inventory | undefined;
  if (!report) return undefined;
  const styled = (style: string) => report.handlers.filter((h) => h.style === style).length;
  const kept: FleetInventory = {
    asOf: report.asOf,
    functions: report.functions.map((f) => ({
      name: f.name,
      source: f.source,
      file: f.file,
      line: f.line,
      ...(f.runtime ? { runtime: f.runtime } : {}),
      status: f.status,
      ...(f.deprecation ? { deprecation: f.deprecation } : {}),
      ...(f.blockUpdate ? { blockUpdate: f.blockUpdate } : {}),
      architecture: f.architecture,
      architectureDeclared: f.architectureDeclared,
      ...(f.memoryMb !== undefined ? { memoryMb: f.memoryMb } : {}),
      ...(f.handlerFile ? { handlerFile: f.handlerFile } : {}),
      ...(f.handlerStyle ? { handlerStyle: f.handlerStyle } : {}),
      sdkV2: f.sdkV2,
      ...(f.sdkNotIncluded ? { sdkNotIncluded: f.sdkNotIncluded } : {}),
      ...(f.tests !== undefined ? { tests: f.tests } : {}),
    })),
    sdkV2: {
      files: report.sdkV2.files.length,
      calls: report.sdkV2.calls,
      filesLeft: report.sdkV2.files.filter((f) => !f.converts).length,
      services: report.sdkV2.services,
    },
    handlers: {
      callback: styled('callback'),
      context: styled('context'),
      left: report.handlers.filter((h) => (h.style === 'callback' || h.style === 'context') && !h.converts).length,
    },
    tests: report.tests.files,
    fixes: report.recommendations.map(({ definition, files, handlers, functions, why }) => ({
      definition,
      files,
      handlers,
      functions,
      why,
    })),
  };
  // What another machine reads back must parse: check it here, where a mistake can be fixed.
  return FleetInventorySchema.parse(kept);
}

export type Readiness = 'ready' | 'automatic' | 'needs a person' | 'not inventoried';

/**
 * How ready a repository is for Node.js 24: nothing to do; everything to do is done by the AWS/
 * definitions (every handler and SDK v2 file converts); or something they leave for a person.
 */
export function readiness(inventory: FleetInventory | undefined): Readiness {
  if (!inventory) return 'not inventoried';
  if (!inventory.fixes.some((f) => f.definition.startsWith('AWS/nodejs'))) return 'ready';
  return inventory.handlers.left || inventory.sdkV2.filesLeft ? 'needs a person' : 'automatic';
}

export interface RuntimeRow {
  runtime: string;
  status: string;
  deprecation?: string;
  functions: number;
  repositories: number;
}

/** Functions per runtime, soonest deprecation first (unknown dates last). */
export function runtimeDistribution(records: readonly RepoRecord[]): RuntimeRow[] {
  const rows = new Map<string, { row: Omit<RuntimeRow, 'repositories'>; repos: Set<string> }>();
  for (const record of records)
    for (const fn of record.inventory?.functions ?? []) {
      const runtime = fn.runtime ?? '(not written as a value)';
      let entry = rows.get(runtime);
      if (!entry) {
        entry = { row: { runtime, status: fn.status, deprecation: fn.deprecation, functions: 0 }, repos: new Set() };
        rows.set(runtime, entry);
      }
      entry.row.functions += 1;
      entry.repos.add(record.id);
    }
  return [...rows.values()]
    .map(({ row, repos }) => ({ ...row, repositories: repos.size }))
    .sort(
      (a, b) => (a.deprecation ?? '9999').localeCompare(b.deprecation ?? '9999') || a.runtime.localeCompare(b.runtime),
    );
}

export interface ReadinessRow {
  repository: string;
  readiness: Readiness;
  functions: number;
  deprecated: number;
  deprecating: number;
  sdkV2Files: number;
  sdkV2Calls: number;
  callbackHandlers: number;
  contextHandlers: number;
  handlersLeft: number;
  sdkNotIncluded: number;
  testFiles: number;
  fixes: string;
}

export function readinessTable(records: readonly RepoRecord[]): ReadinessRow[] {
  return records.map(readinessRow);
}

function readinessRow(record: RepoRecord): ReadinessRow {
  const inv = record.inventory;
  const count = (test: (f: FleetInventory['functions'][number]) => boolean) => inv?.functions.filter(test).length ?? 0;
  return {
    repository: record.id,
    readiness: readiness(inv),
    functions: inv?.functions.length ?? 0,
    deprecated: count((f) => f.status === 'deprecated'),
    deprecating: count((f) => f.status === 'deprecating'),
    sdkV2Files: inv?.sdkV2.files ?? 0,
    sdkV2Calls: inv?.sdkV2.calls ?? 0,
    callbackHandlers: inv?.handlers.callback ?? 0,
    contextHandlers: inv?.handlers.context ?? 0,
    handlersLeft: inv?.handlers.left ?? 0,
    sdkNotIncluded: count((f) => f.sdkNotIncluded !== undefined),
    testFiles: inv?.tests ?? 0,
    fixes: (inv?.fixes ?? []).map((f) => `${f.definition} (${f.files} files, ${f.handlers} handlers)`).join('; '),
  };
}

/** Whether any repository of the campaign has been inventoried. */
export function hasInventory(view: CampaignView): boolean {
  return view.records.some((r) => r.inventory);
}

/** One line per function (a repository without functions gets one line of its own), for a spreadsheet. */
export function fleetCsv(view: CampaignView): string {
  const header = [
    'repository',
    'readiness',
    'function',
    'declared_in',
    'source',
    'runtime',
    'runtime_status',
    'deprecation',
    'block_update',
    'architecture',
    'architecture_declared',
    'memory_mb',
    'handler_file',
    'handler_style',
    'sdk_v2',
    'sdk_not_included',
    'tests',
    'fixes',
  ];
  const lines = [header.join(',')];
  for (const record of view.records) {
    const row = readinessRow(record);
    const functions = record.inventory?.functions ?? [];
    const base = [row.repository, row.readiness];
    if (!functions.length) lines.push(csvLine([...base, ...Array(header.length - 3).fill(''), row.fixes]));
    for (const f of functions)
      lines.push(
        csvLine([
          ...base,
          f.name,
          `${f.file}:${f.line}`,
          f.source,
          f.runtime ?? '',
          f.status,
          f.deprecation ?? '',
          f.blockUpdate ?? '',
          f.architecture,
          String(f.architectureDeclared),
          f.memoryMb === undefined ? '' : String(f.memoryMb),
          f.handlerFile ?? '',
          f.handlerStyle ?? '',
          String(f.sdkV2),
          f.sdkNotIncluded ?? '',
          f.tests === undefined ? '' : String(f.tests),
          row.fixes,
        ]),
      );
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted; a leading =+-@, tab or CR cannot start a spreadsheet formula. */
function csvLine(fields: readonly string[]): string {
  return fields
    .map((field) => {
      const safe = /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',');
}

export function fleetJson(view: CampaignView): object {
  return {
    campaign: view.spec.name,
    transformation: view.spec.transformation,
    runtimes: runtimeDistribution(view.records),
    repositories: view.records.map((record) => {
      const row = readinessRow(record);
      return { ...row, functions: record.inventory?.functions ?? [], functionCount: row.functions };
    }),
  };
}

/** The repositories whose inventory names `definition` (any case) among its fixes. */
export function reposFixedBy(view: CampaignView, definition: string): RepoRecord[] {
  const wanted = definition.toLowerCase();
  return view.records.filter((r) => r.inventory?.fixes.some((f) => f.definition.toLowerCase() === wanted));
}
