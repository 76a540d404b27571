import { lineAt } from './edits.js';
import { projectOf } from './installed.js';
import { isLambdaMajor } from './versions.js';
/** Per-file state handed to a surface: the target, and where its findings go. */
export class SurfaceContext {
    file;
    target;
    text;
    repo;
    findings = [];
    constructor(file, target, text, 
    /** The whole repository, for what a file depends on elsewhere (its package's lockfile). */
    repo) {
        this.file = file;
        this.target = target;
        this.text = text;
        this.repo = repo;
    }
    /**
     * The repository's manifests and lockfiles; undefined when the caller gave only this file, in
     * which case a surface decides from the file alone and treats what it cannot see as unknown.
     */
    get project() {
        return this.repo && projectOf(this.repo);
    }
    report(offset, rule, message, severity) {
        this.findings.push({
            file: this.file,
            line: lineAt(this.text, offset),
            rule: `nodejs-runtime/${rule}`,
            message,
            severity,
        });
    }
    /**
     * A range a surface leaves as it is (a compound `engines` range) declares `lowest` as the
     * oldest major the project runs on; only a reader of declarations (source-version.ts) records it.
     */
    declares(_lowest) { }
    /**
     * Whether a version `found` at `offset` should become the target. Newer versions are left
     * alone (with an info finding); a Lambda runtime is never rewritten to one Lambda lacks.
     */
    shouldUpgrade(found, offset, what, lambda = false) {
        if (found === this.target)
            return false;
        if (found > this.target) {
            this.report(offset, 'newer-than-target', `${what} is Node.js ${found}, newer than the target ${this.target}; left alone`, 'info');
            return false;
        }
        if (lambda && !isLambdaMajor(this.target)) {
            this.report(offset, 'unsupported-target', `${what} is Node.js ${found}, but Lambda has no Node.js ${this.target} runtime (only even LTS majors); not changed`, 'manual');
            return false;
        }
        return true;
    }
}
