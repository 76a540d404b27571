// Small helpers for building turns.
import type { Message, SessionPhase, SessionState, Turn } from './types.js';

export function atx(text: string, style: Message['style'] = 'info'): Message {
  return { from: 'atx', text, style };
}

export function turn(
  state: SessionState,
  phase: SessionPhase,
  messages: Message[],
  patch: Partial<SessionState> = {},
): Turn {
  return { state: { ...state, ...patch, phase }, messages };
}

export const chooseQuestion =
  'Do you want to 1. use an existing transformation, or 2. create a new one? (answer in your own words)';
export const nextQuestion = 'What next? Apply it to a repository, modify it, save it as a draft, or publish it.';
export const docsQuestion =
  'Do you have documentation, code samples or migration guides for it? Give file or folder paths, paste the text, ' +
  'or say "I don\'t have these details. Follow best practices."';
export const repoQuestion = 'What is the path of the repository to transform?';
export const buildQuestion = 'Which command builds and checks it (for example `npm test`)? Say "none" to skip.';
export const describeQuestion =
  'Describe the transformation you want to create (for example "angular 16 to 19 application migration").';
export const modifyQuestion =
  'What would you like to change? (for example "add a step to run the linter" or "drop phase 2")';
export const planQuestion =
  'Review the plan: ask for changes ("skip step 2", "also run npm run lint"), or say "looks good, proceed".';
