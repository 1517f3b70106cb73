/**
 * The exact trace of a P = 5,094 network (layers [71, 62, 10], tanh, 10-class softmax on 1,000
 * synthetic points; issue 13's largest problem size) from unit HVPs: one product per pass, as the
 * trace ran before, against K products per R-operator pass, in process CPU time (the machine may be
 * shared); the trace's cost is P times the cost per HVP. BENCH_FULL_TRACE=1 also runs the whole
 * batched trace once at the default chunk of unit-products.ts (minutes on cpu).
 */
import type { Problem } from '../src/core/problem/problem';
import { numParams } from '../src/core/problem/problem';
import { createRng } from '../src/core/random';
import { exactTrace } from '../src/core/eigen/trace';
import { DEFAULT_UNIT_CHUNK } from '../src/core/eigen/unit-products';
import { hessianBatchOperator, hessianOperator } from '../src/core/analysis/spectrum';
import { setBackend } from '../src/engine/backend';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { fmt, printTable } from './timing';

const LAYERS = [71, 62, 10];
const ROWS = 1000;
const CHUNKS = [4, 8, 16, 32];

/** Ten Gaussian clusters in 71 dimensions, labelled by cluster; weights scaled 1 / sqrt(fan-in). */
function syntheticProblem(): Problem {
  const rng = createRng(2026);
  const [d, , c] = LAYERS;
  const centres = Array.from({ length: c }, () => Array.from({ length: d }, () => rng.normal()));
  const y = Array.from({ length: ROWS }, (_, i) => i % c);
  const X = y.map((label) => centres[label].map((m) => m + 1.5 * rng.normal()));
  const params = new Float64Array(numParams(LAYERS));
  let offset = 0;
  for (let l = 1; l < LAYERS.length; l++) {
    const fanIn = LAYERS[l - 1];
    for (let i = 0; i < fanIn * LAYERS[l]; i++) params[offset + i] = rng.normal() / Math.sqrt(fanIn);
    offset += fanIn * LAYERS[l] + LAYERS[l];
  }
  return { name: 'synthetic-5094', layers: LAYERS, activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 1e-4, X, y, params };
}

/** Median process CPU time of `fn` in ms: on a shared machine wall time measures the other jobs too. */
async function medianCpuMs(fn: () => Promise<unknown>, reps: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Per backend: the CPU time of one HVP per pass and of K per pass (per HVP), the exact trace's
 * cost at each (P times that), and, with BENCH_FULL_TRACE=1, the whole batched trace run once.
 */
export async function benchTraceBatched(backends: readonly string[] = ['wasm', 'cpu']): Promise<void> {
  const problem = syntheticProblem();
  const rows: string[][] = [];
  for (const backend of backends) {
    await setBackend(backend as 'wasm' | 'cpu');
    const f = createNetworkObjective(problem);
    const w = problem.params;
    const P = f.dim;
    const reps = backend === 'cpu' ? 3 : 5;
    const e = new Float64Array(P);
    e[0] = 1;
    const single = await medianCpuMs(() => f.hvp(w, e), reps);
    const perHvp = [];
    for (const k of CHUNKS) {
      const E = new Float64Array(k * P);
      for (let i = 0; i < k; i++) E[i * P + i] = 1;
      perHvp.push((await medianCpuMs(() => f.hvpBatch!(w, E, k), reps)) / k);
    }
    let full = '-';
    if (process.env.BENCH_FULL_TRACE === '1') {
      const t0 = performance.now();
      const t = await exactTrace(hessianOperator(f, w), P, { batch: hessianBatchOperator(f, w) });
      full = `${fmt((performance.now() - t0) / 1000)} (trace ${t.trace.toPrecision(6)})`;
    }
    const best = Math.min(...perHvp);
    rows.push([backend, String(P), fmt(single), fmt((single * P) / 1000), ...perHvp.map((ms) => fmt(ms)), fmt((best * P) / 1000), fmt(single / best), full]);
    f.dispose();
  }
  console.log(`\nExact trace at P = ${numParams(LAYERS)} (layers [${LAYERS.join(', ')}], tanh, softmax, N = ${ROWS}): CPU ms per HVP, one per pass vs K per pass`);
  printTable(
    ['backend', 'P', 'K=1 ms', 'trace s at K=1', ...CHUNKS.map((k) => `K=${k} ms`), 'trace s at best K', 'gain', `full batched trace wall s (K=${DEFAULT_UNIT_CHUNK})`],
    rows,
  );
}

if (process.argv[1]?.endsWith('trace-batched.ts')) await benchTraceBatched(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
