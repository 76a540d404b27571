// Inline function code in SAM / CloudFormation YAML templates (`InlineCode:`, `Code: ZipFile:`)
// and in a serverless.yml `resources:` section, located by the parser's source ranges.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { cloudFormationTags } from '../../runtime-upgrade/yaml-doc.js';
import { blockSlots, joinSlots, stringSlots, type Flavor, type LineSlots } from './embedding.js';
import { exportOf, runtimeKind, type InlineCode, type InlineFunction, type RuntimeKind } from './functions.js';

type Read = { code: InlineCode } | { problem: string };

/** Every Lambda function with inline code in the template; undefined when it does not parse. */
export function yamlFunctions(file: string, text: string): InlineFunction[] | undefined {
  const doc = parseDocument(text, { customTags: cloudFormationTags, uniqueKeys: false, logLevel: 'silent' });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return doc.errors.length > 0 ? undefined : [];
  const root = doc.contents;
  const serverless = /(^|\/)serverless\.ya?ml$/.test(file);
  const sections = serverless ? serverlessSections(root) : [root];
  const globals = mapAt(mapAt(root, 'Globals'), 'Function');
  const out: InlineFunction[] = [];
  for (const section of sections) {
    const resources = mapAt(section, 'Resources');
    const parameters = mapAt(section, 'Parameters') ?? mapAt(root, 'Parameters');
    for (const pair of resources?.items ?? []) {
      const resource = isMap(pair.value) ? pair.value : undefined;
      const type = scalarText(resource?.get('Type', true));
      const props = mapAt(resource, 'Properties');
      const sam = type === 'AWS::Serverless::Function';
      const codePair = sam
        ? pairAt(props, 'InlineCode')
        : type === 'AWS::Lambda::Function'
          ? pairAt(mapAt(props, 'Code'), 'ZipFile')
          : undefined;
      const codeNode = codePair?.value;
      if (!isNode(codeNode) || !codeNode.range) continue;
      const runtimeNode = props?.get('Runtime', true) ?? (sam ? globals?.get('Runtime', true) : undefined);
      const handler = scalarText(props?.get('Handler', true) ?? (sam ? globals?.get('Handler', true) : undefined));
      const runtime = runtimeOf(text, runtimeNode, parameters);
      const read = readCode(text, codeNode, serverless);
      out.push({
        label: `${type} '${String(isScalar(pair.key) ? pair.key.value : pair.key)}'`,
        ...runtime,
        exportName: exportOf(handler),
        pos: isScalar(codePair!.key) && codePair!.key.range ? codePair!.key.range[0] : codeNode.range[0],
        ...('code' in read
          ? { code: read.code }
          : { problem: read.problem, source: text.slice(codeNode.range[0], codeNode.range[1]) }),
      });
    }
  }
  return out;
}

/** serverless.yml: `resources:` is a template fragment, or a list of them. */
function serverlessSections(root: YAMLMap): YAMLMap[] {
  const resources = root.get('resources', true);
  if (isMap(resources)) return [resources];
  return isSeq(resources) ? resources.items.filter((item): item is YAMLMap => isMap(item)) : [];
}

function readCode(text: string, node: Node, serverless: boolean): Read {
  // Serverless Framework replaces `${…}` variables anywhere in serverless.yml, inline code included.
  if (isScalar(node) && (!node.tag || node.tag === '!Sub'))
    return scalarCode(text, node, serverless || node.tag === '!Sub');
  const fn = intrinsic(node);
  if (!fn) return { problem: 'not a plain string' };
  if (fn.name === 'Sub') {
    const first = isSeq(fn.arg) ? fn.arg.items[0] : fn.arg;
    return isScalar(first) && !first.tag
      ? scalarCode(text, first, true)
      : { problem: 'an Fn::Sub whose template is not a plain string' };
  }
  if (fn.name === 'Join' && isSeq(fn.arg)) return joinCode(text, fn.arg.items, serverless);
  return { problem: `built with Fn::${fn.name}` };
}

/** `!Sub …`, `!Join […]`, `{ Fn::Sub: … }`: the function's name and its argument (the tagged node itself for a short tag). */
function intrinsic(node: Node): { name: string; arg: unknown } | undefined {
  if (node.tag?.startsWith('!')) return { name: node.tag.slice(1), arg: node };
  if (!isMap(node) || node.items.length !== 1) return undefined;
  const key = scalarText(node.items[0]!.key);
  return key?.startsWith('Fn::') ? { name: key.slice(4), arg: node.items[0]!.value } : undefined;
}

