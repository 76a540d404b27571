// What invokes a function, as its declaration says: SAM `Events:`
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html),
// CloudFormation `AWS::Lambda::EventSourceMapping`, and Serverless `events:`
// (https://www.serverless.com/framework/docs/providers/aws/events). Only what is written as a
// value is kept (a path, a queue's name); an intrinsic or a variable leaves that detail out.
import { isRecord, str } from './yaml-values.js';
const nameProperties = ['QueueName', 'TopicName', 'BucketName', 'TableName', 'Name', 'StreamName'];
/** `!Ref X`, `!GetAtt X.Arn`, `{ Fn::GetAtt: [X, Arn] }`, an ARN or a plain name → the resource's name, if written. */
export function resourceName(value, resources = {}) {
    let id;
    if (typeof value === 'string') {
        if (value.includes('${'))
            return undefined;
        // arn:aws:sqs:region:account:name, arn:aws:dynamodb:…:table/Name/stream/…, arn:aws:s3:::bucket
        if (value.startsWith('arn:')) {
            const last = value.split(':').slice(5).join(':');
            const table = /^table\/([^/]+)/.exec(last) ?? /^stream\/([^/]+)/.exec(last);
            return table ? table[1] : last || undefined;
        }
        return value;
    }
    if (!isRecord(value))
        return undefined;
    const ref = str(value.Ref);
    const att = value['Fn::GetAtt'];
    if (ref)
        id = ref;
    else if (Array.isArray(att) && typeof att[0] === 'string')
        id = att[0];
    else if (typeof att === 'string')
        id = att.split('.')[0];
    if (!id)
        return undefined;
    const resource = resources[id];
    const props = isRecord(resource) && isRecord(resource.Properties) ? resource.Properties : {};
    for (const key of nameProperties) {
        const name = str(props[key]);
        if (name && !name.includes('${'))
            return name;
    }
    return id;
}
function first(value) {
    if (Array.isArray(value))
        return str(value[0]);
    return str(value);
}
function patternOf(trigger, pattern) {
    if (!isRecord(pattern))
        return;
    const source = first(pattern.source);
    const detailType = first(pattern['detail-type']);
    if (source)
        trigger.source = source;
    if (detailType)
        trigger.detailType = detailType;
}
function route(trigger, path, method) {
    const p = str(path);
    const m = str(method);
    if (p && !p.includes('${'))
        trigger.path = p;
    if (m)
        trigger.method = m === '*' || m.toLowerCase() === 'any' ? 'ANY' : m.toUpperCase();
    return trigger;
}
function s3Filter(trigger, rules) {
    for (const rule of Array.isArray(rules) ? rules : []) {
        if (!isRecord(rule))
            continue;
        // SAM: { Name: prefix, Value: x }; Serverless: { prefix: x }
        const name = str(rule.Name)?.toLowerCase();
        const value = str(rule.Value);
        if (name === 'prefix' && value)
            trigger.keyPrefix = value;
        if (name === 'suffix' && value)
            trigger.keySuffix = value;
        if (str(rule.prefix))
            trigger.keyPrefix = str(rule.prefix);
        if (str(rule.suffix))
            trigger.keySuffix = str(rule.suffix);
    }
}
function withResource(trigger, value, resources) {
    const name = resourceName(value, resources);
    if (name)
        trigger.resource = name;
    return trigger;
}
/** A SAM function's `Events:` map. */
export function samTriggers(events, resources) {
    if (!isRecord(events))
        return [];
    const out = [];
    for (const [name, event] of Object.entries(events)) {
        if (!isRecord(event))
            continue;
        const p = isRecord(event.Properties) ? event.Properties : {};
        const base = { name };
        switch (event.Type) {
            case 'Api':
                out.push(route({ ...base, kind: 'api' }, p.Path, p.Method));
                break;
            case 'HttpApi':
                out.push(route({ ...base, kind: 'httpApi' }, p.Path, p.Method));
                break;
            case 'SQS':
                out.push(withResource({ ...base, kind: 'sqs' }, p.Queue, resources));
                break;
            case 'SNS':
                out.push(withResource({ ...base, kind: 'sns' }, p.Topic, resources));
                break;
            case 'S3': {
                const t = withResource({ ...base, kind: 's3' }, p.Bucket, resources);
                const types = (Array.isArray(p.Events) ? p.Events : [p.Events]).filter((e) => typeof e === 'string');
                if (types.length)
                    t.s3Events = types;
                s3Filter(t, isRecord(p.Filter) && isRecord(p.Filter.S3Key) ? p.Filter.S3Key.Rules : undefined);
                out.push(t);
                break;
            }
            case 'DynamoDB':
                out.push(withResource({ ...base, kind: 'dynamodb' }, p.Stream, resources));
                break;
            case 'Kinesis':
                out.push(withResource({ ...base, kind: 'kinesis' }, p.Stream, resources));
                break;
            case 'EventBridgeRule':
            case 'CloudWatchEvent': {
                const t = { ...base, kind: 'eventBridge' };
                patternOf(t, p.Pattern);
                out.push(t);
                break;
            }
            case 'Schedule':
            case 'ScheduleV2': {
                const t = { ...base, kind: 'schedule' };
                const schedule = str(p.Schedule) ?? str(p.ScheduleExpression);
                if (schedule)
                    t.schedule = schedule;
                out.push(t);
                break;
            }
        }
    }
    return out;
}
/** `AWS::Lambda::EventSourceMapping`s of a template whose `FunctionName` names the function `id`. */
export function mappingTriggers(id, resources) {
    const out = [];
    for (const [name, resource] of Object.entries(resources)) {
        if (!isRecord(resource) || resource.Type !== 'AWS::Lambda::EventSourceMapping')
            continue;
        const p = isRecord(resource.Properties) ? resource.Properties : {};
        if (resourceId(p.FunctionName) !== id)
            continue;
        const kind = sourceKind(p.EventSourceArn, resources);
        if (kind)
            out.push(withResource({ name, kind }, p.EventSourceArn, resources));
    }
    return out;
}
function resourceId(value) {
    if (!isRecord(value))
        return undefined;
    const att = value['Fn::GetAtt'];
    return str(value.Ref) ?? (Array.isArray(att) ? str(att[0]) : str(att)?.split('.')[0]);
}
const sourceTypes = {
    'AWS::SQS::Queue': 'sqs',
    'AWS::DynamoDB::Table': 'dynamodb',
    'AWS::Kinesis::Stream': 'kinesis',
};
/** The kind of an event source: from the resource it names, or from its ARN. */
function sourceKind(value, resources) {
    const id = resourceId(value);
    const resource = id ? resources[id] : undefined;
    if (isRecord(resource))
        return sourceTypes[String(resource.Type)];
    const arn = str(value) ?? '';
    if (/^arn:[\w-]+:sqs:/.test(arn))
        return 'sqs';
    if (/^arn:[\w-]+:dynamodb:/.test(arn))
        return 'dynamodb';
    if (/^arn:[\w-]+:kinesis:/.test(arn))
        return 'kinesis';
    return undefined;
}
/** A Serverless function's `events:` list. */
export function serverlessTriggers(events, resources) {
    const out = [];
    for (const event of Array.isArray(events) ? events : []) {
        if (!isRecord(event))
            continue;
        const [type, value] = Object.entries(event)[0] ?? [];
        const v = isRecord(value) ? value : {};
        switch (type) {
            case 'http':
            case 'httpApi': {
                const kind = type === 'http' ? 'api' : 'httpApi';
                // `GET users/{id}`, `*`, or { method, path }
                const spaced = typeof value === 'string' ? /^(\S+)\s+(\S+)$/.exec(value.trim()) : null;
                if (spaced)
                    out.push(route({ kind }, spaced[2].startsWith('/') ? spaced[2] : `/${spaced[2]}`, spaced[1]));
                else if (value === '*')
                    out.push(route({ kind }, undefined, '*'));
                else {
                    const path = str(v.path);
                    out.push(route({ kind }, path && !path.startsWith('/') ? `/${path}` : path, v.method));
                }
                break;
            }
            case 'sqs':
                out.push(withResource({ kind: 'sqs' }, isRecord(value) ? (v.arn ?? v.queueName) : value, resources));
                break;
            case 'sns':
                out.push(withResource({ kind: 'sns' }, isRecord(value) ? (v.topicName ?? v.arn) : value, resources));
                break;
            case 's3': {
                const t = withResource({ kind: 's3' }, isRecord(value) ? v.bucket : value, resources);
                if (typeof v.event === 'string')
                    t.s3Events = [v.event];
                s3Filter(t, v.rules);
                out.push(t);
                break;
            }
            case 'stream': {
                const arn = isRecord(value) ? v.arn : value;
                const declared = str(v.type);
                const kind = declared === 'dynamodb' || declared === 'kinesis'
                    ? declared
                    : (sourceKind(arn, resources) ??
                        (isRecord(arn) && Array.isArray(arn['Fn::GetAtt']) && arn['Fn::GetAtt'][1] === 'StreamArn'
                            ? 'dynamodb'
                            : undefined));
                if (kind)
                    out.push(withResource({ kind }, arn, resources));
                break;
            }
            case 'eventBridge': {
                const schedule = str(v.schedule);
                if (schedule)
                    out.push({ kind: 'schedule', schedule });
                else {
                    const t = { kind: 'eventBridge' };
                    patternOf(t, v.pattern);
                    out.push(t);
                }
                break;
            }
            case 'cloudwatchEvent': {
                const t = { kind: 'eventBridge' };
                patternOf(t, v.event);
                out.push(t);
                break;
            }
            case 'schedule': {
                const rate = isRecord(value) ? (Array.isArray(v.rate) ? str(v.rate[0]) : str(v.rate)) : str(value);
                out.push(rate ? { kind: 'schedule', schedule: rate } : { kind: 'schedule' });
                break;
            }
        }
    }
    return out;
}
