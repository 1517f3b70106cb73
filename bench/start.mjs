// Start-up of the built app (issue 9: the page interactive and the 2-D Explorer's Run enabled within 2 s of
// load; the tensor backend only when a network needs it). Per fresh load of the default setup (Rosenbrock,
// default optimizers), left alone for its first 10 s: when Run became enabled, the worst main-thread long
// task (PerformanceObserver 'longtask') in those 10 s, whether a TF.js chunk was fetched, and when the 3-D
// view first drew a frame. On a GPU the 3-D view is created by itself once the page is idle; on a software
// renderer (headless Chromium's SwiftShader) it waits for a click on "Show 3-D view", which is made at 10 s
// and timed from the click, with the long task it costs. Times come from the page's clock (DOM mutations
// seen by a MutationObserver), not from polling. Medians of START_LOADS (default 3) loads, with the load average.
// Figures, not tests. Run: npm run bench:start (serves CURVSCAPE_DIST, default dist/; headless Chromium, backend auto).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';
import { serveDist } from '../e2e/serve.mjs';
import { worst } from './long-tasks.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const distDir = process.env.CURVSCAPE_DIST ?? join(root, 'dist');
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`${distDir} is missing: run \`vite build\` first`);
  process.exit(1);
}
const LOADS = Number(process.env.START_LOADS ?? 3);
/** The start-up window the long tasks are read over (ms from navigation). */
const WINDOW_MS = 10_000;
const T = 300_000;
/** Chunks that hold TF.js or start it: none of them belongs on a 2-D function's start path. */
const TENSOR_CHUNK = /\/(backend-init|mlp-passes|mlp-objective|model-objective|ops|problem-surface|network-problem|network-analysis|surface-grid)-[\w-]+\.js$|\.wasm$/;

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Records long tasks and, through a MutationObserver, the page-clock time of each start-up mark; logs `mark:<name>` once per mark. */
function recordMarks() {
  window.__longTasks = [];
  window.__marks = {};
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration })))).observe({ type: 'longtask', buffered: true });
  const mark = (name) => {
    if (name in window.__marks) return;
    window.__marks[name] = performance.now();
    console.log(`mark:${name}`);
  };
  const check = () => {
    const run = document.querySelector('[data-testid=run]');
    if (run && !run.disabled) mark('run');
    if (document.querySelector('[data-testid=show-3d]')) mark('offer');
    if (document.querySelector('[data-testid=surface-3d][data-drawn]')) mark('drawn');
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'data-drawn'] });
}

function median(values) {
  const v = values.filter((x) => x !== null).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
}
const ms = (v) => (v === null ? 'n/a' : `${v.toFixed(0)} ms`);

const server = await serveDist(distDir);
const browser = await launch('auto');
// A freshly launched Chromium starts its own WebUI renderers for a few seconds; let them finish so the
// first load competes only with what a user's already running browser would.
const settle = await browser.newPage();
await settle.waitForTimeout(3000);
await settle.close();
console.log(`start-up, ${distDir}, headless Chromium (auto), ${LOADS} fresh loads of the default setup, ${new Date().toISOString()}, load average ${loadavg()}`);
const rows = [];
for (let k = 0; k < LOADS; k++) {
  const before = loadavg();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(recordMarks);
  const fetched = [];
  context.on('request', (r) => fetched.push({ url: r.url(), at: Date.now() }));
  const page = await context.newPage();
  const seen = new Set();
  const waiters = [];
  page.on('console', (m) => {
    const text = m.text();
    if (!text.startsWith('mark:')) return;
    seen.add(text.slice(5));
    for (const w of waiters) w();
  });
  const waitMark = (...names) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${names.join(' or ')} within ${T} ms`)), T);
      const check = () => {
        if (names.some((n) => seen.has(n))) {
          clearTimeout(timer);
          resolve();
        }
      };
      waiters.push(check);
      check();
    });
  const started = Date.now();
  await page.goto(server.url);
  await waitMark('run');
  await waitMark('drawn', 'offer');
  const now = await page.evaluate(() => performance.now());
  if (now < WINDOW_MS) await page.waitForTimeout(WINDOW_MS - now);
  const { marks, tasks } = await page.evaluate(() => ({ marks: window.__marks, tasks: window.__longTasks }));
  const windowWorst = worst(tasks.filter((t) => t.at < WINDOW_MS).map((t) => t.ms));
  const tensor = fetched.filter((r) => r.at - started < WINDOW_MS && TENSOR_CHUNK.test(r.url)).map((r) => r.url.split('/').pop());
  let drawn = marks.drawn ?? null;
  let mode = 'by itself';
  let clickTask = null;
  if (drawn === null) {
    mode = 'after a click';
    const clicked = await page.evaluate(() => performance.now());
    await page.getByTestId('show-3d').click({ timeout: T });
    await waitMark('drawn');
    await page.waitForTimeout(500);
    const after = await page.evaluate(() => ({ marks: window.__marks, tasks: window.__longTasks }));
    drawn = after.marks.drawn - clicked;
    clickTask = worst(after.tasks.filter((t) => t.at >= clicked).map((t) => t.ms));
  }
  rows.push({ run: marks.run, windowWorst, drawn, clickTask });
  console.log(
    `load ${k + 1} (load average ${before} -> ${loadavg()}): Run enabled ${ms(marks.run)}; worst long task in the first ${WINDOW_MS / 1000} s ${ms(windowWorst)}; ` +
      `3-D view first drawn ${mode}: ${ms(drawn)}${mode === 'after a click' ? ` after the click at ${(WINDOW_MS / 1000).toFixed(0)} s (worst long task from the click ${ms(clickTask)})` : ' from navigation'}; ` +
      `TF.js chunks fetched: ${tensor.length ? tensor.join(', ') : 'none'}`,
  );
  await context.close();
}
console.log(
  `median of ${LOADS}: Run enabled ${ms(median(rows.map((r) => r.run)))}, worst long task in the first ${WINDOW_MS / 1000} s ${ms(median(rows.map((r) => r.windowWorst)))}, ` +
    `3-D view first drawn ${ms(median(rows.map((r) => r.drawn)))}${rows.some((r) => r.clickTask !== null) ? ` after the click (its worst long task ${ms(median(rows.map((r) => r.clickTask)))})` : ''}; load average now ${loadavg()}`,
);
await browser.close();
await server.close();
