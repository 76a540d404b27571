// Yes or no, read by atx itself: both brains and every confirmation use this reader, so a
// person's answer to "may the model run `rm -rf build`?" never goes to the model, and an
// answer that is not plainly one or the other is asked again instead of guessed.

export type YesNo = 'yes' | 'no' | 'unclear';

/** Phrases that say yes or no, longest first within each; matched on whole words. */
const yesPhrases = [
  'go ahead and run it',
  'go ahead',
  'go for it',
  'do it',
  'run it',
  'allow it',
  'please do',
  'of course',
  'all right',
  'sounds good',
  'sounds right',
  'sounds fine',
  'looks good',
  'looks right',
  'looks fine',
  "that's fine",
  'that is fine',
  "that's ok",
  "that's okay",
  'that is ok',
  "that's good",
  'that is good',
  "that's right",
  'that is right',
  'fine by me',
  'looks great',
  'good',
  'great',
  'perfect',
  'yes',
  'y',
  'yeah',
  'yea',
  'yep',
  'yup',
  'ya',
  'sure',
  'ok',
  'okay',
  'k',
  'fine',
  'alright',
  'absolutely',
  'certainly',
  'definitely',
  'affirmative',
  'correct',
  'right',
  'lgtm',
  'go',
  'allow',
  'approve',
  'approved',
  'accept',
  'accepted',
  'agree',
  'agreed',
  'proceed',
  'continue',
];
const noPhrases = [
  "don't run it",
  'do not run it',
  "don't do it",
  'do not do it',
  'no way',
  'no thanks',
  'no thank you',
  'not now',
  'not yet',
  'never mind',
  'do not',
  'skip it',
  "don't",
  'dont',
  'no',
  'n',
  'nope',
  'nah',
  'never',
  'nevermind',
  'stop',
  'cancel',
  'deny',
  'denied',
  'refuse',
  'decline',
  'declined',
  'skip',
  'abort',
  'negative',
];
/** Politeness that says neither. */
const fillers = ['thank you', 'thanks', 'please', 'sir', 'then', 'just'];

const table = [
  ...yesPhrases.map((text) => ({ words: text.split(' '), says: 'yes' as const })),
  ...noPhrases.map((text) => ({ words: text.split(' '), says: 'no' as const })),
  ...fillers.map((text) => ({ words: text.split(' '), says: 'filler' as const })),
].sort((a, b) => b.words.length - a.words.length);

/**
 * `yes` or `no` when every word of the answer is a yes (or a no) phrase or politeness, e.g.
 * "yes please, go ahead", "Nope.", "no, don't"; `unclear` for anything else ("yes but not that
 * one", "what does it do?", "maybe"), which the caller asks again.
 */
export function readYesNo(text: string): YesNo {
  const words = text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .split(/[^a-z']+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
  const said = new Set<string>();
  for (let i = 0; i < words.length;) {
    const match = table.find((entry) => entry.words.every((word, k) => words[i + k] === word));
    if (!match) return 'unclear';
    said.add(match.says);
    i += match.words.length;
  }
  if (said.has('yes') && !said.has('no')) return 'yes';
  if (said.has('no') && !said.has('yes')) return 'no';
  return 'unclear';
}
