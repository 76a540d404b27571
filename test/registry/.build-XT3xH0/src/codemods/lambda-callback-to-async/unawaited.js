// Node.js 24 no longer waits for work a handler leaves running after it returns. Promises a
// handler starts without awaiting or returning them are reported, as a person must decide
// whether the response depends on them.
import { Node, SyntaxKind } from 'ts-morph';
import { descendantsOfKind, enclosingFunction, unwrapExpression } from './scope.js';
const PROMISE_METHODS = new Set(['then', 'catch', 'finally', 'promise']);
const PROMISE_STATICS = /^Promise\.(all|allSettled|any|race)$/;
/** Names of functions declared `async` at the top of the file: calling one starts a promise. */
export function asyncFunctionNames(sf) {
    const names = new Set();
    for (const st of sf.getStatements()) {
        if (Node.isFunctionDeclaration(st) && st.isAsync() && st.getName())
            names.add(st.getName());
        if (!Node.isVariableStatement(st))
            continue;
        for (const d of st.getDeclarations()) {
            const init = d.getInitializer();
            const fn = init && unwrapExpression(init);
            if ((Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) && fn.isAsync())
                names.add(d.getName());
        }
    }
    return names;
}
/**
 * Expression statements of the handler's own flow that start a promise nobody awaits.
 * Statements that hand the result to the callback or context settle the invocation and are fine.
 */
export function unawaitedPromises(fn, asyncNames, settlers) {
    const body = fn.getBody();
    if (!body || !Node.isBlock(body))
        return [];
    return descendantsOfKind(body, SyntaxKind.ExpressionStatement).filter((statement) => {
        if (enclosingFunction(statement) !== fn)
            return false;
        let expr = unwrapExpression(statement.getExpression());
        if (Node.isVoidExpression(expr))
            expr = unwrapExpression(expr.getExpression());
        if (!startsPromise(expr, asyncNames))
            return false;
        const text = expr.getText();
        return !settlers.some((name) => new RegExp(`\\b${name.replace(/[.$]/g, '\\$&')}\\b`).test(text));
    });
}
/** The expression evidently evaluates to a promise (without a type checker). */
export function startsPromise(expr, asyncNames) {
    if (Node.isNewExpression(expr))
        return expr.getExpression().getText() === 'Promise';
    if (!Node.isCallExpression(expr))
        return false;
    const callee = expr.getExpression();
    if (Node.isIdentifier(callee))
        return callee.getText() === 'fetch' || asyncNames.has(callee.getText());
    if (!Node.isPropertyAccessExpression(callee))
        return false;
    if (PROMISE_METHODS.has(callee.getName()) || PROMISE_STATICS.test(callee.getText()))
        return true;
    // AWS SDK v3: `client.send(command)` returns a promise.
    return callee.getName() === 'send' && Node.isNewExpression(expr.getArguments()[0]);
}
