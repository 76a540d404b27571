// Paths said in words: "it's at repos/lambda-svc", "apply it to ../api", "~/src/x",
// "the repo is in 'my folder'". The candidates come most likely first; the caller checks
// each against the disk the moment it is given.

/** Words around a path that are not part of it. */
const lead =
  /^(?:(?:ok|okay|sure|yes|so|well|hmm|please|uh|um)[,!]?\s+)*(?:(?:it'?s|it is|its|that'?s|that is|the (?:repo(?:sitory)?|path|folder|project|code|service)(?: path)? is|path:?|repo(?:sitory)?:?|folder:?|use|try|apply it to|apply (?:it|this|that) (?:on|to|in)|run it (?:on|in|against)|on|at|in|under|inside|from|to)\s+)*(?:(?:the )?(?:repo(?:sitory)?|folder|directory|dir|project)\s+)?(?:(?:at|in|under|called|named)\s+)?/i;

export function pathCandidates(said: string): string[] {
  const text = said.trim();
  const out: string[] = [];
  const add = (candidate: string | undefined) => {
    const c = candidate
      ?.trim()
      .replace(/[.,;:!?)]+$/, '')
      .replace(/^\(/, '');
    if (c && !out.includes(c)) out.push(c);
  };
  // Quoted: "…", '…', `…`, “…”.
  for (const match of text.matchAll(/["“`']([^"”`']+)["”`']/g)) add(match[1]);
  // Words that look like paths: a slash, a leading ~ or ., a Windows drive.
  for (const word of text.split(/\s+/)) {
    const bare = word.replace(/^["“`'(]+|["”`')]+$/g, '');
    if (/[/\\]|^~|^\.{1,2}$|^\.{1,2}[/\\]|^[A-Za-z]:[/\\]/.test(bare) && !/^https?:/i.test(bare)) add(bare);
  }
  // The whole answer without the words around it ("it's at my-svc" → "my-svc", "in the webapp
  // folder" → "webapp").
  const inner = text.replace(lead, '').replace(/^["“`']|["”`']$/g, '');
  add(
    inner
      .replace(/^the\s+/i, '')
      .replace(/\s+(?:folder|directory|dir|repo|repository|project|one)(?:\s+(?:here|please))?[.!]?$/i, ''),
  );
  add(inner);
  add(text.replace(/^["“`']|["”`']$/g, ''));
  return out;
}

/** Edit distance, for "did you mean …?". */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The name among `names` closest to `wanted`, when it is close enough to be a slip. */
export function closest(wanted: string, names: string[]): string | undefined {
  const lower = wanted.toLowerCase();
  const scored = names
    .map((name) => ({
      name,
      d: distance(lower, name.toLowerCase()),
      prefix: name.toLowerCase().startsWith(lower) || lower.startsWith(name.toLowerCase()),
    }))
    .filter(
      (s) =>
        s.d <= Math.max(2, Math.floor(wanted.length / 4)) || (s.prefix && Math.min(wanted.length, s.name.length) >= 3),
    )
    .sort((a, b) => a.d - b.d);
  return scored[0]?.name;
}
