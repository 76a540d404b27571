// Where the comments of a file are, by its type, so a search can tell a match in code from one
// in a comment. Each format is read by its own rules: a `#` inside a YAML or shell string, or a
// `//` inside a JavaScript string, regular expression or URL, is not a comment.
import { Parser } from 'yaml';

/** [start, end) offsets of one comment. */
export type Span = readonly [number, number];

type Ts = typeof import('../util/typescript.cjs').ts;
let tsModule: Ts | undefined;

interface Syntax {
  line: readonly string[];
  block?: readonly [string, string];
  /** Longest first: `"""` before `"`. */
  quotes: readonly string[];
  /** Quotes whose backslash is a plain character (shell's '…'). */
  raw?: readonly string[];
  /** `#` starts a comment only at the start of a word (shell, requirements files). */
  wordStart?: boolean;
  /** Terraform's `<<EOF` … `EOF`: the body is text. */
  heredoc?: boolean;
}

const hash: Syntax = { line: ['#'], quotes: ['"""', "'''", '"', "'"] };
const shell: Syntax = { line: ['#'], quotes: ['"', "'"], raw: ["'"], wordStart: true };
const hcl: Syntax = { line: ['#', '//'], block: ['/*', '*/'], quotes: ['"'], heredoc: true };
const cLike: Syntax = { line: ['//'], block: ['/*', '*/'], quotes: ['"""', '"', "'", '`'] };
const json: Syntax = { line: ['//'], block: ['/*', '*/'], quotes: ['"', "'"] };
const requirements: Syntax = { line: ['#'], quotes: [], wordStart: true };

const jsName = /\.(?:[cm]?[jt]sx?)$/i;

