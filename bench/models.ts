/**
 * Issue 10's speed figures for layer-list models (printed, never asserted), in process CPU time (the
 * machine is shared: wall time would measure the other jobs too; wasm runs on one thread, so an idle
 * machine's wall time is about the same): per problem and backend, loss / gradient / HVP (at a new
 * point, and at the point of the last one, whose forward pass the objective keeps) and the
 * HVP/gradient ratios (target <= 2), the per-direction cost of a batched HVP, Lanczos top-5 to a
 * relative residual of 1e-6 (products of the first run and of the missed-copy check, time), and the
 * batched surface (model-surface.ts); beside them the PyTorch peer (bench/peer_models.py, float32,
 * 1 thread, CPU time too): per-HVP time, ARPACK's top-5 products, its per-point surface loop.
 * Problems: the two model fixtures, and a LeNet-like CNN on 1,000 Fashion-MNIST images when Debian's
 * dataset-fashion-mnist is installed; then the scale row: a small CNN and the LeNet-like one on more
 * and more images until a Lanczos top-5 on wasm takes over 10 s.
 * Run alone with `npx tsx bench/models.ts`, or as part of `npm run bench`; BENCH_MODELS_FASHION=0
 * leaves out the Fashion-MNIST rows, BENCH_MODELS_GRID sets the surface's side (default 51; the
 * Fashion-MNIST CNN's is BENCH_MODELS_FASHION_GRID, default 11: a 51 x 51 per-point loop of it takes
 * PyTorch minutes), BENCH_MODELS_SCALE=0 skips the scale row.
 */
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lanczos } from '../src/core/eigen/lanczos';
import type { EigenResult } from '../src/core/eigen/types';
import { modelFilterGroups, randomDirections } from '../src/core/landscape/directions';
import { surfaceGrid } from '../src/core/landscape/grid';
import { parseProblem, parseProblemText, problemToJson } from '../src/core/problem/parse';
import type { Problem } from '../src/core/problem/problem';
import { FASHION_MNIST_DIR } from '../src/cli/data-flags';
import { dataProblemJson } from '../src/cli/data-problem';
import { setBackend } from '../src/engine/backend';
import { type ModelObjective, createModelObjective } from '../src/engine/model-objective';
import { evaluateModelSurface } from '../src/engine/model-surface';
import { type PeerRun, runPeerScript } from './peer';
import { cpuMs, fmt, medianCpuMs, printTable } from './timing';

const SHARED = resolve(process.env.CURVSCAPE_SHARED ?? '../shared');
const MODELS = join(SHARED, 'fixtures', 'models');
const PEER = resolve('bench/peer_models.py');
/** BENCH_MODELS_BACKENDS=wasm skips cpu, whose JavaScript kernels take minutes on the Fashion-MNIST CNN. */
const BACKENDS = (process.env.BENCH_MODELS_BACKENDS ?? 'wasm,cpu').split(',') as ('wasm' | 'cpu')[];
const GRID = Number(process.env.BENCH_MODELS_GRID ?? 51);
const FASHION_GRID = Number(process.env.BENCH_MODELS_FASHION_GRID ?? 11);
const FASHION = 'fashion-lenet';
/** The scale row's budget for one Lanczos top-5 on wasm (README: the largest size under it). */
const SCALE_BUDGET_MS = 10_000;

/** The LeNet-like CNN (LeCun et al. 1998), one layer list shared with bench/model-browser.mjs. */
const LENET: readonly object[] = JSON.parse(readFileSync(new URL('./lenet.json', import.meta.url), 'utf8'));

