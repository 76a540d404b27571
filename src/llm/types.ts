// The one interface both brains implement: the Anthropic model, or offline rules.
import type { Finding } from '../codemods/types.js';
import type { Definition } from '../definitions/types.js';
import type { FeedbackOutcome } from '../planner/feedback.js';
import type { Plan, PlanStep } from '../planner/types.js';
import type { StepOutcome } from '../executor/steps.js';
import type { KeepOut } from '../knowledge/exclude.js';

/** The question the person is answering; it limits what their words can mean. */
export type Question = 'choose' | 'next' | 'yes-no';

export type Intent =
  | { kind: 'create' }
  | { kind: 'use-existing'; name?: string }
  | { kind: 'apply' }
  | { kind: 'modify'; change?: string }
  | { kind: 'save-draft' }
  | { kind: 'publish' }
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'unknown' };

export interface IntentContext {
  /** Definitions the person may be naming (for "the node upgrade"). */
  entries?: Array<{ name: string; description: string }>;
}

export interface SourceDocument {
  /** A path, or "pasted text". */
  name: string;
  text: string;
}

export interface DraftRequest {
  description: string;
  documents: SourceDocument[];
}

export interface Revision {
  definition: Definition;
  changed: boolean;
  /** What was done, or why nothing was. */
  reply: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  requests: number;
  /** Time spent waiting for the model's answers (what `--limit Nm` counts). */
  durationMs?: number;
  /** The same counts per kind of brain call, for `/usage`. */
  byKind?: Partial<Record<CallKind, TokenUsage>>;
}

/** What a model request was for. */
export type CallKind = 'interpret' | 'draft' | 'revise' | 'plan' | 'agent';

/** Text as the model writes it, for live display; offline rules write none. */
export type TextSink = (chunk: string) => void;

/** A step of this run that has already been carried out, as the model is told of it. */
export interface DoneStep {
  id: string;
  title: string;
  status: 'completed' | 'skipped' | 'failed';
  reason?: string;
  filesChanged: string[];
  /** An agent step's final message. */
  message?: string;
}

/** What the run did before an agent step, from its state: steps done, findings so far. */
export interface RunProgress {
  steps: DoneStep[];
  findings: Finding[];
}

/** What the executor hands an agent step besides the step and the checkout. */
export interface AgentRun {
  /** The plan the step belongs to: the transformation, its guardrails, the repository facts. */
  plan: Plan;
  progress: RunProgress;
  signal?: AbortSignal;
  /** Paths no step may change (protecting guardrails, knowledge exclusions): file tools refuse writes there. */
  keepOut: readonly KeepOut[];
}

export interface AgentContext extends Partial<AgentRun> {
  checkoutDir: string;
  trustAllTools: boolean;
  confirm?: (question: string) => Promise<boolean>;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface Brain {
  readonly kind: 'offline' | 'anthropic';
  /** "offline rules" or the model name, for the screen. */
  readonly label: string;
  interpret(question: Question, text: string, context?: IntentContext): Promise<Intent>;
  draftDefinition(request: DraftRequest, onText?: TextSink): Promise<Definition>;
  reviseDefinition(definition: Definition, feedback: string, onText?: TextSink): Promise<Revision>;
  refinePlan(plan: Plan, feedback: string): Promise<FeedbackOutcome>;
  /** Carries out an agent step; absent when there is no model (the step stays `needs-model`). */
  runAgentStep?: (step: PlanStep, context: AgentContext) => Promise<StepOutcome>;
  usage(): TokenUsage;
}
