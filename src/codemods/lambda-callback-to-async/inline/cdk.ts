// Inline function code in AWS CDK apps (TypeScript / JavaScript): `Code.fromInline('…')`,
// `new InlineCode(`…`)`, with the construct's id, `runtime` and `handler` beside it.
import { ts } from '../../../util/typescript.cjs';
import { stringSlots, type Flavor } from './embedding.js';
import { exportOf, runtimeKind, type InlineFunction, type RuntimeKind } from './functions.js';

const INLINE_CALL = /(^|\.)(Code|InlineCode)\.(fromInline|inline)$/;
const INLINE_CLASS = /(^|\.)InlineCode$/;

/** Every inline Lambda code of the file, in source order. */
export function cdkFunctions(file: string, text: string): InlineFunction[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const out: InlineFunction[] = [];
  const visit = (node: ts.Node): void => {
    const arg = inlineArgument(node, sf);
    if (arg) out.push(inlineFunction(text, sf, node as ts.Expression, arg));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function inlineArgument(node: ts.Node, sf: ts.SourceFile): ts.Expression | undefined {
  if (ts.isCallExpression(node) && INLINE_CALL.test(node.expression.getText(sf))) return node.arguments[0];
  if (ts.isNewExpression(node) && INLINE_CLASS.test(node.expression.getText(sf))) return node.arguments?.[0];
  return undefined;
}

function inlineFunction(text: string, sf: ts.SourceFile, call: ts.Expression, arg: ts.Expression): InlineFunction {
  const construct = constructOf(call, sf);
  const base = {
    label:
      construct?.id !== undefined
        ? `CDK construct '${construct.id}'`
        : `inline code at line ${sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1}`,
    ...runtimeOf(construct?.props, sf),
    exportName: exportOf(stringOf(prop(construct?.props, 'handler'))),
    pos: arg.getStart(sf),
  };
  const problem = (why: string): InlineFunction => ({ ...base, problem: why, source: arg.getText(sf) });
  if (ts.isTemplateExpression(arg)) return problem('a template literal with ${…} substitutions');
  if (!ts.isStringLiteral(arg) && !ts.isNoSubstitutionTemplateLiteral(arg))
    return problem('built by an expression (concatenation, a variable or a call), not a single string literal');
  const quote = text[arg.getStart(sf)];
  const flavor: Flavor = ts.isNoSubstitutionTemplateLiteral(arg)
    ? { kind: 'js-template' }
    : { kind: 'js-quote', quote: quote === '"' ? '"' : "'" };
  const slots = stringSlots(text, arg.getStart(sf) + 1, arg.end - 1, flavor);
  if (!slots || slots.lines.length !== arg.text.split('\n').length)
    return problem('a string whose lines could not be located');
  return { ...base, code: { value: arg.text, slots, substituted: false } };
}

/** `new lambda.Function(this, 'Id', { code: <call>, … })`: the id and the props object. */
function constructOf(
  call: ts.Expression,
  sf: ts.SourceFile,
): { id?: string; props: ts.ObjectLiteralExpression } | undefined {
  const assignment = call.parent;
  if (
    !ts.isPropertyAssignment(assignment) ||
    assignment.initializer !== call ||
    assignment.name.getText(sf).replace(/['"]/g, '') !== 'code'
  )
    return undefined;
  const props = assignment.parent;
  if (!ts.isObjectLiteralExpression(props)) return undefined;
  const owner = props.parent;
  const id = ts.isNewExpression(owner) && owner.arguments?.[2] === props ? owner.arguments[1] : undefined;
  return { id: id ? (stringOf(id) ?? id.getText(sf)) : undefined, props };
}

function runtimeOf(
  props: ts.ObjectLiteralExpression | undefined,
  sf: ts.SourceFile,
): { runtime: RuntimeKind; runtimeText?: string } {
  const node = prop(props, 'runtime');
  if (!node) return { runtime: 'unknown', runtimeText: 'none' };
  const written = node.getText(sf);
  const member = /(^|\.)Runtime\.([A-Z]+)/.exec(written);
  if (member && ts.isPropertyAccessExpression(node))
    return { runtime: member[2] === 'NODEJS' ? 'node' : 'other', runtimeText: written };
  const named =
    ts.isNewExpression(node) && /(^|\.)Runtime$/.test(node.expression.getText(sf))
      ? stringOf(node.arguments?.[0])
      : undefined;
  return { runtime: named !== undefined ? runtimeKind(named) : 'unknown', runtimeText: written };
}

function prop(obj: ts.ObjectLiteralExpression | undefined, name: string): ts.Expression | undefined {
  for (const p of obj?.properties ?? []) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name)
      return p.initializer;
  }
  return undefined;
}

function stringOf(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function scriptKind(file: string): ts.ScriptKind {
  return /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}