const fashionInstalled = (): boolean => existsSync(join(FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz'));

/** The LeNet-like CNN on the first `examples` Fashion-MNIST training images, at its initial parameters. */
async function fashionProblem(examples: number, layers: readonly object[] = LENET): Promise<Problem> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-models-'));
  const model = join(dir, 'model.json');
  writeFileSync(model, JSON.stringify(layers));
  const { test: _held, ...json } = await dataProblemJson('fashion-mnist', model, { examples, seed: 0 });
  return parseProblem({ ...json, name: `${layers === LENET ? FASHION : 'fashion-cnn'}-${examples}` });
}

/** `which` 'fashion' (bench/run.ts --only fashion) leaves out the two model fixtures. */
async function problems(which: 'all' | 'fashion'): Promise<Problem[]> {
  const fixtures = which === 'fashion' ? [] : ['digits-cnn-relu-ce.json', 'digits-resmlp-tanh-ce.json'];
  const out = fixtures.map((f) => parseProblemText(readFileSync(join(MODELS, f), 'utf8')));
  if (process.env.BENCH_MODELS_FASHION === '0') console.log('BENCH_MODELS_FASHION=0: the Fashion-MNIST rows are skipped');
  else if (fashionInstalled()) out.push(await fashionProblem(1000));
  else console.log('Fashion-MNIST not installed (apt-get install -y dataset-fashion-mnist): its LeNet rows are skipped');
  return out;
}

const gridOf = (problem: Problem): number => (problem.name.startsWith(FASHION) ? FASHION_GRID : GRID);

interface PeerOut {
  hvp_ms: number;
  grad_ms: number;
  hvp_cpu_ms: number;
  grad_cpu_ms: number;
  hvp_over_grad: number;
  arpack_top5: { hvps: number; ms: number; cpu_ms: number };
  surface: { grid: number; ms: number; cpu_ms: number };
}

function runPeer(problem: Problem): PeerRun<PeerOut> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-peer-'));
  const file = join(dir, `${problem.name}.json`);
  writeFileSync(file, JSON.stringify({ ...problemToJson(problem), reference: {} }));
  return runPeerScript<PeerOut>(PEER, [file, String(gridOf(problem))]);
}

/**
 * Lanczos top-5 to 1e-6 from the solver's default start: products (first run, missed-copy check) and
 * CPU ms; then, untimed, the products of a run with copyCheck off (as ARPACK, which does no such check).
 */
async function lanczosTop5(f: ModelObjective, w: Float64Array): Promise<{ products: number; check: number; noCheck: number; ms: number; residual: number }> {
  let lz: EigenResult | null = null;
  const ms = await cpuMs(async () => {
    lz = await lanczos.solve((x) => f.hvp(w, x), f.dim, { k: 5, which: 'top', tol: 1e-6, seed: 0 });
  });
  const r = lz as unknown as EigenResult;
  const noCheck = await lanczos.solve((x) => f.hvp(w, x), f.dim, { k: 5, which: 'top', tol: 1e-6, seed: 0, copyCheck: false });
  return { products: r.products, check: r.missedCopyCheck?.products ?? 0, noCheck: noCheck.products, ms, residual: Math.max(...r.top.map((p) => p.residual)) };
}

/** A small CNN for the scale row: one 3 x 3 convolution of 4 filters, max pooling, the linear read-out. */
const SMALL_CNN = [
  { type: 'conv2d', filters: 4, kernel: 3 },
  { type: 'activation', fn: 'relu' },
  { type: 'maxpool', size: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10 },
];

/**
 * Per model (the small CNN, then the LeNet-like one), the largest Fashion-MNIST sample (doubling
 * from 125 images) on which a Lanczos top-5 to 1e-6 at the initial parameters takes at most
 * SCALE_BUDGET_MS of CPU on wasm: the README's figure. BENCH_MODELS_SCALE_MODELS=small runs the first only.
 */
export async function scaleRow(): Promise<void> {
  await setBackend('wasm');
  const rows: string[][] = [];
  const verdicts: string[] = [];
  const models = { small: SMALL_CNN, lenet: LENET };
  const names = (process.env.BENCH_MODELS_SCALE_MODELS ?? 'small,lenet').split(',') as (keyof typeof models)[];
  for (const name of names) {
    let largest: string | null = null;
    for (let n = 125; n <= 60_000; n *= 2) {
      console.log(`scale row: ${name} CNN on ${n} images ...`);
      const problem = await fashionProblem(n, models[name]);
      const f = createModelObjective(problem);
      const lz = await lanczosTop5(f, problem.params);
      f.dispose();
      rows.push([name, String(n), String(f.dim), String(lz.products), fmt(lz.ms / 1000)]);
      if (lz.ms > SCALE_BUDGET_MS) break;
      largest = `${n} images (P = ${f.dim})`;
    }
    verdicts.push(`${name} CNN: ${largest ?? 'none'}`);
  }
  console.log(`\nModels scale: Fashion-MNIST, Lanczos top-5 to 1e-6 on wasm (CPU s); budget ${SCALE_BUDGET_MS / 1000} s`);
  printTable(['model', 'images', 'P', 'hvps', 's'], rows);
  console.log(`largest under ${SCALE_BUDGET_MS / 1000} s: ${verdicts.join('; ')}`);
}

