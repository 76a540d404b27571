// The conversation understands ordinary phrasing, offline: each answer below was misread
// before (issue 16). Real services on a temporary ATX_HOME; runs go through the executor.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/index.js';
import { createOfflineBrain } from '../../src/llm/index.js';
import { git, makeRepo, tempDir } from '../helpers/cli.js';
import { openRegistry } from '../../src/registry/index.js';
import { Conversation } from '../../src/session/driver.js';
import { createRunService } from '../../src/session/run.js';
import { createServices } from '../../src/session/services.js';
import { openStore } from '../../src/session/store.js';
import type { LiveEvent, SessionStatus } from '../../src/session/types.js';
import { harness, lastDefinition } from './harness.js';

const repoFiles = { 'package.json': '{\n  "name": "svc",\n  "engines": { "node": ">=18" }\n}\n', '.nvmrc': '18\n' };

/** A conversation at the plan review of AWS/nodejs-version-upgrade on a fresh repository. */
async function atPlanReview() {
  const repo = await makeRepo(repoFiles);
  const h = await harness(createOfflineBrain());
  await h.say('the node upgrade');
  await h.say(repo);
  const plan = await h.say('none');
  expect(plan).toMatch(/Plan for AWS\/nodejs-version-upgrade/);
  return { h, repo };
}

