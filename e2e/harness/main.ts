/**
 * A test-only page (built by e2e/model-fixtures.spec.mjs, never part of the app bundle) that runs
 * the engine on a problem file in the browser: `window.__curvscapeHarness` reports the WebGPU
 * adapter, loads a problem on a named backend, and gives its model objective's loss, gradient and
 * HVP probe, Lanczos top-5 and smallest eigenvalue, and the exact Hessian trace from batched unit products,
 * each as its own call so that a test can time and bound them separately.
 */
import * as tf from '@tensorflow/tfjs';
import { lanczos } from '../../src/core/eigen/lanczos';
import { exactTrace } from '../../src/core/eigen/trace';
import { parseProblemText } from '../../src/core/problem/parse';
import type { Problem } from '../../src/core/problem/problem';
import { type BackendName, setBackend } from '../../src/engine/backend';
import { type ModelObjective, createModelObjective } from '../../src/engine/model-objective';

interface AdapterReport {
  ok: boolean;
  reason: string;
  fallback: boolean | null;
}

interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

async function adapter(): Promise<AdapterReport> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { ok: false, reason: 'navigator.gpu is missing', fallback: null };
  const found = await gpu.requestAdapter();
  if (!found) return { ok: false, reason: 'navigator.gpu.requestAdapter() returned null', fallback: null };
  return { ok: true, reason: '', fallback: found.info?.isFallbackAdapter ?? found.isFallbackAdapter ?? null };
}

let loaded: { problem: Problem; objective: ModelObjective } | null = null;

/** Parses a problem file's text and builds its model objective on `backend` (replacing the one loaded before). */
async function load(text: string, backend: BackendName): Promise<{ backend: string; dim: number }> {
  loaded?.objective.dispose();
  loaded = null;
  await setBackend(backend);
  const problem = parseProblemText(text);
  loaded = { problem, objective: createModelObjective(problem) };
  return { backend: tf.getBackend(), dim: loaded.objective.dim };
}

function current(): { w: Float64Array; f: ModelObjective; problem: Problem } {
  if (!loaded) throw new Error('harness: load() a problem first');
  return { w: loaded.problem.params, f: loaded.objective, problem: loaded.problem };
}

/** Loss, gradient and the reference's HVP probe at the problem's parameters. */
async function probes(): Promise<{ loss: number; grad: number[]; hvp: number[]; ms: number }> {
  const t0 = performance.now();
  const { w, f, problem } = current();
  const v = problem.reference?.hvpProbe?.v;
  if (!v) throw new Error(`${problem.name}: no HVP probe in its reference`);
  const { value, grad } = await f.valueAndGrad(w);
  const hv = await f.hvp(w, v);
  return { loss: value, grad: Array.from(grad), hvp: Array.from(hv), ms: performance.now() - t0 };
}

/**
 * Lanczos to 1e-6: the top 5, then the smallest eigenvalue by a run of its own (k = 1 needs no
 * missed-copy check, so this costs fewer products than both ends at k = 5 on SwiftShader).
 */
async function spectrum(): Promise<{ top: number[]; smallest: number; products: number; ms: number }> {
  const t0 = performance.now();
  const { w, f } = current();
  const op = (v: Float64Array): Promise<Float64Array> => f.hvp(w, v);
  const top = await lanczos.solve(op, f.dim, { k: 5, which: 'top', tol: 1e-6, seed: 0 });
  const bottom = await lanczos.solve(op, f.dim, { k: 1, which: 'bottom', tol: 1e-6, seed: 0 });
  return { top: top.top.map((e) => e.value), smallest: bottom.bottom[0].value, products: top.products + bottom.products, ms: performance.now() - t0 };
}

/**
 * The exact Hessian trace from unit products, `chunk` per R-operator pass. The last, shorter chunk
 * is padded with zero directions to the full `chunk`: WebGPU compiles a pipeline per kernel and
 * shape, which on SwiftShader cost more than two minutes for one batched product's shapes.
 */
async function trace(chunk: number): Promise<{ trace: number; ms: number }> {
  const t0 = performance.now();
  const { w, f } = current();
  const n = f.dim;
  const batch = async (V: Float64Array, k: number): Promise<Float64Array> => {
    if (k === chunk || n < chunk) return f.hvpBatch!(w, V, k);
    const padded = new Float64Array(chunk * n);
    padded.set(V);
    return (await f.hvpBatch!(w, padded, chunk)).slice(0, k * n);
  };
  const { trace: value } = await exactTrace((v) => f.hvp(w, v), n, { batch, chunk });
  return { trace: value, ms: performance.now() - t0 };
}

/** Unit directions e_start .. e_{start+k-1} as k rows of the loaded problem's dimension. */
function unitRows(k: number, start = 0): Float64Array {
  const n = current().f.dim;
  const V = new Float64Array(k * n);
  for (let i = 0; i < k; i++) V[i * n + ((start + i) % n)] = 1;
  return V;
}

/** Wall ms of one batched HVP of the k unit directions from e_start (bench/webgpu-hvp.mjs times passes with it; no test does). */
async function unitBatch(k: number, start: number): Promise<number> {
  const { w, f } = current();
  const t0 = performance.now();
  await f.hvpBatch!(w, unitRows(k, start), k);
  return performance.now() - t0;
}

/**
 * tf.profile of one batched HVP of k unit directions (after a warm-up call): kernel time summed per
 * kernel name and input shapes, largest first. Kernel times are 0 unless the adapter has
 * timestamp queries (Chromium's --enable-dawn-features=allow_unsafe_apis).
 */
async function profileBatch(k: number, top = 40): Promise<{ wallMs: number; kernels: { name: string; ms: number; calls: number }[] }> {
  const { w, f } = current();
  await f.hvpBatch!(w, unitRows(k), k);
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    await f.hvpBatch!(w, unitRows(k, k), k);
  });
  const wallMs = performance.now() - t0;
  const byKey = new Map<string, { ms: number; calls: number }>();
  for (const kernel of info.kernels) {
    const key = `${kernel.name} ${kernel.inputShapes.map((s) => JSON.stringify(s)).join(' ')}`;
    const ms = Number(await kernel.kernelTimeMs) || 0;
    const e = byKey.get(key) ?? { ms: 0, calls: 0 };
    e.ms += ms;
    e.calls += 1;
    byKey.set(key, e);
  }
  const kernels = [...byKey].map(([name, e]) => ({ name, ...e })).sort((a, b) => b.ms - a.ms).slice(0, top);
  return { wallMs, kernels };
}

const harness = { adapter, load, probes, spectrum, trace, unitBatch, profileBatch };

declare global {
  interface Window {
    __curvscapeHarness: typeof harness;
  }
}

window.__curvscapeHarness = harness;
document.body.dataset.ready = 'true';
