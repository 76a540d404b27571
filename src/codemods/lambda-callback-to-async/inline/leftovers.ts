// What still ties a program to the interface Node.js 24 removed, after the conversion: a context
// method anywhere in it (a local helper's `context.done()`), `callbackWaitsForEmptyEventLoop`, or
// the cfn-response module that inline code can load, whose send() ends the invocation through
// context.done()
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-lambda-function-code-cfnresponsemodule.html).
import { ts } from '../../../util/typescript.cjs';

export interface Leftover {
  pos: number;
  what: string;
  cfnResponse?: boolean;
}

const CFN_SEND = "answers CloudFormation through cfn-response's send(), which ends the invocation with context.done()";

const CONTEXT_NAME = /^_*(context|ctx|lambdaContext|awsContext|lambdaCtx)$/i;
const METHODS = new Set(['succeed', 'fail', 'done']);

export function leftovers(code: string): Leftover[] {
  const sf = ts.createSourceFile('index.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const cfnResponse = cfnResponseNames(sf);
  const out: Leftover[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      const target = node.expression;
      if (name === 'callbackWaitsForEmptyEventLoop')
        out.push({ pos: node.getStart(sf), what: `uses ${node.getText(sf)}` });
      else if (METHODS.has(name) && ts.isIdentifier(target) && isContext(target))
        out.push({ pos: node.getStart(sf), what: `uses ${target.text}.${name}()` });
      else if (
        name === 'send' &&
        ts.isCallExpression(node.parent) &&
        node.parent.expression === node &&
        isCfnResponse(target, cfnResponse)
      ) {
        out.push({ pos: node.getStart(sf), what: CFN_SEND, cfnResponse: true });
      }
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      cfnResponse.send.has(node.expression.text)
    ) {
      out.push({ pos: node.getStart(sf), what: CFN_SEND, cfnResponse: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A context by name, or the second parameter of a function around it (a helper's `(event, context, …)`). */
function isContext(id: ts.Identifier): boolean {
  if (CONTEXT_NAME.test(id.text)) return true;
  for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node)) {
      const index = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
      if (index !== -1) return index === 1;
    }
  }
  return false;
}

/** Local names bound to `require('cfn-response')` and to its `send`. */
function cfnResponseNames(sf: ts.SourceFile): { module: Set<string>; send: Set<string> } {
  const names = { module: new Set<string>(), send: new Set<string>() };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && isRequire(node.initializer)) {
      if (ts.isIdentifier(node.name)) names.module.add(node.name.text);
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const element of node.name.elements) {
          const key = element.propertyName ?? element.name;
          if (ts.isIdentifier(key) && key.text === 'send' && ts.isIdentifier(element.name))
            names.send.add(element.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

function isCfnResponse(node: ts.Expression, names: { module: Set<string> }): boolean {
  return (ts.isIdentifier(node) && names.module.has(node.text)) || isRequire(node);
}

function isRequire(node: ts.Expression): boolean {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0]!) &&
    node.arguments[0].text === 'cfn-response'
  );
}
