/**
 * Issue 10's speed figures for layer-list models (printed, never asserted): per problem and backend,
 * loss / gradient / HVP time and the HVP/gradient ratio (target <= 2), the per-direction cost of a
 * batched HVP, Lanczos top-5 to a relative residual of 1e-6 (products and time), and the 51 x 51
 * surface as a per-point loop of the model objective (no batched model surface yet); beside them the
 * PyTorch peer (bench/peer_models.py, float32, 1 thread): per-HVP time, ARPACK's top-5 products,
 * its per-point surface loop. Problems: the two model fixtures, and a LeNet-like CNN on 1,000
 * Fashion-MNIST images when Debian's dataset-fashion-mnist is installed.
 * Run alone with `npx tsx bench/models.ts`, or as part of `npm run bench`; BENCH_MODELS_FASHION=0
 * leaves out the Fashion-MNIST row, BENCH_MODELS_GRID sets the surface's side (default 51).
 */
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { lanczos } from '../src/core/eigen/lanczos';
import { modelFilterGroups, randomDirections } from '../src/core/landscape/directions';
import { surfaceGrid } from '../src/core/landscape/grid';
import { parseProblem, parseProblemText, problemToJson } from '../src/core/problem/parse';
import type { Problem } from '../src/core/problem/problem';
import { FASHION_MNIST_DIR } from '../src/cli/data-flags';
import { dataProblemJson } from '../src/cli/data-problem';
import { setBackend } from '../src/engine/backend';
import { createModelObjective } from '../src/engine/model-objective';
import { evaluateModelSurface } from '../src/engine/model-surface';
import { fmt, medianMs, printTable } from './timing';

const SHARED = resolve(process.env.CURVSCAPE_SHARED ?? '../shared');
const MODELS = join(SHARED, 'fixtures', 'models');
const PEER = resolve('bench/peer_models.py');
/** BENCH_MODELS_BACKENDS=wasm skips cpu, whose JavaScript kernels take minutes on the Fashion-MNIST CNN. */
const BACKENDS = (process.env.BENCH_MODELS_BACKENDS ?? 'wasm,cpu').split(',') as ('wasm' | 'cpu')[];
const GRID = Number(process.env.BENCH_MODELS_GRID ?? 51);

const LENET = [
  { type: 'conv2d', filters: 6, kernel: 5 },
  { type: 'activation', fn: 'relu' },
  { type: 'maxpool', size: 2 },
  { type: 'conv2d', filters: 16, kernel: 5 },
  { type: 'activation', fn: 'relu' },
  { type: 'maxpool', size: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10 },
];

async function problems(): Promise<Problem[]> {
  const out = ['digits-cnn-relu-ce.json', 'digits-resmlp-tanh-ce.json'].map((f) => parseProblemText(readFileSync(join(MODELS, f), 'utf8')));
  if (process.env.BENCH_MODELS_FASHION === '0') console.log('BENCH_MODELS_FASHION=0: the Fashion-MNIST row is skipped');
  else if (existsSync(join(FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz'))) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-models-'));
    const model = join(dir, 'lenet.json');
    writeFileSync(model, JSON.stringify(LENET));
    const { test: _held, ...json } = await dataProblemJson('fashion-mnist', model, { examples: 1000, seed: 0 });
    out.push(parseProblem({ ...json, name: 'fashion-lenet-1000' }));
  } else console.log('Fashion-MNIST not installed (apt-get install -y dataset-fashion-mnist): its LeNet row is skipped');
  return out;
}

interface PeerOut {
  hvp_ms: number;
  grad_ms: number;
  hvp_over_grad: number;
  arpack_top5: { hvps: number; ms: number };
  [key: string]: unknown;
}

function runPeer(problem: Problem): PeerOut | null {
  const dir = mkdtempSync(join(tmpdir(), 'bench-peer-'));
  const file = join(dir, `${problem.name}.json`);
  writeFileSync(file, JSON.stringify({ ...problemToJson(problem), reference: {} }));
  try {
    const out = execFileSync('/usr/bin/python3', [PEER, file, String(GRID)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 1_800_000 });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as PeerOut;
  } catch {
    return null;
  }
}

