// The root `atx` command: the interactive session (ink), a headless instruction (`-x`), or
// continuing a conversation or an interrupted run (`--resume`, `--conversation-id`).
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { safeSegment } from '../../util/confine.js';
import { exitCodeFor } from '../../executor/summary.js';
import { atxHomeFrom } from '../../executor/paths.js';
import { createBrain, type ModelLimit } from '../../llm/index.js';
import { ModelConfigError } from '../../llm/errors.js';
import { Conversation } from '../../session/driver.js';
import { isApply, readInstruction, runInstruction } from '../../session/headless.js';
import { createRunService } from '../../session/run.js';
import { createServices } from '../../session/services.js';
import { openStore } from '../../session/store.js';
import type { Message } from '../../session/types.js';
import type { CliIO } from '../io.js';
import { parseLimit } from '../limit.js';
import { registryFor } from './def-registry.js';
import { execCommand, resumeCommand } from './exec.js';

interface RootOptions {
  nonInteractive?: string;
  trustAllTools?: boolean;
  resume?: boolean;
  conversationId?: string;
  json?: boolean;
  limit?: string;
}

interface Options extends Omit<RootOptions, 'limit'> {
  limit?: ModelLimit;
}

export async function sessionCommand(root: RootOptions, io: CliIO, program: Command): Promise<number> {
  // A bad --limit is refused before anything starts.
  const options: Options = { ...root, limit: parseLimit(root.limit) };
  // The id names a file or folder under ATX_HOME: one plain name, or nothing is looked up.
  if (options.conversationId !== undefined)
    safeSegment(options.conversationId.trim() === '' ? '' : options.conversationId, 'run or conversation id');
  const store = openStore(atxHomeFrom(io.env), [io.env.ANTHROPIC_API_KEY]);
  if (options.conversationId && (await store.has(options.conversationId))) {
    return continueConversation(options.conversationId, options, io);
  }
  if (options.resume && !options.conversationId && io.interactive && !options.json) {
    const latest = await store.latest();
    if (latest) return continueConversation(latest.id, options, io);
  }
  if (options.resume || options.conversationId) {
    return resumeCommand(
      options.conversationId,
      { json: options.json, trustAllTools: options.trustAllTools, limit: options.limit },
      io,
    );
  }
  if (options.nonInteractive !== undefined) return headless(options.nonInteractive, options, io);
  if (!io.interactive) {
    program.outputHelp();
    io.stderr('\natx: the interactive session needs a terminal; use `atx -x "<instruction>"` in scripts.\n');
    return 0;
  }
  return interactive(undefined, options, io);
}

/** `atx -x`: "apply NAME to PATH" runs a definition; anything else is a whole conversation. */
async function headless(text: string, options: Options, io: CliIO): Promise<number> {
  const instruction = readInstruction(text);
  if (isApply(instruction)) {
    return execCommand(
      {
        ...instruction,
        nonInteractive: true,
        trustAllTools: Boolean(options.trustAllTools),
        doNotLearn: false,
        dryRun: false,
        json: options.json,
        limit: options.limit,
      },
      io,
    );
  }
  const { conversation } = await connect(io, options, { onMessage: (m) => io.stderr(`${render(m)}\n`) });
  const status = await runInstruction(conversation, instruction);
  const summary = conversation.lastSummary;
  if (options.json && summary) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  if (summary) return exitCodeFor(summary);
  if (status === undefined && conversation.state.selected) return 0;
  io.stderr(
    `atx: the instruction did not lead to a stored definition or a run; continue with \`atx --conversation-id ${conversation.state.id}\`\n`,
  );
  return 1;
}

async function continueConversation(id: string, options: Options, io: CliIO): Promise<number> {
  const state = await openStore(atxHomeFrom(io.env), [io.env.ANTHROPIC_API_KEY]).load(id);
  if (io.interactive && !options.json) return interactive(id, options, io);
  // Without a terminal only a run the conversation started can be continued.
  if (state.phase === 'applying' && state.runId)
    return resumeCommand(
      state.runId,
      { json: options.json, trustAllTools: options.trustAllTools, limit: options.limit },
      io,
    );
  throw new UsageError(
    `conversation ${id} is waiting for an answer; continue it in a terminal with \`atx --conversation-id ${id}\``,
  );
}

