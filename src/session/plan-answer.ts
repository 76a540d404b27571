// The answer to a plan review, read whole by atx before anything runs: the edits it asks for
// come first ("skip the last step", "drop the lint step", "also run npm run lint", "target
// Node 22"), and it accepts the plan only when it asks for nothing else and holds no negation
// or condition ("not yet", "don't proceed", "wait", "first …"). An answer that edits the plan
// never starts the run in the same turn: the changed plan is shown again first.
import type { Plan, PlanStep } from '../planner/types.js';

export interface PlanAnswer {
  /** Edits in the words the brains understand: "skip steps 2, 3", "also run npm run lint", "the target is Node 22". */
  edits: string[];
  /** A step or phase the answer names that the plan does not have, said back to the person. */
  problems: string[];
  /** The answer accepts the plan and nothing in it holds it back. */
  accept: boolean;
  /** A negation or condition: "not yet", "wait", "don't proceed", "first …". */
  hold: boolean;
  /** Nothing in the answer was read by these rules. */
  unread: boolean;
}

const drop = String.raw`(?:skip|drop|remove|omit|delete|exclude|excluding|except(?: for)?|without|minus|(?:but )?not|leave out|take out|get rid of|do ?n[o']?t run|do not run|don't do|no need for|cut)`;
/** The end of one clause: punctuation, or a word that starts another. */
const clauseEnd = String.raw`(?=$|[,;.!?]|\s+[-–—]\s+|\s+(?:and\s+)?(?:then|but|also|and (?:go|run|proceed|target|skip|drop|remove)|before|first|after|so|go|proceed)\b)`;

