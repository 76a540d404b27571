// Functions of Terraform configurations: `resource "aws_lambda_function"` with its code from a
// `data "archive_file"` (source_dir / source_file), and the terraform-aws-modules/lambda module
// with `source_path` (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function).
// HCL is read with a small block scanner: only literal attributes at a block's top level count.
import { posix } from 'node:path';
import { resolveHandler } from './handler-files.js';
import { declaredArchitecture, declaredMemorySize, insideRepo, isIgnoredPath, lineAt, } from './functions.js';
import { terraformTriggers } from './terraform-triggers.js';
const header = /^[ \t]*(resource|data|module)[ \t]+"([^"]+)"(?:[ \t]+"([^"]+)")?[ \t]*\{/gm;
/** The offset just after the `}` closing the block opened at `open`, skipping strings and comments. */
function blockEnd(text, open) {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
            for (i++; i < text.length && text[i] !== '"'; i++)
                if (text[i] === '\\')
                    i++;
        }
        else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
            i = text.indexOf('\n', i);
            if (i === -1)
                return text.length;
        }
        else if (c === '/' && text[i + 1] === '*') {
            i = text.indexOf('*/', i);
            if (i === -1)
                return text.length;
        }
        else if (c === '{' || c === '[' || c === '(')
            depth++;
        else if (c === '}' || c === ']' || c === ')') {
            depth--;
            if (depth === 0)
                return i + 1;
        }
    }
    return text.length;
}
function attributes(body) {
    const attrs = new Map();
    let depth = 0;
    for (const line of body.split('\n')) {
        const match = depth === 0 ? /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/.exec(line) : null;
        if (match)
            attrs.set(match[1], match[2].replace(/[ \t]+(#|\/\/).*$/, ''));
        const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/(#|\/\/).*$/, '');
        for (const c of code)
            depth += c === '{' || c === '[' || c === '(' ? 1 : c === '}' || c === ']' || c === ')' ? -1 : 0;
    }
    return attrs;
}
function blocks(text) {
    const out = [];
    for (const match of text.matchAll(header)) {
        const open = match.index + match[0].length - 1;
        const end = blockEnd(text, open);
        out.push({
            kind: match[1],
            labels: [match[2], match[3]].filter((l) => l !== undefined),
            attrs: attributes(text.slice(open + 1, end - 1)),
            body: text.slice(open + 1, end - 1),
            line: lineAt(text, match.index + match[0].search(/\S/)),
        });
    }
    return out;
}
/** A string attribute relative to the module folder: `"${path.module}/src"` → src; other interpolations are not resolved. */
function pathOf(dir, value) {
    const literal = value === undefined ? undefined : /^"(.*)"$/.exec(value)?.[1];
    if (literal === undefined)
        return undefined;
    const rest = literal.replace(/^\$\{path\.(module|root|cwd)\}\/?/, '');
    return rest.includes('${') ? undefined : insideRepo(dir, rest || '.');
}
function stringOf(value) {
    const literal = value === undefined ? undefined : /^"([^"$]*)"$/.exec(value)?.[1];
    return literal;
}
/** A literal written as JSON writes it (`512`, `"512"`, `["arm64"]`); a reference or an expression is undefined. */
function jsonLiteral(value) {
    try {
        return value === undefined ? undefined : JSON.parse(value);
    }
    catch {
        return undefined;
    }
}
export function terraformFunctions(repo) {
    const files = new Set(repo.files);
    const out = [];
    const folderBlocks = new Map();
    for (const path of repo.files) {
        if (!path.endsWith('.tf') || isIgnoredPath(path))
            continue;
        const text = repo.read(path);
        if (!/aws_lambda_function|terraform-aws-modules\/lambda/.test(text))
            continue;
        const dir = posix.dirname(path);
        const all = blocks(text);
        // triggers may be declared in any file of the module (the folder)
        const moduleBlocks = () => {
            if (!folderBlocks.has(dir))
                folderBlocks.set(dir, repo.files
                    .filter((f) => f.endsWith('.tf') && posix.dirname(f) === dir)
                    .flatMap((f) => (f === path ? all : blocks(repo.read(f)))));
            return folderBlocks.get(dir);
        };
        const archives = all.filter((b) => b.kind === 'data' && b.labels[0] === 'archive_file');
        const sourceOf = (archive) => archive && (pathOf(dir, archive.attrs.get('source_dir')) ?? pathOf(dir, archive.attrs.get('source_file')));
        for (const block of all) {
            const lambdaModule = block.kind === 'module' && /terraform-aws-modules\/lambda/.test(block.attrs.get('source') ?? '');
            if (!(block.kind === 'resource' && block.labels[0] === 'aws_lambda_function') && !lambdaModule)
                continue;
            const name = lambdaModule ? block.labels[0] : (block.labels[1] ?? block.labels[0]);
            const fn = { name, source: 'terraform', file: path, line: block.line, layers: [] };
            const runtime = stringOf(block.attrs.get('runtime'));
            if (runtime)
                fn.runtime = runtime;
            const architecture = declaredArchitecture(jsonLiteral(block.attrs.get('architectures')));
            if (architecture)
                fn.architecture = architecture;
            const memorySize = declaredMemorySize(jsonLiteral(block.attrs.get('memory_size')));
            if (memorySize)
                fn.memorySize = memorySize;
            const handler = stringOf(block.attrs.get('handler'));
            if (handler)
                fn.handler = handler;
            const layers = block.attrs.get('layers');
            if (layers && layers !== '[]')
                fn.layers = [{ name: layers }];
            let source;
            if (lambdaModule)
                source = pathOf(dir, block.attrs.get('source_path'));
            else {
                const filename = block.attrs.get('filename');
                const ref = filename && /^data\.archive_file\.([\w-]+)\.output_path$/.exec(filename)?.[1];
                const zip = pathOf(dir, filename);
                source = sourceOf(ref
                    ? archives.find((a) => a.labels[1] === ref)
                    : archives.find((a) => zip !== undefined && pathOf(dir, a.attrs.get('output_path')) === zip));
            }
            const triggers = terraformTriggers(moduleBlocks(), lambdaModule ? `module.${name}` : `aws_lambda_function.${name}`);
            if (triggers.length)
                fn.triggers = triggers;
            if (source) {
                // a single source file is zipped on its own, at the root of the archive
                const single = files.has(source);
                fn.codeRoot = single ? posix.dirname(source) : source;
                const target = handler ? resolveHandler(files, fn.codeRoot, handler) : undefined;
                if (target && (!single || target.file === source))
                    [fn.handlerFile, fn.exportName] = [target.file, target.exportName];
            }
            out.push(fn);
        }
    }
    return out;
}
