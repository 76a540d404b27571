// Inline function code in CloudFormation / SAM JSON templates: `"ZipFile": "…"`, `Fn::Sub`, and
// the `Fn::Join` of lines old templates use, located by offsets from TypeScript's JSON scanner.
import { ts } from '../../../util/typescript.cjs';
import { getProp, parseJson, propertyName, rootObject } from '../../runtime-upgrade/json-doc.js';
import { joinSlots, stringSlots, type LineSlots } from './embedding.js';
import { exportOf, runtimeKind, type InlineCode, type InlineFunction, type RuntimeKind } from './functions.js';

type Read = { code: InlineCode } | { problem: string };

/** Every Lambda function with inline code in the template; undefined when it does not parse. */
export function jsonFunctions(file: string, text: string): InlineFunction[] | undefined {
  const json = parseJson(file, text);
  if (!json) return undefined;
  const root = rootObject(json);
  const resources = getProp(root, 'Resources');
  if (!root || !resources || !ts.isObjectLiteralExpression(resources)) return [];
  const parameters = getProp(root, 'Parameters');
  const globals = getProp(getProp(root, 'Globals'), 'Function');
  const out: InlineFunction[] = [];
  for (const prop of resources.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const type = stringOf(getProp(prop.initializer, 'Type'));
    const props = getProp(prop.initializer, 'Properties');
    const sam = type === 'AWS::Serverless::Function';
    const codeNode = sam
      ? getProp(props, 'InlineCode')
      : type === 'AWS::Lambda::Function'
        ? getProp(getProp(props, 'Code'), 'ZipFile')
        : undefined;
    if (!codeNode) continue;
    const runtimeNode = getProp(props, 'Runtime') ?? (sam ? getProp(globals, 'Runtime') : undefined);
    const handler = stringOf(getProp(props, 'Handler') ?? (sam ? getProp(globals, 'Handler') : undefined));
    const read = readCode(text, json, codeNode);
    out.push({
      label: `${type} '${propertyName(prop) ?? prop.name.getText(json)}'`,
      ...runtimeOf(json, runtimeNode, parameters),
      exportName: exportOf(handler),
      pos: codeNode.getStart(json),
      ...('code' in read ? { code: read.code } : { problem: read.problem, source: codeNode.getText(json) }),
    });
  }
  return out;
}

function readCode(text: string, json: ts.JsonSourceFile, node: ts.Expression): Read {
  if (ts.isStringLiteral(node)) return stringCode(text, json, node, false);
  const fn = intrinsic(node);
  if (!fn) return { problem: 'not a plain string' };
  if (fn.name === 'Sub') {
    const template = ts.isArrayLiteralExpression(fn.arg) ? fn.arg.elements[0] : fn.arg;
    return template && ts.isStringLiteral(template)
      ? stringCode(text, json, template, true)
      : { problem: 'an Fn::Sub whose template is not a plain string' };
  }
  if (fn.name !== 'Join' || !ts.isArrayLiteralExpression(fn.arg)) return { problem: `built with Fn::${fn.name}` };
  const [delimiter, list] = fn.arg.elements;
  const items = list && ts.isArrayLiteralExpression(list) ? list.elements : undefined;
  if (
    !delimiter ||
    !ts.isStringLiteral(delimiter) ||
    !items ||
    items.length === 0 ||
    !items.every(ts.isStringLiteral)
  ) {
    return { problem: 'an Fn::Join whose parts are not all strings (a Ref or another function inside the code)' };
  }
  const strings = items as readonly ts.StringLiteral[];
  const spans = strings.map((item) => [item.getStart(json) + 1, item.end - 1] as const);
  const slots = joinSlots(text, spans, delimiter.text, { kind: 'json' });
  if (!slots)
    return { problem: `an Fn::Join whose parts are not one line each (delimiter ${JSON.stringify(delimiter.text)})` };
  return checked(strings.map((item) => item.text).join(delimiter.text), slots, false);
}

function stringCode(text: string, json: ts.JsonSourceFile, node: ts.StringLiteral, substituted: boolean): Read {
  const slots = stringSlots(text, node.getStart(json) + 1, node.end - 1, { kind: 'json' });
  return slots ? checked(node.text, slots, substituted) : { problem: 'a string whose lines could not be located' };
}

function checked(value: string, slots: LineSlots, substituted: boolean): Read {
  if (value.split('\n').length !== slots.lines.length) return { problem: 'a string whose lines could not be located' };
  return { code: { value, slots, substituted } };
}

/** `{ "Fn::Join": … }`, `{ "Ref": … }`: the function's short name and argument. */
function intrinsic(node: ts.Node | undefined): { name: string; arg: ts.Expression } | undefined {
  if (!node || !ts.isObjectLiteralExpression(node) || node.properties.length !== 1) return undefined;
  const prop = node.properties[0]!;
  const key = propertyName(prop);
  if (!key || !ts.isPropertyAssignment(prop)) return undefined;
  if (key === 'Ref') return { name: 'Ref', arg: prop.initializer };
  return key.startsWith('Fn::') ? { name: key.slice(4), arg: prop.initializer } : undefined;
}

function runtimeOf(
  json: ts.JsonSourceFile,
  node: ts.Expression | undefined,
  parameters: ts.Expression | undefined,
): { runtime: RuntimeKind; runtimeText?: string } {
  const value = stringOf(node);
  if (value !== undefined) return { runtime: runtimeKind(value), runtimeText: value };
  const fn = intrinsic(node);
  const ref = fn?.name === 'Ref' ? stringOf(fn.arg) : undefined;
  const fallback = ref !== undefined ? stringOf(getProp(getProp(parameters, ref), 'Default')) : undefined;
  const written = node ? node.getText(json) : 'none';
  if (fallback !== undefined && runtimeKind(fallback) !== 'unknown')
    return { runtime: runtimeKind(fallback), runtimeText: `${written}, default ${fallback}` };
  return { runtime: 'unknown', runtimeText: written };
}

function stringOf(node: ts.Node | undefined): string | undefined {
  return node && ts.isStringLiteral(node) ? node.text : undefined;
}
