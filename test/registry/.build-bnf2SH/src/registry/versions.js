// Version bookkeeping of one definition name, as pure functions over its index, so the
// local and the git team registry allocate numbers by exactly the same rules.
import { z } from 'zod';
import { CategorySchema } from '../definitions/types.js';
import { compareVersions } from './names.js';
export const VersionRecordSchema = z.object({
    version: z.string(),
    status: z.enum(['draft', 'published']),
    description: z.string(),
    /** Absent in versions stored before categories existed: those are remediations. */
    category: CategorySchema.optional(),
    createdAt: z.string(),
    author: z.string().optional(),
});
export const NameIndexSchema = z.object({
    name: z.string(),
    versions: z.array(VersionRecordSchema),
    /** Highest number ever handed out: deleted versions are never reused, so a pinned version never changes meaning. */
    lastVersion: z.number().int().nonnegative().default(0),
});
export function categoryOf(record) {
    return record.category ?? 'remediation';
}
export function emptyIndex(name) {
    return { name, versions: [], lastVersion: 0 };
}
export function sortedRecords(index) {
    return [...index.versions].sort((a, b) => compareVersions(a.version, b.version));
}
export function newestRecord(index) {
    return sortedRecords(index).at(-1);
}
/** What `--tv` defaults to: the newest published version, else the newest draft. */
export function defaultRecord(index) {
    const records = sortedRecords(index);
    return records.filter((r) => r.status === 'published').at(-1) ?? records.at(-1);
}
export function findRecord(index, version) {
    return index.versions.find((r) => r.version === version);
}
/**
 * The next free number: above every version listed, every number handed out before, every
 * version folder on disk (one left behind by a crash) and `floor` (numbers known elsewhere).
 */
export function nextVersion(index, folders = [], floor = 0) {
    const numbers = [...index.versions.map((r) => r.version), ...folders].map(Number).filter((n) => Number.isInteger(n));
    return String(Math.max(index.lastVersion, floor, 0, ...numbers) + 1);
}
/** Where the next draft goes: the newest version if it is still a draft, else a new number. */
export function draftSlot(index, folders, floor = 0) {
    const newest = newestRecord(index);
    return newest?.status === 'draft' ? newest.version : nextVersion(index, folders, floor);
}
/** Adds or replaces a record and remembers the highest number used. */
export function withRecord(index, record) {
    const versions = index.versions.filter((r) => r.version !== record.version);
    versions.push(record);
    versions.sort((a, b) => compareVersions(a.version, b.version));
    return { ...index, versions, lastVersion: Math.max(index.lastVersion, Number(record.version)) };
}
export function withoutVersions(index, removed) {
    return { ...index, versions: index.versions.filter((r) => !removed.includes(r.version)) };
}
