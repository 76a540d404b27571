// What invokes a CDK function, read from the same file as the function, by the name it is held
// under (`const fn = new Function(…)`, `this.fn = …`): event sources (`fn.addEventSource(new
// SqsEventSource(queue))`), API Gateway (`new LambdaRestApi(…, { handler: fn })`, `resource.addMethod('GET',
// new LambdaIntegration(fn))`, `new HttpLambdaIntegration('id', fn)`), EventBridge rules
// (`rule.addTarget(new LambdaFunction(fn))`, `targets: [new LambdaFunction(fn)]`), S3 notifications
// (`new LambdaDestination(fn)`) and SNS subscriptions (`new LambdaSubscription(fn)`).
// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda_event_sources-readme.html
import { ts } from '../util/typescript.cjs';
import type { LambdaTrigger, TriggerKind } from './triggers.js';

const eventSources: Record<string, TriggerKind> = {
  SqsEventSource: 'sqs',
  SnsEventSource: 'sns',
  S3EventSource: 's3',
  DynamoEventSource: 'dynamodb',
  KinesisEventSource: 'kinesis',
};

function lastName(expr: ts.Expression, sf: ts.SourceFile): string {
  const text = expr.getText(sf);
  return text.slice(text.lastIndexOf('.') + 1);
}

/** The name a `new …Function(…)` is held under, or undefined when it is not assigned. */
export function heldUnder(node: ts.NewExpression, sf: ts.SourceFile): string | undefined {
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    return parent.left.getText(sf);
  if (ts.isPropertyDeclaration(parent)) return `this.${parent.name.getText(sf)}`;
  return undefined;
}

