// Browser test of the Network mode (issue 5): train the spiral network with curvature every 10 steps,
// then the density, Hessian, surface, interpolation and mini-batch views. Runs on `auto` only, to keep time down.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasColours, downloadJson, launch, openPage, waitReady, TEST_TIMEOUT_MS, WAIT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const T = WAIT_MS;
const ONLY = process.env.E2E_CONFIGS?.split(',');
/** Each test's own budget: generous, so a loaded machine slows it without failing it. */
const TEST_TIMEOUT = TEST_TIMEOUT_MS;

async function clickAndSettle(page, button) {
  await page.getByTestId(button).click();
  await page.waitForFunction((id) => !document.querySelector(`[data-testid=${id}]`).disabled, button, { timeout: T });
}

if (!ONLY || ONLY.includes('auto'))
  describe('chromium: auto, Network mode', () => {
    let browser;
    before(async () => {
      browser = await launch('auto');
    });
    after(async () => {
      await browser?.close();
    });

    test('spiral: curvature over 100 training steps, density, Hessian heatmap, surface and exports', { timeout: TEST_TIMEOUT }, async () => {
      const { page, errors, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await page.getByTestId('problem-select').selectOption('ds:spiral');
      await page.getByTestId('mode-network').click();
      await page.getByTestId('network-view').waitFor({ timeout: T });
      await page.getByTestId('net-optimizer').selectOption('sgd');
      await page.getByTestId('net-steps').fill('100');
      await page.getByTestId('net-every').fill('10');
      await page.getByTestId('train-curvature').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=curvature-chart]')?.dataset.status === 'done', null, { timeout: T });

      const count = Number(await page.getByTestId('curvature-chart').getAttribute('data-points'));
      assert.ok(count > 5, `curvature chart has ${count} points`);
      const doc = await downloadJson(page, 'curvature-export-json');
      assert.equal(doc.points.length, count, 'the export holds every point the chart shows');
      assert.deepEqual(doc.points.map((p) => p.step), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
      for (const p of doc.points) {
        assert.ok(Number.isFinite(p.lambdaMax) && p.lambdaMax > 0, `λ_max at step ${p.step} is ${p.lambdaMax}`);
        assert.ok(p.lambdaMin <= p.lambdaMax, `λ_min ${p.lambdaMin} ≤ λ_max ${p.lambdaMax}`);
        assert.ok(Number.isFinite(p.trace) && p.traceProbes > 0, `trace at step ${p.step} with its probes`);
        assert.ok(Number.isFinite(p.gradNorm), `gradient norm at step ${p.step}`);
      }
      assert.equal(doc.edgeOfStability, 2 / doc.hyperParams.lr, 'the 2/η line of gradient descent');
      assert.ok(doc.losses.at(-1) < doc.losses[0], `training lowered the loss ${doc.losses[0]} -> ${doc.losses.at(-1)}`);
      assert.ok((await canvasColours(page, '[data-testid=curvature-chart] canvas')) > 5, 'the curvature chart has drawn');
      const legend = await page.$$eval('[data-testid=curvature-chart] .u-legend .u-label', (els) => els.map((e) => e.textContent));
      assert.ok(legend.includes('trace + 2 s.e.') && legend.includes('trace − 2 s.e.'), `the trace's ±2 s.e. band is charted: ${legend}`);
      assert.ok(doc.points.every((p) => Number.isFinite(p.traceStdError) && p.traceStdError > 0), 'every trace has a standard error');

      await page.getByTestId('net-point').selectOption('trained');
      await clickAndSettle(page, 'compute-density');
      assert.ok((await canvasColours(page, '[data-testid=density-plot] canvas')) > 10, 'the density plot has drawn');
      const density = await downloadJson(page, 'density-export-json');
      // the spiral's default network: 2 inputs, 16 tanh units, 3 classes
      assert.equal(density.exact.length, 2 * 16 + 16 + 16 * 3 + 3, 'exact eigenvalues beside SLQ for every parameter');

      await clickAndSettle(page, 'compute-hessian');
      assert.ok((await canvasColours(page, '[data-testid=hessian-heatmap] canvas')) > 10, 'the Hessian heatmap has drawn');
      const layerRows = await page.$$eval('[data-testid=layer-table] tbody tr', (rows) => rows.length);
      assert.equal(layerRows, 2, 'one row per weight layer');

      await page.getByTestId('direction-method').selectOption('pca');
      await clickAndSettle(page, 'compute-surface');
      await page.getByTestId('plane-distances').waitFor({ timeout: T });
      const surface = await downloadJson(page, 'surface-export-json');
      assert.equal(surface.loss.length, surface.grid);
      assert.ok(surface.directions.explainedVariance[0] > 0.5, `PCA explains ${surface.directions.explainedVariance[0]} along the first direction`);

      await clickAndSettle(page, 'compute-interpolation');
      await clickAndSettle(page, 'compute-minibatch');
      assert.match(await page.getByTestId('minibatch-readout').textContent(), /Mini-batch/);
      await page.waitForTimeout(300);
      await page.screenshot({ path: 'test-results/network-view.png', fullPage: true });

      // The share link carries the Network mode: every setting below differs from its default.
      const chosen = {
        'net-optimizer': 'momentum',
        'net-lr': '0.5',
        'net-steps': '120',
        'net-every': '12',
        'density-probes': '6',
        'density-steps': '30',
        'density-runs': '2',
        'minibatch-size': '24',
        'surface-grid': '21',
        'surface-span': '1.5',
      };
      await page.getByTestId('net-optimizer').selectOption(chosen['net-optimizer']);
      for (const [id, value] of Object.entries(chosen).slice(1)) await page.getByTestId(id).fill(value);
      await page.getByTestId('share-url').click();
      const shared = await page.getByTestId('share-url-value').inputValue();
      const net = JSON.parse(decodeURIComponent(new URLSearchParams(new URL(shared).hash.slice(1)).get('net')));
      assert.equal(net.mode, 'network');
      assert.equal(net.method, 'pca');
      assert.equal(net.densityRuns, 2);
      const second = await openPage(browser, shared);
      await waitReady(second.page);
      await second.page.getByTestId('network-view').waitFor({ timeout: T });
      assert.equal(await second.page.getByTestId('mode-network').getAttribute('aria-selected'), 'true', 'the link opens the Network tab');
      assert.equal(await second.page.getByTestId('problem-select').inputValue(), 'ds:spiral');
      assert.equal(await second.page.getByTestId('direction-method').inputValue(), 'pca');
      for (const [id, value] of Object.entries(chosen)) assert.equal(await second.page.getByTestId(id).inputValue(), value, `${id} restored from the link`);
      assert.deepEqual(second.errors, [], 'no console errors on the shared page');
      await second.context.close();
      assert.deepEqual(errors, [], 'no console errors');
      await context.close();
    });
  });

/** The worker's TF.js engine drops its WebGPU device, as a GPU reset or driver crash would. */
async function loseWebgpuDevice(page) {
  const worker = page.workers().find((w) => w.url().includes('compute.worker'));
  assert.ok(worker, 'the compute worker is running');
  await worker.evaluate(() => self._tfengine.backend.device.destroy());
}

if (!ONLY || ONLY.includes('webgpu'))
  describe('chromium: webgpu, Network mode after a lost device', () => {
    let browser;
    before(async () => {
      browser = await launch('webgpu');
    });
    after(async () => {
      await browser?.close();
    });

    test('training whose WebGPU device is lost continues on wasm from the step it reached, keeping its curvature points', { timeout: TEST_TIMEOUT }, async () => {
      const spiral = { kind: 'dataset', dataset: 'spiral', n: 120, noise: 0.1, seed: 1, hidden: [16], activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 1e-4, initSeed: 7 };
      const net = { mode: 'network', optimizer: 'sgd', lr: 2, steps: 300, every: 100 };
      const url = `${APP_URL}#setup=${encodeURIComponent(JSON.stringify({ backend: 'webgpu', problem: spiral }))}&net=${encodeURIComponent(JSON.stringify(net))}`;
      const { page, context } = await openPage(browser, url);
      await waitReady(page);
      await page.getByTestId('network-view').waitFor({ timeout: T });
      await page.getByTestId('train-curvature').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=backend]')?.textContent === 'webgpu', null, { timeout: T });
      // Past step 20, so steps taken on webgpu come before the loss and the continued run's after it.
      await page.waitForFunction(() => /step ([2-9]\d|\d{3,}) /.test(document.querySelector('[data-testid=train-progress]')?.textContent ?? ''), null, { timeout: T });
      await loseWebgpuDevice(page);

      const note = page.getByTestId('train-note');
      await note.waitFor({ timeout: T });
      const text = await note.textContent();
      const m = /^WebGPU device lost at step (\d+); continued on wasm from the parameters at step (\d+) \(sgd's optimizer state re-created there, not carried\)$/.exec(text);
      assert.ok(m && m[1] === m[2], `"${text}" names the step and the fallback backend`);
      const lostAt = Number(m[1]);
      assert.ok(lostAt >= 20 && lostAt + 10 <= net.steps, `lost at step ${lostAt} of ${net.steps}`);
      console.log(`WebGPU device lost at step ${lostAt}`);
      await page.waitForFunction(() => document.querySelector('[data-testid=curvature-chart]')?.dataset.status === 'done', null, { timeout: T });
      assert.equal(await page.getByTestId('backend').textContent(), 'wasm');
      assert.equal(await page.getByTestId('info-message').textContent(), text, 'the notice bar says where training went on');
      assert.equal(await page.$('[data-testid=train-error]'), null, 'no error: training ended normally');

      const doc = await downloadJson(page, 'curvature-export-json');
      assert.deepEqual(doc.points.map((p) => p.step), [0, 100, 200, 300], 'the points before the loss are kept and none is measured twice');
      assert.deepEqual(doc.deviceLoss, [text]);
      assert.equal(doc.losses.length, net.steps + 1, 'one loss per step, counted on from the lost step');
      assert.ok(doc.losses.every(Number.isFinite));

      // The same training uninterrupted on wasm: the continued run's losses follow it past the lost step.
      await page.getByTestId('train-curvature').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=curvature-chart]')?.dataset.status === 'done', null, { timeout: T });
      const clean = await downloadJson(page, 'curvature-export-json');
      assert.equal(clean.deviceLoss, undefined);
      assert.equal(clean.losses.length, net.steps + 1);
      // webgpu and wasm both compute in float32, so the runs agree to rounding near the lost step; at
      // eta = 2 the spiral's GD oscillates (edge of stability) and rounding grows over hundreds of steps
      // (0.5% apart by step 600 in one run), so the end is compared in the unit test on one backend, not here.
      for (const k of [lostAt, lostAt + 1, lostAt + 10]) {
        const rel = Math.abs(doc.losses[k] - clean.losses[k]) / Math.abs(clean.losses[k]);
        console.log(`loss at step ${k}: continued ${doc.losses[k]}, uninterrupted ${clean.losses[k]} (relative ${rel.toExponential(2)})`);
        assert.ok(rel < 1e-3, `loss at step ${k}: ${doc.losses[k]} continued against ${clean.losses[k]} uninterrupted (relative ${rel})`);
      }
      await context.close();
    });
  });
