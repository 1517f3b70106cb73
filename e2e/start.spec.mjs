// Browser test of start-up (issue 9): Run is enabled without the 3-D view, and the 3-D view appears on one
// click where WebGL is drawn in software. These tests launch Chromium with --use-angle=swiftshader, so the
// renderer probe finds SwiftShader: the view must not create its WebGL context by itself, must say why it
// waits, and must draw after "Show 3-D view".
// The last tests run Chromium as it sets itself up without a GPU (software compositing, WebGL on SwiftShader
// through Vulkan), where the view draws its paths as thin lines (software-gl.ts renderStyle), in a worker on
// an OffscreenCanvas, or on the page's thread where the canvas cannot be handed over.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasColours, coloursMissing, download, launch, openPage, showSurface3d, waitReady, WAIT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const T = WAIT_MS;

describe('start-up and the 3-D view on a software renderer (auto backend)', () => {
  let browser;
  before(async () => {
    browser = await launch('auto');
  });
  after(async () => {
    await browser?.close();
  });

  test('Run is enabled before any 3-D work; the 3-D view says why it waits and draws after one click', { timeout: 3 * T }, async () => {
    const { page, errors, context } = await openPage(browser, APP_URL);
    await waitReady(page, T);
    const offer = page.getByTestId('surface-3d-offer');
    await offer.waitFor({ timeout: T });
    assert.match(await offer.textContent(), /draws WebGL in software/, 'the placeholder says why the view waits');
    assert.equal(await page.getByTestId('show-3d').textContent(), 'Show 3-D view');
    assert.equal(await page.locator('[data-testid=surface-3d]').count(), 0, 'no WebGL view was created by itself');
    // the PNG export does not wait for the 3-D view: it holds the contour view alone, at its size
    const png = await download(page, 'export-png');
    assert.equal(png.body.subarray(1, 4).toString(), 'PNG');
    const contours = await page.locator('[data-view=contours]').boundingBox();
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    assert.equal(png.body.readUInt32BE(16), Math.round(contours.width * dpr), 'the PNG is as wide as the contour view');

    await showSurface3d(page, T);
    assert.equal(await page.getByTestId('surface-3d-offer').count(), 0, 'the placeholder is gone');
    // the surface is drawn: many distinct colours in the WebGL canvas (it preserves its drawing buffer)
    const colours = await canvasColours(page, '[data-testid=surface-3d] canvas');
    assert.ok(colours > 20, `the 3-D canvas shows a shaded surface (${colours} colours)`);
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });
});

describe("the 3-D view in Chromium's own configuration without a GPU (software compositing)", () => {
  let browser;
  before(async () => {
    browser = await launch('native');
  });
  after(async () => {
    await browser?.close();
  });

  test("draws every optimizer's path after a run, in the optimizer's own colour", { timeout: 3 * T }, async () => {
    const { page, errors, context } = await openPage(browser, APP_URL);
    await waitReady(page, T);
    // the probe finds SwiftShader here too (WebGL through Vulkan), so the view waits for the click
    await showSurface3d(page, T);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: T, polling: 100 });
    const swatches = await page.$$eval('[data-testid=results-table] tbody .swatch', (els) => els.map((e) => getComputedStyle(e).backgroundColor));
    assert.ok(swatches.length >= 2, `the table lists the run's optimizers (${swatches.length})`);
    const rgb = swatches.map((s) => s.match(/\d+/g).slice(0, 3).map(Number));
    // on a software renderer the paths are 1-pixel GL lines without lighting or MSAA: their pixels are the colour itself
    const missing = () => coloursMissing(page, '[data-testid=surface-3d] canvas', rgb);
    // the paths reach the view in the frames after the run's end: looked for until they are all there, or the wait ends
    let left = await missing();
    for (const until = Date.now() + T; left.length > 0 && Date.now() < until; left = await missing()) await page.waitForTimeout(500);
    assert.deepEqual(left, [], 'every path is drawn in its colour');
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });

  test('is drawn in a worker: a drag turns the camera and the axis labels follow it', { timeout: 3 * T }, async () => {
    const { page, errors, context } = await openPage(browser, APP_URL);
    await waitReady(page, T);
    await showSurface3d(page, T);
    const view = page.getByTestId('surface-3d');
    assert.equal(await view.getAttribute('data-drawn-in'), 'worker');
    const labels = () => page.locator('[data-testid=surface-3d-ticks] span').evaluateAll((spans) => spans.map((s) => s.style.transform));
    const picture = () => page.locator('[data-testid=surface-3d] canvas').evaluate((c) => c.toDataURL());
    // the labels are placed once the worker has drawn a frame: a translate each, not the top left corner
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=surface-3d-ticks] span')].every((s) => s.style.transform.startsWith('translate(')), null, { timeout: T, polling: 100 });
    const labelsBefore = await labels();
    assert.equal(labelsBefore.length, 8, 'three ticks and a name on each of the two axes');
    const pictureBefore = await picture();
    const box = await page.locator('[data-testid=surface-3d] canvas').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    // the worker draws the turned view and reports the labels' new places
    await page.waitForFunction((before) => [...document.querySelectorAll('[data-testid=surface-3d-ticks] span')].some((s, k) => s.style.transform !== before[k]), labelsBefore, { timeout: T, polling: 100 });
    const labelsAfter = await labels();
    assert.equal(labelsAfter.filter((t, k) => t !== labelsBefore[k]).length, 8, 'every label moved with the camera');
    let pictureAfter = await picture();
    for (const until = Date.now() + T; pictureAfter === pictureBefore && Date.now() < until; pictureAfter = await picture()) await page.waitForTimeout(250);
    assert.notEqual(pictureAfter, pictureBefore, 'the canvas shows the turned view');
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });

  test("is drawn on the page's thread where a canvas cannot be handed to a worker", { timeout: 3 * T }, async () => {
    // as in a browser without OffscreenCanvas (Safari before 16.4)
    const { page, errors, context } = await openPage(browser, APP_URL, () => delete HTMLCanvasElement.prototype.transferControlToOffscreen);
    await waitReady(page, T);
    await showSurface3d(page, T);
    assert.equal(await page.getByTestId('surface-3d').getAttribute('data-drawn-in'), 'page');
    const colours = await canvasColours(page, '[data-testid=surface-3d] canvas');
    assert.ok(colours > 20, `the 3-D canvas shows a shaded surface (${colours} colours)`);
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });
});
