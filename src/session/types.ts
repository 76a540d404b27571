// The conversation as data: what has been said and decided, saved as JSON after every turn.
import type { RunEvent } from '../executor/execute.js';
import type { RegistryEntry } from '../registry/types.js';
import type { Brain, SourceDocument, TextSink } from '../llm/types.js';

export type SessionPhase =
  | 'choose' // existing or new?
  | 'pick' // which existing one?
  | 'describe' // describe the new one
  | 'docs' // documents, samples, guides?
  | 'review' // the draft is shown: apply, modify, save a draft, publish
  | 'modify' // what to change?
  | 'name' // accept or change the proposed name and description
  | 'repo' // repository path
  | 'build' // optional build command
  | 'applying' // a run is in progress (plan review, progress)
  | 'done'; // the run finished; anything else?

export type MessageStyle = 'info' | 'warning' | 'error' | 'definition' | 'plan' | 'progress' | 'summary' | 'user';

export interface Message {
  from: 'atx' | 'you';
  text: string;
  style?: MessageStyle;
}

export interface SessionState {
  schemaVersion: 1;
  id: string;
  createdAt: string;
  updatedAt: string;
  phase: SessionPhase;
  /** The person's description of a new transformation. */
  description?: string;
  documents: SourceDocument[];
  /** The drafted definition, as the markdown of definitions.md. */
  draft?: string;
  /** The definition to apply: chosen from the registry, or the draft once stored. */
  selected?: { name: string; version?: string };
  /** What accepting the proposed name does. */
  storeAs?: 'draft' | 'publish';
  /** Set when the person chose "apply" before the draft was stored: apply once it is. */
  applyAfterStore?: boolean;
  proposed?: { name: string; description: string };
  /** The names offered when several fitted an answer at `pick`, for the next answer to narrow. */
  pickFrom?: string[];
  repo?: string;
  /** The folder offered by "did you mean …?" at the repository question. */
  suggestedRepo?: string;
  buildCommand?: string;
  runId?: string;
  lastRun?: { runId: string; status: string };
  transcript: Message[];
}

export interface ApplyEffect {
  kind: 'apply';
  name: string;
  version?: string;
  repo: string;
  buildCommand?: string;
  /** `key=value` configuration, as `-g` takes it (e.g. the draft's target version). */
  configuration?: string;
}

export type Effect = ApplyEffect | { kind: 'exit' };

export interface Turn {
  state: SessionState;
  messages: Message[];
  effect?: Effect;
}

/** What the dialogue needs from the world; tests pass real ones on a temporary ATX_HOME. */
export interface SessionServices {
  list(): Promise<RegistryEntry[]>;
  /** Reads the files and folders the answer names; undefined when it names none. */
  readDocuments(answer: string): Promise<SourceDocument[] | undefined>;
  store(
    kind: 'draft' | 'publish',
    name: string,
    description: string,
    markdown: string,
    documents: SourceDocument[],
  ): Promise<{ name: string; version: string }>;
  /** An absolute path when `path` is a folder, else undefined. */
  folder(path: string): Promise<string | undefined>;
  /** The repository an answer names in words ("it's at repos/svc"), checked now. */
  repository(said: string): Promise<RepositoryAnswer>;
  /** For a path in the answer that does not exist, the closest one that does ("did you mean …?"). */
  nearestPath(said: string): Promise<{ wanted: string; fixed: string } | undefined>;
}

/** A repository found (`path` only), or why not, with the closest folder that exists. */
export type RepositoryAnswer =
  { path: string; problem?: undefined } | { problem: string; path?: string; suggestion?: string };

export interface SessionContext {
  brain: Brain;
  services: SessionServices;
  onText?: TextSink;
}

/** What the live line of a run shows: the executor's events, and what it does between steps. */
export type LiveEvent = RunEvent | { kind: 'activity'; label: string };

/** What the screen needs to know about the question now open. */
export interface SessionStatus {
  /** A run goes on and asks nothing: typed answers are held until it asks. */
  running: boolean;
  /** The open question takes a description or a document: a multi-line paste is one answer. */
  multiline: boolean;
}
