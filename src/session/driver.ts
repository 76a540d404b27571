// The conversation driver: feeds what the person says to the state machine, saves every turn,
// and carries out the one long effect (a run), whose plan review and confirmations become
// questions in the same conversation. The screen (src/ui) only displays what it emits.
import type { RunEvent } from '../executor/execute.js';
import type { RunSummary } from '../executor/summary.js';
import { InterruptedError, UsageError } from '../errors.js';
import { formatPlan } from '../planner/feedback.js';
import type { Plan } from '../planner/types.js';
import { draftTarget } from './apply.js';
import { advance, openSession, repeatQuestion } from './machine.js';
import type { RunHooks, RunService } from './run.js';
import { atx } from './say.js';
import type { ConversationStore } from './store.js';
import { describeSummary, describeUsage } from './summary.js';
import type { ApplyEffect, Message, SessionContext, SessionState } from './types.js';

export interface DriverOptions {
  ctx: SessionContext;
  store: ConversationStore;
  runs: RunService;
  trustAllTools: boolean;
  onMessage: (message: Message) => void;
  /** Live progress of a run (the spinner line); finished steps also arrive as messages. */
  onProgress?: (event: RunEvent) => void;
  onExit?: () => void;
}

type Pending =
  | { kind: 'plan'; plan: Plan; resolve: (plan: Plan) => void; reject: (error: Error) => void }
  | { kind: 'confirm'; resolve: (yes: boolean) => void };

const planQuestion = 'Review the plan: ask for changes ("skip step 2", "also run npm run lint"), or say "looks good, proceed".';

export class Conversation {
  private pending: Pending | undefined;
  private stop: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private planAccepted = false;
  exited = false;
  /** The last run's full summary (for `--json`). */
  lastSummary: RunSummary | undefined;

  constructor(
    public state: SessionState,
    private readonly options: DriverOptions,
  ) {}

  static create(options: DriverOptions, id?: string): Conversation {
    const opening = openSession(id);
    const conversation = new Conversation(opening.state, options);
    conversation.emit(opening.messages);
    return conversation;
  }

  /** Continues a saved conversation: asks its last question again, or resumes its run. */
  async resume(): Promise<void> {
    this.emit([atx(`Continuing conversation ${this.state.id}.`)]);
    if (this.state.phase !== 'applying') {
      this.emit([atx(repeatQuestion(this.state))]);
      return;
    }
    const effect = this.applyEffect();
    await this.until(() => (this.state.runId ? this.runResume(this.state.runId) : this.runApply(effect)));
  }

  /** One answer from the person; resolves when atx waits for the next one. */
  async say(text: string): Promise<void> {
    this.emit([{ from: 'you', text, style: 'user' }]);
    if (this.pending) return this.answerPending(text);
    const result = await advance(this.state, text, this.options.ctx);
    this.state = result.state;
    this.emit(result.messages);
    await this.save();
    if (result.effect?.kind === 'exit') return this.exit();
    if (result.effect?.kind === 'apply') {
      const effect = result.effect;
      await this.until(() => this.runApply(effect));
    }
  }

  /** Resolves once the run asks a question or ends. */
  private async until(start: () => Promise<void>): Promise<void> {
    const stopped = new Promise<void>((resolve) => (this.stop = resolve));
    this.running = start().finally(() => this.stop?.());
    await stopped;
  }

  private async answerPending(text: string): Promise<void> {
    const pending = this.pending!;
    if (pending.kind === 'confirm') {
      const intent = await this.options.ctx.brain.interpret('yes-no', text);
      if (intent.kind === 'unknown') return this.emit([atx('Please answer yes or no.')]);
      this.pending = undefined;
      return this.resumeRunning(() => pending.resolve(intent.kind === 'yes'));
    }
    const outcome = await this.options.ctx.brain.refinePlan(pending.plan, text);
    this.emit([atx(outcome.reply, outcome.kind === 'not-understood' ? 'warning' : 'info')]);
    if (outcome.kind === 'accepted') {
      this.pending = undefined;
      this.planAccepted = true;
      this.emit([atx('Running the plan…')]);
      return this.resumeRunning(() => pending.resolve(outcome.plan));
    }
    if (outcome.kind === 'changed') {
      pending.plan = outcome.plan;
      this.emit([atx(formatPlan(outcome.plan), 'plan'), atx(planQuestion)]);
    }
    await this.save();
  }

  /** Hands the answer to the waiting run and waits for its next question or its end. */
  private async resumeRunning(answer: () => void): Promise<void> {
    const stopped = new Promise<void>((resolve) => (this.stop = resolve));
    answer();
    await this.save();
    await stopped;
  }

  private ask(pending: Pending, messages: Message[]): void {
    this.pending = pending;
    this.emit(messages);
    void this.save();
    this.stop?.();
  }

