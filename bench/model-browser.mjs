// Issue 10, "Scale and speed": in the browser, the time from the Train click to the first λ_max on
// the curvature-over-training chart for the Fashion-MNIST CNNs, and the main thread's long tasks
// (PerformanceObserver 'longtask', over 50 ms) meanwhile, per backend. Figures, not tests.
// The page is driven as a person would: the real IDX files picked in the model controls with the
// example count typed in, the small CNN preset (and the bench's LeNet-like CNN pasted as model JSON),
// Network mode, SGD, Train. webgpu runs on SwiftShader (no GPU here): its times are not GPU timings.
// With MODEL_BROWSER_PROFILE=1 a CDP CPU profile of each run names the functions of every stretch of
// main-thread work over 50 ms.
// Run: npm run bench:models-browser (serves CURVSCAPE_DIST, default dist/; builds nothing). Settings:
// MODEL_BROWSER_RUNS, backend:model pairs (default wasm:small-cnn,wasm:lenet,cpu:small-cnn,webgpu:small-cnn:
// the LeNet-like CNN's first λ_max takes the cpu backend's JavaScript convolutions hours on a loaded machine),
// MODEL_BROWSER_EXAMPLES (1000), MODEL_BROWSER_STEPS (2: steps after the first λ_max, one more point at the end),
// MODEL_BROWSER_WAIT_MS (each wait's bound, 30 min: a run past it is printed as failed and the next one starts).
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';
import { serveDist } from '../e2e/serve.mjs';
import { openWithLongTasks, tasksBetween, worst } from './long-tasks.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const distDir = process.env.CURVSCAPE_DIST ?? join(root, 'dist');
const FASHION_DIR = '/usr/share/datasets/fashion-mnist';
const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];
const RUNS = (process.env.MODEL_BROWSER_RUNS ?? 'wasm:small-cnn,wasm:lenet,cpu:small-cnn,webgpu:small-cnn').split(',').map((r) => r.split(':'));
const BACKENDS = [...new Set(RUNS.map(([backend]) => backend))];
const EXAMPLES = Number(process.env.MODEL_BROWSER_EXAMPLES ?? 1000);
const STEPS = Number(process.env.MODEL_BROWSER_STEPS ?? 2);
const PROFILE = process.env.MODEL_BROWSER_PROFILE === '1';
/** Each wait's bound: the cpu backend's JavaScript convolutions on 1,000 images are slow on a loaded machine. */
const T = Number(process.env.MODEL_BROWSER_WAIT_MS ?? 1_800_000);
const LONG_MS = 50;

/** The LeNet-like CNN (LeCun et al. 1998, "Gradient-based learning applied to document recognition"), shared with bench/models.ts, pasted as model JSON. */
const LENET = JSON.parse(readFileSync(new URL('./lenet.json', import.meta.url), 'utf8'));

if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`${distDir} is missing: run \`vite build\` first`);
  process.exit(1);
}
if (!FILES.every((f) => existsSync(join(FASHION_DIR, f)))) {
  console.log(`Fashion-MNIST is not in ${FASHION_DIR} (apt-get install -y dataset-fashion-mnist): the browser model bench is skipped`);
  process.exit(0);
}

const load = () => loadavg().map((v) => v.toFixed(1)).join(' ');

