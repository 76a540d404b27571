// Copies only the files that make up a definition, so a stray node_modules, .git or secret
// next to the definition never ends up in a registry.
import { copyFile, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { exists } from '../util/fs.js';
/** Top-level files a definition folder may hold (see docs/definitions.md). */
export const definitionFiles = ['transformation_definition.md', 'SKILL.md', 'summaries.md'];
export const referencesFolder = 'document_references';
/** Whether a `/`-separated path in a definition folder belongs to the definition: one of its files, or under its references. */
export function isDefinitionPath(path) {
    const top = path.split('/')[0];
    return top === referencesFolder || definitionFiles.includes(top);
}
/** Copies the definition files of `sourceDir` into `destDir` (created); returns relative paths copied. */
export async function copyDefinitionFiles(sourceDir, destDir) {
    await mkdir(destDir, { recursive: true });
    const copied = [];
    for (const file of definitionFiles) {
        const from = join(sourceDir, file);
        if (await isRegularFile(from)) {
            await copyFile(from, join(destDir, file));
            copied.push(file);
        }
    }
    const references = join(sourceDir, referencesFolder);
    if (await exists(references)) {
        await copyTree(references, join(destDir, referencesFolder), referencesFolder, copied);
    }
    return copied;
}
// Called after loadDefinitionDir accepted the folder, which allows symbolic links only when
// they stay inside document_references; they are copied as the files they point to, so the
// stored version stands on its own. `seen` stops a link back up from looping.
async function copyTree(from, to, relative, copied, seen = new Set()) {
    seen.add(await realpath(from));
    await mkdir(to, { recursive: true });
    for (const entry of (await readdir(from)).sort()) {
        const source = join(from, entry);
        const target = join(to, entry);
        const info = await stat(source);
        if (info.isDirectory()) {
            if (seen.has(await realpath(source)))
                continue;
            await copyTree(source, target, `${relative}/${entry}`, copied, seen);
        }
        else if (info.isFile()) {
            await copyFile(source, target);
            copied.push(`${relative}/${entry}`);
        }
    }
}
async function isRegularFile(path) {
    try {
        return (await stat(path)).isFile();
    }
    catch {
        return false;
    }
}
