// Main-thread long tasks of the built app, per scenario (issue 9: no task over 50 ms after start-up).
// A PerformanceObserver('longtask') records every task over 50 ms while a scenario runs; the count
// and the worst task are printed with the scenario's wall time and the machine's load average (1 min)
// when it ended, since a loaded machine lengthens every task. Each scenario starts on a page that
// has started up (Run enabled, the 3-D view created), so start-up is not counted here: see
// bench/start.mjs. The workloads are the ones the UI allows: every optimizer x 20,000 steps, the XOR
// and spiral networks and the largest network in the explorer, a surface recomputed for a new
// function, replay of a long run, and Network-mode training with curvature tracking on the default
// spiral, the digits CNN and the largest network. Run: npm run bench:main-thread (serves
// CURVSCAPE_DIST, default dist/; headless Chromium as in the e2e suite, backend auto).
// MAIN_THREAD_ONLY=<comma-separated scenario names> runs some; MAIN_THREAD_ROUNDS=<n> runs them n times
// (a task over 50 ms is a rare event on a busy machine: one round's zero says little).
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, showSurface3d } from '../e2e/browser.mjs';
import { serveDist } from '../e2e/serve.mjs';
import { openWithLongTasks, tasksBetween, worst } from './long-tasks.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const distDir = process.env.CURVSCAPE_DIST ?? join(root, 'dist');
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`${distDir} is missing: run \`vite build\` first`);
  process.exit(1);
}
const T = 900_000;
// Waits poll every 100 ms: Playwright's default polls on every animation frame, which alone keeps the page
// producing frames (on an idle started page, 0.2 s of the renderer's CPU and 0.1 s of the GPU process's per 6 s),
// work of the harness that a person's browser would not do and that competes with the page being measured.
const WAIT = { timeout: T, polling: 100 };
const ONLY = process.env.MAIN_THREAD_ONLY?.split(',');
const ROUNDS = Math.max(1, Number(process.env.MAIN_THREAD_ROUNDS ?? 1));
const dataset = (name, extra = {}) => ({ kind: 'dataset', dataset: name, n: 120, noise: 0.1, seed: 1, hidden: [8], activation: 'tanh', loss: name === 'xor' ? 'binary_cross_entropy' : 'softmax_cross_entropy', weightDecay: 1e-4, initSeed: 7, ...extra });
/** The largest network the explorer's fields allow (setup-bounds.ts: n up to 2000, four hidden layers of 64): 12,867 parameters on the spiral. */
const LARGEST = dataset('spiral', { n: 2000, hidden: [64, 64, 64, 64] });

/**
 * The browser configurations measured (e2e/browser.mjs): `auto` is the tests' SwiftShader set-up,
 * where Chromium also composites and rasterises the page on SwiftShader, a CPU emulating a GPU (an
 * XOR run's frames took 4.8 s of the GPU process's CPU there, against 0.4 s with Chromium's default
 * software compositing); `native` is Chromium's own choice on a machine without a GPU, what a person
 * without one gets. MAIN_THREAD_CONFIGS=<comma-separated> picks.
 */
const CONFIG_NAMES = (process.env.MAIN_THREAD_CONFIGS ?? 'native,auto').split(',');

const server = await serveDist(distDir);
let browser;
const link = (setup, net) => `${server.url}#setup=${encodeURIComponent(JSON.stringify(setup))}${net ? `&net=${encodeURIComponent(JSON.stringify(net))}` : ''}`;

/** A page on `url` that has started up: Run enabled, the surface drawn and, in the explorer, the 3-D view created. */
async function started(url, explorer = true) {
  const opened = await openWithLongTasks(browser, url);
  const { page } = opened;
  await page.waitForFunction(() => { const r = document.querySelector('[data-testid=run]'); return r && !r.disabled; }, null, WAIT);
  // on a software renderer the 3-D view waits for "Show 3-D view": brought up here, before measuring
  if (explorer) await showSurface3d(page, T);
  await page.waitForFunction(() => !document.querySelector('[data-testid=progress]'), null, WAIT);
  await page.waitForTimeout(1000);
  return opened;
}

/** Runs `act` on the page and prints the long tasks that started meanwhile. */
async function measure(name, page, act) {
  const since = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await act();
  const tasks = await tasksBetween(page, since);
  const load = loadavg()[0].toFixed(1);
  console.log(`${name.padEnd(62)} long tasks ${String(tasks.length).padStart(4)}, worst ${worst(tasks).toFixed(0).padStart(5)} ms, total ${tasks.reduce((a, b) => a + b, 0).toFixed(0).padStart(6)} ms; ${((Date.now() - t0) / 1000).toFixed(1)} s; load ${load}`);
}

async function runToEnd(page) {
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, WAIT);
  await page.waitForFunction(() => !document.querySelector('[data-testid=progress]'), null, WAIT);
}

async function trainWithCurvature(page) {
  await page.getByTestId('train-curvature').click();
  await page.waitForFunction(() => ['done', 'cancelled'].includes(document.querySelector('[data-testid=curvature-chart]')?.dataset.status), null, WAIT);
}

