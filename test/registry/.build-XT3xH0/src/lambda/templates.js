// Functions of SAM and CloudFormation templates, YAML or JSON, whatever their file name
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html).
import { posix } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { resolveHandler } from './handler-files.js';
import { declaredArchitecture, declaredEnvironment, declaredMemorySize, insideRepo, isIgnoredPath, lineAt, } from './functions.js';
import { mappingTriggers, samTriggers } from './triggers.js';
import { isRecord, nodeAt, parseYaml, plain, startOf, str } from './yaml-values.js';
const functionTypes = {
    'AWS::Serverless::Function': 'sam',
    'AWS::Lambda::Function': 'cloudformation',
};
/** A template that may declare functions: judged by its text, since templates have any name. */
export function isTemplateCandidate(path, text) {
    return (/\.(ya?ml|json|template)$/i.test(path) &&
        !/(^|\/)serverless(\.[\w-]+)?\.ya?ml$/i.test(path) &&
        !isIgnoredPath(path) &&
        /AWS::(Serverless|Lambda)::Function/.test(text));
}
export function templateFunctions(repo) {
    const files = new Set(repo.files);
    const out = [];
    for (const path of repo.files) {
        if (!/\.(ya?ml|json|template)$/i.test(path))
            continue;
        const text = repo.read(path);
        if (!isTemplateCandidate(path, text))
            continue;
        const doc = parseYaml(text);
        if (doc)
            out.push(...functionsOf(doc, path, text, files));
    }
    return out;
}
function functionsOf(doc, path, text, files) {
    const resources = nodeAt(doc.contents, ['Resources']);
    const pairs = isMap(resources) ? resources.items.filter((p) => isScalar(p.key)) : [];
    const parameters = plain(doc, nodeAt(doc.contents, ['Parameters']));
    const all = plain(doc, resources);
    const t = {
        doc,
        path,
        text,
        files,
        parameters: isRecord(parameters) ? parameters : {},
        layers: new Map(),
        resources: isRecord(all) ? all : {},
    };
    const dir = posix.dirname(path);
    // Layers declared here from a local folder: what they put beside the function can be read.
    for (const pair of pairs) {
        const resource = plain(doc, pair.value);
        if (!isRecord(resource) || !isRecord(resource.Properties))
            continue;
        const content = resource.Type === 'AWS::Serverless::LayerVersion'
            ? resource.Properties.ContentUri
            : resource.Type === 'AWS::Lambda::LayerVersion'
                ? resource.Properties.Content
                : undefined;
        const root = str(content) === undefined ? undefined : insideRepo(dir, str(content));
        if (root)
            t.layers.set(String(pair.key.value), root);
    }
    const globals = plain(doc, nodeAt(doc.contents, ['Globals', 'Function']));
    const out = [];
    for (const pair of pairs) {
        const resource = plain(doc, pair.value);
        const source = isRecord(resource) ? functionTypes[String(resource.Type)] : undefined;
        if (!source || !isRecord(resource))
            continue;
        const props = isRecord(resource.Properties) ? resource.Properties : {};
        const shared = source === 'sam' && isRecord(globals) ? globals : {};
        out.push(functionOf(t, String(pair.key.value), startOf(pair), source, resource, props, shared, pair));
    }
    return out;
}
function functionOf(t, name, at, source, resource, props, globals, pair) {
    const dir = posix.dirname(t.path);
    const fn = { name, source, file: t.path, line: lineAt(t.text, at), layers: [] };
    const runtime = resolved(t, props.Runtime ?? globals.Runtime);
    if (typeof runtime === 'string')
        fn.runtime = runtime;
    const architecture = declaredArchitecture(resolved(t, props.Architectures ?? globals.Architectures));
    if (architecture)
        fn.architecture = architecture;
    const memorySize = declaredMemorySize(resolved(t, props.MemorySize ?? globals.MemorySize));
    if (memorySize)
        fn.memorySize = memorySize;
    const handler = resolved(t, props.Handler ?? globals.Handler);
    if (typeof handler === 'string')
        fn.handler = handler;
    const variables = (env) => (isRecord(env) && isRecord(env.Variables) ? env.Variables : undefined);
    // A parameter's default where it has one; any other reference stays as written.
    const value = (v) => resolved(t, v) ?? v;
    const environment = declaredEnvironment(mapValues(variables(globals.Environment), value), mapValues(variables(props.Environment), value));
    if (environment)
        fn.environment = environment;
    fn.layers = [...asList(globals.Layers), ...asList(props.Layers)].map((layer) => layerOf(t, layer));
    const triggers = [
        ...(source === 'sam' ? samTriggers(props.Events, t.resources) : []),
        ...mappingTriggers(name, t.resources),
    ];
    if (triggers.length)
        fn.triggers = triggers;
    const image = (props.PackageType ?? globals.PackageType) === 'Image';
    if (image)
        return fn;
    const inlineKey = source === 'sam' ? ['Properties', 'InlineCode'] : ['Properties', 'Code', 'ZipFile'];
    const inlineNode = nodeAt(pair.value, inlineKey);
    if (inlineNode !== undefined) {
        const inline = inlineOf(t, inlineNode);
        if (inline)
            fn.inline = inline;
        return fn;
    }
    const code = source === 'sam' ? (props.CodeUri ?? globals.CodeUri ?? '.') : props.Code;
    const codePath = str(resolved(t, code));
    // A packaged zip or jar is built elsewhere: its code is not the repository's to read.
    if (codePath !== undefined && !/\.(zip|jar)$/i.test(codePath))
        fn.codeRoot = insideRepo(dir, codePath);
    if (fn.codeRoot && fn.handler) {
        const target = handlerTarget(t, fn.codeRoot, fn.handler, resource);
        if (target)
            [fn.handlerFile, fn.exportName] = [target.file, target.exportName];
    }
    if (isRecord(resource.Metadata) && resource.Metadata.BuildMethod === 'esbuild') {
        const props = isRecord(resource.Metadata.BuildProperties) ? resource.Metadata.BuildProperties : {};
        fn.bundler = Array.isArray(props.External)
            ? { externals: props.External.filter((e) => typeof e === 'string') }
            : {};
    }
    return fn;
}
/** esbuild-built SAM functions name their sources in `Metadata.BuildProperties.EntryPoints`; the handler names the bundle. */
function handlerTarget(t, codeRoot, handler, resource) {
    const direct = resolveHandler(t.files, codeRoot, handler);
    if (direct)
        return direct;
    const entries = isRecord(resource.Metadata) && isRecord(resource.Metadata.BuildProperties)
        ? resource.Metadata.BuildProperties.EntryPoints
        : undefined;
    const exportName = handler.slice(handler.lastIndexOf('.') + 1);
    for (const entry of Array.isArray(entries) ? entries : []) {
        if (typeof entry !== 'string')
            continue;
        const found = resolveHandler(t.files, codeRoot, `${entry.replace(/\.[mc]?[jt]s$/, '')}.${exportName}`);
        if (found)
            return found;
    }
    return undefined;
}
/** `!Ref Param` → the parameter's default, when it has one; other values as they are. */
function resolved(t, value) {
    if (isRecord(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
        const param = t.parameters[value.Ref];
        return isRecord(param) ? param.Default : undefined;
    }
    return value;
}
function mapValues(record, fn) {
    return record && Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}
function asList(value) {
    return Array.isArray(value) ? value : [];
}
function layerOf(t, layer) {
    if (typeof layer === 'string')
        return { name: layer };
    const ref = isRecord(layer) ? str(layer.Ref) : undefined;
    if (ref !== undefined)
        return { name: ref, ...(t.layers.has(ref) ? { contentRoot: t.layers.get(ref) } : {}) };
    return { name: JSON.stringify(layer) };
}
/** `InlineCode: |` / `ZipFile: !Sub |` / `ZipFile: !Join ['', [...]]` / a JSON string: the code, and where it starts. */
function inlineOf(t, node) {
    const value = plain(t.doc, node);
    const line = lineAt(t.text, startOf(node));
    const scalar = isScalar(node) ? node : undefined;
    const block = scalar?.type === 'BLOCK_LITERAL' || scalar?.type === 'BLOCK_FOLDED';
    const text = codeText(value);
    if (text === undefined)
        return undefined;
    // A block scalar's text starts on the line after its `|`; a one-line string is its own line.
    const exact = scalar !== undefined && (scalar.type === 'BLOCK_LITERAL' || !text.includes('\n'));
    return { text, file: t.path, line: block ? line + 1 : line, exact };
}
function codeText(value) {
    if (typeof value === 'string')
        return value;
    if (!isRecord(value))
        return undefined;
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string')
        return sub;
    if (Array.isArray(sub) && typeof sub[0] === 'string')
        return sub[0];
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
        return join[1].map((part) => (typeof part === 'string' ? part : '')).join(join[0]);
    }
    return undefined;
}
