// The offline brain's rules: intents in people's words, drafts from the knowledge base, edits.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDefinition, renderDefinition, type Definition } from '../../src/definitions/index.js';
import { draftOffline } from '../../src/llm/offline/draft.js';
import { interpretOffline, matchEntry } from '../../src/llm/offline/intents.js';
import { reviseOffline } from '../../src/llm/offline/revise.js';
import { closeMatches } from '../../src/session/create.js';
import { proposeName } from '../../src/session/review.js';
import { openRegistry } from '../../src/registry/index.js';
import { tempDir } from '../helpers/cli.js';

const entries = await openRegistry({ atxHome: await tempDir(), env: {} }).list();

describe('offline intents', () => {
  it.each([
    ['new one', 'create'],
    ['I want to create a new one', 'create'],
    ['2', 'create'],
    ['option 2', 'create'],
    ['make my own', 'create'],
    ['1', 'use-existing'],
    ['use an existing one', 'use-existing'],
    ['show me what is available', 'use-existing'],
    ['banana', 'unknown'],
  ])('"%s" answers existing-or-new with %s', (said, kind) => {
    expect(interpretOffline('choose', said, { entries }).kind).toBe(kind);
  });

  it.each([
    ['the node upgrade', 'AWS/nodejs-version-upgrade'],
    ['the angular one', 'AWS/angular-version-upgrade'],
    ['python version upgrade', 'AWS/python-version-upgrade'],
    ['boto', 'AWS/python-boto2-to-boto3'],
    ['AWS/java-version-upgrade', 'AWS/java-version-upgrade'],
  ])('"%s" names %s', (said, name) => {
    expect(interpretOffline('choose', said, { entries })).toEqual({ kind: 'use-existing', name });
  });

  it('leaves an ambiguous name open', () => {
    expect(matchEntry('the nodejs one', entries)).toBeUndefined();
  });

  it.each([
    ['apply it', { kind: 'apply' }],
    ['run it on my repo', { kind: 'apply' }],
    ['publish', { kind: 'publish' }],
    ['publish it for the team', { kind: 'publish' }],
    ['save it as a draft', { kind: 'save-draft' }],
    ['modify it', { kind: 'modify' }],
    ['add a step to run the linter', { kind: 'modify', change: 'add a step to run the linter' }],
    ['drop phase 2', { kind: 'modify', change: 'drop phase 2' }],
  ])('"%s" after the draft is %j', (said, intent) => {
    expect(interpretOffline('next', said)).toEqual(intent);
  });

  it('reads yes and no', () => {
    for (const yes of ['yes', 'ok', 'Sure.', 'looks good', "that's fine"])
      expect(interpretOffline('yes-no', yes).kind).toBe('yes');
    for (const no of ['no', 'nope', "don't", 'cancel']) expect(interpretOffline('yes-no', no).kind).toBe('no');
    expect(interpretOffline('yes-no', 'MyOrg/thing').kind).toBe('unknown');
  });
});

const roundTrip = (d: Definition) =>
  expect(parseDefinition(renderDefinition(d), 'transformation_definition.md')).toEqual(d);
const phases = (d: Definition) => d.phases.map((p) => p.title);
const actions = (d: Definition) => d.phases.flatMap((p) => p.steps.map((s) => s.action)).filter(Boolean);

