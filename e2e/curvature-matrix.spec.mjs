// Browser test of the curvature-matrix view (issue 11): train the spiral briefly, then H beside the
// Gauss-Newton matrix G at the trained point. Checks what holds by construction: every number finite,
// G positive semi-definite (lambda_max(G) > 0, its bottom eigenvalue not below float32 rounding of its top),
// the angle between top eigenvectors in [0, 90] degrees, and the gap the view prints equal to the two tops' difference.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { downloadJson, launch, openPage, waitReady, TEST_TIMEOUT_MS, WAIT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const T = WAIT_MS;
/** The test's own budget: generous, so a loaded machine slows it without failing it. */
const TEST_TIMEOUT = TEST_TIMEOUT_MS;

describe('chromium: auto, curvature matrix', () => {
  let browser;
  before(async () => {
    browser = await launch('auto');
  });
  after(async () => {
    await browser?.close();
  });

  test('spiral after 20 steps: lambda_max(G) beside H over training; H and G ends finite, G >= 0, angle in [0, 90]', { timeout: TEST_TIMEOUT }, async () => {
    const { page, errors } = await openPage(browser, APP_URL);
    await waitReady(page);
    await page.getByTestId('problem-select').selectOption('ds:spiral');
    await page.getByTestId('mode-network').click();
    await page.getByTestId('network-view').waitFor({ timeout: T });
    await page.getByTestId('net-optimizer').selectOption('sgd');
    await page.getByTestId('net-steps').fill('20');
    await page.getByTestId('net-every').fill('10');
    await page.getByTestId('net-ggn').check();
    await page.getByTestId('train-curvature').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=curvature-chart]')?.dataset.status === 'done', null, { timeout: T });

    // lambda_max of G beside H over training (the tracker's ggn option): measured at every point, charted.
    const training = await downloadJson(page, 'curvature-export-json');
    console.log(JSON.stringify(training.points.map((p) => ({ step: p.step, lambdaMax: p.lambdaMax, ggnLambdaMax: p.ggnLambdaMax, ggnvps: p.ggnvps }))));
    assert.deepEqual(training.points.map((p) => p.step), [0, 10, 20]);
    for (const p of training.points) assert.ok(Number.isFinite(p.ggnLambdaMax) && p.ggnLambdaMax > 0 && p.ggnvps > 0, `λ_max(G) at step ${p.step}: ${p.ggnLambdaMax}`);
    const legend = await page.$$eval('[data-testid=curvature-chart] .u-legend .u-label', (els) => els.map((e) => e.textContent));
    assert.ok(legend.includes('λ_max(G)'), `λ_max(G) is in the chart's legend: ${legend}`);
    await page.getByTestId('curvature-chart').screenshot({ path: 'test-results/curvature-over-training-ggn.png' });

    await page.getByTestId('net-point').selectOption('trained');
    await page.getByTestId('compute-curvature-matrix').click();
    await page.getByTestId('cm-angle').waitFor({ timeout: T });
    await page.waitForFunction(() => !document.querySelector('[data-testid=compute-curvature-matrix]').disabled, null, { timeout: T });

    const c = await downloadJson(page, 'curvature-matrix-export-json');
    console.log(JSON.stringify({ hessianTop: c.hessianTop, hessianBottom: c.hessianBottom, ggnTop: c.ggnTop, ggnBottom: c.ggnBottom, angle: c.topAngleDegrees, gap: c.topGap, hvps: c.hvps, ggnvps: c.ggnvps, dim: c.dim }));
    for (const key of ['hessianTop', 'hessianBottom', 'ggnTop', 'ggnBottom']) {
      assert.ok(c[key].length > 0 && c[key].every(Number.isFinite), `${key}: ${c[key]}`);
    }
    assert.ok(c.ggnTop[0] > 0, `lambda_max(G) = ${c.ggnTop[0]}`);
    // G = J^T (d2L/dz2) J is positive semi-definite: its smallest eigenvalue is >= 0 up to float32 rounding.
    assert.ok(c.ggnBottom[0] >= -1e-4 * c.ggnTop[0], `lambda_min(G) = ${c.ggnBottom[0]}`);
    assert.ok(c.topAngleDegrees >= 0 && c.topAngleDegrees <= 90, `angle ${c.topAngleDegrees}`);
    assert.ok(Math.abs(c.topGap - (c.hessianTop[0] - c.ggnTop[0])) <= 1e-12 * Math.abs(c.hessianTop[0]), 'the gap is lambda_max(H) - lambda_max(G)');
    // The same trained point measured twice, by the tracker at step 20 and by this view, each Lanczos to 1e-4.
    const tracked = training.points.at(-1).ggnLambdaMax;
    assert.ok(Math.abs(tracked - c.ggnTop[0]) <= 1e-3 * c.ggnTop[0], `λ_max(G): tracker ${tracked}, view ${c.ggnTop[0]}`);
    assert.ok(c.hvps > 0 && c.ggnvps > 0, `products: ${c.hvps} HVPs, ${c.ggnvps} GGN products`);

    const angleShown = Number(await page.getByTestId('cm-angle').getAttribute('data-value'));
    assert.equal(angleShown, c.topAngleDegrees, 'the view shows the exported angle');
    const cells = await page.$$eval('[data-testid=cm-table] td', (tds) => tds.map((t) => t.textContent));
    assert.ok(cells.length > 0 && cells.every((t) => t !== '—' && t !== '∞' && t !== '−∞'), `table cells: ${cells}`);
    await page.getByTestId('curvature-matrix').screenshot({ path: 'test-results/curvature-matrix.png' });

    // The density plot with G's density overlaid on H's, at the same trained point.
    await page.getByTestId('density-ggn').check();
    await page.getByTestId('compute-density').click();
    await page.getByTestId('density-plot').waitFor({ timeout: T });
    await page.waitForFunction(() => !document.querySelector('[data-testid=compute-density]').disabled, null, { timeout: T });
    const density = await downloadJson(page, 'density-export-json');
    assert.ok(density.ggn && density.ggn.grid.length > 1 && density.ggn.density.every(Number.isFinite), 'G has a density of its own');
    console.log(JSON.stringify({ hMean: density.moments.mean, gMean: density.ggn.moments.mean, gMeanSe: density.ggn.moments.meanStdError, gProducts: density.ggn.products }));
    // tr(G) > 0 for a positive semi-definite G with lambda_max(G) > 0.
    assert.ok(density.ggn.moments.mean > 0, `mean eigenvalue of G ${density.ggn.moments.mean}`);
    await page.getByTestId('density-plot').screenshot({ path: 'test-results/density-h-and-g.png' });
    assert.deepEqual(errors, [], 'no console errors');
  });

  test('explorer on the spiral: K-FAC beside SGD, its GGN products and factor passes counted on the cost axis', { timeout: TEST_TIMEOUT }, async () => {
    const { page, errors } = await openPage(browser, APP_URL);
    await waitReady(page);
    await page.getByTestId('problem-select').selectOption('ds:spiral');
    await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled, null, { timeout: T });
    for (const box of await page.$$('[data-testid^=optimizer-]')) if (await box.isChecked()) await box.uncheck();
    await page.getByTestId('optimizer-sgd').check();
    await page.getByTestId('optimizer-kfac').check();
    await page.getByTestId('steps').fill('30');
    await page.getByTestId('steps').press('Enter');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: T });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
    const kfac = doc.trajectories.find((t) => t.optimizer === 'kfac');
    const sgd = doc.trajectories.find((t) => t.optimizer === 'sgd');
    assert.ok(kfac && sgd, `trajectories: ${doc.trajectories.map((t) => t.optimizer)}`);
    const last = kfac.records.at(-1);
    console.log(JSON.stringify({ kfac: { nit: last.iteration, loss0: kfac.records[0].loss, loss: last.loss, ngev: last.ngev, nhvp: last.nhvp, nggnvp: last.nggnvp, nkfac: last.nkfac, timeMs: last.timeMs }, sgd: { loss: sgd.records.at(-1).loss, ngev: sgd.records.at(-1).ngev, timeMs: sgd.records.at(-1).timeMs } }));
    // K-FAC's schedule (Martens & Grosse 2015): factors every 5 steps by default, one GGN product a step for the step length.
    assert.equal(last.nkfac, Math.ceil(last.iteration / 5), `factor passes after ${last.iteration} steps`);
    assert.equal(last.nggnvp, last.iteration, 'one Gauss-Newton product a step');
    assert.ok(last.loss < kfac.records[0].loss, `K-FAC lowered the loss ${kfac.records[0].loss} -> ${last.loss}`);
    await page.getByTestId('x-axis').selectOption('cost');
    // the chart is rebuilt for the new axis in tasks of its own (LinePlot), after the render that asked for it
    await page
      .waitForFunction(() => [...document.querySelectorAll('[data-testid=loss-chart] .u-legend .u-label')].some((e) => e.textContent.includes('GGN products')), null, { timeout: T })
      .catch(() => {});
    const labels = await page.$$eval('[data-testid=loss-chart] .u-legend .u-label', (els) => els.map((e) => e.textContent));
    assert.ok(labels.some((l) => l.includes('GGN products')), `the cost axis names what it counts: ${labels}`);
    await page.getByTestId('loss-chart').screenshot({ path: 'test-results/kfac-sgd-cost.png' });
    await page.getByTestId('x-axis').selectOption('time');
    await page.getByTestId('loss-chart').screenshot({ path: 'test-results/kfac-sgd-time.png' });
    assert.deepEqual(errors, [], 'no console errors');
  });
});
