// How a function uses its context parameter: context.succeed/fail/done calls and accesses,
// callbackWaitsForEmptyEventLoop, and the uses the codemod cannot follow.
import { Node, SyntaxKind } from 'ts-morph';
import { identifiersNamed, isCallee, isWrite, parameterReferences } from './scope.js';
export const METHODS = new Set(['succeed', 'fail', 'done']);
/** Records context.succeed/fail/done and callbackWaitsForEmptyEventLoop uses; returns why it cannot follow them. */
export function contextUses(fn, name, flow, handTo) {
    let reassigned = false;
    let dynamic = false;
    let computedMethod = false;
    let extracted = false;
    for (const ref of parameterReferences(fn, name)) {
        const parent = ref.getParentOrThrow();
        if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === ref) {
            if (METHODS.has(parent.getName())) {
                flow.members.push(parent);
                if (isCallee(parent))
                    flow.sites.push({ kind: parent.getName(), call: parent.getParentOrThrow() });
            }
            else if (parent.getName() === 'callbackWaitsForEmptyEventLoop')
                flow.waits.push(waitsUse(parent));
        }
        else if (Node.isElementAccessExpression(parent) && parent.getExpression() === ref) {
            const arg = parent.getArgumentExpression();
            if (Node.isStringLiteral(arg))
                computedMethod ||= METHODS.has(arg.getLiteralText());
            else
                dynamic = true;
        }
        else if (isWrite(ref)) {
            reassigned = true;
        }
        else if (Node.isVariableDeclaration(parent) && parent.getInitializer() === ref) {
            extracted ||= takesMethods(fn, parent.getNameNode());
        }
        else {
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
function takesMethods(fn, name) {
    if (Node.isObjectBindingPattern(name)) {
        return name
            .getElements()
            .some((el) => el.getDotDotDotToken() !== undefined || METHODS.has(el.getPropertyNameNode()?.getText() ?? el.getName()));
    }
    if (!Node.isIdentifier(name))
        return false;
    return identifiersNamed(fn, name.getText()).some((id) => {
        const parent = id.getParent();
        return Node.isPropertyAccessExpression(parent) && parent.getExpression() === id && METHODS.has(parent.getName());
    });
}
function waitsUse(access) {
    const assignment = access.getParentOrThrow();
    if (!Node.isBinaryExpression(assignment) ||
        assignment.getLeft() !== access ||
        assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) {
        return { node: access };
    }
    const statement = assignment.getParentOrThrow();
    const list = statement.getParent();
    const removable = Node.isExpressionStatement(statement) &&
        (Node.isBlock(list) || Node.isSourceFile(list) || Node.isCaseClause(list) || Node.isDefaultClause(list));
    return removable ? { node: access, statement, value: assignment.getRight().getText() } : { node: access };
}
