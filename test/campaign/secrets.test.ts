// Secrets stay inside atx in a campaign too: the exec child (atx itself) keeps the environment,
// its build command does not; the journal, the logs, the shard export and the dashboard hold no
// secret value, even one a command read from a file.
import { randomBytes } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendJournal, compactJournal } from '../../src/campaign/journal.js';
import { renderDashboard, type DashboardData } from '../../src/campaign/dashboard.js';
import { atx, tempDir } from '../helpers/cli.js';
import { makeFleet } from './fleet.js';

const key = `sk-ant-test-${randomBytes(12).toString('hex')}`;
const token = `tok${randomBytes(12).toString('hex')}`;

async function textsUnder(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      out.push({
        path: join(entry.parentPath, entry.name),
        text: (await readFile(join(entry.parentPath, entry.name))).toString('latin1'),
      });
  }
  return out;
}

describe('a campaign with secrets in the environment', () => {
  it('writes none of them: journal, logs, export, report', async () => {
    const fleet = await makeFleet({ alpha: 'ok' });
    const secretFile = join(fleet.dir, 'credentials');
    await writeFile(secretFile, `${key}\n${token}\n`);
    const env = {
      ...fleet.env,
      ANTHROPIC_API_KEY: key,
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
      MY_SERVICE_TOKEN: token,
    };
    // The build prints what it can see of the environment, then a file holding the secrets, and fails.
    const build = `echo "key=$ANTHROPIC_API_KEY token=$MY_SERVICE_TOKEN"; cat ${secretFile}; exit 1`;
    const created = await atx(
      [
        'custom',
        'campaign',
        'create',
        '-n',
        'leaky',
        '--transformation',
        'Test/fleet',
        '--repos',
        fleet.list,
        '-c',
        build,
      ],
      { env },
    );
    expect(created.exitCode, created.stderr).toBe(0);
    const exported = join(fleet.dir, 'shard.json');
    const run = await atx(['custom', 'campaign', 'run', '-n', 'leaky', '--export', exported, '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(1);
    const html = join(fleet.dir, 'report.html');
    expect((await atx(['custom', 'campaign', 'report', '-n', 'leaky', '--html', html], { env })).exitCode).toBe(0);
    const status = await atx(['custom', 'campaign', 'status', '-n', 'leaky', '--json'], { env });
    expect(JSON.parse(status.stdout).repos[0]).toMatchObject({
      status: 'FAILED',
      reason: expect.stringMatching(/The build passes/),
    });

    const files = [
      ...(await textsUnder(fleet.home)),
      ...(await textsUnder(fleet.dir)).filter((f) => f.path !== secretFile),
    ];
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        exported,
        html,
        expect.stringMatching(/logs\/.*\.log$/),
        expect.stringMatching(/summary\.md$/),
      ]),
    );
    // The build ran without the secrets, and what it read of the file is in the evidence, redacted.
    const report = files.find((f) => f.path.endsWith('summary.md'))!.text;
    expect(report).toContain('key= token=');
    expect(report).toContain('[redacted]');
    for (const secret of [key, token]) {
      for (const file of files) expect(file.text.includes(secret), file.path).toBe(false);
      for (const output of [run, status]) expect(output.stdout + output.stderr).not.toContain(secret);
    }
  });
});

describe('the campaign writers themselves', () => {
  const saved = process.env.MY_SERVICE_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.MY_SERVICE_TOKEN;
    else process.env.MY_SERVICE_TOKEN = saved;
  });

  it('redact the journal and the dashboard, whatever a record holds', async () => {
    process.env.MY_SERVICE_TOKEN = token;
    const dir = await tempDir('atx-journal-');
    const journal = join(dir, 'journal.jsonl');
    await appendJournal(journal, [{ id: 'alpha', reason: `exec said ${token}` }]);
    expect(await readFile(journal, 'utf8')).toBe('{"id":"alpha","reason":"exec said [redacted]"}\n');
    await compactJournal(journal, [{ id: 'alpha', reason: `again ${token}` }]);
    expect(await readFile(journal, 'utf8')).toBe('{"id":"alpha","reason":"again [redacted]"}\n');
    const data = {
      name: 'c',
      transformation: 't',
      rows: [{ id: 'alpha', reason: `<b>${token}</b>` }],
    } as unknown as DashboardData;
    const html = renderDashboard(data);
    expect(html).not.toContain(token);
    expect(html).toContain('[redacted]');
  });
});
