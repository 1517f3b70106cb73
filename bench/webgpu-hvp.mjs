// The batched HVP of each layer-list fixture on Chromium's WebGPU over SwiftShader (the e2e engine
// harness, e2e/harness): per K-direction pass, the CPU time of the browser's processes (SwiftShader
// runs every kernel on the CPU, so on a shared machine this measures the work where wall time
// measures the other jobs too) and the wall time, for the first pass (pipeline compiles) and the
// next ones; per HVP; and the exact trace's estimate (first pass + P / K - 1 more), with the load
// average beside each line. e2e/model-fixtures.spec.mjs's trace runs K = 128 per pass.
// WEBGPU_HVP_PROFILE=1 adds the kernels that took longest in one pass (timestamp queries: Dawn's
// allow_unsafe_apis). Linux only (/proc). Usage: node bench/webgpu-hvp.mjs [K]
// (CURVSCAPE_HARNESS_DIST reuses a built harness, or alternates the passes of several, comma-separated;
// WEBGPU_HVP_ONLY=resmlp picks fixtures by name).
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CONFIGS } from '../e2e/browser.mjs';
import { serveDist } from '../e2e/serve.mjs';

const K = Number(process.argv[2] ?? 128);
const REPS = Number(process.env.WEBGPU_HVP_REPS ?? 3);
const PROFILE = process.env.WEBGPU_HVP_PROFILE === '1';
const FIXTURES = process.env.FIXTURES_DIR ?? fileURLToPath(new URL('../../shared/fixtures', import.meta.url));
const MODELS = join(FIXTURES, 'models');
const only = process.env.WEBGPU_HVP_ONLY;
const files = readdirSync(MODELS).filter((f) => f.endsWith('.json') && (!only || f.includes(only))).sort();
const load = () => loadavg()[0].toFixed(1);
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** CPU ms (user + system) of this process and its descendants (the browser Playwright starts), from /proc. */
function treeCpuMs() {
  const parent = new Map();
  const ticks = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (tree.has(pid) || !tree.has(ppid)) continue;
      tree.add(pid);
      grew = true;
    }
  }
  let total = 0;
  for (const pid of tree) total += ticks.get(pid) ?? 0;
  return total * 10;
}

/** CPU and wall ms of one call. */
async function measured(fn) {
  const c0 = treeCpuMs();
  const t0 = Date.now();
  await fn();
  return { cpu: treeCpuMs() - c0, wall: Date.now() - t0 };
}

/** A page of one harness build with `file` loaded on webgpu, and its pass: one batched HVP of K unit directions, measured. */
async function openFixture(browser, url, text) {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(3_600_000);
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const { dim, backend } = await page.evaluate(([body]) => window.__curvscapeHarness.load(body, 'webgpu'), [text]);
  const pass = (start) => measured(() => page.evaluate(([k, s]) => window.__curvscapeHarness.unitBatch(k, s), [K, start]));
  return { page, dim, backend, pass };
}

// Several builds (comma-separated) are compared pass by pass, alternating, so that the load of a busy machine falls on each alike.
let dirs = (process.env.CURVSCAPE_HARNESS_DIST ?? '').split(',').filter(Boolean);
if (!dirs.length) {
  const dir = mkdtempSync(join(tmpdir(), 'curvscape-harness-'));
  await build({ configFile: fileURLToPath(new URL('../e2e/harness/vite.config.ts', import.meta.url)), build: { outDir: dir } });
  dirs = [dir];
}
const servers = await Promise.all(dirs.map((d) => serveDist(d)));
const args = [...CONFIGS.webgpu, ...(PROFILE ? ['--enable-dawn-features=allow_unsafe_apis'] : [])];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args });
try {
  for (const file of files) {
    const text = readFileSync(join(MODELS, file), 'utf8');
    const runs = [];
    for (const [i, server] of servers.entries()) {
      const run = await openFixture(browser, server.url, text);
      runs.push({ ...run, dir: dirs[i], first: await run.pass(0), next: [] });
    }
    for (let r = 1; r <= REPS; r++) for (const run of runs) run.next.push(await run.pass(r * K));
    for (const { dir, dim, backend, first, next } of runs) {
      const cpu = median(next.map((m) => m.cpu));
      const wall = median(next.map((m) => m.wall));
      const passes = Math.ceil(dim / K);
      console.log(
        `${file} on ${backend} (P = ${dim})${runs.length > 1 ? ` [${dir}]` : ''}, K = ${K}: first pass ${(first.cpu / 1000).toFixed(1)} CPU s (${(first.wall / 1000).toFixed(1)} s wall), ` +
          `next ${next.map((m) => (m.cpu / 1000).toFixed(2)).join(', ')} CPU s (median ${(wall / 1000).toFixed(2)} s wall): ${(cpu / K).toFixed(1)} CPU ms per HVP; ` +
          `exact trace ~${((first.cpu + (passes - 1) * cpu) / 1000).toFixed(0)} CPU s (${passes} passes) at load ${load()}`,
      );
    }
    if (PROFILE) {
      for (const { dir, page } of runs) {
        const { wallMs, kernels } = await page.evaluate((k) => window.__curvscapeHarness.profileBatch(k), K);
        const total = kernels.reduce((a, e) => a + e.ms, 0);
        console.log(`  profiled pass [${dir}]: ${(wallMs / 1000).toFixed(2)} s wall, top kernels ${total.toFixed(0)} ms (load ${load()}):`);
        for (const e of kernels) console.log(`  ${e.ms.toFixed(1).padStart(8)} ms ${String(e.calls).padStart(3)}x ${e.name}`);
      }
    }
    for (const { page } of runs) await page.context().close();
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
