// Browser tests of the newcomer's path (issue 9): the Learn chapters, glossary popovers, picking the
// start on the contours, replay of a finished run, exports' names and contents, the decision boundary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { download, launch, openPage, sharedLink, sharedSetup, showSurface3d, waitReady, WAIT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const T = WAIT_MS;

const ALL_OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adam', 'sam', 'pgd', 'adahessian', 'newton', 'saddle-free-newton', 'bfgs', 'lbfgs', 'hessian-free', 'lowrank-newton'];

async function ticked(page) {
  const out = [];
  for (const name of ALL_OPTIMIZERS) {
    const box = page.getByTestId(`optimizer-${name}`);
    if ((await box.count()) && (await box.isChecked())) out.push(name);
  }
  return out.sort();
}

async function waitDone(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: T });
}

async function applyChapter(page, id) {
  if ((await page.getByTestId('learn-panel').count()) === 0) await page.getByTestId('learn-tab').click();
  await page.getByTestId('chapter-select').selectOption(id);
  await page.getByTestId('chapter-apply').click();
  // the button is busy until the chapter's problem is loaded and its run has finished
  await page.waitForFunction(() => !document.querySelector('[data-testid=chapter-apply]')?.disabled, null, { timeout: T });
}

async function startFields(page) {
  return [Number(await page.getByTestId('start-x').inputValue()), Number(await page.getByTestId('start-y').inputValue())];
}