export async function benchModels(): Promise<void> {
  const list = await problems();
  const rows: string[][] = [];
  const eigenRows: string[][] = [];
  const surfaceRows: string[][] = [];
  const ours = new Map<string, { hvpMs: number; lanczos: number; surfaceMs: number }>();
  for (const backend of BACKENDS) {
    await setBackend(backend);
    for (const problem of list) {
      const f = createModelObjective(problem);
      const w = problem.params;
      const v = problem.reference?.hvpProbe?.v ?? Float64Array.from({ length: f.dim }, (_, i) => Math.sin(i));
      const reps = backend === 'cpu' ? 3 : 10;
      const lossMs = await medianMs(() => f.value(w), reps, 1);
      const gradMs = await medianMs(() => f.valueAndGrad(w), reps, 1);
      const hvpMs = await medianMs(() => f.hvp(w, v), reps, 1);
      const K = 32;
      const V = new Float64Array(K * f.dim);
      for (let c = 0; c < K; c++) V.set(v, c * f.dim);
      const batchMs = (await medianMs(() => f.hvpBatch!(w, V, K), backend === 'cpu' ? 1 : 3, 1)) / K;
      rows.push([problem.name, backend, String(f.dim), String(problem.X.length), fmt(lossMs), fmt(gradMs), fmt(hvpMs), fmt(hvpMs / gradMs), fmt(batchMs)]);

      const t0 = performance.now();
      const lz = await lanczos.solve((x) => f.hvp(w, x), f.dim, { k: 5, which: 'top', tol: 1e-6, seed: 0 });
      const lzMs = performance.now() - t0;
      eigenRows.push([problem.name, backend, String(lz.products), fmt(lzMs), fmt(Math.max(...lz.top.map((p) => p.residual)), 2)]);

      let surfaceMs = Number.NaN;
      if (backend === 'wasm') {
        const { alphas, betas } = surfaceGrid(GRID, 1);
        const plane = randomDirections(w, modelFilterGroups(f.layout), { seed: 0 });
        const t1 = performance.now();
        await evaluateModelSurface(f, plane.origin, plane.d1, plane.d2, alphas, betas);
        surfaceMs = performance.now() - t1;
        surfaceRows.push([problem.name, backend, `${GRID}x${GRID}`, fmt(surfaceMs)]);
      }
      if (backend === 'wasm') ours.set(problem.name, { hvpMs, lanczos: lz.products, surfaceMs });
      f.dispose();
    }
  }
  console.log('\nModels: per-call cost (median ms); batched = per direction of a 32-direction HVP');
  printTable(['problem', 'backend', 'P', 'N', 'loss', 'grad', 'hvp', 'hvp/grad', 'batched hvp'], rows);
  console.log('\nModels: Lanczos top-5 to relative residual 1e-6');
  printTable(['problem', 'backend', 'hvps', 'ms', 'max resid'], eigenRows);
  console.log('\nModels: loss surface as a per-point loop of the model objective (no batched model surface yet)');
  printTable(['problem', 'backend', 'grid', 'ms'], surfaceRows);

  const peerRows: string[][] = [];
  for (const problem of list) {
    const peer = runPeer(problem);
    if (!peer) {
      console.log('\nModels peer: PyTorch not available (apt-get install -y python3-torch python3-scipy)');
      break;
    }
    const mine = ours.get(problem.name)!;
    const surface = peer[`surface_${GRID}x${GRID}_ms`] as number;
    peerRows.push([
      problem.name,
      fmt(peer.grad_ms),
      fmt(peer.hvp_ms),
      fmt(peer.hvp_over_grad),
      fmt(mine.hvpMs / peer.hvp_ms),
      `${peer.arpack_top5.hvps} vs ${mine.lanczos}`,
      fmt(surface),
      fmt(mine.surfaceMs / surface),
    ]);
  }
  if (peerRows.length) {
    console.log('\nModels peer: PyTorch float32, 1 thread, same CPU (ratios: ours on wasm / peer)');
    printTable(['problem', 'grad ms', 'hvp ms', 'hvp/grad', 'our hvp / peer', 'top-5 hvps arpack vs lanczos', `surface ${GRID}x${GRID} ms`, 'our surface / peer'], peerRows);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchModels();