export function readPlanAnswer(plan: Plan, text: string): PlanAnswer {
  const said = text
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ');
  const edits: string[] = [];
  const problems: string[] = [];
  let rest = said;
  const consume = (match: RegExpExecArray) => {
    rest = rest.replace(match[0], ' ');
  };

  // Commands to add: "also run npm run lint", "add a step to run X", "run X too", "then run X".
  const run =
    /\b(?:also run|add (?:a |another |one more )?step (?:to |that )?runs?|and then run|then run|run also|plus run)\s+['"]?([^'"]+?)['"]?(?:\s+too|\s+as well)?\s*(?=$|[;.!?]|,\s*(?:then|and|but|go|proceed|ok)\b)/i.exec(
      said,
    ) ?? /^\s*run\s+['"]?(.+?)['"]?\s+(?:too|as well|also)\s*[.!]?$/i.exec(said);
  if (run) {
    // The command as typed (case kept).
    const start = said.indexOf(run[1]!);
    edits.push(
      `also run ${text
        .trim()
        .replace(/\s+/g, ' ')
        .slice(start, start + run[1]!.length)}`,
    );
    consume(run);
  }

  // Steps and phases to skip, by number, position or name.
  const skipPattern = new RegExp(String.raw`\b${drop}\s+(?:the\s+|steps?\s+)?(.+?)${clauseEnd}`, 'gi');
  for (const match of [...rest.matchAll(skipPattern)]) {
    let found = stepsNamed(plan, match[1]!);
    // "the dependencies step and the behaviour check": each part on its own.
    const parts = match[1]!.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean);
    if (typeof found !== 'object' && parts.length > 1) {
      const each = parts.map((part) => stepsNamed(plan, part));
      if (each.every((e) => Array.isArray(e))) found = [...new Set((each as number[][]).flat())].sort((a, b) => a - b);
    }
    if (found === undefined) continue;
    rest = rest.replace(match[0], ' ');
    if (typeof found === 'string') {
      problems.push(found);
      continue;
    }
    edits.push(`skip step${found.length > 1 ? 's' : ''} ${found.join(', ')}`);
  }

  // A new target version.
  const target =
    /\b(?:target(?:ing)?|aim for|go to|upgrade to|move to|use)\s+(?:the\s+)?(?:version\s+)?(?:node(?:\.?js)?\s*)?v?(\d{1,2})(?:\.x)?\b|\bnode(?:\.?js)?\s*v?(\d{2})\b(?:\s+instead)?/i.exec(
      rest,
    );
  if (target) {
    edits.push(`the target is Node ${target[1] ?? target[2]}`);
    consume(target);
  }

  const hold =
    /\b(not yet|not now|no[t]? so fast|do ?n[o']?t (?:proceed|go|run|start|continue|apply|do it|execute)|do not (?:proceed|go|run|start|continue|apply|execute)|wait|hold (?:on|off|it)|hang on|stop|cancel|abort|before (?:you|that|running|proceeding|starting|going)|only (?:if|when|after)|unless|once you|after you|until|never mind|no)\b/.test(
      said,
    ) || /(?:^|[,;.]\s*|\b(?:but|and|yet|so)\s+)first\b/.test(said);
  const accept = !hold && edits.length === 0 && problems.length === 0 && accepts(rest);
  const unread = edits.length === 0 && problems.length === 0 && !hold && !accept;
  return { edits, problems, accept, hold, unread };
}

const acceptWords = new Set([
  'ok',
  'okay',
  'k',
  'go',
  'yes',
  'y',
  'yeah',
  'yep',
  'yup',
  'sure',
  'lgtm',
  'proceed',
  'continue',
  'run',
  'it',
  'ship',
  'do',
  'start',
  'execute',
  'apply',
  'looks',
  'look',
  'good',
  'great',
  'fine',
  'perfect',
  'right',
  'sounds',
  'ahead',
  'for',
  'let',
  "let's",
  'lets',
  'us',
  'accept',
  'accepted',
  'approve',
  'approved',
  'please',
  'thanks',
  'thank',
  'you',
  'then',
  'now',
  'the',
  'plan',
  'this',
  'that',
  'all',
  'alright',
  'cool',
  'nice',
  "that's",
  'is',
  'me',
  'to',
  'with',
  'and',
  'just',
  'away',
  'on',
  'so',
  'confirmed',
  'confirm',
  'correct',
  'agreed',
  'agree',
  'fire',
  'away',
  'a',
  'go.',
]);
/** Words that carry the acceptance (the rest are politeness around them). */
const acceptCore =
  /\b(ok|okay|k|go|yes|y|yeah|yep|yup|sure|lgtm|proceed|continue|run|ship|start|execute|apply|good|great|fine|perfect|accept(ed)?|approved?|alright|cool|confirm(ed)?|agreed?|correct|right)\b/;

function accepts(rest: string): boolean {
  const words = rest
    .split(/[^a-z']+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
  return words.length > 0 && words.every((w) => acceptWords.has(w)) && acceptCore.test(words.join(' '));
}

const ordinals: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};
const counts: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * The plan positions (1-based) that `object` names: "2", "2 and 3", "2-4", "1.2", "the last
 * step", "last two steps", "the lint step", "phase 2", "the validation phase". A string says
 * why it names none; undefined when it does not name a step at all.
 */
export function stepsNamed(plan: Plan, object: string): number[] | string | undefined {
  const o = object
    .trim()
    .replace(/^(?:the|step|steps)\s+/, '')
    .replace(/\s+(?:step|steps)$/, (m) => m)
    .trim();
  const n = plan.steps.length;
  const position = (step: PlanStep) => plan.steps.indexOf(step) + 1;

  const phase = /^(?:(?:the\s+)?phase\s+(\d+)|(?:the\s+)?(.+?)\s+phase)$/.exec(o);
  if (phase) {
    const steps = phase[1]
      ? plan.steps.filter((s) => s.phase === Number(phase[1]))
      : plan.steps.filter((s) => matchesName(s.phaseTitle, phase[2]!));
    if (steps.length === 0)
      return phase[1]
        ? `There is no phase ${phase[1]}; the phases are ${phaseList(plan)}.`
        : `No phase is called "${phase[2]}"; the phases are ${phaseList(plan)}.`;
    return steps.map(position);
  }
  const last = /^(?:the\s+)?last(?:\s+(\d+|one|two|three|four|five))?(?:\s+(?:step|steps|one|ones))?$/.exec(o);
  if (last) {
    const count = last[1] ? (counts[last[1]] ?? Number(last[1])) : 1;
    if (count > n) return `The plan has only ${n} steps.`;
    return Array.from({ length: count }, (_, i) => n - count + i + 1);
  }
  const ordinal =
    /^(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:\s+(?:step|one))?$/.exec(o);
  if (ordinal) {
    const at = ordinals[ordinal[1]!]!;
    return at <= n ? [at] : `There is no step ${at}; the steps are 1–${n}.`;
  }
  const numbers =
    /^(?:steps?\s+)?((?:\d+(?:\.\d+)?)(?:\s*(?:,|and|&|-|–|to|through)\s*(?:steps?\s+)?\d+(?:\.\d+)?)*)$/.exec(o);
  if (numbers) {
    const found: number[] = [];
    const range = /^(\d+)\s*(?:-|–|to|through)\s*(\d+)$/.exec(numbers[1]!.trim());
    const refs = range
      ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) =>
          String(Number(range[1]) + i),
        )
      : numbers[1]!.split(/\s*(?:,|and|&)\s*(?:steps?\s+)?/);
    for (const ref of refs.filter(Boolean)) {
      const at = ref.includes('.') ? plan.steps.findIndex((s) => s.id === ref) + 1 : Number(ref);
      if (!at || at > n) return `There is no step ${ref}; the steps are 1–${n}.`;
      found.push(at);
    }
    return found;
  }
  // By name: "the lint step", "the tests", "step that runs npm test".
  const name = o.replace(/^(?:one|step)\s+(?:that|which|to)\s+/, '').replace(/\s+(?:step|steps|one)$/, '');
  if (!name || /^(?:it|this|that|them|everything|all)$/.test(name)) return undefined;
  const hits = plan.steps.filter((s) =>
    matchesName(
      `${s.title} ${s.expectedChange} ${s.action && 'command' in s.action ? s.action.command : ''} ${s.action && 'codemod' in s.action ? s.action.codemod : ''}`,
      name,
    ),
  );
  if (hits.length === 0)
    return /\bstep\b/.test(object)
      ? `No step is called "${name}"; say its number (1–${n}) or a word of its title.`
      : undefined;
  return hits.map(position);
}

