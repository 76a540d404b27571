// Terraform `runtime = "nodejs20.x"` and `compatible_runtimes` lists of aws_lambda_function /
// aws_lambda_layer_version (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function).
import { applyEdits, lineSpan, type Edit } from '../edits.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { lambdaRuntimeId } from '../versions.js';

const runtimeString = /"nodejs(\d+)\.(?:x|\d+)"/g;

function isCommentAt(text: string, offset: number): boolean {
  const { start } = lineSpan(text, offset);
  return /^\s*(#|\/\/|\/\*|\*)/.test(text.slice(start, offset)) || /(^|\s)(#|\/\/)/.test(text.slice(start, offset));
}

/** The `[` … `]` list that directly contains `offset`, if any. */
function enclosingList(text: string, offset: number): number | undefined {
  const open = text.lastIndexOf('[', offset);
  const close = text.lastIndexOf(']', offset);
  return open > close && !/[{}=]/.test(text.slice(open, offset)) ? open : undefined;
}

/** Removing a duplicate list item: its own line when it stands alone, else `, "…"`. */
function removal(text: string, start: number, end: number, prevEnd: number): Edit {
  const line = lineSpan(text, start);
  if (/^\s*$/.test(text.slice(line.start, start)) && /^\s*,?\s*\r?\n?$/.test(text.slice(end, line.end))) {
    return { start: line.start, end: line.end, text: '' };
  }
  return { start: prevEnd, end, text: '' };
}

function terraformEdits(text: string, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  const lists = new Map<number, { values: Set<string>; lastEnd: number }>();
  for (const match of text.matchAll(runtimeString)) {
    const start = match.index;
    const end = start + match[0].length;
    if (isCommentAt(text, start)) continue;
    const list = enclosingList(text, start);
    const entry = list === undefined ? undefined : (lists.get(list) ?? { values: new Set<string>(), lastEnd: list + 1 });
    if (list !== undefined && entry) lists.set(list, entry);
    const upgrade = ctx.shouldUpgrade(Number(match[1]), start, `runtime ${match[0]}`, true);
    const value = upgrade ? `"${lambdaRuntimeId(ctx.target)}"` : match[0];
    if (upgrade && entry?.values.has(value)) edits.push(removal(text, start, end, entry.lastEnd));
    else if (upgrade) edits.push({ start: start + 1, end: end - 1, text: lambdaRuntimeId(ctx.target) });
    if (entry) {
      entry.values.add(value);
      entry.lastEnd = end;
    }
  }
  return edits;
}

export const terraform: Surface = {
  name: 'terraform',
  matches: (path, text) => /\.(tf|tfvars)$/i.test(path) && /"nodejs\d/.test(text),
  apply: (text, ctx) => applyEdits(text, terraformEdits(text, ctx)),
};