function stepLines(text: string): string[] {
  const plan = text.slice(text.lastIndexOf('Plan for '));
  return [...plan.matchAll(/^ {2}\d+\. \(.*$/gm)].map((m) => m[0]);
}

describe('plan review reads the whole answer', () => {
  it('holds the run on "dont proceed yet, first skip step 2", applies the edit, and runs only on a plain "ok go"', async () => {
    const { h, repo } = await atPlanReview();
    const held = await h.say('dont proceed yet, first skip step 2');
    expect(held).not.toMatch(/Plan accepted|Running the plan/);
    expect(held).toMatch(/Nothing runs until you accept/);
    expect(stepLines(held)[1]).toMatch(/\[skipped-by-user\]/);
    expect(h.conversation.waitingFor).toBe('plan');
    // "looks good but …" is an edit, not an acceptance.
    const last = await h.say('looks good, but skip the last step');
    expect(last).not.toMatch(/Plan accepted/);
    expect(stepLines(last).at(-1)).toMatch(/\[skipped-by-user\]/);
    expect(await h.say('wait')).toMatch(/Nothing runs until you say so/);
    expect(h.conversation.waitingFor).toBe('plan');

    const ran = await h.say('ok go');
    await h.conversation.settled();
    expect(ran).toMatch(/Plan accepted/);
    expect(ran).toMatch(/1\.2 .*skipped \(skipped at plan review\)/);
    expect(ran).toMatch(/✔ 2\.1 .*completed → commit [0-9a-f]{12}/);
    const branch = /Result branch: (\S+)/.exec(ran)![1]!;
    expect(await git(repo, ['show', `${branch}:.nvmrc`])).toBe('24');
  }, 120_000);

  it('skips steps by several numbers and by name, takes a command and a target, and accepts "ship it"', async () => {
    const { h } = await atPlanReview();
    expect(
      stepLines(await h.say('skip steps 1 and 3'))
        .filter((l) => l.includes('[skipped-by-user]'))
        .map((l) => l.trim().slice(0, 2)),
    ).toEqual(['1.', '3.']);
    const named = await h.say('drop the dependencies step');
    expect(stepLines(named).at(-1)).toMatch(/dependencies.*\[skipped-by-user\]/);
    const more = await h.say('also run npm run lint, and target Node 22');
    expect(more).toMatch(/Run npm run lint/);
    expect(more).toMatch(/Target version: 22/);
    expect(await h.say('skip step 9')).toMatch(/There is no step 9/);
    expect(await h.say('help')).toMatch(/skip the last step[\s\S]*Review the plan/);
    const ran = [await h.say('ship it')];
    expect(ran[0]).toMatch(/Plan accepted/);
    // Without -t the added command is asked about first: declined here, and reported.
    expect(ran[0]).toMatch(/Run `npm run lint`.*\(yes\/no\)/);
    while (h.conversation.waitingFor === 'confirm' && ran.length < 5) ran.push(await h.say('no'));
    await h.conversation.settled();
    expect(ran.join('\n')).toMatch(/Run \S+ (succeeded|partial|failed)\./);
  }, 120_000);

  it('"quit" at plan review leaves with nothing running, the conversation kept where a resume plans again', async () => {
    const { h } = await atPlanReview();
    expect(await h.say("ok I'm done")).toMatch(/Bye: nothing ran/);
    await h.conversation.settled();
    expect(h.conversation.exited).toBe(true);
    expect(h.conversation.runInProgress).toBe(false);
    expect(h.conversation.state).toMatchObject({ phase: 'applying', runId: undefined });
  }, 120_000);

  it('"start over" at plan review drops the run and asks the first question again', async () => {
    const { h } = await atPlanReview();
    expect(await h.say('start over')).toMatch(
      /Nothing ran\. Starting over\..*existing transformation.*create a new one/s,
    );
    await h.conversation.settled();
    expect(h.conversation.waitingFor).toBeUndefined();
    expect(h.conversation.state.phase).toBe('choose');
    expect(await h.say('use a different, existing transformation')).toMatch(/Which one\?/);
  }, 120_000);
});

describe('every question understands help, back, start over, use an existing one', () => {
  it('goes back and sideways after publishing', async () => {
    const h = await harness(createOfflineBrain());
    expect(await h.say('what can you do?')).toMatch(/create a new one[\s\S]*At any question/);
    await h.say('make a fresh transformation');
    expect(await h.say('banana')).toMatch(/does not say what to migrate/);
    expect(h.conversation.state.phase).toBe('describe');
    await h.say('upgrade our node.js lambdas from 18 to 22');
    await h.say('none, just best practices');
    const dropped = await h.say('get rid of the validation phase');
    expect(dropped).toMatch(/Dropped phase 3 \(Validation\)/);
    await h.say('publish it');
    expect(await h.say('yes')).toMatch(/Published/);
    expect(await h.say('use a different, existing transformation')).toMatch(
      /Which one\?[\s\S]*AWS\/nodejs-version-upgrade/,
    );
    // Several fit: they are named, and the next answer narrows them.
    expect(await h.say('the nodejs one')).toMatch(
      /Several fit "the nodejs one":[\s\S]*AWS\/nodejs-aws-sdk-v2-to-v3[\s\S]*AWS\/nodejs-version-upgrade/,
    );
    expect(await h.say('the version upgrade')).toMatch(/Using AWS\/nodejs-version-upgrade/);
    expect(await h.say('back')).toMatch(/Which one\?/);
    expect(await h.say('back')).toMatch(/existing transformation.*create a new one/s);
    await h.say('create one');
    expect(await h.say('start over')).toMatch(/Starting over/);
    expect(h.conversation.state.phase).toBe('choose');
  });
});

describe('paths said in words', () => {
  it('finds the folder in "its at …" and "apply it to …", refuses /etc at once, and suggests a close name', async () => {
    const root = await tempDir('atx-paths-');
    const repo = await makeRepo(repoFiles);
    await mkdir(join(root, 'repos'));
    await git(root, ['clone', '-q', repo, join(root, 'repos', 'lambda-svc')]);
    const h = await harness(createOfflineBrain(), { cwd: root });
    await h.say('the node upgrade');
    expect(await h.say('/etc')).toMatch(/\/etc is not a git repository/);
    expect(h.conversation.state.phase).toBe('repo');
    expect(await h.say('hmm, it is in the lambda-svc folder')).toMatch(/There is no folder at lambda-svc/);
    const slip = await h.say('its at repos/lambda-sv');
    expect(slip).toMatch(/There is no folder at repos\/lambda-sv\. Did you mean repos\/lambda-svc\?/);
    expect(await h.say('yes')).toMatch(/Repository: .*repos\/lambda-svc\. Which command builds/);
    expect(await h.say('back')).toMatch(/path of the repository/);
    expect(await h.say('apply it to repos/lambda-svc please')).toMatch(/Repository: .*repos\/lambda-svc\./);
    expect(await h.say('back')).toMatch(/path of the repository/);
    expect(await h.say(`the repo is in "${join(root, 'repos', 'lambda-svc')}"`)).toMatch(/Which command builds/);
  });
});

const expressGuide = `# Migrating to Express 5

## Install Express 5

Update the dependency before anything else.

\`\`\`sh
npm install express@5
\`\`\`

## Replace app.del with app.delete

Express 5 no longer supports app.del(). Use app.delete() instead.

\`\`\`js
app.delete('/user/:id', handler)
\`\`\`

## Path route matching syntax

Wildcards must now have a name.
`;

describe('a technology the offline rules do not know', () => {
  it('asks for a guide and makes its headings and code blocks the steps; an added step goes where it belongs', async () => {
    const h = await harness(createOfflineBrain());
    await h.say('create a new one');
    expect(await h.say('express 4 to 5')).toMatch(
      /no built-in knowledge of this migration[\s\S]*headings and code blocks become the steps/,
    );
    const drafted = await h.say(expressGuide);
    expect(drafted).toMatch(/The guide gave 4 steps/);
    const definition = parseDefinition(lastDefinition(h.messages), 'transformation_definition.md');
    const migrate = definition.phases.find((p) => p.title === 'Migrate')!;
    expect(migrate.steps.map((s) => s.text.split(/[:.]/)[0])).toEqual([
      'Install Express 5',
      'Run `npm install express@5` as the guide says under "Install Express 5"',
      'Replace app',
      'Path route matching syntax',
      'Apply the project-specific guidance in the supplied documents (pasted text 1) that the steps above do not already cover',
    ]);
    expect(migrate.steps[1]!.action).toEqual({ command: 'npm install express@5' });
    expect(migrate.steps[2]!.text).toContain("app.delete('/user/:id', handler)");

    // A check goes before the build and tests; a change to code goes to the migration phase.
    const lint = await h.say('add a step to run the linter');
    expect(lint).toMatch(/Added step 3\.1 to phase 3 \(Validation\)/);
    await h.say('add a step to rename every app.del call');
    const after = parseDefinition(lastDefinition(h.messages), 'transformation_definition.md');
    expect(after.phases.at(-1)!.steps.map((s) => s.text)).toEqual([
      'Run the linter.',
      'Build the project and run its tests; fix what the migration broke.',
    ]);
    expect(after.phases.find((p) => p.title === 'Migrate')!.steps.at(-1)!.text).toBe('Rename every app.del call.');
  });
});

describe('a resumed conversation', () => {
  it('shows its run live as the first one did: running while it works, the steps as they start, not running when it asks', async () => {
    const { h } = await atPlanReview();
    // The person left at plan review (Ctrl-C): the conversation stays in `applying`.
    h.conversation.cancel();
    await h.conversation.settled();
    expect(h.conversation.state.phase).toBe('applying');

    const statuses: SessionStatus[] = [];
    const live: LiveEvent[] = [];
    const said: string[] = [];
    const resumed = new Conversation(h.conversation.state, {
      ctx: {
        brain: createOfflineBrain(),
        services: createServices(openRegistry({ atxHome: h.atxHome, env: h.env }), process.cwd()),
      },
      store: openStore(h.atxHome),
      runs: createRunService(h.env, process.cwd()),
      trustAllTools: false,
      onMessage: (m) => said.push(m.text),
      onProgress: (event) => live.push(event),
      onStatus: (status) => statuses.push(status),
    });
    await resumed.resume();
    expect(said.join('\n')).toMatch(/Continuing conversation[\s\S]*Review the plan/);
    expect(statuses.map((s) => s.running)).toEqual([false, true, false]);
    await resumed.say('go');
    await resumed.settled();
    expect(statuses.map((s) => s.running)).toEqual([false, true, false, true, false]);
    expect(live.filter((e) => e.kind === 'step-start').map((e) => (e as { stepId: string }).stepId)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '3.1',
    ]);
    expect(live.some((e) => e.kind === 'activity' && /checking exit criterion: /.test(e.label))).toBe(true);
    expect(said.join('\n')).toMatch(/Anything else\?/);
  }, 120_000);
});

