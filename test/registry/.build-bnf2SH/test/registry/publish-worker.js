// Child-process entry for the multi-process tests: publishes one definition and prints the result as JSON.
import { openRegistry } from '../../src/registry/index.js';
const [atxHome, teamUrl, name, description, sourceDir, author] = process.argv.slice(2);
const registry = openRegistry({
    atxHome,
    teamUrl: teamUrl || undefined,
    awsDir: `${atxHome}/no-aws`,
    author,
    env: { ...process.env, ATX_GIT_COMMITTER_NAME: author, ATX_GIT_COMMITTER_EMAIL: `${author}@example.com` },
});
process.stdout.write(`${JSON.stringify(await registry.publish(name, description, sourceDir))}\n`);
