// Terraform `runtime = "nodejs20.x"` (or `"python3.9"`) and `compatible_runtimes` lists of aws_lambda_function /
// aws_lambda_layer_version
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function).
import { applyEdits, lineSpan, type Edit } from '../edits.js';
import { listEdits, type ListItem } from '../dedupe.js';
import { layerListEdits, type RuntimeItem } from '../layer-list.js';
import type { Surface, SurfaceContext } from '../surface.js';

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

/** `compatible_runtimes = [`: a layer's list, which keeps the runtimes Lambda still supports. */
function isLayerList(text: string, open: number): boolean {
  return /\bcompatible_runtimes\s*=\s*$/.test(text.slice(Math.max(0, open - 200), open));
}

function terraformEdits(text: string, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  const lists = new Map<number, ListItem[]>();
  const layers = new Map<number, RuntimeItem[]>();
  /** Majors the file's runtime declarations move away from; its layer lists follow them. */
  const leaving = new Set<number>();
  const { lambda } = ctx.language;
  for (const id of text.matchAll(/"([a-z]+\d[\w.]*)"/g))
    if (!isCommentAt(text, id.index)) ctx.unmovable(id[1], id.index);
  for (const match of text.matchAll(new RegExp(`"(${lambda.idPattern})"`, 'g'))) {
    const start = match.index;
    const end = start + match[0].length;
    const major = lambda.parse(match[1]);
    if (major === undefined || isCommentAt(text, start)) continue;
    const list = enclosingList(text, start);
    if (list !== undefined && isLayerList(text, list)) {
      const retarget = (next: number) => ({ start: start + 1, end: end - 1, text: lambda.id(next) });
      layers.set(list, [...(layers.get(list) ?? []), { start, end, major, retarget }]);
      continue;
    }
    const upgrade = ctx.shouldUpgrade(major, start, `runtime ${match[0]}`, true);
    if (upgrade) leaving.add(major);
    const edit = upgrade ? { start: start + 1, end: end - 1, text: lambda.id(ctx.target) } : undefined;
    if (list === undefined) {
      if (edit) edits.push(edit);
      continue;
    }
    const items = lists.get(list) ?? [];
    items.push({ start, end, value: edit ? edit.text : match[0].slice(1, -1), edit });
    lists.set(list, items);
  }
  for (const items of lists.values()) edits.push(...listEdits(text, items, true));
  for (const items of layers.values()) edits.push(...layerListEdits(text, items, ctx, leaving, 'lines'));
  return edits;
}

export const terraform: Surface = {
  name: 'terraform',
  matches: (path, text, language) => /\.(tf|tfvars)$/i.test(path) && language.mention.test(text),
  apply: (text, ctx) => applyEdits(text, terraformEdits(text, ctx)),
};
