import { npmCrossing } from './npm-changes.js';
/** Lambda users come from these majors when a repository declares none (Node.js 16 to 22). */
export const ASSUMED_SOURCE = 16;
export class Crossing {
    source;
    target;
    assumed;
    npm;
    constructor(
    /** The oldest major the project declares, or ASSUMED_SOURCE. */
    source, target, 
    /** The source was not declared: every change from Node.js 16 on is considered. */
    assumed) {
        this.source = source;
        this.target = target;
        this.assumed = assumed;
        this.npm = npmCrossing(source, target);
    }
    /** The upgrade reaches `major` from below it. */
    crosses(major) {
        return this.source < major && major <= this.target;
    }
    crossesNpm(major) {
        return this.npm.from < major && major <= this.npm.to;
    }
    describe() {
        return this.assumed
            ? `Node.js ${this.target} (from an undeclared version, assumed 16 to 22)`
            : `Node.js ${this.source} → ${this.target}`;
    }
}
export function note(word, rule, message, severity) {
    return { at: word.start, rule: `nodejs-commands/${rule}`, message, severity };
}
/** Records a change with the (info) note that explains it. */
export function addChange(out, body, explained) {
    out.notes.push(explained);
    out.changes.push({ ...body, note: out.notes.length - 1 });
}
