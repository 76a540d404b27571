import { afterEach, describe, expect, it } from 'vitest';
import { runValidator, validatorSpecProblem } from '../../src/validators/index.js';
import { criterion, makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

// A SAM template and two handlers on Node.js 18; the "transformation" moves one of each.
const files = {
  'template.yaml':
    'Resources:\n  Api:\n    Properties:\n      Runtime: nodejs18.x # pinned\n  Worker:\n    Properties:\n      Runtime: nodejs18.x\n',
  'services/orders/template.yaml': 'Globals:\n  Function:\n    Runtime: nodejs18.x\n',
  'src/api.js': "exports.handler = (event, context, callback) => callback(null, 'ok');\n",
  'src/worker.js': 'exports.handler = function (event, context, callback) {\n  callback(null, 1);\n};\n',
  'node_modules/dep/template.yaml': 'Runtime: nodejs18.x\n',
  'README.md': 'We used to run on nodejs18.x.\n',
};

describe('no-match validator', () => {
  it('counts matches at the base commit and in the worktree, and passes only at zero', async () => {
    repo = makeRepo(files);
    const spec = { validator: 'no-match', pattern: 'nodejs1[0-8]\\.x', paths: ['*.yaml'] };
    repo.write('template.yaml', files['template.yaml'].replaceAll('nodejs18.x', 'nodejs24.x'));
    repo.commit('step 1');

    const partial = await runValidator(criterion(spec), repo.ctx());
    expect(partial.status).toBe('failed');
    const [evidence] = partial.evidence;
    expect(evidence.kind).toBe('search');
    // node_modules and README.md are outside the globs or excluded.
    expect(evidence.details.before).toEqual({
      lines: 3,
      files: { 'template.yaml': 2, 'services/orders/template.yaml': 1 },
    });
    expect(evidence.details.after).toEqual({ lines: 1, files: { 'services/orders/template.yaml': 1 } });
    expect(evidence.details.matches).toEqual(['services/orders/template.yaml:3: Runtime: nodejs18.x']);
    expect(evidence.summary).toContain('3 matching line(s) in 2 file(s) before, 1 in 1 file(s) after');

    // Uncommitted edits in the worktree count: the check reads the working tree, not HEAD.
    repo.write('services/orders/template.yaml', 'Globals:\n  Function:\n    Runtime: nodejs24.x\n');
    const done = await runValidator(criterion(spec), repo.ctx());
    expect(done.status).toBe('passed');
    expect(done.evidence[0].details).toMatchObject({
      before: { lines: 3 },
      after: { lines: 0, files: {} },
      matches: [],
    });
  });

  it('searches every tracked file in scope when no paths are given, never node_modules or untracked files', async () => {
    repo = makeRepo(files);
    repo.write('notes.txt', 'nodejs18.x in an untracked file\n');
    const result = await runValidator(criterion({ validator: 'no-match', pattern: 'nodejs18\\.x' }), repo.ctx());
    expect(result.evidence[0].details.after).toEqual({
      lines: 4,
      files: { 'README.md': 1, 'services/orders/template.yaml': 1, 'template.yaml': 2 },
    });
  });

  it("limits the search to the run's scope and reports repository-relative paths", async () => {
    repo = makeRepo(files);
    const result = await runValidator(
      criterion({ validator: 'no-match', pattern: 'nodejs18\\.x' }),
      repo.ctx({ scope: 'services/orders' }),
    );
    expect(result.evidence[0].details.before).toEqual({ lines: 1, files: { 'services/orders/template.yaml': 1 } });
    expect(result.evidence[0].details.matches).toEqual(['services/orders/template.yaml:3: Runtime: nodejs18.x']);
  });

  it('takes folder globs, ** globs and ! exclusions', async () => {
    repo = makeRepo(files);
    const run = (paths: string[]) =>
      runValidator(criterion({ validator: 'no-match', pattern: 'callback', paths }), repo.ctx()).then(
        (r) => r.evidence[0].details.after as { lines: number; files: Record<string, number> },
      );
    expect((await run(['src/'])).files).toEqual({ 'src/api.js': 1, 'src/worker.js': 2 });
    expect((await run(['src/**/*.js', '!src/worker.js'])).files).toEqual({ 'src/api.js': 1 });
    expect((await run(['**/*.yaml'])).lines).toBe(0);
  });

  it('uses PCRE for patterns ERE cannot express (\\d, lazy quantifiers, non-capturing groups)', async () => {
    repo = makeRepo(files);
    const result = await runValidator(
      criterion({ validator: 'no-match', pattern: 'nodejs(?:1\\d)\\.x', paths: ['*.yaml'] }),
      repo.ctx(),
    );
    expect(result.evidence[0].details).toMatchObject({ regexMode: 'perl', after: { lines: 3 } });
  });

  it('an invalid regular expression fails with a clear message, without running git', async () => {
    repo = makeRepo(files);
    const result = await runValidator(criterion({ validator: 'no-match', pattern: 'callback(' }), repo.ctx());
    expect(result.status).toBe('failed');
    expect(result.evidence[0].summary).toMatch(/^Invalid regular expression in no-match pattern "callback\(":/);
    expect(validatorSpecProblem({ validator: 'no-match', pattern: 'a[' })).toMatch(/invalid no-match pattern/);
  });

  it('a missing pattern, or a base commit git cannot search, fails with the reason', async () => {
    repo = makeRepo(files);
    const missing = await runValidator(criterion({ validator: 'no-match' }), repo.ctx());
    expect(missing.status).toBe('failed');
    expect(missing.evidence[0].summary).toMatch(/gives no `pattern`/);
    const badBase = await runValidator(
      criterion({ validator: 'no-match', pattern: 'x' }),
      repo.ctx({ baseCommit: '0000000000000000000000000000000000000000' }),
    );
    expect(badBase.status).toBe('failed');
    expect(badBase.evidence[0].summary).toMatch(/git grep could not search/);
  });
});
