// A whole conversation with the offline brain that applies a fresh draft to a real repository:
// plan review in words, confirmations for commands, commits on a new branch, the summary.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOfflineBrain } from '../../src/llm/index.js';
import { git, makeRepo } from '../helpers/cli.js';
import { harness } from './harness.js';

const service = {
  'package.json': `${JSON.stringify({ name: 'svc', version: '1.0.0', engines: { node: '>=18' }, scripts: { test: 'node test.js', build: 'node -e "require(\'./index.js\')"' } }, null, 2)}\n`,
  'index.js': 'exports.handler = async (event) => ({ statusCode: 200, body: String(event.n * 2) });\n',
  'test.js':
    "const assert = require('node:assert');\nrequire('./index.js').handler({ n: 21 }).then((r) => assert.strictEqual(r.body, '42'));\n",
  '.nvmrc': '18\n',
  'template.yaml':
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs18.x # keep this comment\n      Handler: index.handler\n',
};

describe('offline conversation: apply a new draft', () => {
  it('plans, takes plan feedback, asks before commands, commits each step on a new branch and reports the exit criteria', async () => {
    const repo = await makeRepo(service);
    const h = await harness(createOfflineBrain());
    await h.say('I want to create a new one');
    await h.say('node.js 18 to 22 upgrade of our lambda service');
    await h.say('no docs, follow best practices');
    expect(await h.say('remove step 3.1')).toMatch(/Removed step 3\.1/);
    // The "tests under the target Node.js" criterion would download Node.js; not in this test.
    expect(await h.say('drop exit criterion 3')).toMatch(/Removed exit criterion 3/);
    expect(await h.say('apply it')).toMatch(/first store it as a draft.*"Node.js-18-to-22-Migration"/s);
    expect(await h.say('ok')).toMatch(
      /Saved Node.js-18-to-22-Migration version 1 as a draft[\s\S]*path of the repository/,
    );
    expect(await h.say('/definitely/not/here')).toMatch(/There is no folder/);
    expect(await h.say(repo)).toMatch(/build/);

    const plan = await h.say('node index.js');
    expect(plan).toMatch(/Plan for Node.js-18-to-22-Migration v1/);
    expect(plan).toMatch(/Review the plan/);
    expect(await h.say('the target is Node 22')).toMatch(/target Node.js version set to 22[\s\S]*Target version: 22/);
    const first = await h.say('looks good, proceed');
    expect(first).toMatch(/✔ 1\.1 .*completed → commit [0-9a-f]{12}/);
    expect(first).toMatch(/– 1\.2 .*needs-model/);
    // The build command runs the repository's code: without -t the person is asked first.
    expect(first).toMatch(/Run `node index\.js` to build after phase 1\?.*\(yes\/no\)/);
    expect(await h.say('maybe')).toMatch(/yes or no/);
    expect(await h.say('what can I say?')).toMatch(/asks before it runs a command of your repository.*"yes".*"no"/s);
    expect(await h.say('start over')).toMatch(/A run is going on: answer yes or no first/);
    expect(h.conversation.waitingFor).toBe('confirm');
    // Then the build step and the tests (as a step, and as an exit criterion unless the answer
    // about that command was remembered): each command is asked about before it runs.
    const said = [await h.say('yes')];
    while (/\(yes\/no\)$/.test(said.at(-1)!.trim()) && said.length < 6) said.push(await h.say('yes'));
    expect(said.join('\n')).toMatch(/Run `npm run build --if-present`.*\(yes\/no\)[\s\S]*Run `npm test`/);
    const summary = said.at(-1)!;
    await h.conversation.settled();

    expect(summary).toMatch(/Run \S+ (succeeded|partial)\./);
    expect(summary).toMatch(/Result branch: atx\/Node\.js-18-to-22-Migration-/);
    // Each exit criterion with its name, status and one line of evidence, as it is checked.
    expect(summary).toMatch(
      /✔ The project builds with the build command\.: passed\n\s+`node index\.js` exited 0 in \d+ ms/,
    );
    // The build after each phase, with its result.
    expect(said.join('\n')).toMatch(/✔ build after phase 1 \(`node index\.js`\): passed \d+\.\d s/);
    expect(summary).toMatch(/Exit criteria: \d+ passed/);
    expect(summary).toMatch(/✔ The project's unit tests pass\.: passed/);
    expect(summary).toMatch(/Anything else\?/);

    const branch = /Result branch: (\S+)/.exec(summary)![1]!;
    expect(await git(repo, ['show', `${branch}:.nvmrc`])).toBe('22');
    expect(await git(repo, ['show', `${branch}:template.yaml`])).toMatch(/Runtime: nodejs22\.x # keep this comment/);
    // The person's own checkout is untouched.
    expect(await readFile(join(repo, '.nvmrc'), 'utf8')).toBe('18\n');
    expect(h.conversation.state.phase).toBe('done');
    expect(h.conversation.state.lastRun?.runId).toMatch(/\d{8}-/);
  });
});