/** Records the Train click and the first curvature point on the page's clock, as the DOM shows them. */
function recordTrainMarks() {
  window.__trainMarks = { click: null, first: null, done: null };
  addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-testid=train-curvature]')) window.__trainMarks = { click: performance.now(), first: null, done: null };
  }, true);
  new MutationObserver(() => {
    const chart = document.querySelector('[data-testid=curvature-chart]');
    const m = window.__trainMarks;
    if (!chart || m.click === null) return;
    if (m.first === null && Number(chart.dataset.points) >= 1) m.first = performance.now();
    if (m.first !== null && m.done === null && chart.dataset.status === 'done') m.done = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points', 'data-status'] });
}

/** Stretches of the profile's samples with no idle between them that last over LONG_MS, each with its heaviest functions. */
function longStretches(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // '(program)' and '(garbage collector)' are work on the main thread too; only '(idle)' ends a stretch
  const idle = (id) => byId.get(id).callFrame.functionName === '(idle)';
  const isRoot = (id) => byId.get(id).callFrame.functionName === '(root)';
  const label = (id) => {
    const f = byId.get(id).callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  };
  const stretches = [];
  let cur = null;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    t += profile.timeDeltas[i];
    if (idle(id)) {
      if (cur && cur.ms > LONG_MS) stretches.push(cur);
      cur = null;
      return;
    }
    cur ??= { at: (t - profile.startTime) / 1000, ms: 0, self: new Map(), roots: new Map() };
    cur.ms += dt / 1000;
    cur.self.set(label(id), (cur.self.get(label(id)) ?? 0) + dt / 1000);
    // the outermost named frame below the root: the task's entry point
    let top = id;
    while (parent.has(top) && !isRoot(parent.get(top))) top = parent.get(top);
    cur.roots.set(label(top), (cur.roots.get(label(top)) ?? 0) + dt / 1000);
  });
  if (cur && cur.ms > LONG_MS) stretches.push(cur);
  const heaviest = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join('; ');
  return stretches.map((s) => ({ at: s.at, ms: s.ms, self: heaviest(s.self), entry: heaviest(s.roots) }));
}

async function measure(browser, backend, model) {
  const url = `${new URL(`#setup=${encodeURIComponent(JSON.stringify({ backend }))}`, server.url)}`;
  const { page, context } = await openWithLongTasks(browser, url, (ctx) => ctx.addInitScript(recordTrainMarks));
  context.setDefaultTimeout(T);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('crash', () => console.log(`  the page crashed (load ${load()})`));
  const phase = (what) => process.env.MODEL_BROWSER_VERBOSE === '1' && console.log(`  ${new Date().toISOString().slice(11, 19)} ${what}`);
  await page.waitForFunction(() => { const r = document.querySelector('[data-testid=run]'); return r && !r.disabled; }, null, { timeout: T });
  phase('page ready');
  await page.getByTestId('problem-select').selectOption('model:digits');
  await page.getByTestId('idx-examples').fill(String(EXAMPLES));
  await page.getByTestId('idx-examples').press('Enter');
  await page.getByTestId('idx-files').setInputFiles(FILES.map((f) => ({ name: f, mimeType: 'application/gzip', buffer: readFileSync(join(FASHION_DIR, f)) })));
  await page.getByText(new RegExp(`fashion-mnist 28x28x1 model \\(\\d+ params, ${EXAMPLES} train`)).first().waitFor({ timeout: T });
  phase('Fashion-MNIST loaded');
  if (model === 'lenet') {
    await page.getByText('Model JSON').click();
    await page.getByTestId('model-json').fill(JSON.stringify(LENET));
    await page.getByTestId('model-json-apply').click();
  } else await page.getByTestId('model-preset').selectOption(model);
  const params = Number(await page.getByTestId('model-params').getAttribute('data-params'));
  await page.getByText(`fashion-mnist 28x28x1 model (${params} params, ${EXAMPLES} train`).first().waitFor({ timeout: T });
  await page.getByTestId('mode-network').click();
  await page.getByTestId('network-view').waitFor({ timeout: T });
  await page.getByTestId('net-optimizer').selectOption('sgd');
  for (const [id, value] of [['net-lr', '0.1'], ['net-steps', String(STEPS)], ['net-every', String(STEPS)]]) {
    await page.getByTestId(id).fill(value);
    await page.getByTestId(id).press('Enter');
  }
  // the backend started with the problem; Train then times only training and curvature
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid=backend]')?.textContent ?? ''; return b !== '' && b !== '…' && b !== 'none'; }, null, { timeout: T });
  phase('backend running');
  const inUse = (await page.getByTestId('backend').textContent()).trim();
  const cdp = PROFILE ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  phase('Train');
  await page.getByTestId('train-curvature').click();
  await page.waitForFunction(() => window.__trainMarks.first !== null, null, { timeout: T, polling: 500 });
  phase('first λ_max shown');
  await page.waitForFunction(() => window.__trainMarks.done !== null, null, { timeout: T, polling: 500 });
  const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
  const marks = await page.evaluate(() => window.__trainMarks);
  const toFirst = await tasksBetween(page, marks.click, marks.first);
  const toDone = await tasksBetween(page, marks.first, marks.done);
  const readout = (await page.getByTestId('curvature-readout').textContent()).replace(/\s+/g, ' ').trim();
  await context.close();
  return { backend, inUse, model, params, marks, toFirst, toDone, readout, errors, stretches: profile ? longStretches(profile) : null, load: load() };
}