describe('offline drafts', () => {
  it.each([
    [
      'angular 16 to 19 application migration',
      ['Angular 16 to 17', 'Angular 17 to 18', 'Angular 18 to 19', 'Validation'],
    ],
    ['upgrade node 16 to 22', ['Node.js 16 to 18', 'Node.js 18 to 20', 'Node.js 20 to 22', 'Validation']],
    ['python 3.8 to 3.11', ['Python 3.8 to 3.9', 'Python 3.9 to 3.10', 'Python 3.10 to 3.11', 'Validation']],
    ['java 8 to 21 migration', ['Java 8 to 11', 'Java 11 to 17', 'Java 17 to 21', 'Validation']],
    ['react 16 to 18', ['React 16 to 17', 'React 17 to 18', 'Validation']],
    ['vue 2 to 3', ['Vue 2 to 3', 'Validation']],
    ['spring boot 2.7 to 3.2 upgrade', ['Spring Boot 2 to 3', 'Validation']],
    ['migrate our lambdas from aws sdk v2 to v3 in javascript', ['AWS SDK for JavaScript 2 to 3', 'Validation']],
    ['move the java aws sdk to v2', ['AWS SDK for Java 1 to 2', 'Validation']],
    ['boto2 to boto3', ['boto 2 to 3', 'Validation']],
  ])('"%s" climbs one version per phase', (description, expected) => {
    const draft = draftOffline({ description, documents: [] });
    expect(phases(draft)).toEqual(expected);
    expect(draft.exitCriteria.length).toBeGreaterThan(0);
    roundTrip(draft);
  });

  it('uses the built-in codemods and real commands where they exist', () => {
    expect(actions(draftOffline({ description: 'node 20 to 24', documents: [] }))).toEqual(
      expect.arrayContaining([
        { codemod: 'lambda-callback-to-async' },
        { codemod: 'nodejs-runtime-upgrade', options: { targetVersion: 24 } },
      ]),
    );
    expect(actions(draftOffline({ description: 'aws sdk js v2 to v3', documents: [] }))).toContainEqual({
      codemod: 'aws-sdk-v2-to-v3',
    });
    const angular = draftOffline({ description: 'angular 16 to 19', documents: [] });
    expect(angular.exitCriteria[0]!.validator).toEqual({
      validator: 'no-match',
      pattern: expect.stringContaining('"(@angular/core|@angular/cli)"'),
      paths: ['package.json'],
    });
    expect(new RegExp(angular.exitCriteria[0]!.validator!.pattern!).test('"@angular/core": "^18.2.0"')).toBe(true);
    expect(new RegExp(angular.exitCriteria[0]!.validator!.pattern!).test('"@angular/core": "^19.0.1"')).toBe(false);
  });

  it('states its assumptions, names the documents, and drafts honestly when it knows nothing', () => {
    const onlyTarget = draftOffline({
      description: 'upgrade to angular 18',
      documents: [{ name: 'notes.md', text: 'a\nb' }],
    });
    expect(phases(onlyTarget)).toEqual(['Angular 17 to 18', 'Validation']);
    expect(onlyTarget.summary).toMatch(/Assumed: the project starts on Angular 17/);
    expect(onlyTarget.summary).toMatch(/notes\.md \(2 lines\)/);
    expect(onlyTarget.phases.at(-1)!.steps[0]!.text).toMatch(/supplied documents \(notes\.md\)/);
    const unknown = draftOffline({ description: 'cobol to rust rewrite', documents: [] });
    expect(phases(unknown)).toEqual(['Assess', 'Migrate', 'Validation']);
    expect(unknown.summary).toMatch(/no built-in knowledge/);
    roundTrip(unknown);
  });

  it('proposes names from titles', () => {
    expect(proposeName('Angular 16 to 19 migration')).toBe('Angular-16-to-19-Migration');
    expect(proposeName('AWS SDK for JavaScript 2 to 3 migration')).toBe('AWS-SDK-for-JavaScript-2-to-3-Migration');
  });
});

describe('offline edits', () => {
  it('drops a phase of a real definition and keeps its dependencies pointing at the same steps', async () => {
    const text = await readFile(
      new URL('../../transformations/AWS/angular-version-upgrade/transformation_definition.md', import.meta.url),
      'utf8',
    );
    const angular = parseDefinition(text, 'transformation_definition.md');
    const { definition, changed } = reviseOffline(angular, 'drop phase 2');
    expect(changed).toBe(true);
    expect(definition.phases.map((p) => `${p.number} ${p.title}`)).toEqual([
      '1 Angular 16 to 17',
      '2 Angular 18 to 19',
    ]);
    // "3.1 depends on 2.3" pointed into the dropped phase; "3.3 depends on 3.1" follows its step to 2.1.
    expect(definition.phases[1]!.steps[0]!.action).not.toHaveProperty('dependsOn');
    expect(definition.phases[1]!.steps[2]!.action).toMatchObject({ dependsOn: ['2.1'] });
    roundTrip(definition);
  });

  it('adds steps and criteria, removes steps, and says what it cannot do', () => {
    const base = draftOffline({ description: 'python 3.11 to 3.12', documents: [] });
    const lint = reviseOffline(base, 'add a step to run the linter');
    expect(lint.definition.phases.at(-1)!.steps.at(-1)!.action).toEqual({ command: 'ruff check .' });
    const custom = reviseOffline(base, 'add a step to run `make docs`');
    expect(custom.definition.phases.at(-1)!.steps.at(-1)).toMatchObject({
      text: 'Run `make docs`.',
      action: { command: 'make docs' },
    });
    const agent = reviseOffline(base, 'add a step to update the README with the new version');
    expect(agent.definition.phases.at(-1)!.steps.at(-1)).toEqual({
      id: '2.2',
      text: 'Update the README with the new version.',
    });
    const criterion = reviseOffline(base, 'add an exit criterion that the Docker image builds');
    expect(criterion.definition.exitCriteria.at(-1)).toEqual({
      id: `exit-${base.exitCriteria.length + 1}`,
      text: 'The Docker image builds.',
    });
    const removed = reviseOffline(base, 'remove step 1.2');
    expect(removed.definition.phases[0]!.steps.map((s) => s.id)).toEqual(['1.1']);
    expect(reviseOffline(base, 'drop phase 7').reply).toMatch(/There is no phase 7/);
    expect(reviseOffline(base, 'make it faster')).toMatchObject({
      changed: false,
      reply: expect.stringMatching(/did not understand/),
    });
    for (const edit of [lint, custom, agent, criterion, removed]) roundTrip(edit.definition);
  });
});

describe('close matches in the registry', () => {
  it('finds the shipped definition for a description, exact when names and versions agree', () => {
    const angular = closeMatches('angular 16 to 19 application migration', entries);
    expect(angular[0]).toMatchObject({ entry: { name: 'AWS/angular-version-upgrade' }, exact: true });
    const node = closeMatches('node 18 to 22 upgrade', entries);
    expect(node[0]).toMatchObject({ entry: { name: 'AWS/nodejs-version-upgrade' }, exact: false });
    expect(closeMatches('cobol to rust rewrite', entries)).toEqual([]);
  });
});
