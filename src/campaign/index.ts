// Campaigns: one definition over many repositories, run in parallel, sharded across CI jobs.
export { createCampaign, findRepo, mergeShards, updateRepoStatus, type CreateOptions } from './manage.js';
export { runCampaign, type CampaignRunOptions, type CampaignRunResult } from './runner.js';
export { parseShard, shardFrom, shardSlice, type Shard } from './shard.js';
export { CampaignStore, listCampaigns, validateCampaignName } from './store.js';
export { dashboardData, renderDashboard, type DashboardData } from './dashboard.js';
export { fleetCsv, fleetJson, hasInventory, readiness, reposFixedBy, type Readiness } from './fleet.js';
export { campaignView, campaignViewer, type ViewOptions } from './view.js';
export { serveCampaign, type Served, type ServeOptions } from './serve.js';
export type { CampaignSpec, CampaignView, RepoRecord, RepoStatus, ShardResult } from './types.js';
