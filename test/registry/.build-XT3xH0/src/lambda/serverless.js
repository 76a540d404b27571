// Functions of Serverless Framework services of AWS (`provider.name: aws`, or no other provider
// named: ../codemods/providers.ts decides); other providers (azure, google, aliyun, …) do not
// deploy Lambda functions
// (https://www.serverless.com/framework/docs/providers/aws/guide/functions).
import { posix } from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import { resolveHandler } from './handler-files.js';
import { otherProviders } from '../codemods/providers.js';
import { declaredArchitecture, declaredEnvironment, declaredMemorySize, isIgnoredPath, lineAt, } from './functions.js';
import { serverlessTriggers } from './triggers.js';
import { isRecord, nodeAt, parseYaml, plain, startOf, str } from './yaml-values.js';
export function isServerlessFile(path) {
    return /(^|\/)serverless(\.[\w-]+)?\.ya?ml$/i.test(path) && !isIgnoredPath(path);
}
/** A value written literally; `${self:…}` and other variables are not resolved. */
function literal(value) {
    const s = str(value);
    return s === undefined || s.includes('${') ? undefined : s;
}
export function serverlessFunctions(repo) {
    const files = new Set(repo.files);
    const out = [];
    for (const path of repo.files) {
        // Another provider's service (azure, google, …, or one named through a variable atx does not resolve).
        if (!isServerlessFile(path) || otherProviders(repo).serviceOf(path))
            continue;
        const text = repo.read(path);
        const doc = parseYaml(text);
        if (!doc)
            continue;
        const provider = plain(doc, nodeAt(doc.contents, ['provider']));
        const dir = posix.dirname(path);
        const service = plain(doc, nodeAt(doc.contents, ['package']));
        const prebuilt = isRecord(service) && service.artifact !== undefined;
        const declared = plain(doc, nodeAt(doc.contents, ['resources', 'Resources']));
        const resources = isRecord(declared) ? declared : {};
        const functions = nodeAt(doc.contents, ['functions']);
        // `functions:` is a map, or a list of maps (often from `${file(…)}`, which is not followed).
        const pairs = isMap(functions)
            ? functions.items
            : isSeq(functions)
                ? functions.items.flatMap((item) => (isMap(item) ? item.items : []))
                : [];
        for (const pair of pairs) {
            if (!isScalar(pair.key))
                continue;
            const props = plain(doc, pair.value);
            if (!isRecord(props))
                continue;
            const fn = {
                name: String(pair.key.value),
                source: 'serverless',
                file: path,
                line: lineAt(text, startOf(pair)),
                layers: [],
            };
            const runtime = literal(props.runtime ?? (isRecord(provider) ? provider.runtime : undefined));
            if (runtime)
                fn.runtime = runtime;
            // `${self:custom.memory}` and other variables are neither an architecture nor a number: not read
            const architecture = declaredArchitecture(props.architecture ?? (isRecord(provider) ? provider.architecture : undefined));
            if (architecture)
                fn.architecture = architecture;
            const memorySize = declaredMemorySize(props.memorySize ?? (isRecord(provider) ? provider.memorySize : undefined));
            if (memorySize)
                fn.memorySize = memorySize;
            const handler = literal(props.handler);
            if (handler)
                fn.handler = handler;
            const environment = declaredEnvironment(isRecord(provider) ? provider.environment : undefined, props.environment);
            if (environment)
                fn.environment = environment;
            const layers = Array.isArray(props.layers)
                ? props.layers
                : isRecord(provider) && Array.isArray(provider.layers)
                    ? provider.layers
                    : [];
            fn.layers = layers.map((layer) => ({ name: typeof layer === 'string' ? layer : JSON.stringify(layer) }));
            const triggers = serverlessTriggers(props.events, resources);
            if (triggers.length)
                fn.triggers = triggers;
            const own = isRecord(props.package) && props.package.artifact !== undefined;
            if (props.image === undefined && !prebuilt && !own) {
                fn.codeRoot = dir;
                const target = handler ? resolveHandler(files, dir, handler) : undefined;
                if (target)
                    [fn.handlerFile, fn.exportName] = [target.file, target.exportName];
            }
            out.push(fn);
        }
    }
    return out;
}