const server = await serveDist(distDir);
console.log(`Fashion-MNIST CNNs in the browser, ${distDir}, headless Chromium, ${EXAMPLES} images, SGD, λ_max at step 0 and step ${STEPS}, ${new Date().toISOString()}`);
const rows = [];
for (const backend of BACKENDS) {
  const browser = await launch(backend === 'webgpu' ? 'webgpu' : 'auto');
  for (const model of RUNS.filter(([b]) => b === backend).map(([, m]) => m)) {
    console.log(`${model} on ${backend} (load ${load()}) ...`);
    try {
      const r = await measure(browser, backend, model);
      rows.push(r);
      const over = (ts) => ts.filter((ms) => ms > LONG_MS);
      console.log(
        `  ${r.model} (${r.params} params) on ${r.inUse}${r.inUse === 'webgpu' ? ' (SwiftShader, not GPU timing)' : ''}: Train to first λ_max ${(r.marks.first - r.marks.click).toFixed(0)} ms, ` +
          `long tasks meanwhile ${over(r.toFirst).length} (worst ${worst(r.toFirst).toFixed(0)} ms); to the end of ${STEPS} steps ${(r.marks.done - r.marks.click).toFixed(0)} ms, ` +
          `long tasks after the first λ_max ${over(r.toDone).length} (worst ${worst(r.toDone).toFixed(0)} ms); load ${r.load}`,
      );
      console.log(`  readout: ${r.readout}`);
      if (r.errors.length) console.log(`  page errors: ${r.errors.join(' | ')}`);
      for (const s of r.stretches ?? []) console.log(`  profile: ${s.ms.toFixed(0)} ms of main-thread work at +${s.at.toFixed(0)} ms; entry ${s.entry}; self ${s.self}`);
    } catch (e) {
      console.log(`  ${model} on ${backend} failed: ${e.message.split('\n')[0]}`);
      rows.push({ backend, model, failed: e.message.split('\n')[0], load: load() });
    }
  }
  await browser.close();
}
await server.close();

console.log(`\nFashion-MNIST in the browser: Train to the first λ_max (wall ms, page clock); long tasks = main-thread tasks over ${LONG_MS} ms (count, worst ms)`);
const header = ['model', 'P', 'backend', 'to first λ_max', 'long tasks', 'worst', `to step ${STEPS}`, 'long after', 'worst after', 'load 1/5/15'];
const table = rows.map((r) =>
  r.failed
    ? [r.model, '-', r.backend, 'failed', '-', '-', '-', '-', '-', r.load]
    : [
        r.model,
        String(r.params),
        r.inUse === 'webgpu' ? 'webgpu (SwiftShader)' : r.inUse,
        (r.marks.first - r.marks.click).toFixed(0),
        String(r.toFirst.filter((ms) => ms > LONG_MS).length),
        worst(r.toFirst).toFixed(0),
        (r.marks.done - r.marks.click).toFixed(0),
        String(r.toDone.filter((ms) => ms > LONG_MS).length),
        worst(r.toDone).toFixed(0),
        r.load,
      ],
);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(line(r));
