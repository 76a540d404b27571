// From the groups the flow found to what each file does: plan every call on a client (planCall is
// the one place that says whether a call converts), keep a group on v2 when any of its uses does
// not convert, and word the findings for the groups kept on v2.
import { ts } from 'ts-morph';
import { planCall } from './calls.js';
import type { FileFlow, OpUse } from './flow-links.js';
import { short } from './flow-syntax.js';
import { lineOf } from './edits.js';
import { blockerFinding, emptyDecision, keptFinding, type FileDecision, type Groups, type Ref } from './groups.js';

export type Block = (f: FileFlow, node: ts.Node, key: Ref, rule: string, why: string) => void;

function plan(f: FileFlow, op: OpUse, groups: Groups, block: Block): void {
  const service = groups.service(op.key);
  if (!service) {
    const why = `\`${short(op.receiver, f.p.ctx.sf)}\` names clients of different services; convert this call by hand`;
    return block(f, op.call, op.key, 'ambiguous-client', why);
  }
  const planned = planCall(f.p.ctx, { call: op.call, receiver: op.receiver, name: op.name, service }, f.byName);
  if ('rule' in planned) block(f, op.call, op.key, planned.rule, planned.why);
  else op.plan = planned;
}

function decideFile(f: FileFlow, groups: Groups, d: FileDecision): void {
  d.names.push(...f.names ?? []);
  for (const v of f.values ?? []) if (ts.isPropertyAccessExpression(v)) d.names.push(v.name.text);
  for (const [node, key] of f.news ?? []) {
    if (groups.accepted(key)) d.news.add(node.end);
    else d.keepsClients = true;
  }
  for (const [ref, key] of f.typed ?? []) {
    if (groups.accepted(key)) continue;
    d.keptTypes.push(ref.end);
    d.keepsClients = true;
  }
  for (const op of f.ops) {
    if (groups.accepted(op.key)) d.calls.set(op.call.end, { service: groups.service(op.key)!, plan: op.plan });
  }
  d.plannedOn = f.p.ctx;
}

/** Where a group shows in a file: its constructions and the names declared with a v2 client type. */
function anchors(f: FileFlow): { key: Ref; node: ts.Node; label: string }[] {
  const out: { key: Ref; node: ts.Node; label: string }[] = [];
  for (const [node, key] of f.news ?? []) {
    const holder = node.parent;
    const named = ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name);
    out.push({ key, node, label: named ? holder.name.getText(f.p.ctx.sf) : short(node, f.p.ctx.sf) });
  }
  for (const [ref, key] of f.typed ?? []) {
    const holder = ref.parent as ts.NamedDeclaration;
    out.push({ key, node: holder, label: holder.name!.getText(f.p.ctx.sf) });
  }
  return out;
}

/** Findings for the groups kept on v2: at each blocking use, and at the group's clients in each file. */
function report(files: FileFlow[], groups: Groups, decision: (path: string) => FileDecision): void {
  const blockersDone = new Set<string>();
  const groupsDone = new Set<Ref>();
  for (const f of files) {
    const here: Ref[] = [];
    for (const { key, node, label } of anchors(f)) {
      const root = groups.root(key);
      const { blockers } = groups.get(root);
      if (!blockers.length || here.includes(root)) continue;
      here.push(root);
      const line = lineOf(f.p.ctx.sf, node.getStart(f.p.ctx.sf));
      decision(f.path).findings.push(keptFinding(f.path, line, label, blockers));
      if (groupsDone.has(root)) continue;
      groupsDone.add(root);
      for (const b of blockers) {
        const id = `${b.file}:${b.line}:${b.rule}`;
        if (!blockersDone.has(id)) decision(b.file).findings.push(blockerFinding(b));
        blockersDone.add(id);
      }
    }
  }
}

/** Plan the calls, settle the groups and say per file what converts. `block` records a use that does not. */
export function decideFiles(files: FileFlow[], groups: Groups, block: Block, blocked: () => boolean) {
  for (const f of files) for (const op of f.ops) plan(f, op, groups, block);
  groups.settle();
  const out = new Map<string, FileDecision>();
  const decision = (path: string) => out.get(path) ?? out.set(path, emptyDecision()).get(path)!;
  for (const f of files) if (f.values || f.typed || f.ops.length) decideFile(f, groups, decision(f.path));
  if (blocked()) report(files, groups, decision);
  return out;
}