function scalarCode(text: string, node: Scalar, substituted: boolean): Read {
  const value = typeof node.value === 'string' ? node.value : undefined;
  const [start, end] = node.range ?? [0, 0];
  if (value === undefined) return { problem: 'not a string' };
  let slots: LineSlots | undefined;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const headerEnd = text.indexOf('\n', start);
    if (headerEnd === -1 || /^[|>][+-]?\d/.test(text.slice(start, headerEnd)))
      return { problem: 'a block scalar with an indentation indicator' };
    slots = blockSlots(text, headerEnd + 1, end, value);
    if (!slots)
      return {
        problem:
          node.type === 'BLOCK_FOLDED'
            ? 'a folded block (>) that joins some of its lines'
            : 'a block scalar whose lines could not be located',
      };
  } else {
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const flavor: Flavor = {
      kind: node.type === 'QUOTE_DOUBLE' ? 'yaml-double' : node.type === 'QUOTE_SINGLE' ? 'yaml-single' : 'plain',
    };
    slots = stringSlots(text, quoted ? start + 1 : start, quoted ? end - 1 : end, flavor);
    if (!slots) return { problem: 'a quoted or plain scalar spread over several lines, which YAML folds' };
  }
  return checked(value, slots, substituted);
}

/** `Fn::Join` of a delimiter and a list of quoted strings of one style, each a line or ending in one. */
function joinCode(text: string, args: readonly unknown[], substituted: boolean): Read {
  const [delimiter, list] = args;
  const items = isSeq(list) ? list.items : [];
  if (!isScalar(delimiter) || typeof delimiter.value !== 'string')
    return { problem: 'an Fn::Join whose delimiter is not a string' };
  if (!items.every((item) => isScalar(item) && !item.tag && typeof item.value === 'string')) {
    return { problem: 'an Fn::Join with a Ref, a !Sub or another function among its parts' };
  }
  const styles = new Set(items.map((item) => (item as Scalar).type));
  const style = styles.size === 1 ? [...styles][0] : undefined;
  if (style !== 'QUOTE_DOUBLE' && style !== 'QUOTE_SINGLE')
    return { problem: 'an Fn::Join whose parts are not all quoted in one style' };
  const scalars = items as Scalar[];
  const spans = scalars.map((item) => [item.range![0] + 1, item.range![1] - 1] as const);
  const slots = joinSlots(text, spans, delimiter.value, {
    kind: style === 'QUOTE_DOUBLE' ? 'yaml-double' : 'yaml-single',
  });
  if (!slots)
    return { problem: `an Fn::Join whose parts are not one line each (delimiter ${JSON.stringify(delimiter.value)})` };
  return checked(scalars.map((item) => item.value as string).join(delimiter.value), slots, substituted);
}

function checked(value: string, slots: LineSlots, substituted: boolean): Read {
  if (value.split('\n').length !== slots.lines.length) return { problem: 'a string whose lines could not be located' };
  return { code: { value, slots, substituted } };
}

function runtimeOf(
  text: string,
  node: unknown,
  parameters: YAMLMap | undefined,
): { runtime: RuntimeKind; runtimeText?: string } {
  const value = scalarText(node);
  if (isScalar(node) && !node.tag && value !== undefined) return { runtime: runtimeKind(value), runtimeText: value };
  const fn = isNode(node) ? intrinsic(node) : undefined;
  const ref = fn?.name === 'Ref' ? scalarText(fn.arg) : undefined;
  const fallback = ref !== undefined ? scalarText(mapAt(parameters, ref)?.get('Default', true)) : undefined;
  const source = isNode(node) && node.range ? text.slice(node.range[0], node.range[1]).trim() : 'none';
  const written = isNode(node) && node.tag && isScalar(node) ? `${node.tag} ${source}` : source;
  if (fallback !== undefined && runtimeKind(fallback) !== 'unknown')
    return { runtime: runtimeKind(fallback), runtimeText: `${written}, default ${fallback}` };
  return { runtime: 'unknown', runtimeText: written };
}

function pairAt(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((pair) => scalarText(pair.key) === key);
}

function mapAt(map: unknown, key: string): YAMLMap | undefined {
  if (!isMap(map)) return undefined;
  const value = map.get(key, true);
  return isMap(value) ? value : undefined;
}

function scalarText(node: unknown): string | undefined {
  if (typeof node === 'object' && node !== null && 'value' in node && typeof node.value === 'string') return node.value;
  return undefined;
}

function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value);
}
