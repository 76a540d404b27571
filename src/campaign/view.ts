// What `status`, `get`, `list`, `report` and `serve` show: this machine's records, and with
// ATX_RESULTS_URL every newer record from the results store (other shards, other machines).
import { RemoteUnreachableError } from '../util/shared-clone.js';
import { publishedRecords, ResultsStore, resultsUrlFrom } from './results.js';
import { overlay, viewOf } from './state.js';
import { CampaignStore } from './store.js';
import type { CampaignView, RepoRecord } from './types.js';

export interface ViewOptions {
  atxHome: string;
  name: string;
  env: NodeJS.ProcessEnv;
  /** Hears that the store could not be reached (the view then holds this machine's records only). */
  warn?: (message: string) => void;
  /** Reuse what the store said for this long (a served dashboard polls every second). */
  freshForMs?: number;
}

/** A reader of the campaign's view; each call reads the journal, and the store when its last answer is too old. */
export function campaignViewer(options: ViewOptions): () => Promise<CampaignView> {
  const store = new CampaignStore(options.atxHome, options.name);
  const url = resultsUrlFrom(options.env);
  let results: ResultsStore | undefined;
  let published: { records: Map<string, RepoRecord>; at: number } | undefined;
  return async () => {
    const local = await store.view();
    if (!url) return local;
    results ??= new ResultsStore(url, options.atxHome, options.env, local.spec);
    if (!published || Date.now() - published.at > (options.freshForMs ?? 0)) {
      try {
        published = { records: publishedRecords(await results.read()), at: Date.now() };
      } catch (error) {
        if (!(error instanceof RemoteUnreachableError)) throw error;
        options.warn?.(
          `the results store ${error.url} could not be reached (${error.reason}); showing this machine's records only`,
        );
        return local;
      }
    }
    return viewOf(local.spec, overlay(local.records, published.records));
  };
}

export function campaignView(options: ViewOptions): Promise<CampaignView> {
  return campaignViewer(options)();
}
