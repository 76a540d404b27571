// `atx -x "<instruction>"`: the same conversation, answered from one instruction instead of
// a person, e.g. "create an angular 16 to 19 migration and apply it to ./app with build command npm test".
import type { Conversation } from './driver.js';

export interface Instruction {
  description: string;
  repo?: string;
  buildCommand?: string;
  publish: boolean;
}

/** The parts of an instruction: what to create, where to apply it, how to build, publish or not. */
export function readInstruction(text: string): Instruction {
  let rest = ` ${text.trim()} `;
  const build = /\s(?:with|using) (?:the )?build command\s+[`'"]?(.+?)[`'"]?\s*$/i.exec(rest);
  if (build) rest = rest.slice(0, build.index);
  const repo = /\s(?:and\s+)?(?:(?:apply|run)\s+(?:it|this|that)\s+)?(?:to|on|in|for|at)\s+(?:the\s+)?(?:repo(?:sitory)?\s+(?:at\s+)?)?((?:\.{1,2}|~)?\/\S*|\.|[\w.-]+\/[\w./-]*)\s*$/i.exec(rest);
  if (repo) rest = rest.slice(0, repo.index);
  const publish = /\b(publish|share)\b/i.test(rest);
  const description = rest
    .replace(/^\s*(?:please\s+)?(?:create|draft|make|write|build|publish|define)(?:\s+and\s+(?:publish|share|save))?\s+(?:me\s+)?(?:a\s+new\s+|an?\s+|the\s+)?(?:(?:transformation|definition)\s+(?:for|of|to)?\s*)?/i, '')
    .replace(/\band\s+(?:then\s+)?(?:publish|share|save|apply)\b.*$/i, '')
    .trim();
  return { description: description || text.trim(), repo: repo?.[1]?.replace(/[.,;]$/, '') || undefined, buildCommand: build?.[1], publish };
}

/** Drives the conversation to its end; returns the last run's status, if a run happened. */
export async function runInstruction(conversation: Conversation, instruction: Instruction, maxTurns = 40): Promise<string | undefined> {
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

function nextAnswer(conversation: Conversation, instruction: Instruction, applied: boolean): string | undefined {
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
      return exactMatch && instruction.repo && !instruction.publish ? 'use 1' : "I don't have these details. Follow best practices.";
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
