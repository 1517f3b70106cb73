// Browser tests of the explorer (issue 4): three Chromium configurations against the built app.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openPage } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const DEFAULT_OPTIMIZERS = ['sgd', 'newton', 'lbfgs', 'hessian-free'];
const T = 60_000;

async function waitReady(page) {
  await page.waitForFunction(
    () => {
      const b = document.querySelector('[data-testid=backend]')?.textContent ?? '';
      const run = document.querySelector('[data-testid=run]');
      return b !== '' && b !== '…' && run && !run.disabled;
    },
    null,
    { timeout: T },
  );
  return (await page.getByTestId('backend').textContent()).trim();
}

async function pickRosenbrockDefaults(page) {
  const select = page.getByTestId('problem-select');
  const value = await select.evaluate((el) => [...el.options].find((o) => o.textContent.trim() === 'Rosenbrock')?.value);
  assert.ok(value, 'problem-select has a Rosenbrock option');
  await select.selectOption(value);
  for (const name of DEFAULT_OPTIMIZERS) await page.getByTestId(`optimizer-${name}`).check();
  await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled, null, { timeout: T });
}

async function runToEnd(page) {
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: T });
}

async function exportJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

function assertConverged(doc) {
  assert.equal(doc.trajectories.length, 4, 'four trajectories');
  assert.deepEqual(doc.trajectories.map((t) => t.optimizer).sort(), [...DEFAULT_OPTIMIZERS].sort());
  for (const t of doc.trajectories) {
    assert.ok(t.records.length > 0, `${t.optimizer} has records`);
    assert.ok(t.hyperParams && typeof t.hyperParams === 'object', `${t.optimizer} has hyper-parameters`);
    const [x, y] = t.x;
    const d = Math.hypot(x - 1, y - 1);
    if (t.optimizer === 'sgd') assert.ok(d > 1e-3, `sgd is not at the minimum yet (distance ${d})`);
    else assert.ok(d < 1e-3, `${t.optimizer} ends at (${x}, ${y}), ${d} from (1, 1)`);
  }
  assert.equal(doc.problem.kind, 'function');
  assert.equal(doc.problem.name, 'rosenbrock');
}

async function tableRows(page) {
  return page.$$eval('[data-testid=results-table] tbody tr[data-optimizer]', (rows) =>
    rows.map((r) => {
      const cell = (c) => r.querySelector(`[data-col=${c}]`)?.textContent ?? '';
      return { optimizer: r.dataset.optimizer, loss: cell('loss'), nit: cell('nit'), nfev: cell('nfev'), ngev: cell('ngev'), nhvp: cell('nhvp'), success: cell('success'), reason: cell('reason') };
    }),
  );
}

async function assertTableMatches(page, doc) {
  const rows = await tableRows(page);
  assert.equal(rows.length, doc.trajectories.length);
  for (const t of doc.trajectories) {
    const row = rows.find((r) => r.optimizer === t.optimizer);
    assert.ok(row, `row for ${t.optimizer}`);
    assert.equal(Number(row.nit), t.nit, `${t.optimizer} iterations`);
    assert.equal(Number(row.nfev), t.nfev, `${t.optimizer} nfev`);
    assert.equal(Number(row.ngev), t.ngev, `${t.optimizer} ngev`);
    assert.equal(Number(row.nhvp), t.nhvp, `${t.optimizer} nhvp`);
    assert.equal(row.reason, t.reason, `${t.optimizer} reason`);
    assert.equal(row.success, t.success ? 'yes' : 'no', `${t.optimizer} success`);
    const shown = Number(row.loss);
    assert.ok(Math.abs(shown - t.f) <= 1e-5 * Math.max(1, Math.abs(t.f)) || (t.f !== 0 && Math.abs(shown / t.f - 1) < 1e-4), `${t.optimizer} loss ${row.loss} vs ${t.f}`);
  }
}

/** Distinct colours in the 3D canvas (read through a 2-D copy; the WebGL context preserves its buffer). */
async function canvasColourCount(page) {
  await page.waitForSelector('[data-testid=surface-3d] canvas', { timeout: T });
  await page.waitForTimeout(500);
  return page.$eval('[data-testid=surface-3d] canvas', (c) => {
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const seen = new Set();
    for (let i = 0; i < px.length; i += 4 * 7) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2] | (px[i + 3] << 24));
    return seen.size;
  });
}

async function setupOf(page) {
  return page.evaluate(() => JSON.parse(decodeURIComponent(new URLSearchParams(location.hash.slice(1)).get('setup'))));
}

/** E2E_CONFIGS=auto (comma-separated) runs a subset while iterating. */
const ONLY = process.env.E2E_CONFIGS?.split(',');

