// Browser tests of the one-way data flow (issue 8): races between requests, tampered links,
// Cancel in Network mode and reset. Each test has its own timeout and asserts the order of
// events, never durations.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openPage, sharedLink, waitBackend, waitReady, TEST_TIMEOUT_MS, WAIT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const T = WAIT_MS;
/** Each test's own budget: generous, so a loaded machine slows it without failing it. */
const TEST_TIMEOUT = TEST_TIMEOUT_MS;

const link = (setup, net) =>
  `${APP_URL}#setup=${encodeURIComponent(JSON.stringify(setup))}${net ? `&net=${encodeURIComponent(JSON.stringify(net))}` : ''}`;

async function runToEnd(page) {
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: T });
}

async function exportJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

async function tableOptimizers(page) {
  return page.$$eval('[data-testid=results-table] tbody tr[data-optimizer]', (rows) => rows.map((r) => r.dataset.optimizer));
}

function ringsCsv() {
  const rows = ['x1,x2,label'];
  for (let k = 0; k < 24; k++) {
    const a = (2 * Math.PI * k) / 24;
    rows.push(`${(Math.cos(a) * (k % 2 ? 1 : 0.4)).toFixed(3)},${(Math.sin(a) * (k % 2 ? 1 : 0.4)).toFixed(3)},${k % 2}`);
  }
  return rows.join('\n');
}

const ONLY = process.env.E2E_CONFIGS?.split(',');

