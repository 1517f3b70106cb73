// Browser tests of the explorer (issue 4): three Chromium configurations against the built app.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { canvasColours, launch, openPage, sharedLink, sharedSetup, showSurface3d, waitBackend, waitReady, WAIT_MS, TEST_TIMEOUT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const DEFAULT_OPTIMIZERS = ['sgd', 'newton', 'lbfgs', 'hessian-free'];
// The shared fixtures sit beside the checkout, as CI lays them.
const FIXTURE = process.env.FIXTURES_DIR
  ? `${process.env.FIXTURES_DIR}/xor-sigmoid-ce-wd.json`
  : fileURLToPath(new URL('../../shared/fixtures/xor-sigmoid-ce-wd.json', import.meta.url));
const T = WAIT_MS;

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

/** Distinct colours in the 3D canvas, once it is shown (a click on software GL). */
async function canvasColourCount(page) {
  await showSurface3d(page, T);
  return canvasColours(page, '[data-testid=surface-3d] canvas');
}

/** Ticks exactly `names` among the optimizer checkboxes. */
async function tickOnly(page, names) {
  const all = await page.$$eval('input[data-testid^=optimizer-]', (els) => els.map((e) => e.dataset.testid.slice('optimizer-'.length)));
  for (const name of all) {
    const box = page.getByTestId(`optimizer-${name}`);
    if (names.includes(name)) await box.check();
    else await box.uncheck();
  }
}

/** Waits until the curvature panel has a settled value whose description matches `where`, and reads it. */
async function readCurvature(page, where) {
  await page.waitForFunction(
    (re) => {
      const panel = document.querySelector('.curvature');
      const top = document.querySelector('[data-testid=eigen-top]')?.textContent ?? '—';
      return panel && !panel.querySelector('.spinner') && new RegExp(re).test(panel.textContent) && top !== '—';
    },
    where.source,
    { timeout: T },
  );
  return {
    top: Number(await page.getByTestId('eigen-top').textContent()),
    bottom: Number(await page.getByTestId('eigen-bottom').textContent()),
  };
}

/** Eigenvalues of a symmetric 2x2 [[a, b], [b, c]], descending. */
function eig2(a, b, c) {
  const m = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  return [m + r, m - r];
}

function assertRel(actual, expected, tol, what) {
  assert.ok(Math.abs(actual - expected) <= tol * Math.abs(expected), `${what}: ${actual} vs ${expected} (relative tolerance ${tol})`);
}

/** The results card shows every column: nothing overflows it, the last cell ends inside it. */
async function assertTableFits(page) {
  const fit = await page.$eval('[data-testid=results-table]', (table) => {
    const card = table.closest('.panel');
    const right = card.getBoundingClientRect().right;
    const cells = [...table.querySelectorAll('[data-col=reason]')];
    return { overflow: card.scrollWidth - card.clientWidth, worst: Math.max(...cells.map((c) => c.getBoundingClientRect().right - right)) };
  });
  assert.ok(fit.overflow <= 0, `results card overflows by ${fit.overflow}px`);
  assert.ok(fit.worst <= 0, `reason column ends ${fit.worst}px past the card`);
}

async function pickProblem(page, value) {
  await page.getByTestId('problem-select').selectOption(value);
  await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled && !document.querySelector('[data-testid=progress]'), null, { timeout: T });
}

/** E2E_CONFIGS=auto (comma-separated) runs a subset while iterating. */
const ONLY = process.env.E2E_CONFIGS?.split(',');
/** Each test's own budget: generous, so a loaded machine slows it without failing it. */
const TEST_TIMEOUT = TEST_TIMEOUT_MS;

