// The conversation driver: feeds what the person says to the state machine, saves every turn,
// and carries out the one long effect (a run), whose plan review and confirmations become
// questions in the same conversation. The screen (src/ui) only displays what it emits.
import type { RunSummary } from '../executor/summary.js';
import { InterruptedError, UsageError } from '../errors.js';
import { ModelConfigError, ModelLimitError } from '../llm/errors.js';
import { readYesNo } from '../llm/yes-no.js';
import { formatPlan } from '../planner/feedback.js';
import type { Plan } from '../planner/types.js';
import { applyEffectOf } from './apply.js';
import { advance, fresh, numbered, openSession, repeatQuestion } from './machine.js';
import type { RunHooks, RunService } from './run.js';
import { readNavigation, type Navigation } from './navigate.js';
import { planHelp, readPlanAnswer } from './plan-answer.js';
import { atx, buildQuestion, chooseQuestion, planQuestion } from './say.js';
import type { ConversationStore } from './store.js';
import { withFallback } from './fallback.js';
import { describeSummary, isMarkedLine, startMark } from '../executor/summary-text.js';
import { buildLine, criterionLine, describeUsage, describeUsageByKind, stepLine } from './summary.js';
import type { ApplyEffect, LiveEvent, Message, SessionContext, SessionState, SessionStatus } from './types.js';

export interface DriverOptions {
  ctx: SessionContext;
  store: ConversationStore;
  runs: RunService;
  trustAllTools: boolean;
  onMessage: (message: Message) => void;
  /** Live progress of a run (the spinner line); finished steps also arrive as messages. */
  onProgress?: (event: LiveEvent) => void;
  /** Whether a run goes on, and whether the open question takes a multi-line answer. */
  onStatus?: (status: SessionStatus) => void;
  onExit?: () => void;
}

type Pending =
  | { kind: 'plan'; plan: Plan; resolve: (plan: Plan) => void; reject: (error: Error) => void }
  | { kind: 'confirm'; resolve: (yes: boolean) => void };

export class Conversation {
  private pending: Pending | undefined;
  private stop: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private planAccepted = false;
  /** A run goes on and asks nothing. */
  private runningNow = false;
  private lastStatus: SessionStatus | undefined;
  /** Where the person asked to go from plan review ("start over", "back", …). */
  private leftReview: Navigation | undefined;
  private leaving = false;
  exited = false;
  /** The last run's full summary (for `--json`). */
  lastSummary: RunSummary | undefined;
  /** A bad model configuration met during a run: `say` throws it (exit 2). */
  private failure: ModelConfigError | undefined;
  /** The session's brain: the model until it becomes unavailable, then the offline rules. */
  private readonly ctx: SessionContext;

