// Browser test of the Studies tab (issue 12): a link opens a study with its setup, the run reports
// progress in the studies worker, the verdict, plots and tables appear, exports carry the series,
// a long run can be cancelled.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { download, launch, openPage, WAIT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const T = WAIT_MS;

describe('Studies tab (auto backend)', () => {
  let browser;
  let session;
  before(async () => {
    browser = await launch('auto');
    const settings = encodeURIComponent(JSON.stringify({ steps: '12', every: '4', lrs: '0.5,1', trainRows: '60', hidden: '8' }));
    session = await openPage(browser, `${APP_URL}?study=edge-of-stability&study-settings=${settings}`);
    session.page.setDefaultTimeout(T);
  });
  after(async () => {
    await browser?.close();
  });

  test('a link opens the study with its setup; Run gives the verdict, plots, tables and exports', { timeout: T }, async () => {
    const { page } = session;
    await page.getByTestId('studies-page').waitFor();
    assert.equal(await page.getByTestId('study-edge-of-stability-steps').inputValue(), '12');
    await page.getByTestId('study-run').click();
    await page.getByTestId('study-verdict').waitFor({ timeout: T });
    assert.match(await page.getByTestId('study-verdict').textContent(), /Verdict: (agrees|partly|disagrees)/);
    assert.equal(await page.locator('[data-testid^=study-plot-]').count(), 2);
    const json = await download(page, 'study-export-json');
    assert.equal(json.name, 'curvscape-study-edge-of-stability.json');
    const report = JSON.parse(json.body.toString());
    assert.deepEqual(report.runs.map((r) => r.lr), [0.5, 1]);
    for (const r of report.runs) {
      assert.deepEqual(r.steps, [0, 4, 8, 12]);
      assert.equal(r.lambda_max.length, 4);
      assert.ok(r.lambda_max.every(Number.isFinite));
    }
    const csv = await download(page, 'study-export-csv');
    assert.equal(csv.body.toString().split('\n')[0], 'lr,two_over_lr,step,lambda_max,loss');
    const png = await download(page, 'study-export-png');
    assert.equal(png.body.subarray(1, 4).toString(), 'PNG');
    await page.screenshot({ path: 'test-results/studies-edge-of-stability.png', fullPage: false });
    assert.match(page.url(), /study=edge-of-stability/);
    assert.deepEqual(session.errors, []);
  });

  test('a long run shows progress and stops on Cancel', { timeout: T }, async () => {
    const { page } = session;
    await page.getByTestId('study-edge-of-stability-steps').fill('100000');
    await page.getByTestId('study-run').click();
    await page.getByTestId('study-progress').waitFor({ timeout: T });
    await page.waitForFunction(() => /step [1-9]/.test(document.querySelector('[data-testid=study-progress]')?.textContent ?? ''), null, { timeout: T });
    await page.getByTestId('study-cancel').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=study-error]')?.textContent === 'Cancelled.', null, { timeout: T });
    assert.equal(await page.getByTestId('study-run').isDisabled(), false);
  });
});