/** Triggers of the file, by the text naming the function they invoke (`fn`, `this.handler`). */
export function cdkTriggers(sf: ts.SourceFile): Map<string, LambdaTrigger[]> {
  const inits = new Map<string, ts.Expression>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      inits.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(sf);
  const init = (expr: ts.Expression) => (ts.isIdentifier(expr) ? (inits.get(expr.text) ?? expr) : expr);
  const out = new Map<string, LambdaTrigger[]>();
  const add = (fn: ts.Expression | undefined, trigger: LambdaTrigger) => {
    if (!fn) return;
    const key = fn.getText(sf);
    out.set(key, [...(out.get(key) ?? []), trigger]);
  };
  // integrations attached with addMethod: their method and resource path
  const routes = new Map<ts.Node, { method?: string; path?: string }>();
  const visitRoutes = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const [method, integration] = node.arguments;
      if (node.expression.name.text === 'addMethod' && method && integration && ts.isStringLiteralLike(method)) {
        const path = resourcePath(node.expression.expression, sf, init);
        routes.set(init(integration), { method: method.text, ...(path === undefined ? {} : { path: path || '/' }) });
      }
    }
    ts.forEachChild(node, visitRoutes);
  };
  visitRoutes(sf);
  const visit = (node: ts.Node): void => {
    // fn.addEventSource(new SqsEventSource(queue)), or of a source held in a variable
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'addEventSource' &&
      node.arguments[0]
    ) {
      const source = init(node.arguments[0]);
      const kind = ts.isNewExpression(source) ? eventSources[lastName(source.expression, sf)] : undefined;
      const of = ts.isNewExpression(source) ? source.arguments?.[0] : undefined;
      if (kind) add(node.expression.expression, { kind, ...(of && ts.isIdentifier(of) ? { resource: of.text } : {}) });
    }
    if (ts.isNewExpression(node)) {
      const name = lastName(node.expression, sf);
      const args = node.arguments ?? [];
      if (name === 'LambdaRestApi') {
        const props = args[2] && ts.isObjectLiteralExpression(args[2]) ? args[2] : undefined;
        add(prop(props, 'handler', sf), { kind: 'api' });
      } else if (name === 'LambdaIntegration' && !isNonProxy(args[1], sf)) {
        add(args[0], { kind: 'api', ...routes.get(node) });
      } else if (name === 'HttpLambdaIntegration') add(args[1], { kind: 'httpApi' });
      else if (name === 'LambdaDestination') add(args[0], { kind: 's3' });
      else if (name === 'LambdaSubscription') add(args[0], { kind: 'sns' });
      else if (name === 'LambdaFunction' && args[0]) {
        const rule = ruleOf(node, sf, init);
        add(args[0], rule ? ruleTrigger(rule, sf) : { kind: 'eventBridge' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function prop(obj: ts.ObjectLiteralExpression | undefined, name: string, sf: ts.SourceFile): ts.Expression | undefined {
  const p = obj?.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(sf) === name);
  if (p && ts.isPropertyAssignment(p)) return p.initializer;
  const short = obj?.properties.find((p) => ts.isShorthandPropertyAssignment(p) && p.name.text === name);
  return short && ts.isShorthandPropertyAssignment(short) ? short.name : undefined;
}

/** `new LambdaIntegration(fn, { proxy: false })` sends what its mapping template makes, not the proxy event. */
function isNonProxy(options: ts.Expression | undefined, sf: ts.SourceFile): boolean {
  const proxy = options && ts.isObjectLiteralExpression(options) ? prop(options, 'proxy', sf) : undefined;
  return proxy !== undefined && proxy.kind === ts.SyntaxKind.FalseKeyword;
}

/** `api.root.addResource('items').addResource('{id}')` → `/items/{id}`; undefined when not written out. */
function resourcePath(
  expr: ts.Expression,
  sf: ts.SourceFile,
  init: (e: ts.Expression) => ts.Expression,
  depth = 0,
): string | undefined {
  if (depth > 20) return undefined;
  const e = init(expr);
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'root') return '';
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const [arg] = e.arguments;
    if (!arg || !ts.isStringLiteralLike(arg)) return undefined;
    if (e.expression.name.text === 'resourceForPath') return arg.text.replace(/\/$/, '');
    if (e.expression.name.text !== 'addResource') return undefined;
    const parent = resourcePath(e.expression.expression, sf, init, depth + 1);
    return parent === undefined ? undefined : `${parent}/${arg.text}`;
  }
  return undefined;
}

/** The `new Rule(…)` a `new LambdaFunction(fn)` target belongs to: `rule.addTarget(…)` or `targets: […]`. */
function ruleOf(
  node: ts.NewExpression,
  sf: ts.SourceFile,
  init: (e: ts.Expression) => ts.Expression,
): ts.NewExpression | undefined {
  const parent = node.parent;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression)) {
    const rule = init(parent.expression.expression);
    return parent.expression.name.text === 'addTarget' && ts.isNewExpression(rule) ? rule : undefined;
  }
  const list = ts.isArrayLiteralExpression(parent) ? parent.parent : undefined;
  const props = list && ts.isPropertyAssignment(list) ? list.parent : undefined;
  const rule = props?.parent;
  return rule && ts.isNewExpression(rule) ? rule : undefined;
}

function ruleTrigger(rule: ts.NewExpression, sf: ts.SourceFile): LambdaTrigger {
  const props = rule.arguments?.[2];
  const obj = props && ts.isObjectLiteralExpression(props) ? props : undefined;
  const schedule = prop(obj, 'schedule', sf);
  if (schedule) {
    // Schedule.expression('cron(…)') / Schedule.cron({…}) / Schedule.rate(Duration.minutes(5))
    const arg = ts.isCallExpression(schedule) ? schedule.arguments[0] : undefined;
    return arg && ts.isStringLiteralLike(arg) ? { kind: 'schedule', schedule: arg.text } : { kind: 'schedule' };
  }
  const trigger: LambdaTrigger = { kind: 'eventBridge' };
  const pattern = prop(obj, 'eventPattern', sf);
  const patternObj = pattern && ts.isObjectLiteralExpression(pattern) ? pattern : undefined;
  const first = (name: string) => {
    const list = prop(patternObj, name, sf);
    const item = list && ts.isArrayLiteralExpression(list) ? list.elements[0] : undefined;
    return item && ts.isStringLiteralLike(item) ? item.text : undefined;
  };
  const source = first('source');
  const detailType = first('detailType');
  if (source) trigger.source = source;
  if (detailType) trigger.detailType = detailType;
  return trigger;
}
