// The dashboard in headless Chromium (Debian's chromium, driven by playwright-core): the static
// report and the live server, with a screenshot in the test's temporary folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCampaign } from '../../src/campaign/serve.js';
import { atx, tempDir } from '../helpers/cli.js';
import { createCampaign, idOf, makeFleet, type Fleet } from './fleet.js';

const executablePath = '/usr/bin/chromium';
const install = `the dashboard tests need Debian's chromium at ${executablePath}: sudo apt-get install chromium`;
const inCI = ['1', 'true'].includes((process.env.CI ?? '').toLowerCase());
const missing = !existsSync(executablePath);

// On a developer's machine a missing browser skips, saying what to install; in CI it fails the run.
if (missing) {
  describe('campaign dashboard without chromium', () => {
    it.skipIf(!inCI)(install, () => {
      throw new Error(`CI=${process.env.CI}: ${install}`);
    });
  });
}

describe.skipIf(missing)('campaign dashboard', () => {
  let fleet: Fleet;
  let browser: BrowserContext;
  beforeAll(async () => {
    fleet = await makeFleet({ ok: 'ok', broken: 'broken', plain: 'not-git' });
    await createCampaign(fleet, 'board');
    await atx(['custom', 'campaign', 'run', '-n', 'board', '--concurrency', '2'], { env: fleet.env });
    // A fresh profile folder each run (playwright passes it to chromium as --user-data-dir).
    browser = await chromium.launchPersistentContext(await tempDir('atx-chromium-'), {
      executablePath,
      headless: true,
      viewport: { width: 1200, height: 560 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('writes one self-contained page that sorts and filters', async () => {
    const file = join(fleet.dir, 'report.html');
    const report = await atx(['custom', 'campaign', 'report', '-n', 'board', '--html', file], { env: fleet.env });
    expect(report.exitCode, report.stderr).toBe(0);
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.textContent('#total-total b')).toBe('3');
    expect(await page.textContent('#total-COMPLETED b')).toBe('1');
    expect(await page.textContent('#total-FAILED b')).toBe('2');
    expect(await page.textContent('#progress-text')).toBe('3 of 3 finished (100%)');
    expect(await page.locator('#repos tbody tr').count()).toBe(3);

    await page.click('#filters button[data-status="FAILED"]');
    expect(
      await page
        .locator('#repos tbody tr')
        .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { status: string } }).dataset.status)),
    ).toEqual(['FAILED', 'FAILED']);
    await page.click('#filters button[data-status="ALL"]');
    await page.click('th[data-key="status"]');
    await page.click('th[data-key="status"]');
    const order = await page
      .locator('#repos tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { status: string } }).dataset.status));
    expect(order).toEqual(['FAILED', 'FAILED', 'COMPLETED']);
    expect(await page.getAttribute('th[data-key="status"]', 'aria-sort')).toBe('descending');
    // Links point at the run's files on disk.
    const plan = await page.getAttribute(`tr[data-repo="${idOf(fleet, 'ok')}"] a:text("plan")`, 'href');
    expect(plan).toMatch(/^file:\/\/.*\/plan\.json$/);
    await page.close();
  });

  it('serves live updates and each repository’s plan, summary, evidence and diff', async () => {
    const served = await serveCampaign({ atxHome: fleet.home, name: 'board', env: fleet.env });
    try {
      const page = await browser.newPage();
      await page.goto(served.url);
      const ok = idOf(fleet, 'ok');
      const row = `tr[data-repo="${ok}"]`;
      expect(await page.textContent(`${row} .status`)).toBe('COMPLETED');
      expect(await page.textContent(`${row}`)).toContain('2 passed / 0 failed');

      // A change to the campaign reaches the open page without a reload.
      const plain = idOf(fleet, 'plain');
      const skip = await atx(
        [
          'custom',
          'campaign',
          'update-repo',
          '-n',
          'board',
          '--repo',
          plain,
          '--status',
          'SKIPPED',
          '--reason',
          'not a repository yet',
        ],
        { env: fleet.env },
      );
      expect(skip.exitCode, skip.stderr).toBe(0);
      await page.waitForFunction(
        `document.querySelector('tr[data-repo="${plain}"]')?.getAttribute('data-status') === 'SKIPPED'`,
        undefined,
        { timeout: 10_000 },
      );
      expect(await page.textContent('#total-SKIPPED b')).toBe('1');
      const shot = join(fleet.dir, 'dashboard.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);

      const links = Object.fromEntries(
        await page.locator(`${row} a`).evaluateAll((as) =>
          as.map((a) => {
            const link = a as unknown as { textContent: string; href: string };
            return [link.textContent, link.href];
          }),
        ),
      ) as Record<string, string>;
      expect(Object.keys(links)).toEqual(['plan', 'summary', 'evidence', 'diff']);
      const get = async (url: string) => (await page.request.get(url)).text();
      expect(JSON.parse(await get(links.plan!))).toMatchObject({ transformation: { name: 'Test/fleet' } });
      expect(JSON.parse(await get(links.summary!))).toMatchObject({ status: 'succeeded' });
      expect(await get(links.evidence!)).toContain('## Exit criteria');
      const diff = await get(links.diff!);
      expect(diff).toContain('+++ b/MIGRATED.txt');
      expect(diff).toContain('+migrated');
      expect((await page.request.get(`${served.url}repos/nope/plan`)).status()).toBe(404);
      await page.close();
    } finally {
      await served.close();
    }
  });
});
