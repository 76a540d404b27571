const sourceKinds = {
    aws_sqs_queue: 'sqs',
    aws_dynamodb_table: 'dynamodb',
    aws_kinesis_stream: 'kinesis',
};
function literal(value) {
    return value === undefined ? undefined : /^"([^"$]*)"$/.exec(value)?.[1];
}
/** `aws_sqs_queue.orders.arn` → the block it references. */
function referenced(all, value) {
    const match = value === undefined ? null : /^([a-z0-9_]+)\.([\w-]+)\.\w+$/.exec(value.trim());
    if (!match)
        return undefined;
    return all.find((b) => b.kind === 'resource' && b.labels[0] === match[1] && b.labels[1] === match[2]);
}
/** A referenced resource's name: its literal `name` (or `bucket`), else its Terraform name. */
function nameOf(block) {
    if (!block)
        return undefined;
    return literal(block.attrs.get('name')) ?? literal(block.attrs.get('bucket')) ?? block.labels[1];
}
/** Triggers of the function Terraform refers to as `ref` (`aws_lambda_function.api`, `module.api`). */
export function terraformTriggers(all, ref) {
    const escaped = ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const names = new RegExp(`^${escaped}\\.\\w+$`);
    const isFn = (value) => value !== undefined && names.test(value.trim());
    const out = [];
    for (const b of all) {
        if (b.kind !== 'resource')
            continue;
        const a = (name) => b.attrs.get(name);
        switch (b.labels[0]) {
            case 'aws_lambda_event_source_mapping': {
                if (!isFn(a('function_name')))
                    break;
                const source = referenced(all, a('event_source_arn'));
                const kind = source ? sourceKinds[source.labels[0]] : undefined;
                const name = nameOf(source);
                if (kind)
                    out.push({ kind, ...(name ? { resource: name } : {}) });
                break;
            }
            case 'aws_api_gateway_integration': {
                if (!isFn(a('uri')) || literal(a('type')) !== 'AWS_PROXY')
                    break;
                // http_method is often the method resource's: aws_api_gateway_method.get.http_method
                const method = literal(a('http_method')) ?? literal(referenced(all, a('http_method'))?.attrs.get('http_method'));
                out.push({ kind: 'api', ...(method ? { method: method === 'ANY' ? 'ANY' : method.toUpperCase() } : {}) });
                break;
            }
            case 'aws_apigatewayv2_integration': {
                if (!isFn(a('integration_uri')))
                    break;
                const api = referenced(all, a('api_id'));
                // a WebSocket API's events are of another shape
                if (literal(api?.attrs.get('protocol_type')) !== 'HTTP')
                    break;
                out.push({ kind: 'httpApi' });
                break;
            }
            case 'aws_cloudwatch_event_target': {
                if (!isFn(a('arn')))
                    break;
                const rule = referenced(all, a('rule'));
                const schedule = literal(rule?.attrs.get('schedule_expression'));
                out.push(schedule ? { kind: 'schedule', schedule } : { kind: 'eventBridge' });
                break;
            }
            case 'aws_sns_topic_subscription': {
                if (!isFn(a('endpoint')) || literal(a('protocol')) !== 'lambda')
                    break;
                const topic = nameOf(referenced(all, a('topic_arn')));
                out.push({ kind: 'sns', ...(topic ? { resource: topic } : {}) });
                break;
            }
            case 'aws_s3_bucket_notification': {
                // nested `lambda_function { lambda_function_arn = …, events = [...], filter_prefix = … }` blocks
                for (const nested of b.body.matchAll(/lambda_function\s*\{([^{}]*)\}/g)) {
                    const arn = /lambda_function_arn\s*=\s*([^\s]+)/.exec(nested[1])?.[1];
                    if (!isFn(arn))
                        continue;
                    const bucket = nameOf(referenced(all, a('bucket')));
                    const t = { kind: 's3', ...(bucket ? { resource: bucket } : {}) };
                    const events = /events\s*=\s*\[([^\]]*)\]/.exec(nested[1])?.[1];
                    const types = [...(events ?? '').matchAll(/"([^"$]+)"/g)].map((m) => m[1]);
                    if (types.length)
                        t.s3Events = types;
                    const prefix = /filter_prefix\s*=\s*"([^"$]*)"/.exec(nested[1])?.[1];
                    const suffix = /filter_suffix\s*=\s*"([^"$]*)"/.exec(nested[1])?.[1];
                    if (prefix)
                        t.keyPrefix = prefix;
                    if (suffix)
                        t.keySuffix = suffix;
                    out.push(t);
                }
                break;
            }
        }
    }
    return out;
}