/** The plot rectangle of the contour SVG in page pixels, from its own frame (the white-bordered rect). */
async function plotBox(page) {
  return page.getByTestId('contour-2d').evaluate((host) => {
    // the interactive SVG, drawn over the aria-hidden layer of contour bands
    const svg = host.querySelector(':scope > svg:not([aria-hidden])');
    const frame = [...svg.querySelectorAll(':scope > rect')].find((r) => r.getAttribute('fill') === 'none');
    const r = frame.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
}

/** The plot rectangle (the floor under the lowest band) of the contour bands' own SVG, the layer under the interactive one, in page pixels. */
async function bandBox(page) {
  return page.getByTestId('contour-2d').evaluate((host) => {
    const r = host.querySelector(':scope > svg[aria-hidden] rect').getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
}

describe('Learn, glossary, start picking, replay, exports (auto backend)', () => {
  let browser;
  let session;
  before(async () => {
    browser = await launch('auto');
    session = await openPage(browser, APP_URL);
    // a busy machine (software GL, other work) can take longer than Playwright's 30 s default for one action
    session.page.setDefaultTimeout(T);
    await waitReady(session.page, T);
  });
  after(async () => {
    await browser?.close();
  });

  test('Learn applies a chapter: problem, ticked optimizers, start; its text sits beside the figures', { timeout: 2 * T }, async () => {
    const { page } = session;
    await page.getByTestId('learn-tab').click();
    await page.getByTestId('learn-panel').waitFor({ timeout: T });

    await applyChapter(page, 'newton-vs-gd');
    await waitDone(page);
    assert.equal(await page.getByTestId('problem-select').inputValue(), 'fn:quadratic');
    assert.deepEqual(await ticked(page), ['newton', 'sgd']);
    assert.deepEqual(await startFields(page), [-1.5, 1]);
    assert.match(await page.getByTestId('chapter-text').textContent(), /condition number/);
    // Newton's single step on the quadratic: the table's nit for Newton is 1, gradient descent needs many
    const nit = async (name) => Number(await page.locator(`[data-testid=results-table] tr[data-optimizer=${name}] [data-col=nit]`).textContent());
    assert.equal(await nit('newton'), 1);
    assert.ok((await nit('sgd')) > 20, `gradient descent took ${await nit('sgd')} steps`);

    const text = await page.getByTestId('chapter-text').boundingBox();
    const contour = await page.getByTestId('contour-2d').boundingBox();
    const viewport = page.viewportSize();
    assert.ok(text.y + text.height <= viewport.height, `chapter text ends at ${text.y + text.height}px, inside the ${viewport.height}px window`);
    assert.ok(text.x + text.width <= contour.x, 'chapter text is left of the contour figure');
    assert.ok(contour.y < viewport.height, 'the contour figure starts inside the window');
    await page.screenshot({ path: 'test-results/learn-chapter-1.png' });

    await applyChapter(page, 'quasi-newton');
    await waitDone(page);
    assert.equal(await page.getByTestId('problem-select').inputValue(), 'fn:rosenbrock');
    assert.deepEqual(await ticked(page), ['bfgs', 'lbfgs', 'sgd']);
    assert.deepEqual(await startFields(page), [-1.2, 1]);
    assert.equal(await page.locator('[data-testid=results-table] tr[data-optimizer=bfgs] [data-col=nhvp]').textContent(), '0');
    assert.match(await sharedLink(page), /lbfgs/);
    await page.screenshot({ path: 'test-results/learn-chapter-2.png' });
  });

  test('a glossary popover says what a quantity is, how it is computed here and its cost', { timeout: T }, async () => {
    const { page } = session;
    await page.getByTestId('glossary-lambda-max').click();
    const pop = page.getByTestId('glossary-popover-lambda-max');
    await pop.waitFor({ timeout: T });
    const text = await pop.textContent();
    assert.match(text, /Lanczos/);
    assert.match(text, /Cost:/);
    await page.screenshot({ path: 'test-results/learn-glossary.png' });
    await page.keyboard.press('Escape');
    await pop.waitFor({ state: 'detached', timeout: T });
    // the "?" is reachable by keyboard and opens on Enter
    await page.getByTestId('glossary-hvp').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('glossary-popover-hvp').waitFor({ timeout: T });
    await page.keyboard.press('Escape');
  });

  test('clicking and dragging on the contours sets the start point in the start fields', { timeout: T }, async () => {
    const { page } = session;
    // Rosenbrock's window is x in [-2, 2], y in [-1, 3] (the chapter's problem); mouse coordinates are the window's
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await plotBox(page);
    // the bands lie exactly under the frame the clicks are read against
    const bands = await bandBox(page);
    for (const k of ['x', 'y', 'w', 'h']) assert.ok(Math.abs(bands[k] - box[k]) < 0.5, `bands ${k} = ${bands[k]}, plot frame ${k} = ${box[k]}`);
    await page.mouse.click(box.x + box.w / 2, box.y + box.h / 2);
    await page.waitForFunction(() => document.querySelector('[data-testid=start-x]').value !== '-1.2', null, { timeout: T });
    const [cx, cy] = await startFields(page);
    assert.ok(Math.abs(cx - 0) < 0.02 && Math.abs(cy - 1) < 0.02, `the centre of the plot gave (${cx}, ${cy}), expected about (0, 1)`);

    await page.mouse.move(box.x + box.w * 0.25, box.y + box.h * 0.75);
    await page.mouse.down();
    await page.mouse.move(box.x + box.w * 0.5, box.y + box.h * 0.6, { steps: 5 });
    await page.mouse.move(box.x + box.w * 0.75, box.y + box.h * 0.25, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=start-x]').value) > 0.5, null, { timeout: T });
    const [dx, dy] = await startFields(page);
    assert.ok(Math.abs(dx - 1) < 0.02 && Math.abs(dy - 2) < 0.02, `the drag ended at (${dx}, ${dy}), expected about (1, 2)`);
    assert.ok(await page.getByTestId('start-marker').count(), 'the start is marked on the contours');
    const setup = await sharedSetup(page);
    assert.deepEqual(setup.start, [dx, dy], 'the share link carries the picked start');
  });

  test('a finished run replays at a chosen speed, with pause and resume', { timeout: 2 * T }, async () => {
    const { page } = session;
    await page.getByTestId('run').click();
    await waitDone(page);
    const last = Number((await page.getByTestId('replay-position').textContent()).split('/')[1]);
    assert.ok(last > 30, `the run has ${last} iterations`);
    // record every iteration the markers are shown at while the replay plays
    await page.evaluate(() => {
      window.__seen = [];
      const el = document.querySelector('[data-testid=iteration-readout]');
      new MutationObserver(() => window.__seen.push(Number(el.textContent))).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.getByTestId('replay-speed').selectOption('1');
    await page.getByTestId('replay-play').click();
    // pause from inside the page as soon as the replay has moved a few iterations (no round trip to miss the moment)
    await page.evaluate(
      () =>
        new Promise((done) => {
          const check = () => {
            const k = Number(document.querySelector('[data-testid=iteration-readout]').textContent);
            const button = document.querySelector('[data-testid=replay-play]');
            if (button.getAttribute('aria-pressed') === 'true' && k >= 3) {
              button.click();
              done(k);
            } else requestAnimationFrame(check);
          };
          check();
        }),
    );
    await page.waitForFunction(() => document.querySelector('[data-testid=replay-play]').getAttribute('aria-pressed') === 'false', null, { timeout: T });
    const paused = Number(await page.getByTestId('iteration-readout').textContent());
    assert.ok(paused < last, `paused at ${paused} of ${last}`);
    await page.waitForTimeout(400);
    assert.equal(Number(await page.getByTestId('iteration-readout').textContent()), paused, 'a paused replay stays where it was');

    await page.getByTestId('replay-speed').selectOption('4');
    await page.getByTestId('replay-play').click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=iteration-readout]').textContent) === n, last, { timeout: T });
    const seen = await page.evaluate(() => window.__seen);
    assert.equal(seen[0], 0, 'the replay starts from the first iterate');
    assert.ok(seen.some((v) => v === paused), 'it resumed where it was paused');
    assert.ok(
      seen.some((v) => v > paused && v < last),
      `the markers passed through iterations between ${paused} and ${last} (animated, not a jump): ${[...new Set(seen)].join(', ')}`,
    );
    for (let k = 1; k < seen.length; k++) assert.ok(seen[k] >= seen[k - 1] || seen[k] === 0, `iterations only move forward (${seen[k - 1]} -> ${seen[k]})`);
    const marker = await page.locator('[data-testid=contour-2d] [data-trajectory=lbfgs] circle').count();
    assert.ok(marker >= 1, 'the trajectory markers are drawn');
  });

  test('exports: the Explorer surface PNG has a legend below the views; CSV and JSON carry distinct names', { timeout: T }, async () => {
    const { page } = session;
    // the PNG holds the 3-D view, which waits for a click on a software renderer
    await showSurface3d(page, T);
    const png = await download(page, 'export-png');
    assert.equal(png.name, 'curvscape-explorer-surface-rosenbrock.png');
    assert.equal(png.body.subarray(1, 4).toString(), 'PNG');
    await writeFile('test-results/learn-export-explorer.png', png.body);
    const width = png.body.readUInt32BE(16);
    const height = png.body.readUInt32BE(20);
    const views = await page.locator('.views').boundingBox();
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    assert.equal(width, Math.round(views.width * dpr));
    assert.ok(height > (views.height + 22) * dpr, `PNG is ${height}px high: the views (${views.height}px), a title and a legend`);
    // the contour bands, a layer of their own under the trajectories, are in the PNG: in the contour
    // figure's columns at least half the plot's area is coloured (a viridis band), not white or grey
    const figure = await page.locator('[data-view=contours]').boundingBox();
    const plot = await plotBox(page);
    const coloured = await page.evaluate(
      async ({ b64, x0, x1 }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${b64}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(image, 0, 0);
        const { data } = ctx.getImageData(x0, 0, x1 - x0, image.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 40) n++;
        return n;
      },
      { b64: png.body.toString('base64'), x0: Math.round((figure.x - views.x) * dpr), x1: Math.round((figure.x + figure.width - views.x) * dpr) },
    );
    assert.ok(coloured >= 0.5 * plot.w * plot.h * dpr * dpr, `${coloured} coloured pixels in the contour figure's columns, its plot covers ${Math.round(plot.w * plot.h * dpr * dpr)}`);
    const csv = await download(page, 'export-surface-csv');
    assert.equal(csv.name, 'curvscape-explorer-surface-rosenbrock.csv');
    const rows = csv.body.toString().trim().split('\n');
    assert.equal(rows[0], 'x,y,loss');
    const [x, y, f] = rows[1].split(',').map(Number);
    assert.ok(Math.abs(f - ((1 - x) ** 2 + 100 * (y - x * x) ** 2)) <= 1e-9 * Math.max(1, f), `row 1 is Rosenbrock at (${x}, ${y})`);
    const json = await download(page, 'export-surface');
    assert.equal(json.name, 'curvscape-explorer-surface-rosenbrock.json');
  });

  test('a classification network shows its decision boundary and training curve, following the iteration', { timeout: 3 * T }, async () => {
    const { page } = session;
    await applyChapter(page, 'sharp-flat-sam');
    await waitDone(page);
    assert.equal(await page.getByTestId('problem-select').inputValue(), 'ds:circles');
    assert.deepEqual(await ticked(page), ['sam', 'sgd']);
    const panel = page.getByTestId('decision-panel');
    await panel.waitFor({ timeout: T });
    const last = Number((await page.getByTestId('replay-position').textContent()).split('/')[1]);
    const gridAt = (n) => page.waitForFunction((k) => document.querySelector('[data-testid=decision-boundary]')?.dataset.gridIteration === String(k), n, { timeout: T });
    await gridAt(last);
    const accuracyEnd = parseFloat(await page.getByTestId('decision-accuracy').textContent());
    const pictureEnd = await page.locator('[data-testid=decision-boundary] canvas').evaluate((c) => c.toDataURL());
    assert.ok(await page.getByTestId('training-curve').count(), 'the training curve is drawn');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/learn-decision-boundary.png', fullPage: true });
    await page.getByTestId('iteration').fill('0');
    await gridAt(0);
    const accuracyStart = parseFloat(await page.getByTestId('decision-accuracy').textContent());
    const pictureStart = await page.locator('[data-testid=decision-boundary] canvas').evaluate((c) => c.toDataURL());
    console.log(`circles, gradient descent: training accuracy ${accuracyStart}% at iteration 0, ${accuracyEnd}% at ${last}`);
    assert.notEqual(pictureStart, pictureEnd, 'the class regions change with the iteration');
    assert.ok(accuracyEnd > accuracyStart, `training raised the accuracy (${accuracyStart}% -> ${accuracyEnd}%)`);
  });

  test('a Network-mode chapter opens the Network tab with its settings; the surface exports name the plane', { timeout: 3 * T }, async () => {
    const { page } = session;
    await page.evaluate(() => window.scrollTo(0, 0));
    await applyChapter(page, 'minibatch-noise');
    await page.getByTestId('network-view').waitFor({ timeout: T });
    assert.equal(await page.getByTestId('mode-network').getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByTestId('problem-select').inputValue(), 'ds:spiral');
    assert.equal(Number(await page.getByTestId('minibatch-size').inputValue()), 16);
    assert.equal(Number(await page.getByTestId('minibatch-count').inputValue()), 12);
    const text = await page.getByTestId('chapter-text').boundingBox();
    assert.ok(text.y + text.height <= page.viewportSize().height, 'the chapter text is in the window beside Network mode');
    await page.getByTestId('compute-surface').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=surface-export-png]')?.disabled, null, { timeout: 2 * T });
    const png = await download(page, 'surface-export-png');
    assert.equal(png.name, 'curvscape-network-surface-spiral-random.png');
    assert.equal(png.body.subarray(1, 4).toString(), 'PNG');
    await writeFile('test-results/learn-export-network-surface.png', png.body);
    assert.equal((await download(page, 'surface-export-vtk')).name, 'curvscape-network-surface-spiral-random.vtk');
    const csv = await download(page, 'surface-export-csv');
    assert.equal(csv.name, 'curvscape-network-surface-spiral-random.csv');
    assert.equal(csv.body.toString().split('\n')[0], 'alpha,beta,loss');
    await page.screenshot({ path: 'test-results/learn-chapter-7.png' });
  });

  test('the Hessian-free chapter runs Hessian-free on H and on G side by side: two labelled lines in the legend and rows in the table', { timeout: 2 * T }, async () => {
    const { page } = session;
    await page.evaluate(() => window.scrollTo(0, 0));
    await applyChapter(page, 'hessian-free');
    await waitDone(page);
    assert.equal(await page.getByTestId('problem-select').inputValue(), 'fn:rosenbrock');
    const rows = page.locator('[data-testid=results-table] tr[data-optimizer=hessian-free]');
    assert.equal(await rows.count(), 2);
    const labels = (await rows.locator('td:first-child').allTextContents()).map((t) => t.trim());
    assert.deepEqual([...labels].sort(), ['Hessian-free (GGN)', 'Hessian-free (Hessian)']);
    // CG on the Hessian counts Hessian-vector products; CG on G spends none
    const nhvp = async (entry) => Number(await page.locator(`[data-testid=results-table] tr[data-entry="${entry}"] [data-col=nhvp]`).textContent());
    const byLabel = Object.fromEntries(await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td').textContent.trim(), tr.dataset.entry])));
    assert.ok((await nhvp(byLabel['Hessian-free (Hessian)'])) > 0, 'Hessian-free on H spends Hessian-vector products');
    assert.equal(await nhvp(byLabel['Hessian-free (GGN)']), 0);
    assert.equal(await page.locator('[data-testid=results-table] tr[data-optimizer=levenberg-marquardt]').count(), 1);
    const legend = await page.$$eval('[data-testid=loss-chart] .u-legend .u-label', (els) => els.map((e) => e.textContent));
    assert.ok(legend.includes('Hessian-free (GGN)') && legend.includes('Hessian-free (Hessian)'), `loss chart legend: ${legend.join(', ')}`);
    // two swatches, two colours: the variant is a shade of Hessian-free's black
    const swatches = await rows.evaluateAll((trs) => trs.map((tr) => getComputedStyle(tr.querySelector('.swatch')).backgroundColor));
    assert.notEqual(swatches[0], swatches[1]);
    assert.match(decodeURIComponent(await sharedLink(page)), /hessian-free~2/);
    await page.screenshot({ path: 'test-results/learn-chapter-3-hf-variants.png' });
  });
});
