// Start-up of the built app (issue 9: the page interactive and the 2-D Explorer running within 2 s,
// the tensor backend only when a network needs it). Per fresh load of the default setup (Rosenbrock,
// default optimizers): navigation to Run enabled, Run clicked at once and the run finished, the 3-D
// view's WebGL renderer created, the worst main-thread long task (PerformanceObserver 'longtask') in each
// phase, and whether any TF.js chunk was fetched before the first run ended. Figures, not tests.
// Run: npm run bench:start (serves CURVSCAPE_DIST, default dist/; headless Chromium, backend auto).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';
import { serveDist } from '../e2e/serve.mjs';
import { openWithLongTasks, tasksBetween, worst } from './long-tasks.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const distDir = process.env.CURVSCAPE_DIST ?? join(root, 'dist');
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`${distDir} is missing: run \`vite build\` first`);
  process.exit(1);
}
const LOADS = Number(process.env.START_LOADS ?? 3);
const T = 300_000;
/** Chunks that hold TF.js or start it: none of them belongs on a 2-D function's start path. */
const TENSOR_CHUNK = /\/(backend-init|mlp-passes|mlp-objective|model-objective|ops|problem-surface|network-problem|network-analysis|surface-grid)-[\w-]+\.js$|\.wasm$/;

const server = await serveDist(distDir);
const browser = await launch('auto');
console.log(`start-up, ${distDir}, headless Chromium (auto), ${LOADS} fresh loads of the default setup, ${new Date().toISOString()}`);
const rows = [];
for (let k = 0; k < LOADS; k++) {
  const fetched = [];
  const { page, context } = await openWithLongTasks(browser, server.url, (ctx) => ctx.on('request', (r) => fetched.push(r.url())));
  await page.waitForFunction(() => { const r = document.querySelector('[data-testid=run]'); return r && !r.disabled; }, null, { timeout: T, polling: 'raf' });
  const runEnabled = await page.evaluate(() => performance.now());
  await page.getByTestId('run').click({ timeout: T });
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: T, polling: 'raf' });
  const runDone = await page.evaluate(() => performance.now());
  const tensorBeforeRun = fetched.filter((u) => TENSOR_CHUNK.test(u)).map((u) => u.split('/').pop());
  // the PNG export is enabled once react-three-fiber has created its WebGL renderer (onCreated)
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid=export-png]'); return b && !b.disabled; }, null, { timeout: T, polling: 'raf' });
  const view3d = await page.evaluate(() => performance.now());
  const dcl = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
  const phases = {
    toRun: worst(await tasksBetween(page, 0, runEnabled)),
    run: worst(await tasksBetween(page, runEnabled, runDone)),
    view3d: worst(await tasksBetween(page, runDone, view3d)),
  };
  rows.push({ dcl, runEnabled, runDone, view3d, phases, tensorBeforeRun });
  console.log(
    `load ${k + 1}: DOMContentLoaded ${dcl.toFixed(0)} ms, Run enabled ${runEnabled.toFixed(0)} ms, first run done ${runDone.toFixed(0)} ms, 3-D view drawn ${view3d.toFixed(0)} ms; ` +
      `worst long task: until Run ${phases.toRun.toFixed(0)} ms, during the run ${phases.run.toFixed(0)} ms, creating the 3-D view ${phases.view3d.toFixed(0)} ms; ` +
      `TF.js chunks before the run ended: ${tensorBeforeRun.length ? tensorBeforeRun.join(', ') : 'none'}`,
  );
  await context.close();
}
const max = (key) => Math.max(...rows.map((r) => r[key]));
const maxPhase = (key) => Math.max(...rows.map((r) => r.phases[key]));
console.log(
  `worst of ${LOADS}: Run enabled ${max('runEnabled').toFixed(0)} ms, first run done ${max('runDone').toFixed(0)} ms, 3-D view ${max('view3d').toFixed(0)} ms; ` +
    `long task until the run ended ${Math.max(maxPhase('toRun'), maxPhase('run')).toFixed(0)} ms, creating the 3-D view ${maxPhase('view3d').toFixed(0)} ms`,
);
await browser.close();
await server.close();