/**
 * ink draws no live part of the screen (the prompt, the spinner) when CI or
 * CONTINUOUS_INTEGRATION is set in the environment: it reads them once, as it loads. The session
 * runs only on a terminal, where a person must see what they type, so ink is loaded as on any
 * terminal; the variables are put back at once for everything else atx does.
 */
async function loadScreen(): Promise<typeof import('../../ui/render.js')> {
  const hidden = ['CI', 'CONTINUOUS_INTEGRATION'].filter((name) => name in process.env);
  const saved = hidden.map((name) => [name, process.env[name]] as const);
  for (const name of hidden) delete process.env[name];
  try {
    return await import('../../ui/render.js');
  } finally {
    for (const [name, value] of saved) process.env[name] = value;
  }
}

async function interactive(resumeId: string | undefined, options: Options, io: CliIO): Promise<number> {
  const { createSessionHub } = await import('../../ui/hub.js');
  const { renderSession } = await loadScreen();
  const hub = createSessionHub();
  // Ctrl-C in the screen (raw mode, so no SIGINT) ends ink; a run still going is then stopped
  // at once (its running step runs again on resume), and can be resumed.
  const stop = new AbortController();
  const signal = io.signal ? AbortSignal.any([io.signal, stop.signal]) : stop.signal;
  const { conversation, brain } = await connect({ ...io, signal }, options, hub, resumeId);
  // A bad model configuration (unknown model, refused key) ends the session: exit 2, its line on screen.
  let failed = false;
  const stopOn = async (work: Promise<void>) => {
    try {
      await work;
    } catch (error) {
      if (!(error instanceof ModelConfigError)) throw error;
      failed = true;
      hub.onMessage({ from: 'atx', text: `${error.message}. Fix it and start atx again.`, style: 'error' });
      hub.onExit();
    }
  };
  const started = stopOn(resumeId ? conversation.resume() : Promise.resolve());
  const say = async (text: string) => {
    await started;
    if (!failed) await stopOn(conversation.say(text));
  };
  await renderSession({ hub, say, brainLabel: brain.label }, { stdin: process.stdin, stdout: process.stdout });
  // "quit" at plan review leaves nothing running (exit 0); Ctrl-C or "quit" during a run stops it.
  if (conversation.state.phase === 'applying' && conversation.runInProgress) {
    stop.abort();
    conversation.cancel();
    io.stderr(`atx: stopping the run; continue with \`atx --conversation-id ${conversation.state.id}\`\n`);
  }
  await conversation.settled();
  return signal.aborted ? 130 : failed ? 2 : 0;
}

interface Outlets {
  onMessage: (message: Message) => void;
  onProgress?: Parameters<typeof Conversation.create>[0]['onProgress'];
  onStatus?: Parameters<typeof Conversation.create>[0]['onStatus'];
  onText?: (chunk: string) => void;
  onExit?: () => void;
}

async function connect(io: CliIO, options: Options, outlets: Outlets, resumeId?: string) {
  const env = io.env;
  const onRetry = (line: string) => outlets.onMessage({ from: 'atx', text: line, style: 'progress' });
  const brain = await createBrain(env, { onText: outlets.onText, limit: options.limit, signal: io.signal, onRetry });
  const store = openStore(atxHomeFrom(env), [env.ANTHROPIC_API_KEY]);
  const driverOptions = {
    ctx: { brain, services: createServices(registryFor(io), io.cwd), onText: outlets.onText },
    store,
    runs: createRunService(env, io.cwd, io.signal),
    trustAllTools: Boolean(options.trustAllTools),
    onMessage: outlets.onMessage,
    onProgress: outlets.onProgress,
    onStatus: outlets.onStatus,
    onExit: outlets.onExit,
  };
  const conversation = resumeId
    ? new Conversation(await store.load(resumeId), driverOptions)
    : Conversation.create(driverOptions);
  return { conversation, brain };
}

function render(message: Message): string {
  return message.from === 'you' ? `› ${message.text}` : message.text;
}