describe('a description with a model behind the session', () => {
  it('still asks again for one word that names nothing, and takes a change the rules would not know', async () => {
    const model = { ...createOfflineBrain(), kind: 'anthropic' as const, label: 'model stub' };
    const h = await harness(model);
    await h.say('create a new one');
    expect(await h.say('banana')).toMatch(/does not say what to migrate/);
    const taken = await h.say('make our handlers use ESM modules');
    expect(taken).not.toMatch(/does not say what to migrate/);
    // A model reads guides and descriptions itself: atx does not ask for a guide first.
    expect(taken).toMatch(/documentation, code samples or migration guides/);
    expect(h.conversation.state.phase).toBe('docs');
  });
});

describe('documents named in words', () => {
  it('reads a guide named in a sentence, and offers the close name for a mistyped one instead of taking the sentence as the guide', async () => {
    const root = await tempDir('atx-docs-');
    await mkdir(join(root, 'docs'));
    await writeFile(join(root, 'docs', 'express-5-migration.md'), expressGuide);
    const h = await harness(createOfflineBrain(), { cwd: root });
    await h.say('create a new one');
    await h.say('upgrade express from 4 to 5');
    const slip = await h.say('the migration guide is at docs/express-5-migraton.md');
    expect(slip).toMatch(
      /I found no file or folder at docs\/express-5-migraton\.md\. Did you mean docs\/express-5-migration\.md\?/,
    );
    expect(h.conversation.state.documents).toEqual([]);
    const read = await h.say('sorry, it is docs/express-5-migration.md');
    expect(read).toMatch(/Read docs\/express-5-migration\.md\.[\s\S]*The guide gave 4 steps/);
  });
});
