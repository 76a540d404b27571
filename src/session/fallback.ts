// A conversation outlives its model: once the model is unavailable (its retry budget spent) or
// the `--limit` is reached, the person is told so in one line and the conversation goes on with
// the offline rules for the rest of the session. A bad configuration (an unknown model, a refused
// key) is not hidden this way: it ends the session with exit code 2.
import { ModelLimitError, ModelUnavailableError } from '../llm/errors.js';
import { createOfflineBrain } from '../llm/offline/index.js';
import type { Brain } from '../llm/types.js';

export interface FallbackBrain extends Brain {
  /** Why the model is no longer used, once it is not. */
  readonly fellBack: string | undefined;
}

export function withFallback(model: Brain, tell: (line: string) => void): FallbackBrain {
  if (model.kind === 'offline') return { ...model, fellBack: undefined };
  const offline = createOfflineBrain();
  let fellBack: string | undefined;
  let cause: ModelUnavailableError | ModelLimitError | undefined;

  const giveUp = (error: ModelUnavailableError | ModelLimitError, during: string) => {
    cause = error;
    fellBack = error instanceof ModelLimitError ? error.message : unavailable(error);
    tell(`${fellBack}; ${during}`);
  };
  /** Runs `call` on the model while there is one, else (or when it fails for good) offline. */
  const either = async <T>(call: (brain: Brain) => Promise<T>): Promise<T> => {
    if (fellBack) return call(offline);
    try {
      return await call(model);
    } catch (error) {
      if (!(error instanceof ModelUnavailableError || error instanceof ModelLimitError)) throw error;
      giveUp(error, 'going on with the offline rules');
      return call(offline);
    }
  };

  return {
    get kind() {
      return fellBack ? offline.kind : model.kind;
    },
    get label() {
      return fellBack ? `offline rules; ${model.label} is no longer asked in this session` : model.label;
    },
    get fellBack() {
      return fellBack;
    },
    interpret: (question, text, context) => either((brain) => brain.interpret(question, text, context)),
    draftDefinition: (request, onText) => either((brain) => brain.draftDefinition(request, onText)),
    reviseDefinition: (definition, feedback, onText) =>
      either((brain) => brain.reviseDefinition(definition, feedback, onText)),
    refinePlan: (plan, feedback) => either((brain) => brain.refinePlan(plan, feedback)),
    // Agent steps need the model: without it they stay `needs-model`. The run that meets the
    // failure handles it (skips or stops its agent steps); the conversation goes on offline.
    get runAgentStep() {
      if (fellBack || !model.runAgentStep) return undefined;
      const run = model.runAgentStep;
      return async (...args: Parameters<NonNullable<Brain['runAgentStep']>>) => {
        // A run that started before the model failed asks no more of it.
        if (cause) throw cause;
        try {
          return await run(...args);
        } catch (error) {
          if ((error instanceof ModelUnavailableError || error instanceof ModelLimitError) && !cause) {
            giveUp(
              error,
              'the model does no more agent steps in this session, and the conversation goes on with the offline rules',
            );
          }
          throw error;
        }
      };
    },
    // What the model used before it stopped counts still (`/usage`, the end of a run).
    usage: () => model.usage(),
  };
}

/** "the model at HOST is unavailable (answered 529 …; gave up after 3 retries: …)". */
function unavailable(error: ModelUnavailableError): string {
  const { host, reason } = error.detail;
  if (!host) return error.message;
  const rest = error.message.startsWith(`the model at ${host} `)
    ? error.message.slice(`the model at ${host} `.length)
    : (reason ?? error.message);
  return `the model at ${host} is unavailable (${rest})`;
}