  constructor(
    public state: SessionState,
    private readonly options: DriverOptions,
  ) {
    this.ctx = { ...options.ctx, brain: withFallback(options.ctx.brain, (line) => this.emit([atx(line, 'warning')])) };
  }

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
    const effect = applyEffectOf(this.state);
    await this.until(() => (this.state.runId ? this.runResume(this.state.runId) : this.runApply(effect)));
    this.throwFailure();
  }

  /** One answer from the person; resolves when atx waits for the next one. */
  async say(text: string): Promise<void> {
    this.emit([{ from: 'you', text, style: 'user' }]);
    // Asked at any point, even while a run waits for an answer; changes nothing.
    if (/^\s*\/usage\s*$/i.test(text))
      return this.emit([atx(describeUsageByKind(this.ctx.brain.usage(), this.ctx.brain.label))]);
    if (this.pending) return this.answerPending(text);
    const result = await advance(this.state, text, this.ctx);
    this.state = result.state;
    this.emit(result.messages);
    await this.save();
    if (result.effect?.kind === 'exit') return this.exit();
    if (result.effect?.kind === 'apply') {
      const effect = result.effect;
      await this.until(() => this.runApply(effect));
      this.throwFailure();
    }
  }

  private throwFailure(): void {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
  }

  /** Resolves once the run asks a question or ends. */
  private async until(start: () => Promise<void>): Promise<void> {
    const stopped = new Promise<void>((resolve) => (this.stop = resolve));
    this.runningNow = true;
    this.status();
    this.running = start().finally(() => this.stop?.());
    await stopped;
  }

  private async answerPending(text: string): Promise<void> {
    const pending = this.pending!;
    if (pending.kind === 'confirm') {
      // Read by atx, never by the model: an answer that is not plainly yes or no is asked again.
      const answer = readYesNo(text);
      const navigation = answer === 'unclear' ? readNavigation(text) : undefined;
      if (navigation === 'help') {
        return this.emit([
          atx(
            'The run asks before it runs a command of your repository. Say "yes" to allow this one, or "no" to skip it (the run reports it and goes on). ' +
              'Starting atx with -t allows every command. "quit" stops the run here; `atx --resume` continues it later.',
          ),
        ]);
      }
      if (navigation === 'quit') {
        this.pending = undefined;
        // The run goes on until the screen closes and stops it after its current step.
        this.runningNow = true;
        pending.resolve(false);
        this.emit([
          atx(`Bye. The run stops after this step; continue it with \`atx --conversation-id ${this.state.id}\`.`),
        ]);
        return this.exit();
      }
      if (navigation)
        return this.emit([
          atx(
            'A run is going on: answer yes or no first. Once it ends you can start over or use another transformation.',
          ),
        ]);
      if (answer === 'unclear') return this.emit([atx('Please answer yes or no.')]);
      this.pending = undefined;
      await this.resumeRunning(() => pending.resolve(answer === 'yes'));
      return this.throwFailure();
    }
    return this.answerPlan(pending, text);
  }

  /**
   * An answer to the plan review, read whole: edits first (applied, and the plan shown again
   * before anything runs), then acceptance, only when the answer accepts and holds nothing back.
   */
  private async answerPlan(pending: Extract<Pending, { kind: 'plan' }>, text: string): Promise<void> {
    const navigation = readNavigation(text);
    if (navigation === 'help') return this.emit([atx(`${planHelp(pending.plan)}`), atx(planQuestion)]);
    if (navigation === 'quit') {
      this.emit([
        atx(`Bye: nothing ran. Continue this conversation later with \`atx --conversation-id ${this.state.id}\`.`),
      ]);
      this.leaving = true;
      this.pending = undefined;
      await this.resumeRunning(() => pending.reject(new InterruptedError('left at plan review')));
      return this.exit();
    }
    if (navigation) {
      // Nothing has run: the run is dropped and the conversation goes where the person asked.
      this.pending = undefined;
      this.leftReview = navigation;
      await this.resumeRunning(() => pending.reject(new InterruptedError('left at plan review')));
      return this.throwFailure();
    }
    const answer = readPlanAnswer(pending.plan, text);
    if (answer.edits.length || answer.problems.length) {
      let plan = pending.plan;
      const replies: Message[] = answer.problems.map((problem) => atx(problem, 'warning'));
      for (const edit of answer.edits) {
        const outcome = await this.ctx.brain.refinePlan(plan, edit);
        if (outcome.kind === 'changed') plan = outcome.plan;
        replies.push(
          atx(
            outcome.kind === 'accepted' ? `I could not apply "${edit}".` : outcome.reply,
            outcome.kind === 'changed' ? 'info' : 'warning',
          ),
        );
      }
      const changed = plan !== pending.plan;
      pending.plan = plan;
      const wait =
        answer.hold || answer.accept || /\b(go|proceed|run it|ok|lgtm)\b/i.test(text)
          ? ' Nothing runs until you accept the plan as it is now.'
          : '';
      this.emit([
        ...replies,
        ...(changed ? [atx(formatPlan(plan), 'plan')] : []),
        atx(`${wait ? wait.trim() + ' ' : ''}${planQuestion}`),
      ]);
      return this.save();
    }
    if (answer.accept) return this.acceptPlan(pending, pending.plan, 'Plan accepted.');
    if (answer.hold) {
      this.emit([
        atx(
          'Nothing runs until you say so. Ask for changes ("skip the last step", "also run npm run lint"), or say "go" when ready.',
        ),
      ]);
      return this.save();
    }
    // Not read by the rules above: the brain may understand it (a model can); it accepts the
    // plan only when the answer holds no negation or condition, which was checked above.
    const outcome = await this.ctx.brain.refinePlan(pending.plan, text);
    if (outcome.kind === 'accepted' && this.ctx.brain.kind !== 'offline')
      return this.acceptPlan(pending, outcome.plan, outcome.reply);
    if (outcome.kind === 'changed') {
      pending.plan = outcome.plan;
      this.emit([atx(outcome.reply), atx(formatPlan(outcome.plan), 'plan'), atx(planQuestion)]);
    } else {
      this.emit([
        atx(outcome.kind === 'accepted' ? 'I did not take that as a go-ahead.' : outcome.reply, 'warning'),
        atx(planQuestion),
      ]);
    }
    await this.save();
  }

  private async acceptPlan(pending: Extract<Pending, { kind: 'plan' }>, plan: Plan, reply: string): Promise<void> {
    this.emit([atx(reply)]);
    this.pending = undefined;
    this.planAccepted = true;
    this.emit([atx('Running the plan.')]);
    await this.resumeRunning(() => pending.resolve(plan));
    return this.throwFailure();
  }

  /** Hands the answer to the waiting run and waits for its next question or its end. */
  private async resumeRunning(answer: () => void): Promise<void> {
    const stopped = new Promise<void>((resolve) => (this.stop = resolve));
    this.runningNow = true;
    this.status();
    answer();
    await this.save();
    await stopped;
  }

  private ask(pending: Pending, messages: Message[]): void {
    this.pending = pending;
    this.runningNow = false;
    this.emit(messages);
    void this.save();
    this.stop?.();
  }

  private hooks(): RunHooks {
    // Taken once per run: the session may stop using the model while the run goes on.
    const runAgentStep = this.ctx.brain.runAgentStep;
    const trust = this.options.trustAllTools;
    const confirm = (question: string) =>
      new Promise<boolean>((resolve) => this.ask({ kind: 'confirm', resolve }, [atx(`${question} (yes/no)`)]));
    return {
      log: (line) => this.logLine(line),
      confirm,
      onRunId: (runId) => {
        this.state = { ...this.state, runId };
        void this.save();
      },
      onEvent: (event) => {
        this.options.onProgress?.(event);
        if (event.kind === 'step-end') this.emit([atx(stepLine(event), 'progress')]);
        if (event.kind === 'criterion') this.emit([atx(criterionLine(event), 'progress')]);
        if (event.kind === 'phase-build')
          this.emit([atx(buildLine(event), event.exitCode === 0 ? 'progress' : 'warning')]);
      },
      reviewPlan: (plan) =>
        new Promise<Plan>((resolve, reject) =>
          this.ask({ kind: 'plan', plan, resolve, reject }, [atx(formatPlan(plan), 'plan'), atx(planQuestion)]),
        ),
      ...(runAgentStep
        ? {
            hasModel: true,
            agent: (step, checkoutDir, run) =>
              runAgentStep(step, { ...run, checkoutDir, trustAllTools: trust, confirm: trust ? undefined : confirm }),
          }
        : {}),
    };
  }

  /**
   * The executor's log lines, as the conversation shows them: steps, exit criteria and phase
   * builds arrive as events (with their names and results), so their bare log lines are not
   * repeated; what the run is doing now goes to the live line; the rest is shown.
   */
  private logLine(line: string): void {
    const text = line.trim();
    if (!text) return;
    const criterion = text.startsWith(`${startMark} exit criterion: `)
      ? text.slice(`${startMark} exit criterion: `.length)
      : undefined;
    if (criterion)
      return this.options.onProgress?.({ kind: 'activity', label: `checking exit criterion: ${criterion}` });
    const building = /^building after phase (\d+): (.+)$/.exec(text);
    if (building)
      return this.options.onProgress?.({
        kind: 'activity',
        label: `building after phase ${building[1]}: ${building[2]}`,
      });
    if (/^installing dependencies|^package\.json changed: updating the lockfile/.test(text))
      this.options.onProgress?.({ kind: 'activity', label: text });
    // A step's own lines, a criterion's bare status ("passed"), a validation command's result.
    if (isMarkedLine(text) || /^[a-z-]+$/.test(text)) return;
    this.emit([atx(text, 'progress')]);
  }

  /** Tells the screen whether a run goes on and what the open question takes. */
  private status(): void {
    const status: SessionStatus = {
      running: this.runningNow,
      multiline: !this.pending && (this.state.phase === 'describe' || this.state.phase === 'docs'),
    };
    if (this.lastStatus?.running === status.running && this.lastStatus.multiline === status.multiline) return;
    this.lastStatus = status;
    this.options.onStatus?.(status);
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
      const summary = await run().finally(() => (this.runningNow = false));
      this.lastSummary = summary;
      const usage = describeUsage(this.ctx.brain.usage());
      this.state = {
        ...this.state,
        phase: 'done',
        runId: undefined,
        lastRun: { runId: summary.runId, status: summary.status },
      };
      this.emit([
        atx(describeSummary(summary, { criteriaShown: true }), 'summary'),
        ...(usage ? [atx(usage)] : []),
        atx('Anything else? Say "new" to create another transformation, "use an existing one", or "quit".'),
      ]);
    } catch (error) {
      this.pending = undefined;
      if (error instanceof InterruptedError && this.leftReview) {
        await this.afterReview(this.leftReview);
      } else if (error instanceof InterruptedError && this.leaving) {
        this.state = { ...this.state, runId: undefined };
      } else if (error instanceof InterruptedError) {
        // Stopped at plan review: nothing ran, so a resume plans again instead of resuming.
        if (!this.planAccepted) this.state = { ...this.state, runId: undefined };
        // The phase stays `applying` (with its run id once steps ran), so a resume continues.
        this.emit([atx(`Interrupted. Continue with \`atx --conversation-id ${this.state.id}\`.`, 'warning')]);
      } else if (error instanceof ModelLimitError) {
        // Like an interrupt: the run stopped after its current step and is resumable.
        this.emit([
          atx(
            `The run stopped: ${error.reached}. Continue it with \`atx --conversation-id ${this.state.id} --limit ${error.next}\`.`,
            'warning',
          ),
        ]);
      } else if (error instanceof ModelConfigError) {
        // Not the repository's fault: the session ends with this line (exit 2); once the
        // configuration is fixed, the run continues where it stopped.
        if (!this.planAccepted) this.state = { ...this.state, runId: undefined };
        this.failure = error;
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

  /** Where "start over", "use an existing one" or "back" leads from the plan review. */
  private async afterReview(navigation: Navigation): Promise<void> {
    this.leftReview = undefined;
    const state = { ...this.state, runId: undefined };
    if (navigation === 'start-over') {
      this.state = { ...state, ...fresh(), phase: 'choose' };
      this.emit([atx(`Nothing ran. Starting over. ${chooseQuestion}`)]);
    } else if (navigation === 'use-existing') {
      this.state = { ...state, ...fresh(), phase: 'pick' };
      this.emit([atx(`Nothing ran. Which one? Say its number or name:\n${numbered(await this.ctx.services.list())}`)]);
    } else {
      this.state = { ...state, phase: 'build' };
      this.emit([atx(`Nothing ran. ${buildQuestion}`)]);
    }
  }

  private exit(): void {
    const usage = describeUsage(this.ctx.brain.usage());
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

  /** A run goes on, or waits for an answer: leaving now stops it (it can be resumed). */
  get runInProgress(): boolean {
    return this.runningNow || this.pending !== undefined;
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
    this.status();
  }

  private save(): Promise<void> {
    return this.options.store.save(this.state);
  }
}
