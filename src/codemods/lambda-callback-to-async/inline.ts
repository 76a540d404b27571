// Inline function code: SAM `InlineCode:`, CloudFormation `Code: ZipFile:` (YAML and JSON) and CDK
// `Code.fromInline(…)`. Each Node.js function's code is read out of its string, converted like a
// handler file, and written back line for line; code that cannot be converted whole, or written
// back exactly, is left as it is and reported with the resource's name.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
import type { Finding, RepoView } from '../types.js';
import { applyEdits, lineOf, mapPosition, type Edit } from './edits.js';
import { cdkFunctions } from './inline/cdk.js';
import { reembed } from './inline/embedding.js';
import type { InlineFunction } from './inline/functions.js';
import { jsonFunctions } from './inline/json.js';
import { leftovers } from './inline/leftovers.js';
import { yamlFunctions } from './inline/yaml.js';
import { RULES, transformFile, type FileResult } from './transform.js';

const TEMPLATE = /\.(ya?ml|json|template)$/i;
const SOURCE = /\.[mc]?[jt]s$/;
const NOT_CODE = /\.d\.[mc]?ts$|(^|\/)(package-lock|npm-shrinkwrap|composer\.lock)\.json$/;
const TEMPLATE_MARKER = /\b(ZipFile|InlineCode)\b/;
const TEMPLATE_FUNCTION = /AWS::(Serverless|Lambda)::Function/;
const CDK_MARKER = /\b(fromInline|InlineCode)\b|\bCode\.inline\b/;
const NODE = /nodejs|NODEJS/;
// Callback-era code: a context method, callbackWaitsForEmptyEventLoop, cfn-response, or a parameter after the context.
const CALLBACK_ERA =
  /\.(?:succeed|fail|done)\s*\(|callbackWaitsForEmptyEventLoop|cfn-response|\b_*(?:context|ctx|lambdaContext|awsContext)\b\s*,\s*[\w$]|\(\s*[\w$]+\s*,\s*[\w$]+\s*,\s*[\w$]+\s*\)\s*(?:=>|\{)/;

/** Cheap test on the name and text: a template or CDK file with inline code that may be callback-era Node.js. */
export function holdsInlineCode(file: string, repo: RepoView): boolean {
  const template = TEMPLATE.test(file);
  if ((!template && !SOURCE.test(file)) || NOT_CODE.test(file)) return false;
  const text = repo.read(file);
  const inline = template ? TEMPLATE_MARKER.test(text) && TEMPLATE_FUNCTION.test(text) : CDK_MARKER.test(text);
  return inline && NODE.test(text) && CALLBACK_ERA.test(text);
}

/** A candidate of the codemod: its own handlers when it is a source file, then the inline code it holds. */
export function transformWithInline(file: string, text: string, names?: ReadonlySet<string>): FileResult {
  const own: FileResult = SOURCE.test(file) ? transformFile(file, text, names) : { findings: [] };
  if (!(SOURCE.test(file) ? CDK_MARKER : TEMPLATE_MARKER).test(text)) return own;
  const base = own.text ?? text;
  const inline = convertInline(file, base);
  const next = applyEdits(base, inline.edits);
  // Findings about the file's own handlers move with the lines the inline edits add or remove.
  const moved = own.findings.map((f) => ({
    ...f,
    line: lineOf(next, mapPosition(lineStartOf(base, f.line), inline.edits)),
  }));
  const findings = [...moved, ...inline.findings];
  return next === text ? { findings } : { text: next, findings };
}

interface Pending {
  finding: Omit<Finding, 'line'>;
  /** An offset in the file as read, or one inside an edit's new text. */
  at: { pos: number } | { edit: Edit; offset: number };
}

function convertInline(file: string, text: string): { edits: Edit[]; findings: Finding[] } {
  const functions = readFunctions(file, text) ?? [];
  const edits: Edit[] = [];
  const pending: Pending[] = [];
  functions.forEach((fn, index) => convertFunction(file, text, fn, index, edits, pending));
  const next = applyEdits(text, edits);
  const findings = pending.map(({ finding, at }) => {
    const pos = 'pos' in at ? mapPosition(at.pos, edits) : mapPosition(at.edit.start, edits) + at.offset;
    return { ...finding, line: lineOf(next, pos) };
  });
  return { edits, findings };
}

function readFunctions(file: string, text: string): InlineFunction[] | undefined {
  if (SOURCE.test(file)) return cdkFunctions(file, text);
  const json = /\.json$/i.test(file) || (/\.template$/i.test(file) && text.trimStart().startsWith('{'));
  return json ? jsonFunctions(file, text) : yamlFunctions(file, text);
}

function convertFunction(
  file: string,
  text: string,
  fn: InlineFunction,
  index: number,
  edits: Edit[],
  pending: Pending[],
): void {
  const report = (pos: number, message: string): void => {
    pending.push({
      finding: {
        file,
        rule: RULES.unconvertible,
        severity: 'manual',
        message: `Inline code of ${fn.label} ${message}`,
      },
      at: { pos },
    });
  };
  const code = fn.code;
  if (fn.runtime === 'other') return;
  if (fn.runtime === 'unknown' || !code) {
    if (!CALLBACK_ERA.test(code?.value ?? fn.source ?? '')) return;
    if (fn.runtime === 'unknown') {
      return report(
        fn.pos,
        `looks like a callback-style Lambda handler, but its runtime (${fn.runtimeText}) is not known to be Node.js, so it was left unchanged. If it runs on Node.js 24, convert it to an async handler by hand.`,
      );
    }
    return report(
      fn.pos,
      `was left callback-style: the code is ${fn.problem}, so it cannot be rewritten line for line. Node.js 24 runs no callback handlers and has no context.succeed/fail/done; convert it to an async handler by hand.`,
    );
  }
  const at = (line: number) => code.slots.lines[Math.min(line, code.slots.lines.length) - 1]![0];
  const result = transformFile(
    `${file}.inline-${index}/index.js`,
    code.value,
    fn.exportName ? new Set([fn.exportName]) : undefined,
  );
  const after = result.text ?? code.value;
  const left = leftovers(after);
  if (left.length > 0) {
    const before = leftovers(code.value);
    const first = before.find((l) => l.what === left[0]!.what) ?? before[0] ?? left[0]!;
    const refused = result.findings.find((f) => f.rule === RULES.unconvertible || f.rule === RULES.unparsable);
    if (refused && result.text === undefined)
      return void pending.push(...result.findings.map((f) => remapped(fn, file, f, { pos: at(f.line) })));
    const also = left.length > 1 ? ` (and ${left.length - 1} more such use${left.length > 2 ? 's' : ''})` : '';
    const cfn = left.some((l) => l.cfnResponse)
      ? ', sending its response to CloudFormation with https to event.ResponseURL and awaiting it'
      : '';
    return report(
      at(lineOf(code.value, first.pos)),
      `was left unchanged: it ${left[0]!.what}${also}. Node.js 24 removed context.succeed/fail/done and callbackWaitsForEmptyEventLoop, so converting its handler alone would not make it work; convert it by hand to an async handler that returns its result or throws its error${cfn}.`,
    );
  }
  if (result.text === undefined) {
    // Code that does not parse (a `${…}` in code position, say) is only worth a look when it looks callback-era.
    const worth = CALLBACK_ERA.test(code.value)
      ? result.findings
      : result.findings.filter((f) => f.rule !== RULES.unparsable);
    return void pending.push(...worth.map((f) => remapped(fn, file, f, { pos: at(f.line) })));
  }
  if (code.substituted && placeholders(after) !== placeholders(code.value)) {
    return report(
      fn.pos,
      'was left callback-style: converting it would move or add `${…}` text, which Fn::Sub (or the Serverless Framework) substitutes. Convert it to an async handler by hand.',
    );
  }
  const written = reembed(text, code.slots, code.value, after);
  if ('problem' in written)
    return report(
      fn.pos,
      `was left callback-style: the converted code cannot be written back into the file line for line (${written.problem}). Convert it to an async handler by hand.`,
    );
  // Proof, not hope: the file as it would be written reads back as exactly the converted code.
  if (readFunctions(file, applyEdits(text, [written.edit]))?.[index]?.code?.value !== after) {
    return report(
      fn.pos,
      'was left callback-style: written back, the file would not read as the converted code. Convert it to an async handler by hand.',
    );
  }
  edits.push(written.edit);
  const { edit, lineStarts } = written;
  pending.push(
    ...result.findings.map((f) =>
      remapped(fn, file, f, { edit, offset: lineStarts[Math.min(f.line, lineStarts.length) - 1]! - edit.start }),
    ),
  );
}

function remapped(fn: InlineFunction, file: string, f: Finding, at: Pending['at']): Pending {
  const message =
    f.rule === RULES.unparsable
      ? `Inline code of ${fn.label} does not parse as JavaScript${fn.code?.substituted ? ' while its ${…} substitutions are not made' : ''}; it was left unchanged. Convert it to an async handler by hand if it is a callback-style handler.`
      : `Inline code of ${fn.label}: ${f.message}`;
  return { finding: { file, rule: f.rule, severity: f.severity, message }, at };
}

function placeholders(code: string): string {
  return JSON.stringify(code.match(/\$\{[^}]*\}/g) ?? []);
}

function lineStartOf(text: string, line: number): number {
  let pos = 0;
  for (let i = 1; i < line && pos !== -1; i++) pos = text.indexOf('\n', pos) + 1 || -1;
  return pos === -1 ? text.length : pos;
}
