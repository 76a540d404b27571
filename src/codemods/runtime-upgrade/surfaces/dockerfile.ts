// Container images: Lambda base images (public.ecr.aws/lambda/nodejs:20, lambda/python:3.9) and
// the language's own images (node:20-alpine, python:3.9-slim), plus yum → dnf when a Lambda image
// moves from Amazon Linux 2 to 2023 (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-image.html).
import { applyEdits, type Edit } from '../edits.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { baseName } from '../scope.js';

const argLine = /^(\s*ARG\s+([A-Za-z_]\w*)\s*=\s*["']?)([^\s"']+)/i;

interface Line {
  text: string;
  start: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const text_ of text.split('\n')) {
    lines.push({ text: text_, start });
    start += text_.length + 1;
  }
  return lines;
}

/** `20-alpine3.19` → `24-alpine`: an Alpine minor pinned for one version may not exist for another. */
export function retag(tag: string, ctx: SurfaceContext, offset: number): { major: number; tag: string } | undefined {
  const match = /^(\d+(?:\.\d+)*)(.*)$/.exec(tag);
  // Dated Lambda build tags (`20.2023.10.12.10`, `3.9.2024.01.05.10`) name the version first.
  const version = match?.[1].replace(/\.\d{4}(\.\d+)*$/, '');
  const token = version && ctx.language.token(version);
  if (!match || !token) return undefined;
  let variant = match[2].replace(/^-alpine\d+(\.\d+)*/, '-alpine');
  if (/-(stretch|buster|bullseye)\b/.test(variant)) {
    ctx.report(
      offset,
      'image-variant',
      `image variant "${variant.slice(1)}" may not exist for ${ctx.name(ctx.target)}; check the tag`,
      'warning',
    );
  }
  if (/^\.\d{4}\./.test(match[2]) || version !== match[1]) variant = ''; // dated Lambda build tags
  return { major: token.version, tag: `${ctx.language.format(ctx.target)}${variant}` };
}

/**
 * An image reference `name:tag` at `offset` (a `FROM` line's, a CI job's `image:`): the edit
 * that moves its tag, with the version it moves from and whether it is a Lambda base image.
 */
export function imageEdit(
  reference: string,
  offset: number,
  ctx: SurfaceContext,
): { edit: Edit; from: number; lambda: boolean } | undefined {
  const match = /^([^\s:@]+):([^\s@]+)/.exec(reference);
  if (!match) return undefined;
  const [, image, tag] = match;
  const lambda = ctx.language.images.lambda.test(image);
  if (!lambda && !ctx.language.images.official.test(image)) return undefined;
  const at = offset + image.length + 1;
  if (reference.includes('@sha256:')) {
    ctx.report(
      at,
      'pinned-digest',
      `${image} is pinned by digest; update the digest for ${ctx.name(ctx.target)} by hand`,
      'manual',
    );
    return undefined;
  }
  const next = retag(tag, ctx, at);
  if (!next || !ctx.shouldUpgrade(next.major, at, `${image}:${tag}`, lambda)) return undefined;
  return { edit: { start: at, end: at + tag.length, text: next.tag }, from: next.major, lambda };
}

/** Rewrites one FROM line; returns the old and new major when a Lambda image changed. */
function fromEdit(line: Line, ctx: SurfaceContext, edits: Edit[]): { from: number; lambda: boolean } | undefined {
  const head = /^\s*FROM\s+(?:--\S+\s+)*/i.exec(line.text);
  if (!head) return undefined;
  const moved = imageEdit(line.text.slice(head[0].length), line.start + head[0].length, ctx);
  if (!moved) return undefined;
  edits.push(moved.edit);
  return moved;
}

/** `ARG NODE_VERSION=20` feeding `FROM node:${NODE_VERSION}` (`ARG PYTHON_VERSION=3.9`): the version it moved from, by name. */
function argEdit(line: Line, ctx: SurfaceContext, edits: Edit[], moved: Map<string, number>): void {
  const match = argLine.exec(line.text);
  if (!match || !ctx.language.images.arg.test(match[2])) return;
  const token = ctx.language.token(match[3]);
  const offset = line.start + match[1].length;
  if (!token || !ctx.shouldUpgrade(token.version, offset, `ARG ${match[3]}`)) return;
  const next = token.render(ctx.target);
  if (next === undefined) return;
  edits.push({ start: offset, end: offset + match[3].length, text: next });
  moved.set(match[2], token.version);
}

/** A Lambda base image whose tag is an ARG that moved (`FROM public.ecr.aws/lambda/python:${PYTHON_VERSION}`). */
function fromMovedArg(line: Line, ctx: SurfaceContext, moved: ReadonlyMap<string, number>): number | undefined {
  const match = /^\s*FROM\s+(?:--\S+\s+)*([^\s:@]+):\$\{?(\w+)\}?(\s|$)/i.exec(line.text);
  return match && ctx.language.images.lambda.test(match[1]) ? moved.get(match[2]) : undefined;
}

/** In RUN instructions of a stage now on AL2023: yum → dnf; flag what dnf has no answer for. */
function al2023Edits(lines: Line[], ctx: SurfaceContext, edits: Edit[]): void {
  let inRun = false;
  for (const line of lines) {
    const continues: boolean = inRun;
    inRun = (continues || /^\s*RUN\b/i.test(line.text)) && /\\\s*$/.test(line.text);
    if (!continues && !/^\s*RUN\b/i.test(line.text)) continue;
    if (/^\s*#/.test(line.text)) continue;
    for (const m of line.text.matchAll(/\b(amazon-linux-extras|yum-config-manager)\b/g)) {
      ctx.report(
        line.start + m.index,
        'al2023',
        `${m[1]} does not exist on Amazon Linux 2023; rewrite this by hand`,
        'manual',
      );
    }
    for (const m of line.text.matchAll(/(?<![\w./-])yum(?![\w./-])/g))
      edits.push({ start: line.start + m.index, end: line.start + m.index + 3, text: 'dnf' });
  }
}

function dockerfileEdits(text: string, ctx: SurfaceContext): Edit[] {
  const edits: Edit[] = [];
  const lines = splitLines(text);
  let stage: Line[] = [];
  let toAl2023 = false;
  const moved = new Map<string, number>();
  const flush = () => toAl2023 && al2023Edits(stage, ctx, edits);
  for (const line of lines) {
    argEdit(line, ctx, edits, moved);
    if (!/^\s*FROM\s/i.test(line.text)) {
      stage.push(line);
      continue;
    }
    flush();
    const changed = fromEdit(line, ctx, edits);
    const from = changed?.lambda ? changed.from : fromMovedArg(line, ctx, moved);
    const lastAl2 = ctx.language.lambda.lastAl2;
    toAl2023 = from !== undefined && from <= lastAl2 && ctx.target > lastAl2;
    stage = [];
  }
  flush();
  return edits;
}

export const dockerfile: Surface = {
  name: 'dockerfile',
  matches: (path, text, language) =>
    /^(dockerfile|containerfile)([.-][\w.-]+)?$|\.(dockerfile|containerfile)$/i.test(baseName(path)) &&
    language.images.mention.test(text),
  apply: (text, ctx) => applyEdits(text, dockerfileEdits(text, ctx)),
};
