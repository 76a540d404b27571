// One candidate file of the codemod, converted on whichever thread takes it (see ../file-pool.ts).
import { Project } from 'ts-morph';
import { RULES } from './transform.js';
import { transformWithInline } from './inline.js';
/**
 * The conversion of one candidate, with its own pool of Projects (one per thread). A file the
 * codemod cannot handle is reported and left as it was; the run goes on.
 */
export function perFile() {
    const projects = new ProjectPool();
    return ({ file, text, names }) => {
        try {
            return transformWithInline(projects.next(), file, text, names);
        }
        catch (error) {
            const message = `Left unchanged: the codemod failed on this file (${error.message}).`;
            return { findings: [{ file, line: 1, rule: RULES.unconvertible, message, severity: 'manual' }] };
        }
    };
}
/**
 * Parsed files are dropped a batch at a time with their Project rather than one by one:
 * ts-morph's removeSourceFile walks every wrapped node to forget it, which cost a fifth of a
 * 5,000-file run; a dropped Project is left to the garbage collector whole.
 */
class ProjectPool {
    project = ProjectPool.create();
    used = 0;
    next() {
        if (++this.used > 250) {
            this.project = ProjectPool.create();
            this.used = 1;
        }
        return this.project;
    }
    static create() {
        return new Project({
            useInMemoryFileSystem: true,
            skipFileDependencyResolution: true,
            compilerOptions: { allowJs: true },
        });
    }
}
