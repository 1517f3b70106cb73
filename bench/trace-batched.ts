/**
 * The exact trace of a P = 5,094 network (layers [71, 62, 10], tanh, 10-class softmax on 1,000
 * synthetic points; issue 13's largest problem size) from unit HVPs: one product per pass, as the
 * trace ran before, against K products per R-operator pass. The unbatched time is the median single
 * HVP times P (running all 5,094 takes minutes); the batched one is the whole trace, run once, at
 * the default chunk of unit-products.ts.
 */
import type { Problem } from '../src/core/problem/problem';
import { numParams } from '../src/core/problem/problem';
import { createRng } from '../src/core/random';
import { exactTrace } from '../src/core/eigen/trace';
import { DEFAULT_UNIT_CHUNK } from '../src/core/eigen/unit-products';
import { hessianBatchOperator, hessianOperator } from '../src/core/analysis/spectrum';
import { setBackend } from '../src/engine/backend';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { fmt, medianMs, printTable } from './timing';

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

export async function benchTraceBatched(backends: readonly string[] = ['wasm', 'cpu']): Promise<void> {
  const problem = syntheticProblem();
  const rows: string[][] = [];
  for (const backend of backends) {
    await setBackend(backend as 'wasm' | 'cpu');
    const f = createNetworkObjective(problem);
    const w = problem.params;
    const P = f.dim;
    const e = new Float64Array(P);
    e[0] = 1;
    const single = await medianMs(() => f.hvp(w, e), 5, 1);
    const chunkMs: string[] = [];
    for (const k of CHUNKS) {
      const E = new Float64Array(k * P);
      for (let i = 0; i < k; i++) E[i * P + i] = 1;
      const ms = await medianMs(() => f.hvpBatch!(w, E, k), 3, 1);
      chunkMs.push(`${fmt(ms)} (${fmt(ms / k)}/hvp)`);
    }
    const t0 = performance.now();
    const t = await exactTrace(hessianOperator(f, w), P, { batch: hessianBatchOperator(f, w) });
    const batchedS = (performance.now() - t0) / 1000;
    rows.push([backend, String(P), fmt(single), fmt((single * P) / 1000), ...chunkMs, fmt(batchedS), fmt((single * P) / 1000 / batchedS), t.trace.toPrecision(6)]);
    f.dispose();
  }
  console.log(`\nExact trace at P = ${numParams(LAYERS)} (layers [${LAYERS.join(', ')}], tanh, softmax, N = ${ROWS}): one HVP per pass vs K per pass`);
  printTable(['backend', 'P', '1 hvp ms', 'unbatched s (P x 1 hvp)', ...CHUNKS.map((k) => `K=${k} pass ms`), `batched trace s (K=${DEFAULT_UNIT_CHUNK})`, 'gain', 'trace'], rows);
}

if (process.argv[1]?.endsWith('trace-batched.ts')) await benchTraceBatched(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
