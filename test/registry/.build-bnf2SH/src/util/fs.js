// Every file atx writes goes through here: atomic (write to a temporary file, then rename),
// so a kill in the middle never leaves a half-written file.
//
// Two kinds of file: a repository's own (a codemod's or the model's edit), whose bytes are kept
// exactly (writeFileSafe), and atx's own documents (plan, state, summary, knowledge items,
// conversations, campaign files, logs), which never hold a secret value (writeJson, writeOwnFile
// pass them through the one redactor of secrets.ts).
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { redactDocument, redactValue, secretValues } from './secrets.js';
/** Writes exactly `data`: for the repository's files. atx's own documents go through writeJson / writeOwnFile. */
export async function writeFileSafe(path, data) {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, data);
}
/**
 * A JSON document of atx's own, with every secret value redacted: those of atx's environment
 * and `extraSecrets` (a value a caller knows of that is not in it, e.g. a key given in-process).
 */
export async function writeJson(path, value, extraSecrets = []) {
    await writeFileSafe(path, `${JSON.stringify(redactValue(value, secretValues(undefined, extraSecrets)), null, 2)}\n`);
}
/** A text file of atx's own (summary.md, a log, a knowledge file), with every secret value redacted as by writeJson. */
export async function writeOwnFile(path, text, extraSecrets = []) {
    await writeFileSafe(path, redactDocument(text, secretValues(undefined, extraSecrets)));
}
/** The file's text, or undefined when there is no such file (any other error is thrown). */
export async function readTextIfPresent(path) {
    try {
        return await readFile(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
export async function readJson(path) {
    return JSON.parse(await readFile(path, 'utf8'));
}
export async function exists(path) {
    try {
        await stat(path);
        return true;
    }
    catch {
        return false;
    }
}
export async function removeTree(path) {
    await rm(path, { recursive: true, force: true });
}
/**
 * Files under `root`, as `/`-separated paths from it, sorted. Folders are walked in name order
 * and symbolic links are never followed, so nothing outside `root` is named.
 */
export async function listFiles(root, options = {}) {
    const files = [];
    const limit = options.limit ?? Infinity;
    const walk = async (prefix) => {
        const entries = (await readdir(join(root, prefix), { withFileTypes: true })).sort((a, b) => a.name < b.name ? -1 : 1);
        for (const entry of entries) {
            if (files.length >= limit)
                return;
            if (options.skip?.(entry.name))
                continue;
            const path = prefix ? `${prefix}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                await walk(path);
            else if (entry.isFile())
                files.push(path);
            else
                options.other?.(path);
        }
    };
    await walk('');
    return files.sort();
}
