// How a function uses its context parameter: context.succeed/fail/done calls and accesses,
// callbackWaitsForEmptyEventLoop, and the uses the codemod cannot follow.
import { ts } from '../../util/typescript.cjs';
import { identifiersNamed, isCallee, isWrite, nameText, parameterReferences, type FunctionNode } from './scope.js';
import type { Site, SiteKind } from './sites.js';

export const METHODS = new Set(['succeed', 'fail', 'done']);

export interface WaitsUse {
  node: ts.Node;
  /** The `context.callbackWaitsForEmptyEventLoop = value;` statement, when it can simply go. */
  statement?: ts.Node;
  value?: string;
}

/** Where contextUses records what it finds. */
export interface ContextRecord {
  members: ts.PropertyAccessExpression[];
  sites: Site[];
  waits: WaitsUse[];
}

/** Records context.succeed/fail/done and callbackWaitsForEmptyEventLoop uses; returns why it cannot follow them. */
export function contextUses(
  fn: FunctionNode,
  name: string,
  flow: ContextRecord,
  handTo: (ref: ts.Identifier) => void,
): string | undefined {
  let reassigned = false;
  let dynamic = false;
  let computedMethod = false;
  let extracted = false;
  for (const ref of parameterReferences(fn, name)) {
    const parent = ref.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === ref) {
      if (METHODS.has(parent.name.text)) {
        flow.members.push(parent);
        if (isCallee(parent))
          flow.sites.push({ kind: parent.name.text as SiteKind, call: parent.parent as ts.CallExpression });
      } else if (parent.name.text === 'callbackWaitsForEmptyEventLoop') flow.waits.push(waitsUse(parent));
    } else if (ts.isElementAccessExpression(parent) && parent.expression === ref) {
      const arg = parent.argumentExpression;
      if (arg !== undefined && ts.isStringLiteral(arg)) computedMethod ||= METHODS.has(arg.text);
      else dynamic = true;
    } else if (isWrite(ref)) {
      reassigned = true;
    } else if (ts.isVariableDeclaration(parent) && parent.initializer === ref) {
      extracted ||= takesMethods(fn, parent.name);
    } else {
      handTo(ref);
    }
  }
  if (computedMethod || ((reassigned || dynamic) && flow.members.length > 0)) {
    return 'it reaches context.succeed/fail/done in a way that cannot be followed (computed access or reassigned context)';
  }
  if (extracted)
    return 'it takes succeed/fail/done out of the context (destructured or through another name), which the codemod cannot follow';
  return undefined;
}

/** `const { done } = context`, `const { ...rest } = context`, or `const c = context; c.succeed(…)`. */
function takesMethods(fn: FunctionNode, name: ts.Node): boolean {
  if (ts.isObjectBindingPattern(name)) {
    return name.elements.some(
      (el) => el.dotDotDotToken !== undefined || METHODS.has(el.propertyName?.getText() ?? nameText(el)!),
    );
  }
  if (!ts.isIdentifier(name)) return false;
  return identifiersNamed(fn, name.getText()).some((id) => {
    const parent = id.parent;
    return (
      parent !== undefined &&
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === id &&
      METHODS.has(parent.name.text)
    );
  });
}

function waitsUse(access: ts.PropertyAccessExpression): WaitsUse {
  const assignment = access.parent;
  if (
    !ts.isBinaryExpression(assignment) ||
    assignment.left !== access ||
    assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken
  ) {
    return { node: access };
  }
  const statement = assignment.parent;
  const list = statement.parent;
  const removable =
    ts.isExpressionStatement(statement) &&
    list !== undefined &&
    (ts.isBlock(list) || ts.isSourceFile(list) || ts.isCaseClause(list) || ts.isDefaultClause(list));
  return removable ? { node: access, statement, value: assignment.right.getText() } : { node: access };
}
