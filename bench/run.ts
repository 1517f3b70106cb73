/**
 * `npm run bench`: per fixture and backend, the cost of loss / gradient / HVP and of the
 * eigen-solvers, printed beside the PyTorch peer when torch is installed. Figures, not tests.
 * `--only fixtures,optimizers,models,fashion,trace,defaults` (or BENCH_ONLY) runs the named sections
 * alone; `fashion` is the models section's Fashion-MNIST rows without the model fixtures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseProblemText } from '../src/core/problem/parse';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { setBackend } from '../src/engine/backend';
import { lanczos } from '../src/core/eigen/lanczos';
import { power } from '../src/core/eigen/power';
import { randomDirections } from '../src/core/landscape/directions';
import { surfaceGrid } from '../src/core/landscape/grid';
import { evaluateSurface } from '../src/engine/surface-grid';
import { fmt, medianMs, printTable } from './timing';
import { runPeer } from './peer';
import { benchCurvatureOptimizers } from './curvature-optimizers';
import { benchModels } from './models';
import { benchTraceBatched } from './trace-batched';
import { benchNetworkDefaults } from './network-defaults';

const SHARED = resolve(process.env.CURVSCAPE_SHARED ?? '../shared');
const FIXTURES = join(SHARED, 'fixtures');
const PEER = join(SHARED, 'peer', 'peer_torch.py');
const BACKENDS = ['wasm', 'cpu'] as const;
const SECTIONS = ['fixtures', 'optimizers', 'models', 'fashion', 'trace', 'defaults'] as const;
type Section = (typeof SECTIONS)[number];

function selectedSections(argv: string[]): Set<Section> {
  const at = argv.indexOf('--only');
  const named = at >= 0 ? argv[at + 1] : process.env.BENCH_ONLY;
  if (!named) return new Set(SECTIONS.filter((s) => s !== 'fashion'));
  const list = named.split(',');
  const unknown = list.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) {
    console.error(`bench: unknown section ${unknown.join(', ')}; expected --only with some of ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
  return new Set(list as Section[]);
}

function maxRelError(found: number[], reference: number[], scale: number): number {
  return Math.max(...found.map((v, i) => Math.abs(v - reference[i]) / scale));
}

async function main(): Promise<void> {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
  const rows: string[][] = [];
  const surfaceRows: string[][] = [];
  const eigenRows: string[][] = [];
  for (const backend of BACKENDS) {
    await setBackend(backend);
    for (const file of files) {
      const problem = parseProblemText(readFileSync(join(FIXTURES, file), 'utf8'));
      const objective = createNetworkObjective(problem);
      const w = problem.params;
      const v = problem.reference?.hvpProbe?.v ?? new Float64Array(objective.dim).fill(1);
      const reps = backend === 'cpu' ? 20 : 50;
      const lossMs = await medianMs(() => objective.value(w), reps);
      const gradMs = await medianMs(() => objective.valueAndGrad(w), reps);
      const hvpMs = await medianMs(() => objective.hvp(w, v), reps);
      rows.push([problem.name, backend, String(objective.dim), fmt(lossMs), fmt(gradMs), fmt(hvpMs), fmt(hvpMs / gradMs)]);

      // The 51 x 51 surface over filter-normalised random directions, batched, against 2601 single forwards.
      const { alphas, betas } = surfaceGrid(51, 1);
      const plane = randomDirections(w, problem.layers, { seed: 0 });
      const surfaceMs = await medianMs(
        () => evaluateSurface(problem, plane.origin, plane.d1, plane.d2, alphas, betas),
        backend === 'cpu' ? 3 : 7,
        backend === 'cpu' ? 1 : 2,
      );
      const loopMs = lossMs * alphas.length * betas.length;
      surfaceRows.push([problem.name, backend, fmt(surfaceMs), fmt(loopMs), fmt(loopMs / surfaceMs)]);

      const ref = Array.from(problem.reference?.eigenvaluesAscending ?? []).reverse();
      const op = (x: Float64Array): Promise<Float64Array> => objective.hvp(w, x);
      let t0 = performance.now();
      const lz = await lanczos.solve(op, objective.dim, { k: 5, which: 'top', tol: 1e-6, seed: 0 });
      const lzMs = performance.now() - t0;
      t0 = performance.now();
      const pw = await power.solve(op, objective.dim, { k: 5, which: 'top', seed: 0 });
      const pwMs = performance.now() - t0;
      const scale = Math.abs(ref[0]);
      eigenRows.push([
        problem.name,
        backend,
        String(lz.products),
        fmt(lzMs),
        fmt(Math.max(...lz.top.map((p) => p.residual)), 2),
        fmt(maxRelError(lz.top.map((p) => p.value), ref, scale), 2),
        String(pw.products),
        fmt(pwMs),
        fmt(maxRelError(pw.top.map((p) => p.value), ref, scale), 2),
      ]);
      objective.dispose();
    }
  }
  console.log('\nPer-call cost (median ms)');
  printTable(['fixture', 'backend', 'P', 'loss', 'grad', 'hvp', 'hvp/grad'], rows);
  console.log('\n51 x 51 loss surface (median ms): batched grid vs per-point loss x 2601');
  printTable(['fixture', 'backend', 'surface', 'loss x 2601', 'gain'], surfaceRows);
  console.log('\nTop-5 eigenvalues: Lanczos to relative residual 1e-6 vs PyHessian power iteration (100 iters, tol 1e-3)');
  printTable(['fixture', 'backend', 'lanczos hvps', 'ms', 'max resid', 'max err/|l1|', 'power hvps', 'ms', 'max err/|l1|'], eigenRows);

  const peerRows: string[][] = [];
  for (const file of files) {
    console.log(`${file}: PyTorch peer ...`);
    const run = runPeer(PEER, join(FIXTURES, file));
    if (!run.ok) {
      console.log(`\nPeer: ${run.message}`);
      if (run.missing) break;
      continue;
    }
    const peer = run.figures;
    const power5 = peer.power_top5 as unknown as { hvps: number; ms: number; max_rel_err: number };
    const arpack5 = peer.arpack_top5 as unknown as { hvps: number; ms: number; max_rel_err: number };
    peerRows.push([
      String(peer.fixture),
      fmt(peer.loss_ms as number),
      fmt(peer.grad_ms as number),
      fmt(peer.hvp_ms as number),
      fmt(peer.hvp_over_grad as number),
      `${arpack5.hvps} / ${fmt(arpack5.ms)}`,
      `${power5.hvps} / ${fmt(power5.ms)}`,
      fmt(peer['surface_51x51_ms'] as number),
    ]);
  }
  if (peerRows.length) {
    console.log('\nPeer: PyTorch float32, 1 thread, same CPU');
    printTable(['fixture', 'loss', 'grad', 'hvp', 'hvp/grad', 'arpack top5 hvps/ms', 'power top5 hvps/ms', 'surface 51x51 ms'], peerRows);
  }
}

const only = selectedSections(process.argv.slice(2));
if (only.has('fixtures')) await main();
if (only.has('optimizers')) await benchCurvatureOptimizers();
if (only.has('models') || only.has('fashion')) await benchModels(only.has('models') ? 'all' : 'fashion');
if (only.has('trace')) await benchTraceBatched();
if (only.has('defaults')) await benchNetworkDefaults();