/** What kind of file `path` is for comments; undefined when atx does not know its comment syntax. */
function kindOf(path: string, text: string): 'js' | 'yaml' | 'dockerfile' | 'xml' | Syntax | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (jsName.test(base)) return 'js';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (/\.template$/.test(base)) return /^\s*[{[]/.test(text) ? json : 'yaml';
  if (/\.(json|jsonc|json5)$/.test(base)) return json;
  if (/^(docker|container)file(\..*)?$|\.(docker|container)file$/.test(base)) return 'dockerfile';
  if (/\.(tf|tfvars|hcl)$/.test(base)) return hcl;
  if (/\.(py|pyi|toml)$|^pipfile$/.test(base)) return hash;
  if (/\.(sh|bash|zsh|ksh|env)$|^\.env(\..+)?$|^makefile$/.test(base)) return shell;
  if (/^requirements.*\.(txt|in)$|^constraints.*\.txt$/.test(base)) return requirements;
  if (/\.(java|kt|kts|gradle|groovy|scala|go|cs|swift|rs|c|cc|cpp|h|hpp)$/.test(base)) return cLike;
  if (/\.(xml|csproj|fsproj|props|targets)$/.test(base)) return 'xml';
  return undefined;
}

/** Whether comments of `path` can be told apart (and `commentSpans` needs TypeScript for it). */
export function commentKind(path: string): 'none' | 'js' | 'other' {
  const kind = kindOf(path, '');
  return kind === undefined ? 'none' : kind === 'js' ? 'js' : 'other';
}

/**
 * Whether `line` of `path` may hold a comment. Where comments never span lines (`#` to the end
 * of the line) a line without `#` holds none, and its file need not be read.
 */
export function mayHoldComment(path: string, line: string): boolean {
  const kind = kindOf(path, line);
  const lineOnly = kind === 'yaml' || kind === 'dockerfile' || kind === hash || kind === shell || kind === requirements;
  return !lineOnly || line.includes('#');
}

/** TypeScript, loaded once and only for the first JavaScript or TypeScript file. */
export async function loadTypeScript(): Promise<void> {
  tsModule ??= (await import('../util/typescript.cjs')).ts;
}

/** The comments of `text`, or undefined when its type's comment syntax is unknown (then every match counts). */
export function commentSpans(path: string, text: string): Span[] | undefined {
  const kind = kindOf(path, text);
  if (kind === undefined) return undefined;
  if (kind === 'js') return jsComments(path, text);
  if (kind === 'yaml') return yamlComments(text);
  if (kind === 'dockerfile') return lineComments(text, /^[ \t]*#/);
  if (kind === 'xml') return delimited(text, '<!--', '-->', ['<![CDATA[', ']]>']);
  return scan(text, kind);
}

/** `text` with every comment character but line breaks turned into a space: lines and columns stay. */
export function maskComments(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

/**
 * JavaScript and TypeScript: the parser finds strings, templates, regular expressions and JSX
 * text, so a `//` or `/*` outside them starts a comment.
 */
function jsComments(path: string, text: string): Span[] {
  // Without `//` or `/*` anywhere there is no comment, and no need to parse.
  if (!/\/[/*]/.test(text)) return [];
  const ts = tsModule;
  if (!ts) throw new Error('loadTypeScript() must run before JavaScript comments are read');
  const lower = path.toLowerCase();
  const kind = lower.endsWith('x')
    ? lower.endsWith('.tsx')
      ? ts.ScriptKind.TSX
      : ts.ScriptKind.JSX
    : /\.[cm]?ts$/.test(lower)
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JS;
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sf = ts.createSourceFile(path, text, options, false, kind);
  const literals: Array<[number, number]> = [];
  const visit = (node: import('../util/typescript.cjs').ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
      case ts.SyntaxKind.TemplateTail:
      case ts.SyntaxKind.RegularExpressionLiteral:
      case ts.SyntaxKind.JsxText:
        literals.push([node.getStart(sf), node.end]);
        return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  literals.sort((a, b) => a[0] - b[0]);
  const spans: Span[] = [];
  let next = 0;
  for (let at = text.indexOf('/'); at !== -1; at = text.indexOf('/', at + 1)) {
    while (next < literals.length && literals[next]![1] <= at) next++;
    if (next < literals.length && literals[next]![0] <= at) {
      at = literals[next]![1] - 1;
      continue;
    }
    const second = text[at + 1];
    if (second !== '/' && second !== '*') continue;
    const end = second === '/' ? lineEnd(text, at) : closeOf(text, '*/', at + 2);
    spans.push([at, end]);
    at = end - 1;
  }
  return spans;
}

/** YAML: comments as the YAML parser sees them (never inside quoted or block scalars). */
function yamlComments(text: string): Span[] {
  const spans: Span[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value && typeof value === 'object') {
      const token = value as { type?: string; offset?: number; source?: unknown };
      if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
        spans.push([token.offset, token.offset + token.source.length]);
        return;
      }
      for (const [key, child] of Object.entries(value)) if (key !== 'source' && typeof child === 'object') walk(child);
    }
  };
  for (const token of new Parser().parse(text)) walk(token);
  return spans.sort((a, b) => a[0] - b[0]);
}

/** Lines that are comments only (a Dockerfile's `#` lines), from the mark `test` finds to the end. */
function lineComments(text: string, test: RegExp): Span[] {
  const spans: Span[] = [];
  for (let start = 0; start < text.length;) {
    const end = lineEnd(text, start);
    const mark = test.exec(text.slice(start, end));
    if (mark) spans.push([start + mark[0].length - 1, end]);
    start = text.indexOf('\n', end) + 1 || text.length;
  }
  return spans;
}

/** `open` … `close` comments, skipping `skip` sections (XML's CDATA). */
function delimited(text: string, open: string, close: string, skip: readonly [string, string]): Span[] {
  const spans: Span[] = [];
  for (let at = 0; at < text.length;) {
    const comment = text.indexOf(open, at);
    const section = text.indexOf(skip[0], at);
    if (comment === -1) break;
    if (section !== -1 && section < comment) {
      at = closeOf(text, skip[1], section + skip[0].length);
      continue;
    }
    const end = closeOf(text, close, comment + open.length);
    spans.push([comment, end]);
    at = end;
  }
  return spans;
}

/** A character scanner for line comments, block comments, quoted strings and heredocs. */
function scan(text: string, syntax: Syntax): Span[] {
  const spans: Span[] = [];
  let at = 0;
  while (at < text.length) {
    const line = syntax.line.find(
      (mark) => text.startsWith(mark, at) && (!syntax.wordStart || at === 0 || /\s/.test(text[at - 1]!)),
    );
    if (line) {
      const end = lineEnd(text, at);
      spans.push([at, end]);
      at = end;
      continue;
    }
    if (syntax.block && text.startsWith(syntax.block[0], at)) {
      const end = closeOf(text, syntax.block[1], at + syntax.block[0].length);
      spans.push([at, end]);
      at = end;
      continue;
    }
    const quote = syntax.quotes.find((q) => text.startsWith(q, at));
    if (quote) {
      at = stringEnd(text, at + quote.length, quote, !syntax.raw?.includes(quote), syntax === shell);
      continue;
    }
    if (syntax.heredoc && text.startsWith('<<', at)) {
      const tag = /^<<-?([A-Za-z_]\w*)[ \t]*\r?\n/.exec(text.slice(at, at + 200));
      if (tag) {
        const close = new RegExp(`^[ \\t]*${tag[1]}[ \\t]*$`, 'm');
        const body = at + tag[0].length;
        const found = close.exec(text.slice(body));
        at = found ? body + found.index + found[0].length : text.length;
        continue;
      }
    }
    at++;
  }
  return spans;
}

/** Just past the closing quote (or the end of the line for an unclosed one-line string). */
function stringEnd(text: string, from: number, quote: string, escapes: boolean, multiline: boolean): number {
  const oneLine = quote.length === 1 && quote !== '`' && !multiline;
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (escapes && char === '\\') {
      at++;
      continue;
    }
    if (oneLine && char === '\n') return at;
    if (text.startsWith(quote, at)) return at + quote.length;
  }
  return text.length;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  if (end === -1) return text.length;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function closeOf(text: string, close: string, from: number): number {
  const end = text.indexOf(close, from);
  return end === -1 ? text.length : end + close.length;
}
