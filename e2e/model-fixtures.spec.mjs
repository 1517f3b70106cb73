// Issue 10's verified numbers on webgpu in the browser: every layer-list fixture in
// ../shared/fixtures/models through the engine (e2e/harness, a test-only page built here, not the
// app) on Chromium's WebGPU over SwiftShader: loss, gradient and the HVP probe within 1e-4, Lanczos
// top-5 and the smallest eigenvalue within 1e-4 of |lambda_max|, the exact trace within 1e-4
// (fixtures README's float32 tolerances). Without a WebGPU adapter each check is skipped, saying why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launch } from './browser.mjs';
import { serveDist } from './serve.mjs';

const FIXTURES = process.env.FIXTURES_DIR ?? fileURLToPath(new URL('../../shared/fixtures', import.meta.url));
const MODELS = join(FIXTURES, 'models');
const FILES = readdirSync(MODELS).filter((f) => f.endsWith('.json')).sort();
const TOL = 1e-4;
// SwiftShader runs every WebGPU kernel on the CPU, and compiles a pipeline per kernel and shape.
const T = 900_000;
/**
 * Unit products per R-operator pass of the exact trace: per direction a 64-direction pass cost about a
 * seventh of a single HVP here; 128 keeps the CNN's widest R-activation ([128, 300, 256] floats,
 * 39 MB) under WebGPU's 128 MiB storage-binding limit.
 */
const TRACE_CHUNK = 128;
/**
 * The trace is P products (690 for the CNN, 3,010 for the residual MLP) in chunks of TRACE_CHUNK,
 * each kernel emulated on the CPU: minutes on a busy machine (the CNN's took 412 s at load ~19 once
 * the batched pass lost its per-output reductions, 178 s in this spec as the load fell from ~15 to
 * ~3; the residual MLP's, 1,264 s at load ~20 before its dense layers' R-passes became 2-D products,
 * took 637 s in this spec at load 12-23 after and 780 s at load 18-29, error 5.9e-7), so each trace
 * has its own, generous limit: an hour.
 */
const TRACE_T = 3_600_000;

/** ||a - b|| / ||b||: the fixtures README's relative error. */
function relErr(a, b) {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

/** A fresh page on the harness: each fixture gets its own, so a timed-out call cannot run on into the next one's. */
async function openHarness(browser, url) {
  const context = await browser.newContext();
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 120_000 });
  assert.deepEqual(errors, []);
  return page;
}

describe('model fixtures on webgpu (engine harness)', () => {
  let server;
  let browser;
  let adapter;

  before(async () => {
    // CURVSCAPE_HARNESS_DIST reuses a harness built before (vite build --config e2e/harness/vite.config.ts --outDir DIR).
    let dir = process.env.CURVSCAPE_HARNESS_DIST;
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), 'curvscape-harness-'));
      await build({ configFile: fileURLToPath(new URL('./harness/vite.config.ts', import.meta.url)), build: { outDir: dir } });
    }
    server = await serveDist(dir);
    browser = await launch('webgpu');
    const probe = await openHarness(browser, server.url);
    adapter = await probe.evaluate(() => window.__curvscapeHarness.adapter());
    await probe.context().close();
    if (!adapter.ok) console.log(`model-fixtures: no WebGPU adapter (${adapter.reason}): every webgpu check below is skipped`);
    else console.log(`model-fixtures: WebGPU adapter found${adapter.fallback ? ' (fallback, software)' : ''}`);
  }, { timeout: 600_000 });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const file of FILES) {
    describe(file, () => {
      let page;
      after(async () => {
        await page?.context().close();
      });
      const text = readFileSync(join(MODELS, file), 'utf8');
      const ref = JSON.parse(text).reference;
      const eig = ref.eigenvalues_ascending;
      const n = eig.length;
      const lmax = Math.abs(eig[n - 1]);
      const skip = (t) => {
        if (adapter.ok) return false;
        t.skip(`no WebGPU adapter: ${adapter.reason}`);
        return true;
      };

      test('loads on webgpu', { timeout: T }, async (t) => {
        if (skip(t)) return;
        page = await openHarness(browser, server.url);
        const loaded = await page.evaluate(([body]) => window.__curvscapeHarness.load(body, 'webgpu'), [text]);
        assert.equal(loaded.backend, 'webgpu');
        assert.equal(loaded.dim, ref.num_params);
      });

      test('loss, gradient and the HVP probe within 1e-4', { timeout: T }, async (t) => {
        if (skip(t)) return;
        const r = await page.evaluate(() => window.__curvscapeHarness.probes());
        const errors = { loss: Math.abs(r.loss - ref.loss) / Math.abs(ref.loss), grad: relErr(r.grad, ref.grad), hvp: relErr(r.hvp, ref.hvp_probe.Hv) };
        console.log(`${file} on webgpu: ${Object.entries(errors).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')} (${(r.ms / 1000).toFixed(1)} s)`);
        for (const [name, err] of Object.entries(errors)) assert.ok(err < TOL, `${name} error ${err} >= ${TOL}`);
      });

      test('Lanczos top-5 and the smallest eigenvalue within 1e-4 of |lambda_max|', { timeout: T }, async (t) => {
        if (skip(t)) return;
        const r = await page.evaluate(() => window.__curvscapeHarness.spectrum());
        assert.equal(r.top.length, 5);
        const top5 = Math.max(...r.top.map((v, i) => Math.abs(v - eig[n - 1 - i]) / lmax));
        const smallest = Math.abs(r.smallest - eig[0]) / lmax;
        console.log(`${file} on webgpu: top-5 ${top5.toExponential(1)}, smallest ${smallest.toExponential(1)}, ${r.products} HVPs (${(r.ms / 1000).toFixed(1)} s)`);
        assert.ok(top5 < TOL, `top-5 error ${top5}`);
        assert.ok(smallest < TOL, `smallest eigenvalue error ${smallest}`);
      });

      test('exact trace within 1e-4', { timeout: TRACE_T }, async (t) => {
        if (skip(t)) return;
        const r = await page.evaluate((chunk) => window.__curvscapeHarness.trace(chunk), TRACE_CHUNK);
        const err = Math.abs(r.trace - ref.trace) / Math.abs(ref.trace);
        console.log(`${file} on webgpu: trace ${err.toExponential(1)} (${(r.ms / 1000).toFixed(1)} s)`);
        assert.ok(err < TOL, `trace error ${err}`);
      });
    });
  }
});
