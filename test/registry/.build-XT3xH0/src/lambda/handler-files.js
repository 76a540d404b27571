// The source file and export a Lambda handler setting names (`src/app.handler` under a code folder).
import { posix } from 'node:path';
export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
/** `src/app.handler` under `dir` → the existing source file and the export name. */
export function resolveHandler(files, dir, handler) {
    const dot = handler.lastIndexOf('.');
    if (dot <= 0)
        return undefined;
    const modulePath = posix.normalize(posix.join(dir, handler.slice(0, dot))).replace(/^\.\//, '');
    const exportName = handler.slice(dot + 1);
    for (const ext of ['', ...SOURCE_EXTENSIONS]) {
        if (files.has(modulePath + ext) && (ext !== '' || /\.[mc]?[jt]s$/.test(modulePath)))
            return { file: modulePath + ext, exportName };
    }
    return undefined;
}
