// The one interface both brains implement: the Anthropic model, or offline rules.
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
}

/** Text as the model writes it, for live display; offline rules write none. */
export type TextSink = (chunk: string) => void;

export interface AgentContext {
  checkoutDir: string;
  trustAllTools: boolean;
  confirm?: (question: string) => Promise<boolean>;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Paths no step may change (protecting guardrails, knowledge exclusions): file tools refuse writes there. */
  keepOut?: readonly KeepOut[];
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