async function clickAndSettle(page, button) {
  await page.getByTestId(button).click();
  await page.waitForFunction((id) => !document.querySelector(`[data-testid=${id}]`).disabled, button, WAIT);
}

const scenarios = {
  async 'explorer-all'() {
    const probe = await started(link({}));
    // every optimizer the explorer offers for a 2-D function
    const all = await probe.page.$$eval('input[data-testid^=optimizer-]:not([disabled])', (els) => els.map((e) => e.dataset.testid.slice('optimizer-'.length)));
    await probe.context.close();
    const { page, context } = await started(link({ optimizers: all, steps: 20000 }));
    await measure(`${all.length} optimizers x 20,000 steps (Rosenbrock)`, page, () => runToEnd(page));
    await context.close();
  },
  async 'explorer-xor'() {
    const { page, context } = await started(link({ problem: dataset('xor') }));
    await measure('XOR network in the explorer (default optimizers, steps)', page, () => runToEnd(page));
    await context.close();
  },
  async 'explorer-spiral'() {
    const { page, context } = await started(link({ problem: dataset('spiral') }));
    await measure('spiral network in the explorer (default optimizers, steps)', page, () => runToEnd(page));
    await context.close();
  },
  async 'surface-recompute'() {
    const { page, context } = await started(link({}));
    for (const [from, name] of [['rosenbrock', 'himmelblau'], ['himmelblau', 'rastrigin']]) {
      await measure(`explorer: surface recomputed, ${from} -> ${name}`, page, async () => {
        await page.getByTestId('problem-select').selectOption(`fn:${name}`);
        await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled && !document.querySelector('[data-testid=progress]') && !document.querySelector('[data-testid=surface-3d-loading]'), null, WAIT);
      });
    }
    await context.close();
  },
  async replay() {
    const probe = await started(link({}));
    const all = await probe.page.$$eval('input[data-testid^=optimizer-]:not([disabled])', (els) => els.map((e) => e.dataset.testid.slice('optimizer-'.length)));
    await probe.context.close();
    const { page, context } = await started(link({ optimizers: all, steps: 20000 }));
    await runToEnd(page);
    await page.waitForTimeout(1000);
    await page.getByTestId('replay-speed').selectOption('16');
    await measure(`replay of ${all.length} optimizers x 20,000 steps at 16x, 15 s`, page, async () => {
      await page.getByTestId('replay-play').click();
      await page.waitForTimeout(15_000);
      await page.getByTestId('replay-play').click();
    });
    await context.close();
  },
  async 'explorer-largest'() {
    const { page, context } = await started(link({ problem: LARGEST, optimizers: ['adam', 'lbfgs'], steps: 100 }));
    await measure('largest network in the explorer, adam + lbfgs x 100', page, () => runToEnd(page));
    await context.close();
  },
  async 'network-spiral'() {
    const { page, context } = await started(link({ problem: dataset('spiral') }, { mode: 'network' }), false);
    await page.getByTestId('network-view').waitFor({ timeout: T });
    await measure('default spiral, Network mode: train with curvature (defaults)', page, () => trainWithCurvature(page));
    await measure('default spiral, Network mode: loss surface', page, () => clickAndSettle(page, 'compute-surface'));
    await context.close();
  },
  async 'network-digits'() {
    const { page, context } = await started(link({}), false);
    await page.getByTestId('problem-select').selectOption('model:digits');
    await page.getByTestId('model-params').waitFor({ timeout: T });
    await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled && !document.querySelector('[data-testid=progress]'), null, WAIT);
    await page.getByTestId('mode-network').click();
    await page.getByTestId('network-view').waitFor({ timeout: T });
    await page.waitForTimeout(1000);
    await measure('digits CNN, Network mode: train with curvature (defaults)', page, () => trainWithCurvature(page));
    await context.close();
  },
  async 'network-largest'() {
    const { page, context } = await started(link({ problem: LARGEST }, { mode: 'network', optimizer: 'sgd', lr: 0.1, steps: 50, every: 10 }), false);
    await page.getByTestId('network-view').waitFor({ timeout: T });
    await measure('largest network, Network mode: train 50 steps, curvature / 10', page, () => trainWithCurvature(page));
    await measure('largest network, Network mode: loss surface', page, () => clickAndSettle(page, 'compute-surface'));
    await measure('largest network, Network mode: spectral density (SLQ)', page, () => clickAndSettle(page, 'compute-density'));
    await context.close();
  },
};

for (const config of CONFIG_NAMES) {
  browser = await launch(config);
  console.log(`main-thread long tasks (> 50 ms) after start-up, ${distDir}, headless Chromium (${config}), backend auto, ${new Date().toISOString()}`);
  for (let round = 1; round <= ROUNDS; round++) {
    if (ROUNDS > 1) console.log(`round ${round} of ${ROUNDS}`);
    for (const [name, scenario] of Object.entries(scenarios)) if (!ONLY || ONLY.includes(name)) await scenario();
  }
  await browser.close();
}
await server.close();