function configSuite(config, opts) {
  if (ONLY && !ONLY.includes(config)) return;
  describe(`chromium: ${config}`, { timeout: 170_000 }, () => {
    let browser;
    before(async () => {
      browser = await launch(config);
    });
    after(async () => {
      await browser?.close();
    });

    test('Rosenbrock: four optimizers run to the end and export what the table shows', async () => {
      const url = opts.backend ? `${APP_URL}#setup=${encodeURIComponent(JSON.stringify({ backend: opts.backend }))}` : APP_URL;
      const { page, errors, context } = await openPage(browser, url);
      const backend = await waitReady(page);
      opts.checkBackend(backend, (await page.getByTestId('backend-reason').textContent()) ?? '');
      await pickRosenbrockDefaults(page);
      await runToEnd(page);
      const doc = await exportJson(page);
      assertConverged(doc);
      await assertTableMatches(page, doc);
      assert.ok((await canvasColourCount(page)) > 20, '3D canvas has drawn a surface');
      if (opts.screenshot) await page.screenshot({ path: 'test-results/main-view.png', fullPage: true });
      assert.deepEqual(errors, [], 'no console errors');
      await context.close();
    });

    if (!opts.full) return;

    test('the share URL restores the same setup', async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await page.getByTestId('optimizer-adam').check();
      await page.getByTestId('optimizer-sgd').uncheck();
      await page.getByTestId('steps').fill('321');
      await page.getByTestId('share-url').click();
      const shared = await page.getByTestId('share-url-value').inputValue();
      const before = await setupOf(page);
      const other = await context.newPage();
      await other.goto(shared);
      await waitReady(other);
      assert.deepEqual(await setupOf(other), before);
      assert.equal(await other.getByTestId('optimizer-adam').isChecked(), true);
      assert.equal(await other.getByTestId('optimizer-sgd').isChecked(), false);
      assert.equal(await other.getByTestId('steps').inputValue(), '321');
      await context.close();
    });

    test('every demo steps through without a console error', async () => {
      const { page, errors, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      const demos = await page.getByTestId('demo-select').evaluate((el) => [...el.options].map((o) => o.value).filter(Boolean));
      assert.ok(demos.length >= 4, 'at least four demos');
      const settled = () =>
        page.waitForFunction(
          () => {
            const t = document.querySelector('[data-testid=demo-text]')?.textContent ?? '';
            return t.length > 40 && !t.startsWith('Running') && !t.startsWith('Computing') && !/\(not run\)/.test(t);
          },
          null,
          { timeout: T },
        );
      for (const id of demos) {
        await page.getByTestId('demo-select').selectOption(id);
        await settled();
        let guard = 0;
        while (!(await page.getByTestId('demo-next').isDisabled()) && guard++ < 10) {
          const before = await page.getByTestId('demo-text').textContent();
          await page.getByTestId('demo-next').click();
          await page.waitForFunction((b) => document.querySelector('[data-testid=demo-text]')?.textContent !== b, before, { timeout: T });
          await settled();
        }
        await page.screenshot({ path: `test-results/demo-${id}.png` });
        await page.keyboard.press('ArrowLeft');
        await settled();
      }
      assert.deepEqual(errors, [], 'no console errors');
      await context.close();
    });

    test('a bad problem file shows an error naming the field and the app keeps working', async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      const bad = JSON.stringify({ name: 'broken', layers: [2, 'four', 1], activation: 'tanh', loss: 'mse', weight_decay: 0, X: [[0, 0]], y: [[0]], params: [] });
      await page.getByTestId('load-problem').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
      const message = page.getByTestId('error-message');
      await message.waitFor({ timeout: T });
      const text = await message.textContent();
      assert.match(text, /broken\.json/);
      assert.match(text, /layers/);
      assert.equal(await page.getByTestId('problem-select').inputValue(), 'fn:rosenbrock');
      await runToEnd(page);
      const rows = await tableRows(page);
      assert.equal(rows.length, 4);
      await context.close();
    });
  });
}

configSuite('webgpu', {
  backend: 'webgpu',
  checkBackend: (backend) => assert.equal(backend, 'webgpu'),
});

configSuite('auto', {
  full: true,
  screenshot: true,
  checkBackend: (backend, reason) => {
    assert.ok(['webgpu', 'webgl', 'wasm', 'cpu'].includes(backend), `backend ${backend}`);
    assert.match(reason, /auto/);
  },
});

configSuite('no-webgpu', {
  backend: 'webgpu',
  checkBackend: (backend, reason) => {
    assert.notEqual(backend, 'webgpu');
    assert.match(reason, /fell back/);
  },
});