  private hooks(): RunHooks {
    const brain = this.options.ctx.brain;
    const trust = this.options.trustAllTools;
    const confirm = (question: string) => new Promise<boolean>((resolve) => this.ask({ kind: 'confirm', resolve }, [atx(`${question} (yes/no)`)]));
    return {
      log: (line) => {
        // Step lines arrive as events; other log lines (installs, builds) are worth showing.
        if (!/^\s*(▸|✔|✘|–)/.test(line.trimStart()) && line.trim()) this.emit([atx(line.trim(), 'progress')]);
      },
      confirm,
      onRunId: (runId) => {
        this.state = { ...this.state, runId };
        void this.save();
      },
      onEvent: (event) => {
        this.options.onProgress?.(event);
        if (event.kind === 'step-end') this.emit([atx(stepLine(event), 'progress')]);
      },
      reviewPlan: (plan) => new Promise<Plan>((resolve, reject) => this.ask({ kind: 'plan', plan, resolve, reject }, [atx(formatPlan(plan), 'plan'), atx(planQuestion)])),
      ...(brain.runAgentStep
        ? { hasModel: true, agent: (step, checkoutDir, run) => brain.runAgentStep!(step, { checkoutDir, trustAllTools: trust, confirm: trust ? undefined : confirm, ...run }) }
        : {}),
    };
  }

  private applyEffect(): ApplyEffect {
    const s = this.state;
    const configuration = draftTarget(s);
    return { kind: 'apply', name: s.selected!.name, version: s.selected!.version, repo: s.repo!, buildCommand: s.buildCommand, ...(configuration ? { configuration } : {}) };
  }

  private runApply(effect: ApplyEffect): Promise<void> {
    this.planAccepted = false;
    return this.finishRun(() => this.options.runs.apply(effect, this.options.trustAllTools, this.hooks()));
  }

  private runResume(runId: string): Promise<void> {
    this.planAccepted = true;
    return this.finishRun(() => this.options.runs.resume(runId, this.hooks()));
  }

  private async finishRun(run: () => Promise<RunSummary>): Promise<void> {
    try {
      const summary = await run();
      this.lastSummary = summary;
      const usage = describeUsage(this.options.ctx.brain.usage());
      this.state = { ...this.state, phase: 'done', runId: undefined, lastRun: { runId: summary.runId, status: summary.status } };
      this.emit([atx(describeSummary(summary), 'summary'), ...(usage ? [atx(usage)] : []), atx('Anything else? Say "new" to create another transformation, "use an existing one", or "quit".')]);
    } catch (error) {
      this.pending = undefined;
      if (error instanceof InterruptedError) {
        // Stopped at plan review: nothing ran, so a resume plans again instead of resuming.
        if (!this.planAccepted) this.state = { ...this.state, runId: undefined };
        // The phase stays `applying` (with its run id once steps ran), so a resume continues.
        this.emit([atx(`Interrupted. Continue with \`atx --conversation-id ${this.state.id}\`.`, 'warning')]);
      } else if (error instanceof UsageError) {
        // Bad input (not a git repository, unknown definition): ask again instead of ending.
        this.state = { ...this.state, phase: 'repo', runId: undefined };
        this.emit([atx(`${error.message}.`, 'error'), atx('What is the path of the repository to transform?')]);
      } else {
        this.state = { ...this.state, phase: 'done', runId: undefined };
        this.emit([atx(`The run failed: ${error instanceof Error ? error.message : String(error)}`, 'error')]);
      }
    } finally {
      await this.save();
    }
  }

  private exit(): void {
    const usage = describeUsage(this.options.ctx.brain.usage());
    if (usage) this.emit([atx(usage)]);
    this.exited = true;
    this.options.onExit?.();
  }

  /** The person left: a run waiting on them is interrupted (plan review) or told no (commands). */
  cancel(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending?.kind === 'plan') pending.reject(new InterruptedError('left at plan review'));
    if (pending?.kind === 'confirm') pending.resolve(false);
  }

  /** What a run is waiting for the person to answer, if anything. */
  get waitingFor(): Pending['kind'] | undefined {
    return this.pending?.kind;
  }

  /** Waits for a run still going (after exit or in tests). */
  async settled(): Promise<void> {
    await this.running;
  }

  private emit(messages: Message[]): void {
    if (messages.length === 0) return;
    this.state = { ...this.state, transcript: [...this.state.transcript, ...messages] };
    for (const message of messages) this.options.onMessage(message);
  }

  private save(): Promise<void> {
    return this.options.store.save(this.state);
  }
}

function stepLine(event: Extract<RunEvent, { kind: 'step-end' }>): string {
  const mark = event.status === 'completed' ? '✔' : event.status === 'failed' ? '✘' : '–';
  const reason = event.reason && event.reason !== 'no-change' ? ` (${event.reason.split('\n')[0]})` : '';
  const commit = event.commit ? ` → commit ${event.commit.slice(0, 12)}` : '';
  return `${mark} ${event.stepId} ${event.title}: ${event.status}${reason}${commit} ${(event.durationMs / 1000).toFixed(1)} s`;
}
