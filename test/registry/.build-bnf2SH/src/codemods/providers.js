// Services of a repository that do not deploy to AWS: Serverless Framework services of another
// provider (https://www.serverless.com/framework/docs/providers), Azure Functions apps, Google
// Cloud Functions and Firebase, Cloudflare Workers. A Lambda runtime (`nodejs24.x`) or an async
// Lambda handler would break them, so the Node.js codemods leave their folders alone.
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { isAlias, isMap, isScalar, parseDocument } from 'yaml';
const serverlessName = /^serverless(\.[\w-]+)?\.(ya?ml|json|[cm]?[jt]s)$/i;
const awsMarkerName = /^(template\.(ya?ml|json)|.+\.template(\.(ya?ml|json))?|cdk\.json|samconfig\.toml)$/i;
const otherMarkerName = /^(host\.json|function\.json|package\.json|firebase\.json|wrangler\.(toml|jsonc?))$/i;
/** Modules only code of another platform loads: a file that does is theirs wherever it lies. */
const otherModules = [
    ['@google-cloud/functions-framework', 'google', 'Google Cloud Functions (@google-cloud/functions-framework)'],
    ['firebase-functions', 'google', 'Firebase Cloud Functions (firebase-functions)'],
    ['@azure/functions', 'azure', 'Azure Functions (@azure/functions)'],
];
const loadsOtherModule = /(?:require\s*\(\s*|from\s*|import\s*\(\s*|import\s+)['"`](@google-cloud\/functions-framework|firebase-functions|@azure\/functions)(?:\/[^'"`]*)?['"`]/;
const codeName = /\.[cm]?[jt]sx?$/;
const cache = new WeakMap();
// TypeScript only for a serverless.ts or serverless.js: the exit criteria look for providers
// too, in a process that may not have loaded it.
let typescript;
function loadTypeScript() {
    typescript ??= createRequire(import.meta.url)('@ts-morph/common/dist/typescript.js');
    return typescript;
}
/** The services of other providers in `repo`, found once per view. */
export function otherProviders(repo) {
    let map = cache.get(repo);
    if (!map)
        cache.set(repo, (map = findOtherProviders(repo)));
    return map;
}
/**
 * Whether the Node.js codemods leave `path` alone: it lies in a service of another provider (or
 * of one atx cannot tell), or it is code that loads a module of another platform.
 */
export function isOtherProvider(repo, path) {
    if (otherProviders(repo).serviceOf(path))
        return true;
    return codeName.test(path) && otherModuleOf(repo.read(path)) !== undefined;
}
/** The platform whose functions module `text` loads (`@azure/functions`, …), with a reason. */
export function otherModuleOf(text) {
    // Every such module's name holds "functions": most files are ruled out without the regex.
    const found = text.includes('functions') ? loadsOtherModule.exec(text)?.[1] : undefined;
    if (!found)
        return undefined;
    const [, provider, reason] = otherModules.find(([module]) => module === found);
    return { provider, reason };
}
function findOtherProviders(repo) {
    const parsed = new Map();
    const providerOf = (file) => {
        if (!parsed.has(file))
            parsed.set(file, serverlessProvider(file, repo.read(file)));
        return parsed.get(file);
    };
    const others = new Map();
    for (const file of repo.files) {
        const base = posix.basename(file);
        if (!serverlessName.test(base) && !otherMarkerName.test(base))
            continue;
        const service = otherClaim(repo, file, base, providerOf);
        // In one folder a serverless config says more than a host.json; otherwise the first claim stays.
        if (service && (!others.has(service.folder) || serverlessName.test(base)))
            others.set(service.folder, service);
    }
    if (others.size === 0)
        return { services: [], serviceOf: () => undefined };
    const claims = new Map([...others].map(([folder, service]) => [folder, { aws: false, service }]));
    // A folder that also deploys to AWS (its own template or an AWS serverless.yml) stays AWS: a
    // nested AWS service inside another provider's folder is converted like any other.
    for (const file of repo.files) {
        const base = posix.basename(file);
        const aws = serverlessName.test(base)
            ? providerOf(file)?.name === 'aws'
            : awsMarkerName.test(base) && isAwsMarker(repo, file, base);
        if (aws)
            claims.set(folderOf(file), { aws: true });
    }
    const byFolder = new Map();
    const lookup = (folder) => {
        if (byFolder.has(folder))
            return byFolder.get(folder);
        const claim = claims.get(folder);
        const found = claim
            ? claim.aws
                ? undefined
                : claim.service
            : folder === ''
                ? undefined
                : lookup(folderOf(folder));
        byFolder.set(folder, found);
        return found;
    };
    // A function.json inside its host.json's app is the same service: one entry, the outer one.
    const services = [...claims.values()]
        .flatMap((claim) => (claim.aws ? [] : [claim.service]))
        .filter((service) => {
        const outer = service.folder === '' ? undefined : lookup(folderOf(service.folder));
        return !outer || outer.provider !== service.provider;
    })
        .sort((a, b) => a.folder.localeCompare(b.folder));
    return { services, serviceOf: (path) => lookup(folderOf(path)) };
}
function folderOf(path) {
    const slash = path.lastIndexOf('/');
    return slash === -1 ? '' : path.slice(0, slash);
}
function isAwsMarker(repo, file, base) {
    if (/^(cdk\.json|samconfig\.toml)$/i.test(base))
        return true;
    return /AWSTemplateFormatVersion|AWS::(Serverless|Lambda)::/.test(repo.read(file));
}
function otherClaim(repo, file, base, providerOf) {
    const folder = folderOf(file);
    const at = (line, provider, reason) => ({
        folder,
        provider,
        file,
        line,
        reason,
    });
    if (serverlessName.test(base)) {
        const found = providerOf(file);
        if (!found || found.name === 'aws')
            return undefined;
        return found.name !== undefined
            ? at(found.line, found.name, `${base} provider.name: ${found.name}`)
            : at(found.line, undefined, `${base} names its provider through a variable (${found.written}), which atx does not resolve`);
    }
    const lower = base.toLowerCase();
    if (lower.startsWith('wrangler.'))
        return at(1, 'cloudflare', `Cloudflare Workers (${base})`);
    const text = repo.read(file);
    if (lower === 'host.json') {
        return /"version"\s*:\s*"[12]\.0"|"extensionBundle"|"functionTimeout"|Microsoft\.Azure/.test(text)
            ? at(1, 'azure', 'Azure Functions app (host.json)')
            : undefined;
    }
    if (lower === 'function.json')
        return /"bindings"\s*:/.test(text) ? at(1, 'azure', 'Azure Functions function (function.json)') : undefined;
    if (lower === 'firebase.json')
        return firebaseFunctions(file, text);
    if (!/@google-cloud\/functions-framework|firebase-functions|@azure\/functions/.test(text))
        return undefined;
    const dependency = packageDependency(text);
    return dependency
        ? at(lineOf(text, text.indexOf(`"${dependency.module}"`)), dependency.provider, `${dependency.reason} in package.json`)
        : undefined;
}
function packageDependency(text) {
    let pkg;
    try {
        pkg = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!isRecord(pkg))
        return undefined;
    const names = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((key) => isRecord(pkg[key]) ? Object.keys(pkg[key]) : []);
    for (const [module, provider, reason] of otherModules) {
        if (names.includes(module))
            return { module, provider, reason };
    }
    return undefined;
}
/** firebase.json's `functions.source` (default `functions`): that folder is Google's. */
function firebaseFunctions(file, text) {
    let config;
    try {
        config = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!isRecord(config) || config.functions === undefined)
        return undefined;
    const entries = Array.isArray(config.functions) ? config.functions : [config.functions];
    const source = entries.map((entry) => isRecord(entry) && typeof entry.source === 'string' ? entry.source : 'functions')[0];
    const folder = posix.normalize(posix.join(folderOf(file), source)).replace(/\/$/, '');
    if (folder === '..' || folder.startsWith('../') || posix.isAbsolute(folder))
        return undefined;
    return {
        folder: folder === '.' ? '' : folder,
        provider: 'google',
        file,
        line: 1,
        reason: `Firebase Cloud Functions (${posix.basename(file)} functions.source)`,
    };
}
/**
 * The provider a Serverless Framework config names (`provider: aws`, `provider.name: azure`), or
 * undefined when it names none or does not parse. `${self:custom.x}` is looked up in the same
 * file; any other variable (`${opt:…}`, `${env:…}`, `${file(…)}`) leaves the name unknown.
 */
export function serverlessProvider(file, text) {
    if (!text.includes('provider'))
        return undefined;
    if (/\.[cm]?[jt]s$/i.test(file))
        return scriptProvider(text);
    if (/\.json$/i.test(file))
        return dataProvider(text, (() => {
            try {
                return JSON.parse(text);
            }
            catch {
                return undefined;
            }
        })());
    // Most files say `provider:` then `name: aws` on the next line, or `provider: aws`: plain
    // words, read without a parse. Others answer from their top-level `provider:` block alone,
    // which parses in a fraction of the time; anchors, variables and odd layouts parse whole.
    const plain = plainProvider.exec(text);
    const at = plain?.indices?.groups?.q;
    if (plain?.groups?.name && at) {
        return {
            name: plain.groups.name.toLowerCase(),
            written: plain.groups.name,
            offset: at[0],
            line: lineOf(text, at[0]),
        };
    }
    const block = providerBlock.exec(text);
    if (block) {
        const doc = parseYaml(block[0]);
        const found = doc && yamlProvider(block[0], doc);
        if (found && !found.written.includes('${'))
            return { ...found, offset: found.offset + block.index, line: found.line + lineOf(text, block.index) - 1 };
        // No name, and nothing that could bring one in from elsewhere in the file.
        if (doc && !found && !/[*&]|<</.test(block[0]))
            return undefined;
    }
    const doc = parseYaml(text);
    return doc && yamlProvider(text, doc);
}
/** `provider: aws`, or `provider:` with `name: aws` as the first key under it (comments and blank lines aside). */
const plainProvider = /^provider[ \t]*:(?:[ \t]+|[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]+name[ \t]*:[ \t]+)(?<q>['"]?)(?<name>[\w-]+)\k<q>(?:[ \t]+#.*|[ \t]*)\r?$/dm;
/** The top-level `provider:` line and the indented, blank and comment lines after it. */
const providerBlock = /^provider[ \t]*:.*(?:\r?\n(?:[ \t].*|[ \t]*#.*|[ \t]*)(?=\r?\n|$))*/m;
function parseYaml(text) {
    const doc = parseDocument(text, { logLevel: 'silent', uniqueKeys: false, prettyErrors: false, merge: true });
    return doc.errors.length > 0 ? undefined : doc;
}
/** The provider a parsed serverless.yml names (see serverlessProvider). */
export function yamlProvider(text, doc) {
    const provider = resolved(doc, doc.get('provider', true));
    const node = resolved(doc, isMap(provider) ? provider.get('name', true) : provider);
    // `<<: *defaults` merges a name in from elsewhere: only the whole document, as data, knows it.
    if (node === undefined &&
        isMap(provider) &&
        provider.items.some((pair) => isScalar(pair.key) && (pair.key.value === '<<' || typeof pair.key.value === 'symbol'))) {
        try {
            return dataProvider(text, doc.toJS({ maxAliasCount: 100 }));
        }
        catch {
            return undefined; // an alias to an anchor outside the text given
        }
    }
    if (!isScalar(node) || typeof node.value !== 'string')
        return undefined;
    const offset = node.range?.[0] ?? 0;
    const resolve = (value, depth) => {
        if (!value.includes('${'))
            return value;
        const self = /^\$\{self:([\w.-]+)\}$/.exec(value.trim());
        const target = self && depth < 5 ? doc.getIn(self[1].split('.')) : undefined;
        return typeof target === 'string' ? resolve(target, depth + 1) : undefined;
    };
    return {
        name: resolve(node.value, 0)?.trim().toLowerCase(),
        written: node.value,
        offset,
        line: lineOf(text, offset),
    };
}
function resolved(doc, node) {
    return isAlias(node) ? node.resolve(doc) : node;
}
function dataProvider(text, data) {
    if (!isRecord(data))
        return undefined;
    const name = isRecord(data.provider) ? data.provider.name : data.provider;
    if (typeof name !== 'string')
        return undefined;
    const offset = /^[ \t]*["']?provider["']?[ \t]*:/m.exec(text)?.index ?? 0;
    return {
        name: name.includes('${') ? undefined : name.trim().toLowerCase(),
        written: name,
        offset,
        line: lineOf(text, offset),
    };
}
/** serverless.ts / serverless.js: the `provider` property of an object literal, parsed (not run). */
function scriptProvider(text) {
    const ts = loadTypeScript();
    const sf = ts.createSourceFile('serverless.ts', text, ts.ScriptTarget.Latest, false);
    let found;
    const visit = (node) => {
        if (found)
            return;
        if (ts.isPropertyAssignment(node) && propertyName(node.name) === 'provider') {
            const value = ts.isObjectLiteralExpression(node.initializer)
                ? propertyValue(node.initializer, 'name')
                : node.initializer;
            if (value) {
                const literal = ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value);
                const offset = value.getStart(sf);
                found = {
                    name: literal ? value.text.trim().toLowerCase() : undefined,
                    written: value.getText(sf),
                    offset,
                    line: lineOf(text, offset),
                };
                return;
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return found;
}
function propertyName(name) {
    const ts = loadTypeScript();
    return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}
function propertyValue(obj, name) {
    const ts = loadTypeScript();
    for (const prop of obj.properties)
        if (ts.isPropertyAssignment(prop) && propertyName(prop.name) === name)
            return prop.initializer;
    return undefined;
}
function lineOf(text, offset) {
    let line = 1;
    for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1))
        line++;
    return line;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
