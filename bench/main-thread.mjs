// Main-thread long tasks of the built app, per scenario (issue 9: no task over 50 ms after start-up).
// A PerformanceObserver('longtask') records every task over 50 ms while a scenario runs; the
// worst task and the count are printed, with start-up times. Run: npm run bench:main-thread
// (serves CURVSCAPE_DIST, default dist/; headless Chromium as in the e2e suite, backend auto).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';
import { serveDist } from '../e2e/serve.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const distDir = process.env.CURVSCAPE_DIST ?? join(root, 'dist');
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`${distDir} is missing: run \`vite build\` first`);
  process.exit(1);
}
const T = 600_000;
const SPIRAL = { kind: 'dataset', dataset: 'spiral', n: 120, noise: 0.1, seed: 1, hidden: [8], activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 1e-4, initSeed: 7 };

const server = await serveDist(distDir);
const browser = await launch('auto');
const link = (setup, net) => `${server.url}#setup=${encodeURIComponent(JSON.stringify(setup))}${net ? `&net=${encodeURIComponent(JSON.stringify(net))}` : ''}`;

async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration })))).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

async function whenReady(page) {
  await page.waitForFunction(() => { const r = document.querySelector('[data-testid=run]'); return r && !r.disabled; }, null, { timeout: T });
  const runAt = await page.evaluate(() => performance.now());
  await page.waitForSelector('[data-testid=contour-2d], [data-testid=network-view]', { state: 'attached', timeout: T });
  return runAt;
}

/** Long tasks that started after `since` (ms on the page's clock). */
async function tasksSince(page, since) {
  return page.evaluate((t) => window.__longTasks.filter((e) => e.at >= t).map((e) => e.ms), since);
}

function report(name, tasks, extra = '') {
  const worst = tasks.length ? Math.max(...tasks) : 0;
  console.log(`${name.padEnd(44)} long tasks ${String(tasks.length).padStart(3)}, worst ${worst.toFixed(0).padStart(5)} ms${extra}`);
}

async function runToEnd(page) {
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: T });
}

console.log(`main-thread long tasks (> 50 ms), ${distDir}, headless Chromium, ${new Date().toISOString()}`);

{
  const { page, context } = await open(link({}));
  const runAt = await whenReady(page);
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
  const drawnAt = await page.evaluate(() => performance.now());
  report('start-up (Rosenbrock, until Run is enabled)', await tasksSince(page, 0), `; DOMContentLoaded ${nav.toFixed(0)} ms, Run enabled ${runAt.toFixed(0)} ms, contours ${drawnAt.toFixed(0)} ms`);
  await context.close();
}

{
  const first = await open(link({}));
  await whenReady(first.page);
  // Every optimizer the Explorer offers for a 2-D function.
  const all = await first.page.$$eval('input[data-testid^=optimizer-]:not([disabled])', (els) => els.map((e) => e.dataset.testid.slice('optimizer-'.length)));
  await first.context.close();
  const { page, context } = await open(link({ optimizers: all, steps: 20000 }));
  await whenReady(page);
  await page.waitForTimeout(1000);
  const since = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await runToEnd(page);
  report(`${all.length} optimizers x 20,000 steps (Rosenbrock)`, await tasksSince(page, since), `; run ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await context.close();
}

{
  const { page, context } = await open(link({ problem: SPIRAL, optimizers: ['adam', 'lbfgs'], steps: 200 }));
  await whenReady(page);
  await page.waitForFunction(() => !document.querySelector('[data-testid=progress]'), null, { timeout: T });
  const since = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await runToEnd(page);
  await page.waitForFunction(() => !document.querySelector('[data-testid=progress]'), null, { timeout: T });
  report('spiral network, adam + lbfgs x 200 steps', await tasksSince(page, since), `; run ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await context.close();
}

{
  const { page, context } = await open(link({ problem: SPIRAL }, { mode: 'network', optimizer: 'sgd', lr: 0.5, steps: 500, every: 10 }));
  await whenReady(page);
  await page.getByTestId('network-view').waitFor({ timeout: T });
  const since = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await page.getByTestId('train-curvature').click();
  await page.waitForFunction(() => ['done', 'cancelled'].includes(document.querySelector('[data-testid=curvature-chart]')?.dataset.status), null, { timeout: T });
  report('spiral, Network mode: 500 training steps', await tasksSince(page, since), `; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await context.close();
}

await browser.close();
await server.close();