if (!ONLY || ONLY.includes('auto'))
  describe('chromium: data flow, races, links and cancel', () => {
    let browser;
    before(async () => {
      browser = await launch('auto');
    });
    after(async () => {
      await browser?.close();
    });

    test('the 2-D Explorer runs without any tensor backend', { timeout: TEST_TIMEOUT }, async () => {
      const { page, errors, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await runToEnd(page);
      assert.equal(await page.getByTestId('backend').textContent(), 'none', 'no backend was started for Rosenbrock');
      assert.equal((await tableOptimizers(page)).length, 4);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('cpu chosen while auto is still timing stays cpu: the late auto result cannot overwrite it', { timeout: TEST_TIMEOUT }, async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      // A network needs a backend: auto starts timing.
      await page.getByTestId('problem-select').selectOption('ds:xor');
      await page.waitForFunction(() => document.querySelector('[data-testid=backend]')?.textContent === '…', null, { timeout: T });
      await page.getByTestId('backend-select').selectOption('cpu');
      assert.equal(await waitBackend(page), 'cpu');
      // Every request sent before this run has been answered by the time the run is done.
      await page.getByTestId('steps').fill('5');
      await page.getByTestId('steps').press('Enter');
      await runToEnd(page);
      assert.equal(await page.getByTestId('backend').textContent(), 'cpu');
      assert.equal(await page.getByTestId('backend-select').inputValue(), 'cpu');
      const doc = await exportJson(page);
      assert.equal(doc.backend, 'cpu', 'the export names the backend the select shows');
      await context.close();
    });

    test('a file loaded before start-up finishes is loaded, not dropped', { timeout: TEST_TIMEOUT }, async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await page.waitForSelector('[data-testid=load-problem]', { state: 'attached', timeout: T });
      await page.getByTestId('load-problem').setInputFiles({ name: 'rings.csv', mimeType: 'text/csv', buffer: Buffer.from(ringsCsv()) });
      await page.getByTestId('info-message').waitFor({ timeout: T });
      assert.match(await page.getByTestId('info-message').textContent(), /Loaded rings\.csv/);
      await waitReady(page);
      await page.getByTestId('dataset-preview').waitFor({ timeout: T });
      assert.equal(await page.getByTestId('problem-select').inputValue(), 'custom');
      await page.getByTestId('steps').fill('3');
      await page.getByTestId('steps').press('Enter');
      await runToEnd(page);
      const doc = await exportJson(page);
      assert.equal(doc.problem.kind, 'custom', 'the run used the loaded file, not the start-up problem');
      await context.close();
    });

    test('a tampered link: unknown function, javascript:, optimizers ["nope"] and out-of-range values are reported, the rest applied, the link kept', { timeout: TEST_TIMEOUT }, async () => {
      const url = link(
        { problem: { kind: 'function', name: 'javascript:alert(1)' }, optimizers: ['nope', 'adam'], steps: 999999, hyperParams: { adam: { lr: 0.05 } } },
        { mode: 'explorer', lr: 1000 },
      );
      const { page, context } = await openPage(browser, url);
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await waitReady(page);
      const notice = await page.getByTestId('error-message').textContent();
      assert.match(notice, /problem\.name: unknown function "javascript:alert\(1\)"/);
      assert.match(notice, /optimizers: unknown optimizer "nope"/);
      assert.match(notice, /link field steps:/);
      assert.match(notice, /link field net\.lr:/);
      assert.equal(await page.evaluate(() => location.href), url, 'the rejected link stays in the address bar');
      assert.equal(await page.getByTestId('problem-select').inputValue(), 'fn:rosenbrock');
      assert.equal(await page.$('[data-testid=optimizer-nope]'), null, 'no row for an unknown optimizer');
      assert.equal(await page.getByTestId('optimizer-adam').isChecked(), true, 'the good part of the link applies');
      await runToEnd(page);
      assert.deepEqual(await tableOptimizers(page), ['adam']);
      assert.equal(dialogs, 0);
      const setup = await page.evaluate(() => JSON.parse(decodeURIComponent(new URLSearchParams(location.hash.slice(1)).get('setup'))));
      assert.equal(setup.hyperParams.adam.lr, 0.05);
      await context.close();
    });

    test('a network comparison runs Hessian-free twice: duplicate, set the copy to the Hessian, run; the link reopens both entries', { timeout: TEST_TIMEOUT }, async () => {
      const { page, errors, context } = await openPage(browser, link({ optimizers: ['hessian-free'], steps: 5, backend: 'cpu' }));
      await waitReady(page);
      await page.getByTestId('problem-select').selectOption('ds:xor');
      await page.getByTestId('duplicate-hessian-free').click();
      await page.getByTestId('hp-hessian-free~2-curvature').selectOption('hessian');
      assert.equal(await page.getByTestId('entry-label-hessian-free').textContent(), 'Hessian-free (GGN)');
      assert.equal(await page.getByTestId('entry-label-hessian-free~2').textContent(), 'Hessian-free (Hessian)');
      await runToEnd(page);
      assert.deepEqual(await tableOptimizers(page), ['hessian-free', 'hessian-free']);
      const cell = (entry, col) => page.locator(`[data-testid=results-table] tr[data-entry="${entry}"] [data-col=${col}]`).textContent();
      assert.equal(await cell('hessian-free', 'nhvp'), '0', 'CG on G spends no Hessian-vector products');
      assert.ok(Number(await cell('hessian-free~2', 'nhvp')) > 0, 'CG on H spends Hessian-vector products');
      const doc = await exportJson(page);
      assert.deepEqual(doc.trajectories.map((t) => [t.entry, t.label, t.hyperParams.curvature]), [
        ['hessian-free', 'Hessian-free (GGN)', 'gauss-newton'],
        ['hessian-free~2', 'Hessian-free (Hessian)', 'hessian'],
      ]);
      const shared = await sharedLink(page);
      const again = await openPage(browser, shared);
      await waitReady(again.page);
      assert.equal(await again.page.getByTestId('problem-select').inputValue(), 'ds:xor');
      assert.equal(await again.page.getByTestId('entry-label-hessian-free~2').textContent(), 'Hessian-free (Hessian)');
      assert.equal(await again.page.getByTestId('hp-hessian-free~2-curvature').inputValue(), 'hessian');
      assert.deepEqual([...errors, ...again.errors], []);
      await again.context.close();
      await context.close();
    });

    test('a bad file dropped during a running comparison is answered while the run goes on', { timeout: TEST_TIMEOUT }, async () => {
      // A network run of 20,000 steps: minutes of work in the worker, so the run is still going when the file is answered.
      const xor = { kind: 'dataset', dataset: 'xor', n: 120, noise: 0.1, seed: 1, hidden: [8], activation: 'tanh', loss: 'binary_cross_entropy', weightDecay: 1e-4, initSeed: 7 };
      const { page, context } = await openPage(browser, link({ problem: xor, optimizers: ['adam', 'lbfgs'], steps: 20000 }));
      await waitReady(page);
      await page.getByTestId('run').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'running', null, { timeout: T });
      await page.getByTestId('load-problem').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n') });
      await page.getByTestId('error-message').waitFor({ timeout: T });
      const statusWhenAnswered = await page.getByTestId('run-status').textContent();
      assert.match(await page.getByTestId('error-message').textContent(), /bad\.csv.*line 3/);
      assert.equal(statusWhenAnswered, 'running', 'the message came before the comparison ended');
      assert.match(await page.getByTestId('problem-select').inputValue(), /^ds:xor/, 'the previous problem stays');
      await page.getByTestId('reset').click();
      await context.close();
    });

    test('Cancel in Network mode reports the step it stopped at; a newer request is answered while training runs', { timeout: TEST_TIMEOUT }, async () => {
      const spiral = { kind: 'dataset', dataset: 'spiral', n: 120, noise: 0.1, seed: 1, hidden: [8], activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 1e-4, initSeed: 7 };
      const { page, context } = await openPage(browser, link({ problem: spiral }, { mode: 'network', optimizer: 'sgd', lr: 0.5, steps: 5000, every: 10 }));
      await waitReady(page);
      await page.getByTestId('network-view').waitFor({ timeout: T });
      await page.getByTestId('train-curvature').click();
      await page.waitForFunction(() => /step [1-9]/.test(document.querySelector('[data-testid=train-progress]')?.textContent ?? ''), null, { timeout: T });
      // A newer request of another kind gets in while training goes on.
      await page.getByTestId('compute-density').click();
      await page.getByTestId('density-readout').waitFor({ timeout: T });
      assert.equal(await page.getByTestId('curvature-chart').getAttribute('data-status'), 'running', 'the density came back while training was still running');
      await page.getByTestId('train-cancel').click();
      await page.getByTestId('train-error').waitFor({ timeout: T });
      const text = await page.getByTestId('train-error').textContent();
      const m = /^cancelled at step (\d+)$/.exec(text);
      assert.ok(m, `"${text}" says where it stopped`);
      assert.ok(Number(m[1]) > 0 && Number(m[1]) < 5000, `stopped at step ${m[1]} of 5000`);
      assert.equal(await page.getByTestId('curvature-chart').getAttribute('data-status'), 'cancelled');
      await context.close();
    });

    test('reset clears the runs in the worker too: a surface evaluated after it projects no run', { timeout: TEST_TIMEOUT }, async () => {
      const xor = { kind: 'dataset', dataset: 'xor', n: 120, noise: 0.1, seed: 1, hidden: [8], activation: 'tanh', loss: 'binary_cross_entropy', weightDecay: 1e-4, initSeed: 7 };
      const { page, context } = await openPage(browser, link({ problem: xor, optimizers: ['adam'], steps: 10 }, { mode: 'explorer', method: 'random', grid: 5 }));
      await waitReady(page);
      await runToEnd(page);
      await page.getByTestId('reset').click();
      await page.getByTestId('mode-network').click();
      await page.getByTestId('network-view').waitFor({ timeout: T });
      await page.getByTestId('compute-surface').click();
      await page.getByTestId('surface-readout').waitFor({ timeout: T });
      assert.equal(await page.$('[data-testid=plane-distances]'), null, 'no trajectory of the reset run is projected');
      await context.close();
    });
  });
