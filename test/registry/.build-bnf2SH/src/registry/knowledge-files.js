// Where a definition's knowledge items live: `knowledge.json` beside its versions, in the team
// registry when one is configured (so the whole team shares them), else in the local registry.
// AWS/ definitions are read-only, but their knowledge items are the user's own: they are kept
// under the same name in the user's registry, never in transformations/AWS.
// Names are checked and paths confined exactly as for definitions (store.ts pathInside).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DefinitionError } from '../errors.js';
import { writeOwnFile } from '../util/fs.js';
import { redactValue } from '../util/secrets.js';
import { withLock } from './lock.js';
import { validateName } from './names.js';
import { pathInside, writablePathInside } from './store.js';
import { TeamRegistry } from './team.js';
import { normalizeRemoteUrl } from '../util/shared-clone.js';
import { TeamUnreachableError } from './team-git.js';
const fileName = 'knowledge.json';
export function openKnowledgeFiles(options) {
    const atxHome = resolve(options.atxHome);
    if (options.teamUrl) {
        const team = new TeamRegistry({
            url: normalizeRemoteUrl(options.teamUrl),
            atxHome,
            env: options.env ?? process.env,
            author: options.author,
        });
        return new TeamKnowledgeFiles(team, options.warn);
    }
    return new LocalKnowledgeFiles(atxHome);
}
class LocalKnowledgeFiles {
    origin = 'local';
    root;
    locks;
    constructor(atxHome) {
        this.root = join(atxHome, 'registry');
        this.locks = join(atxHome, 'locks');
    }
    async read(name) {
        const path = await this.path(name);
        return parse(path, await readText(path));
    }
    update(name, change) {
        return withLock(this.locks, `knowledge:${name}`, async () => {
            const path = await this.path(name);
            const { next, result } = await change(parse(path, await readText(path)));
            await writeOwnFile(await writablePathInside(this.root, `${validateName(name)}/${fileName}`, 'knowledge file'), serialise(next));
            return result;
        });
    }
    path(name) {
        return pathInside(this.root, `${validateName(name)}/${fileName}`, 'knowledge file');
    }
}
class TeamKnowledgeFiles {
    team;
    warn;
    origin = 'team';
    constructor(team, warn) {
        this.team = team;
        this.warn = warn;
    }
    /** Without the team registry a run goes on without its knowledge items (and says so); changing them needs it. */
    async read(name) {
        let text;
        try {
            text = await this.team.readCompanion(validateName(name), fileName);
        }
        catch (error) {
            if (!(error instanceof TeamUnreachableError))
                throw error;
            this.warn?.(`the team registry ${error.url} could not be reached (${error.reason}); the knowledge items of ${name} kept there are not used`);
            return undefined;
        }
        return parse(`${this.team.url}: ${name}/${fileName}`, text);
    }
    update(name, change) {
        return this.team.updateCompanion(validateName(name), fileName, async (text) => {
            const { next, message, result } = await change(parse(`${this.team.url}: ${name}/${fileName}`, text));
            return { text: serialise(next), message, result };
        });
    }
}
async function readText(path) {
    try {
        return await readFile(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
function parse(where, text) {
    if (text === undefined)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new DefinitionError(where, undefined, `knowledge file is not valid JSON: ${error.message}`);
    }
}
/** Knowledge items are learned from command output and pushed to a team's remote: never with a secret value in them. */
function serialise(value) {
    return `${JSON.stringify(redactValue(value), null, 2)}\n`;
}
