// `atx -x "<instruction>"`: the same conversation, answered from one instruction instead of
// a person, e.g. "create an angular 16 to 19 migration and apply it to ./app with build command npm test".
import { parseTargetVersion } from '../codemods/nodejs-runtime/target.js';
import type { Conversation } from './driver.js';

/** "apply AWS/nodejs-version-upgrade to ./svc": run a definition that already exists. */
export interface ApplyInstruction {
  transformationName: string;
  codeRepositoryPath: string;
  buildCommand?: string;
  configuration?: string;
}

/** "create … and apply it to ./app": what to create, where to apply it, how to build, publish or not. */
export interface CreateInstruction {
  description: string;
  repo?: string;
  buildCommand?: string;
  publish: boolean;
}

export type Instruction = ApplyInstruction | CreateInstruction;

export function isApply(instruction: Instruction): instruction is ApplyInstruction {
  return 'transformationName' in instruction;
}

/**
 * What an instruction asks: "apply NAME to PATH" (optionally "… with build command npm test",
 * "… (target Node.js 22)") applies an existing definition; anything else, or one that starts
 * with "create", "upgrade", …, or applies "it", creates one through the conversation.
 */
export function readInstruction(text: string): Instruction {
  return readApply(text) ?? readCreate(text);
}

const creating = /^\s*(please\s+)?(create|draft|make|write|publish|define|migrate|upgrade|convert)\b/i;

function readApply(text: string): ApplyInstruction | undefined {
  if (creating.test(text)) return undefined;
  const match = /\b(?:apply|run|execute|use)\s+(\S+)\s+(?:to|on|in)\s+(\S+)(.*)$/i.exec(text.trim());
  if (!match || /^(it|this|that|them)$/i.test(match[1]!)) return undefined;
  const ending = trailingTarget(match[3] ?? '');
  const build = buildCommandIn(ending.text);
  const said = build ? ending.text.slice(0, build.index) : ending.text;
  const target = parseTargetVersion(ending.clause) ?? parseTargetVersion(said);
  return {
    transformationName: match[1]!,
    codeRepositoryPath: repoPath(match[2]!) || '.',
    buildCommand: build?.command,
    configuration: target ? `targetVersion=${target}` : undefined,
  };
}

function readCreate(text: string): CreateInstruction {
  // A target named after the build command belongs to what is created, not to the command.
  const ending = trailingTarget(text.trim());
  let rest = ` ${ending.text} `;
  const build = buildCommandIn(rest);
  if (build) rest = rest.slice(0, build.index);
  const repo =
    /\s(?:and\s+)?(?:(?:apply|run)\s+(?:it|this|that)\s+)?(?:to|on|in|for|at)\s+(?:the\s+)?(?:repo(?:sitory)?\s+(?:at\s+)?)?((?:\.{1,2}|~)?\/\S*|\.|[\w.-]+\/[\w./-]*)\s*$/i.exec(
      rest,
    );
  if (repo) rest = rest.slice(0, repo.index);
  const publish = /\b(publish|share)\b/i.test(rest);
  const description = rest
    .replace(
      /^\s*(?:please\s+)?(?:create|draft|make|write|build|publish|define)(?:\s+and\s+(?:publish|share|save))?\s+(?:me\s+)?(?:a\s+new\s+|an?\s+|the\s+)?(?:(?:transformation|definition)\s+(?:for|of|to)?\s*)?/i,
      '',
    )
    .replace(/\band\s+(?:then\s+)?(?:publish|share|save|apply)\b.*$/i, '')
    .trim();
  const named = description && ending.clause ? `${description} (${ending.clause})` : description;
  return {
    description: named || text.trim(),
    repo: repo ? repoPath(repo[1]!) || undefined : undefined,
    buildCommand: build?.command,
    publish,
  };
}

/**
 * A target at the very end ("… with build command npm test (target Node.js 22)", "…, targeting
 * node 22."), taken off so it is not read as part of the build command before it.
 */
function trailingTarget(text: string): { text: string; clause?: string } {
  const match = /(?:\s*,\s*|\s*\(\s*|\s+)((?:target(?:ing)?|to)\s+node(?:\.?js)?\s*\d{1,2})\s*\)?\s*\.?\s*$/i.exec(
    text,
  );
  return match ? { text: text.slice(0, match.index), clause: match[1] } : { text };
}

/** "… with build command npm test", "… using the build command `make check`", at the end of `text`. */
function buildCommandIn(text: string): { command: string; index: number } | undefined {
  const match = /\b(?:with|using) (?:the )?build command\s+[`'"]?(.+?)[`'"]?\s*$/i.exec(text);
  return match ? { command: match[1]!, index: match.index } : undefined;
}

/** A path at the end of a sentence, without the sentence's full stop or comma. */
function repoPath(raw: string): string {
  return raw.replace(/[.,;]$/, '');
}

/** Drives the conversation to its end; returns the last run's status, if a run happened. */
export async function runInstruction(
  conversation: Conversation,
  instruction: CreateInstruction,
  maxTurns = 40,
): Promise<string | undefined> {
  let applied = false;
  let previous = '';
  for (let i = 0; i < maxTurns && !conversation.exited; i++) {
    const answer = nextAnswer(conversation, instruction, applied);
    // The same answer to the same question again would loop: the conversation said why it refused.
    const key = `${conversation.state.phase}/${answer}`;
    if (answer === undefined || (!conversation.waitingFor && key === previous)) break;
    previous = conversation.waitingFor ? '' : key;
    if (conversation.state.phase === 'build') applied = true;
    await conversation.say(answer);
    if (applied && conversation.state.phase === 'done') break;
  }
  await conversation.settled();
  return conversation.state.lastRun?.status;
}

function nextAnswer(conversation: Conversation, instruction: CreateInstruction, applied: boolean): string | undefined {
  const waiting = conversation.waitingFor;
  if (waiting === 'plan') return 'looks good, proceed';
  // Without -t nobody is there to allow a command, so it is declined (and reported).
  if (waiting === 'confirm') return 'no';
  const state = conversation.state;
  const exactMatch = state.transcript.at(-2)?.text.startsWith('One of them looks like exactly this');
  switch (state.phase) {
    case 'choose':
      return 'create a new one';
    case 'describe':
      return instruction.description;
    case 'docs':
      return exactMatch && instruction.repo && !instruction.publish
        ? 'use 1'
        : "I don't have these details. Follow best practices.";
    case 'review':
      if (instruction.publish && !state.selected) return 'publish it';
      if (instruction.repo && !applied) return 'apply it';
      return state.selected ? undefined : 'save it as a draft';
    case 'name':
      return 'yes';
    case 'repo':
      return applied ? undefined : instruction.repo;
    case 'build':
      return instruction.buildCommand ?? 'none';
    default:
      return undefined;
  }
}
