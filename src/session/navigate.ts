// What can be said at every question, whatever it asks: help, back, start over, use an
// existing transformation instead, quit. Read by atx itself, on short answers only (a pasted
// document or a description is never taken for one).

export type Navigation = 'help' | 'back' | 'start-over' | 'use-existing' | 'quit';

const patterns: Array<[Navigation, RegExp]> = [
  [
    'quit',
    /^(?:quit|exit|bye|goodbye|good bye|q|leave|i'?m done|that'?s all|close|end (?:the )?session|stop the session)(?: (?:now|please|for now))?$/,
  ],
  [
    'help',
    /^(?:help|\?+|h|help me|help please|please help|what can (?:i|you) (?:say|do|answer|type)(?: here| now)?|what are (?:my|the) (?:options|choices)|options|what now|what do i (?:say|do|type|answer)(?: now| here)?|i'?m (?:lost|confused|stuck)|how does this work|how do i (?:answer|use this)|what should i (?:say|do|type))$/,
  ],
  [
    'back',
    /^(?:(?:go |take me |one step |step )?back|previous(?: question)?|undo|go to the previous question)(?: please)?$/,
  ],
  [
    'start-over',
    /^(?:(?:let'?s |i want to |please |can we )?(?:start (?:over|again|afresh|from scratch)|restart|begin again|reset|scratch that|from the (?:start|beginning|top)))(?: please)?$/,
  ],
  [
    'use-existing',
    /^(?:(?:no,? )?(?:i'?d rather |i want to |let'?s |can i |i'?ll )?(?:use|apply|pick|choose|take|run|try) (?:an?|the|some|one of the|a different,?|another|an other|one) ?(?:different,? |other |existing,? |available |already existing )*(?:existing |available )?(?:one|transformation|definition)s?(?: instead)?(?: please)?|(?:an? )?existing(?: one| transformation)?(?: instead)?(?: please)?|one of the existing ones?(?: instead)?)$/,
  ],
];

export function readNavigation(text: string): Navigation | undefined {
  const said = text
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/(?<=[^.!?])[.!?]+$/, '')
    .replace(/^(?:(?:hmm+|um+|uh+|so|ok|okay|well|hey|sorry|erm)[,.!]?\s+)+/, '');
  if (said.length > 80 || said.includes('\n')) return undefined;
  return patterns.find(([, pattern]) => pattern.test(said))?.[0];
}

/** Said at the end of every help. */
export const everywhere = 'At any question: "back", "start over", "use an existing one instead", "help", or "quit".';
