// The registry's public shapes (see docs/cli-contract.md, `atx custom def list --json`).
import type { Category } from '../definitions/types.js';

export type Origin = 'aws-managed' | 'local' | 'team';
export type VersionStatus = 'draft' | 'published';

export interface RegistryEntry {
  name: string;
  /** The version `--tv` defaults to: newest published, else newest draft. */
  version: string;
  description: string;
  /** Of the version `--tv` defaults to. */
  category: Category;
  origin: Origin;
  /** Every version held by this origin, oldest first. */
  versions: string[];
  status: VersionStatus;
}

export interface ResolvedDefinition {
  name: string;
  version: string;
  origin: Origin;
  description: string;
  category: Category;
  /** Folder holding the definition files; read it, never write to it. */
  dir: string;
  status: VersionStatus;
}

export interface RegistryOptions {
  /** Root of atx's own files (ATX_HOME, default ~/.atx). */
  atxHome: string;
  /** Git URL or path of the team registry (ATX_REGISTRY_URL); none means publish locally. */
  teamUrl?: string;
  /** Folder of the AWS-managed definitions; default: the package's transformations/AWS. */
  awsDir?: string;
  /** Recorded with every version stored. */
  author?: string;
  /** Environment for git (commit author from ATX_GIT_COMMITTER_NAME / _EMAIL); default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * Told (once per registry) when the team registry cannot be reached and reads go on with
   * the AWS-managed and local definitions only. One sentence, without "atx: warning: " or a
   * newline; the CLI prints it on stderr.
   */
  warn?: (message: string) => void;
}

export interface Registry {
  /** AWS-managed first (sorted), then local, then team; a name can appear once per origin. */
  list(): Promise<RegistryEntry[]>;
  /** UsageError if the name or version is unknown. */
  resolve(name: string, version?: string): Promise<ResolvedDefinition>;
  /** Without a category (`--category`), the definition's own (SKILL.md front matter), else remediation. */
  saveDraft(
    name: string,
    description: string,
    sourceDir: string,
    category?: Category,
  ): Promise<{ name: string; version: string; category: Category }>;
  publish(
    name: string,
    description: string,
    sourceDir: string,
    category?: Category,
  ): Promise<{ name: string; version: string; origin: Origin; category: Category }>;
  promote(
    name: string,
    version: string,
  ): Promise<{ name: string; version: string; origin: Origin; category: Category }>;
  remove(name: string, version?: string): Promise<{ removed: string[]; origins: Origin[] }>;
}