function phaseList(plan: Plan): string {
  const seen = new Map<number, string>();
  for (const s of plan.steps) seen.set(s.phase, s.phaseTitle);
  return [...seen].map(([number, title]) => `${number} (${title})`).join(', ');
}

/** Every word of `name` (or its stem) is in `text`: "lint" finds "Run the linter", "tests" finds "Run the unit tests". */
export function matchesName(text: string, name: string): boolean {
  const have = text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);
  const words = name
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter((w) => w.length > 1 && !['the', 'a', 'an', 'of', 'step', 'phase'].includes(w));
  const stem = (w: string) => w.replace(/(ing|ers|er|s)$/, '');
  return (
    words.length > 0 &&
    words.every((w) =>
      have.some((h) => h === w || (stem(w).length >= 3 && stem(h) === stem(w)) || (w.length >= 4 && h.startsWith(w))),
    )
  );
}

/** What can be said at plan review, with this plan's own steps as examples. */
export function planHelp(plan: Plan): string {
  const named = plan.steps.find((s) => s.kind === 'command') ?? plan.steps.at(-1);
  const word = named
    ? named.title
        .toLowerCase()
        .split(/[^a-z]+/)
        .find((w) => w.length > 3 && !['step', 'with', 'from', 'that', 'each', 'every', 'runs'].includes(w))
    : undefined;
  return [
    'At plan review you can say:',
    `  - skip steps by number, position or name: "skip step 2", "skip steps 2 and 3", "skip the last step"${word ? `, "drop the ${word} step"` : ''}`,
    '  - add a command: "also run npm run lint"',
    '  - change the target: "target Node 22"',
    '  - accept: "ok", "go", "lgtm", "yes, run it" (an answer that also changes the plan shows the plan again first)',
    '  - "start over", "use an existing one instead", "back" (to the build command), or "quit"',
  ].join('\n');
}