function configSuite(config, opts) {
  if (ONLY && !ONLY.includes(config)) return;
  describe(`chromium: ${config}`, () => {
    let browser;
    before(async () => {
      browser = await launch(config);
    });
    after(async () => {
      await browser?.close();
    });

    test('Rosenbrock: four optimizers run to the end and export what the table shows', { timeout: TEST_TIMEOUT }, async () => {
      const url = opts.backend ? `${APP_URL}#setup=${encodeURIComponent(JSON.stringify({ backend: opts.backend }))}` : APP_URL;
      const { page, errors, context } = await openPage(browser, url);
      await waitReady(page);
      // A named backend starts by itself in the background; auto waits for a network or a re-measure.
      if (!opts.backend) await page.getByTestId('backend-remeasure').dispatchEvent('click');
      const backend = await waitBackend(page);
      opts.checkBackend(backend, (await page.getByTestId('backend-reason').textContent()) ?? '');
      await pickRosenbrockDefaults(page);
      await runToEnd(page);
      const doc = await exportJson(page);
      assertConverged(doc);
      await assertTableMatches(page, doc);
      assert.ok((await canvasColourCount(page)) > 20, '3D canvas has drawn a surface');
      await assertTableFits(page);
      if (opts.screenshot) await page.screenshot({ path: 'test-results/main-view.png', fullPage: true });
      assert.deepEqual(errors, [], 'no console errors');
      await context.close();
    });

    if (opts.deviceLoss)
      test('a lost WebGPU device falls back to wasm, says so, and keeps the run', { timeout: TEST_TIMEOUT }, async () => {
        const url = `${APP_URL}#setup=${encodeURIComponent(JSON.stringify({ backend: 'webgpu' }))}`;
        const { page, context } = await openPage(browser, url);
        await waitReady(page);
        assert.equal(await waitBackend(page), 'webgpu');
        await pickRosenbrockDefaults(page);
        await runToEnd(page);
        const before = await tableRows(page);
        const worker = page.workers().find((w) => w.url().includes('compute.worker'));
        assert.ok(worker, 'the compute worker is running');
        await worker.evaluate(() => self._tfengine.backend.device.destroy());
        await page.waitForFunction(() => document.querySelector('[data-testid=backend]')?.textContent === 'wasm', null, { timeout: T });
        assert.match(await page.getByTestId('error-message').textContent(), /^WebGPU device was lost.*; continued on wasm$/);
        // The select, and so the link and exports, name the backend that runs; a retry is offered.
        assert.equal(await page.getByTestId('backend-select').inputValue(), 'wasm');
        assert.match(decodeURIComponent(new URL(await sharedLink(page)).hash), /"backend":"wasm"/);
        await page.getByTestId('backend-retry-webgpu').waitFor({ timeout: T });
        assert.deepEqual(await tableRows(page), before, 'the run state is kept');
        await pickProblem(page, 'ds:xor');
        await tickOnly(page, ['lbfgs']);
        await page.getByTestId('steps').fill('10');
        await runToEnd(page);
        const doc = await exportJson(page);
        assert.equal(doc.backend, 'wasm');
        assert.ok(doc.trajectories[0].records.length > 1, 'a network run works on the fallback backend');
        // Retry WebGPU asks for it again: a fresh device, not "Backend name 'webgpu' not found in registry".
        await page.getByTestId('backend-retry-webgpu').click();
        await page.waitForFunction(() => document.querySelector('[data-testid=backend]')?.textContent === 'webgpu', null, { timeout: T });
        assert.equal(await page.getByTestId('backend-select').inputValue(), 'webgpu');
        assert.equal(await page.getByTestId('backend-retry-webgpu').count(), 0, 'the retry is gone once webgpu runs again');
        await runToEnd(page);
        assert.equal((await exportJson(page)).backend, 'webgpu');
        await context.close();
      });

    if (!opts.full) return;

    test('auto shows the median timing of every backend it tried and picks the fastest', { timeout: TEST_TIMEOUT }, async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await page.getByTestId('backend-remeasure').dispatchEvent('click');
      const backend = await waitBackend(page);
      const rows = await page.$$eval('[data-testid=backend-timings] tbody tr', (trs) =>
        trs.map((tr) => ({ backend: tr.dataset.backend, median: tr.querySelector('[data-col=median]').textContent })),
      );
      const timed = rows.filter((r) => r.median.endsWith('ms')).map((r) => ({ ...r, ms: parseFloat(r.median) }));
      assert.ok(timed.some((r) => r.backend === 'wasm') && timed.some((r) => r.backend === 'cpu'), `wasm and cpu were timed: ${JSON.stringify(rows)}`);
      const fastest = timed.reduce((a, b) => (b.ms < a.ms ? b : a));
      assert.equal(backend, fastest.backend, `chosen ${backend}, table ${JSON.stringify(timed)}`);
      console.log(`auto probe medians: ${timed.map((r) => `${r.backend} ${r.ms} ms`).join(', ')}`);
      await context.close();
    });

    test('spiral network: adam and lbfgs lower the loss, the surface covers both paths', { timeout: TEST_TIMEOUT }, async () => {
      const { page, errors, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await pickProblem(page, 'ds:spiral');
      await tickOnly(page, ['adam', 'lbfgs']);
      await page.getByTestId('steps').fill('50');
      await runToEnd(page);
      await page.waitForFunction(() => !document.querySelector('[data-testid=progress]'), null, { timeout: T });
      const doc = await exportJson(page);
      assert.deepEqual(doc.trajectories.map((t) => t.optimizer).sort(), ['adam', 'lbfgs']);
      for (const t of doc.trajectories) {
        assert.ok(t.records.length > 1, `${t.optimizer} has records`);
        const first = t.records[0].loss;
        const last = t.records.at(-1).loss;
        assert.ok(last < first, `${t.optimizer} lowered the loss: ${first} -> ${last}`);
        assert.ok(t.records.every((r) => Number.isFinite(r.planeDistance)), `${t.optimizer} records its distance from the plane`);
      }
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-surface').click()]);
      const grid = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(grid.plane.method, 'random', 'the explorer draws networks on the landscape registry\'s random plane');
      assert.match(grid.plane.citation, /Li et al\. 2018/);
      const xs = grid.xs ?? grid.grid?.xs;
      const ys = grid.ys ?? grid.grid?.ys;
      for (const t of doc.trajectories)
        for (const r of t.records) {
          assert.ok(r.point[0] >= xs[0] && r.point[0] <= xs.at(-1), `${t.optimizer} α ${r.point[0]} inside [${xs[0]}, ${xs.at(-1)}]`);
          assert.ok(r.point[1] >= ys[0] && r.point[1] <= ys.at(-1), `${t.optimizer} β ${r.point[1]} inside [${ys[0]}, ${ys.at(-1)}]`);
        }
      assert.match(await page.getByTestId('plane-distance').textContent(), /off it/);
      assert.ok((await canvasColourCount(page)) > 20, 'the network surface has drawn');
      await page.screenshot({ path: 'test-results/network-spiral.png', fullPage: true });
      assert.deepEqual(errors, [], 'no console errors');
      await context.close();
    });

    test('a CSV upload becomes a network problem; a bad line is named', { timeout: TEST_TIMEOUT }, async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      const rows = ['x1,x2,label'];
      for (let k = 0; k < 24; k++) {
        const a = (2 * Math.PI * k) / 24;
        rows.push(`${(Math.cos(a) * (k % 2 ? 1 : 0.4)).toFixed(3)},${(Math.sin(a) * (k % 2 ? 1 : 0.4)).toFixed(3)},${k % 2}`);
      }
      await page.getByTestId('load-problem').setInputFiles({ name: 'rings.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
      await page.getByTestId('info-message').waitFor({ timeout: T });
      assert.match(await page.getByTestId('info-message').textContent(), /Loaded rings\.csv/);
      assert.equal(await page.getByTestId('problem-select').inputValue(), 'custom');
      await page.getByTestId('dataset-preview').waitFor({ timeout: T });
      const bad = 'x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n';
      await page.getByTestId('load-problem').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.getByTestId('error-message').waitFor({ timeout: T });
      const text = await page.getByTestId('error-message').textContent();
      assert.match(text, /bad\.csv/);
      assert.match(text, /line 3/);
      assert.match(await page.getByTestId('problem-select').locator('option:checked').textContent(), /rings\.csv/);
      await context.close();
    });

    test('a dropped problem file loads; its top Hessian eigenvalue at the start matches the float64 fixture', { timeout: TEST_TIMEOUT }, async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      const text = await readFile(FIXTURE, 'utf8');
      const fixture = JSON.parse(text);
      await page.evaluate(
        ({ name, text }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'application/json' }));
          window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        { name: 'xor-sigmoid-ce-wd.json', text },
      );
      await page.getByTestId('info-message').waitFor({ timeout: T });
      assert.match(await page.getByTestId('info-message').textContent(), /Loaded xor-sigmoid-ce-wd\.json/);
      await page.waitForFunction(() => !document.querySelector('[data-testid=curvature-at-start]').disabled, null, { timeout: T });
      await page.getByTestId('curvature-at-start').click();
      const c = await readCurvature(page, /the start point/);
      const ref = fixture.reference.eigenvalues_ascending;
      assertRel(c.top, ref.at(-1), 1e-3, 'largest eigenvalue');
      assert.ok(Math.abs(c.bottom - ref[0]) <= 1e-3 * Math.abs(ref.at(-1)), `smallest eigenvalue ${c.bottom} vs ${ref[0]}`);
      await context.close();
    });

    test('Rosenbrock: the curvature panel matches the analytic Hessian at the start and at L-BFGS\'s end', { timeout: TEST_TIMEOUT }, async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await pickProblem(page, 'fn:rosenbrock');
      await tickOnly(page, ['lbfgs']);
      await runToEnd(page);
      const end = await readCurvature(page, /iterate [1-9]/);
      // Hessian of (1 - x)^2 + 100 (y - x^2)^2 at (1, 1): [[802, -400], [-400, 200]]
      const [hiEnd, loEnd] = eig2(802, -400, 200);
      assertRel(end.top, hiEnd, 1e-3, 'λ max at the minimum');
      assertRel(end.bottom, loEnd, 1e-3, 'λ min at the minimum');
      await page.getByTestId('iteration').fill('0');
      const start = await readCurvature(page, /iterate 0\b/);
      const [x, y] = [-1.2, 1];
      const [hi0, lo0] = eig2(1200 * x * x - 400 * y + 2, -400 * x, 200);
      assertRel(start.top, hi0, 1e-3, 'λ max at the start');
      assertRel(start.bottom, lo0, 1e-3, 'λ min at the start');
      await context.close();
    });

    test('the share URL restores the same setup', { timeout: TEST_TIMEOUT }, async () => {
      const { page, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await page.getByTestId('optimizer-adam').check();
      await page.getByTestId('optimizer-sgd').uncheck();
      await page.getByTestId('steps').fill('321');
      await page.getByTestId('share-url').click();
      const shared = await page.getByTestId('share-url-value').inputValue();
      const before = await sharedSetup(page);
      const other = await context.newPage();
      await other.goto(shared);
      await waitReady(other);
      assert.deepEqual(await sharedSetup(other), before);
      assert.equal(await other.getByTestId('optimizer-adam').isChecked(), true);
      assert.equal(await other.getByTestId('optimizer-sgd').isChecked(), false);
      assert.equal(await other.getByTestId('steps').inputValue(), '321');
      await context.close();
    });

    test('every demo steps through without a console error', { timeout: TEST_TIMEOUT }, async () => {
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
        if (id === 'gd-vs-pgd' || id === 'monkey')
          assert.equal(await page.getByTestId('loss-chart').getAttribute('data-y-scale'), 'linear', `${id}: negative losses need a linear axis`);
        await page.screenshot({ path: `test-results/demo-${id}.png` });
        await page.keyboard.press('ArrowLeft');
        await settled();
      }
      assert.deepEqual(errors, [], 'no console errors');
      await context.close();
    });

    test('a bad problem file shows an error naming the field and the app keeps working', { timeout: TEST_TIMEOUT }, async () => {
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
  deviceLoss: true,
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