export async function benchModels(which: 'all' | 'fashion' = 'all'): Promise<void> {
  const list = await problems(which);
  const rows: string[][] = [];
  const eigenRows: string[][] = [];
  const surfaceRows: string[][] = [];
  const ours = new Map<string, { hvpMs: number; lanczos: { products: number; check: number; noCheck: number }; surfaceMs: number }>();
  for (const backend of BACKENDS) {
    await setBackend(backend);
    for (const problem of list) {
      const f = createModelObjective(problem);
      const w = problem.params;
      const v = problem.reference?.hvpProbe?.v ?? Float64Array.from({ length: f.dim }, (_, i) => Math.sin(i));
      // On cpu one HVP of the Fashion-MNIST CNN took 112 CPU s (1,134 s wall at load ~20; PyTorch 0.63 CPU s):
      // its Lanczos top-5 (89 HVPs on 125 images) would be hours of CPU and a day of wall time there, where
      // `npm run bench` stalled, so cpu times that row's calls once each and leaves the rest to wasm (BENCH_MODELS_FASHION_CPU_ALL=1 runs it all).
      const perCallOnly = backend === 'cpu' && problem.name.startsWith(FASHION) && process.env.BENCH_MODELS_FASHION_CPU_ALL !== '1';
      const reps = perCallOnly ? 1 : backend === 'cpu' ? 3 : 10;
      const warmup = perCallOnly ? 0 : 1;
      const lossMs = await medianCpuMs(() => f.value(w), reps, warmup);
      const gradMs = await medianCpuMs(() => f.valueAndGrad(w), reps, warmup);
      // The objective keeps the forward pass of its last HVP's point: alternating two points measures
      // a product at a new point (forward + R passes), repeating one the products after the first.
      // Starting at w, so that even a single timed call leaves w kept for the next measurement.
      const nudged = Float64Array.from(w, (x, i) => (i === 0 ? x + 1e-3 : x));
      let flip = true;
      const freshHvpMs = await medianCpuMs(() => f.hvp((flip = !flip) ? nudged : w, v), reps, warmup);
      const hvpMs = await medianCpuMs(() => f.hvp(w, v), reps, warmup);
      // 32 directions per pass, fewer where their R-activations ([K, N, widest]) would pass ~20M floats (wasm's heap is 4 GB).
      const widest = Math.max(...f.layout.nodes.map((n) => n.outShape.reduce((a, b) => a * b, 1)));
      const K = Math.max(1, Math.min(32, Math.floor(2e7 / (problem.X.length * widest))));
      console.log(`${problem.name} on ${backend}: loss, gradient, HVP${perCallOnly ? '' : `, ${K}-direction HVP, Lanczos, surface`} ...`);
      const V = new Float64Array(K * f.dim);
      for (let c = 0; c < K; c++) V.set(v, c * f.dim);
      const batchMs = perCallOnly ? Number.NaN : (await medianCpuMs(() => f.hvpBatch!(w, V, K), backend === 'cpu' ? 1 : 3)) / K;
      rows.push([
        problem.name,
        backend,
        String(f.dim),
        String(problem.X.length),
        fmt(lossMs),
        fmt(gradMs),
        fmt(freshHvpMs),
        fmt(freshHvpMs / gradMs),
        fmt(hvpMs),
        fmt(hvpMs / gradMs),
        `${fmt(batchMs)} (K ${K})`,
      ]);
      if (perCallOnly) {
        console.log(`${problem.name} on cpu: one HVP takes ${fmt(hvpMs / 1000)} CPU s; its batched HVP, Lanczos and surface are left to wasm (BENCH_MODELS_FASHION_CPU_ALL=1 runs them)`);
        f.dispose();
        continue;
      }

      const lz = await lanczosTop5(f, w);
      eigenRows.push([problem.name, backend, String(lz.products), String(lz.products - lz.check), String(lz.check), String(lz.noCheck), fmt(lz.ms), fmt(lz.residual, 2)]);

      const grid = gridOf(problem);
      let surfaceMs = Number.NaN;
      // The cpu backend's JavaScript convolutions would take many minutes on the Fashion-MNIST CNN's grid.
      if (backend === 'wasm' || !problem.name.startsWith(FASHION)) {
        const { alphas, betas } = surfaceGrid(grid, 1);
        const plane = randomDirections(w, modelFilterGroups(f.layout), { seed: 0 });
        const t0 = performance.now();
        surfaceMs = await cpuMs(() => evaluateModelSurface(problem, plane.origin, plane.d1, plane.d2, alphas, betas));
        surfaceRows.push([problem.name, backend, `${grid}x${grid}`, fmt(surfaceMs), fmt(performance.now() - t0), fmt((lossMs * grid * grid) / surfaceMs)]);
      }
      if (backend === 'wasm') ours.set(problem.name, { hvpMs, lanczos: lz, surfaceMs });
      f.dispose();
    }
  }
  console.log('\nModels: per-call cost (median CPU ms); hvp new w = a product at a new point, kept w = the next ones at the same point; batched = per direction of a K-direction HVP');
  printTable(['problem', 'backend', 'P', 'N', 'loss', 'grad', 'hvp new w', '/grad', 'hvp kept w', '/grad', 'batched hvp'], rows);
  console.log('\nModels: Lanczos top-5 to relative residual 1e-6 (products: with the check = first run + missed-copy check; as ARPACK = a run with copyCheck off; CPU ms and resid: with the check)');
  printTable(['problem', 'backend', 'with the check', 'first run', 'check', 'as ARPACK (no check)', 'CPU ms', 'max resid'], eigenRows);
  console.log('\nModels: batched loss surface (model-surface.ts); loop = the per-point loss times the grid');
  printTable(['problem', 'backend', 'grid', 'CPU ms', 'wall ms', 'loop / batched'], surfaceRows);

  const peerRows: string[][] = [];
  for (const problem of list) {
    console.log(`${problem.name}: PyTorch peer ...`);
    const run = runPeer(problem);
    if (!run.ok) {
      console.log(`\nModels peer: ${run.message}`);
      if (run.missing) break;
      continue;
    }
    const peer = run.figures;
    const mine = ours.get(problem.name);
    peerRows.push([
      problem.name,
      fmt(peer.grad_cpu_ms),
      fmt(peer.hvp_cpu_ms),
      fmt(peer.hvp_over_grad),
      fmt(mine ? mine.hvpMs / peer.hvp_cpu_ms : Number.NaN),
      `${peer.arpack_top5.hvps} vs ${mine ? `${mine.lanczos.noCheck} no check, ${mine.lanczos.products} with the check (${mine.lanczos.products - mine.lanczos.check} + ${mine.lanczos.check})` : '-'}`,
      `${peer.surface.grid}x${peer.surface.grid}`,
      fmt(peer.surface.cpu_ms),
      fmt(mine ? mine.surfaceMs / peer.surface.cpu_ms : Number.NaN),
    ]);
  }
  if (peerRows.length) {
    console.log('\nModels peer: PyTorch float32, 1 thread, same CPU, CPU ms (ratios: ours on wasm / peer; lanczos = first run + check)');
    printTable(['problem', 'grad', 'hvp', 'hvp/grad', 'our hvp / peer', 'top-5 hvps arpack vs lanczos (no check, with the check)', 'grid', 'per-point surface', 'our surface / peer'], peerRows);
  }
  if (process.env.BENCH_MODELS_SCALE === '0') console.log('BENCH_MODELS_SCALE=0: the scale row is skipped');
  else if (process.env.BENCH_MODELS_FASHION !== '0' && fashionInstalled()) await scaleRow();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchModels();
