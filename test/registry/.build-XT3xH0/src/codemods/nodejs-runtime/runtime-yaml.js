// Rewrites Lambda runtime identifiers (`nodejs20.x`) wherever a YAML scalar is exactly one:
// `Runtime:` in Globals and functions, parameter defaults, layers' `CompatibleRuntimes` lists.
import { visit } from 'yaml';
import { lambdaRuntimeId, lambdaRuntimeMajor } from './versions.js';
import { isInlineScalar, parentKey, scalarEdit } from './yaml-doc.js';
import { listEdits } from './dedupe.js';
import { layerListEdits, layerListKeys } from './layer-list.js';
/** A parameter's allowed runtimes: upgraded like any runtime, without naming one twice. */
const setLikeKeys = new Set(['AllowedValues']);
function runtimeMajor(node) {
    if (!isInlineScalar(node) || node.tag || typeof node.value !== 'string')
        return undefined;
    return lambdaRuntimeMajor(node.value);
}
/** One scalar: the edit that upgrades it, if it should be. */
function upgradeScalar(text, node, ctx) {
    const major = runtimeMajor(node);
    if (major === undefined)
        return undefined;
    if (!ctx.shouldUpgrade(major, node.range[0], `Runtime ${String(node.value)}`, true))
        return undefined;
    return scalarEdit(text, node, lambdaRuntimeId(ctx.target));
}
/** A set-like list: upgrade each item, then drop items that became duplicates. */
function upgradeSet(text, seq, ctx, leaving) {
    const items = seq.items.map((item, index) => {
        const node = item;
        const edit = isInlineScalar(node) ? upgradeScalar(text, node, ctx) : undefined;
        if (edit)
            leaving.add(runtimeMajor(node));
        const value = edit ? edit.text : isInlineScalar(node) ? String(node.value) : `#${index}`;
        return { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0, value, edit };
    });
    return listEdits(text, items, !seq.flow);
}
function runtimeItem(text, item) {
    const node = item;
    const major = runtimeMajor(node);
    const retarget = major === undefined ? undefined : (next) => scalarEdit(text, node, lambdaRuntimeId(next));
    return { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0, major, retarget };
}
export function lambdaRuntimeEdits(text, doc, ctx) {
    const edits = [];
    const handled = new Set();
    /** Majors the file's runtime declarations move away from; its layer lists follow them. */
    const leaving = new Set();
    const layers = [];
    visit(doc, {
        Seq(_key, seq, path) {
            const key = parentKey(path);
            if (!key || !seq.items.some((item) => runtimeMajor(item) !== undefined))
                return;
            if (layerListKeys.has(key))
                layers.push(seq);
            else if (setLikeKeys.has(key))
                edits.push(...upgradeSet(text, seq, ctx, leaving));
            else
                return;
            for (const item of seq.items)
                handled.add(item);
        },
        Scalar(key, node) {
            if (key === 'key' || handled.has(node))
                return;
            const edit = upgradeScalar(text, node, ctx);
            if (!edit)
                return;
            edits.push(edit);
            leaving.add(runtimeMajor(node));
        },
    });
    for (const seq of layers)
        edits.push(...layerListEdits(text, seq.items.map((item) => runtimeItem(text, item)), ctx, leaving, seq.flow ? 'inline' : 'block'));
    return edits;
}
