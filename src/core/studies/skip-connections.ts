/**
 * Study: skip connections keep the loss landscape smooth and near-convex as depth grows; without
 * them it turns chaotic (Li et al. 2018). The same deep ReLU MLP on the digits with and without
 * residual blocks, trained alike; at the end, the loss on a random filter-normalised plane and,
 * on a coarser grid of the same plane, |lambda_min / lambda_max| of the Hessian (their convexity
 * maps, Figure 7: near zero where the surface is locally convex).
 */
import { lanczos } from '../eigen/lanczos';
import { modelFilterGroups, randomDirections } from '../landscape/directions';
import { parseModel } from '../problem/model';
import { initialParams } from '../problem/model-init';
import { getOptimizer } from '../optim/registry';
import { studyDigits } from './digits-data';
import type { ModelSpec } from './env';
import { settingsSchema, type SettingField } from './settings';
import { trainMiniBatches } from './training';
import { type Study, type Verdict, checkCancelled } from './types';

export interface SkipConnectionsSettings {
  [key: string]: number | number[] | string;
  depths: number[];
  width: number;
  epochs: number;
  batch: number;
  lr: number;
  grid: number;
  mapGrid: number;
  span: number;
  seed: number;
  tol: number;
}

export interface SkipRun {
  depth: number;
  skips: boolean;
  num_params: number;
  final_loss: number;
  /** Plane coordinates of the loss grid; loss[j][i] is at (alphas[i], betas[j]). */
  alphas: number[];
  loss: number[][];
  /** The coarser curvature grid: ratio[j][i] = max(0, -lambda_min) / lambda_max at (map_alphas[i], map_alphas[j]). */
  map_alphas: number[];
  ratio: number[][];
  /** Mean of `ratio` over the map: 0 where every point is locally convex. */
  mean_ratio: number;
}

export interface SkipConnectionsResult {
  backend: string;
  runs: SkipRun[];
}

const FIELDS: SettingField[] = [
  { key: 'depths', label: 'hidden blocks', kind: 'integers', default: [2, 8], min: 1, max: 40, maxItems: 4, help: 'Depths compared: each is trained with and without skips.' },
  { key: 'width', label: 'width', kind: 'integer', default: 16, min: 2, max: 256, help: 'Units of every hidden dense layer.' },
  { key: 'epochs', label: 'epochs', kind: 'integer', default: 15, min: 1, max: 10000, help: 'Adam epochs of each network.' },
  { key: 'batch', label: 'batch', kind: 'integer', default: 64, min: 1, max: 1346, help: 'Rows per Adam step.' },
  { key: 'lr', label: 'Adam learning rate', kind: 'number', default: 3e-3, min: 1e-6, max: 1, log: true, help: 'Adam (Kingma and Ba 2015).' },
  { key: 'grid', label: 'surface grid', kind: 'integer', default: 21, min: 3, max: 101, help: 'Loss evaluations per side of the plane.' },
  { key: 'mapGrid', label: 'curvature grid', kind: 'integer', default: 5, min: 2, max: 21, help: 'Lanczos runs (both ends) per side of the plane.' },
  { key: 'span', label: 'span', kind: 'number', default: 1, min: 0.01, max: 10, help: 'Half-width of the plane in units of the filter-normalised directions.' },
  { key: 'seed', label: 'seed', kind: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Weights, batches, plane directions and Lanczos starts.' },
  { key: 'tol', label: 'Lanczos tolerance', kind: 'number', default: 1e-2, min: 1e-10, max: 0.1, log: true, help: 'Relative residual of both Ritz pairs at each map point.' },
];

/** The deepest no-skip map's mean ratio must exceed the skip one's by this factor to count as "less convex". */
export const LESS_CONVEX_FACTOR = 1.5;

function layers(depth: number, width: number, skips: boolean): unknown[] {
  const block = [{ type: 'dense', units: width }, { type: 'activation', fn: 'relu' }];
  const hidden = Array.from({ length: depth }, () => (skips ? [{ type: 'residual', body: block }] : block)).flat();
  return [{ type: 'dense', units: width }, { type: 'activation', fn: 'relu' }, ...hidden, { type: 'dense', units: 10 }];
}

function grid(n: number, span: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? 0 : -span + (2 * span * i) / (n - 1)));
}

export function skipConnectionsVerdict(result: SkipConnectionsResult): Verdict {
  const depths = [...new Set(result.runs.map((r) => r.depth))].sort((a, b) => a - b);
  const at = (depth: number, skips: boolean): SkipRun => result.runs.find((r) => r.depth === depth && r.skips === skips)!;
  const deepest = depths[depths.length - 1];
  const shallowest = depths[0];
  const plain = at(deepest, false).mean_ratio;
  const res = at(deepest, true).mean_ratio;
  const lessConvex = plain > LESS_CONVEX_FACTOR * res;
  const worsens = depths.length > 1 && at(deepest, false).mean_ratio > at(shallowest, false).mean_ratio;
  const outcome = lessConvex && (worsens || depths.length === 1) ? 'agrees' : lessConvex || worsens ? 'partly' : 'disagrees';
  return {
    outcome,
    summary: `Mean |lambda_min / lambda_max| over the plane at depth ${deepest}: ${plain.toPrecision(3)} without skips, ${res.toPrecision(3)} with them; without skips it goes from ${at(shallowest, false).mean_ratio.toPrecision(3)} at depth ${shallowest}.`,
    numbers: [
      { label: `depth ${deepest}: mean ratio without / with skips`, value: res > 0 ? plain / res : null, expected: `> ${LESS_CONVEX_FACTOR} (less convex without skips)` },
      { label: `without skips: mean ratio at depth ${deepest} over depth ${shallowest}`, value: at(shallowest, false).mean_ratio > 0 ? plain / at(shallowest, false).mean_ratio : null, expected: '> 1 (worse as depth grows)' },
      ...result.runs.map((r) => ({ label: `depth ${r.depth} ${r.skips ? 'with' : 'without'} skips: mean ratio`, value: r.mean_ratio, expected: r.skips ? 'near 0' : 'larger when deep' })),
    ],
  };
}

export const skipConnectionsStudy: Study<SkipConnectionsSettings, SkipConnectionsResult> = {
  name: 'skip-connections',
  title: 'Skip connections and the shape of the landscape',
  claim:
    'As networks get deeper, the loss landscape without skip connections turns from smooth and nearly convex around the minimiser into a chaotic, strongly non-convex one, with large regions where the Hessian has negative eigenvalues comparable to its positive ones; with skip connections (residual blocks) the landscape of the same depth stays smooth and near-convex.',
  citations: [{ title: 'Visualizing the Loss Landscape of Neural Nets', authors: 'Hao Li, Zheng Xu, Gavin Taylor, Christoph Studer, Tom Goldstein', year: 2018 }],
  paperNumbers: [{ label: '|lambda_min / lambda_max| maps', value: 'near 0 (convex) for ResNets; large regions of non-convexity for deep networks without skips', source: 'Section 5 and Figure 7 (ResNet-20/56/110 and their no-skip versions on CIFAR-10)' }],
  fields: FIELDS,
  schema: settingsSchema<SkipConnectionsSettings>(FIELDS),
  async run(s, env, control) {
    const { train } = await studyDigits(env, {});
    const runs: SkipRun[] = [];
    const plan = s.depths.flatMap((depth) => [false, true].map((skips) => ({ depth, skips })));
    for (const [i, p] of plan.entries()) {
      const { specs, layout } = parseModel(layers(p.depth, s.width, p.skips), [64]);
      const spec: ModelSpec = { layers: specs, inputShape: [64], loss: 'softmax_cross_entropy' };
      const progress = (f: number, message: string): void => control?.onProgress?.({ fraction: (i + f) / plan.length, message: `depth ${p.depth} ${p.skips ? 'with' : 'without'} skips: ${message}` });
      const trained = await trainMiniBatches(getOptimizer('adam'), { lr: s.lr }, (rows) => env.model(spec, train, rows), train.X.length, initialParams(layout, s.seed), { batchSize: s.batch, epochs: s.epochs, seed: s.seed }, control, (e) =>
        progress((0.4 * e) / s.epochs, `epoch ${e} of ${s.epochs}`),
      );
      const f = env.model(spec, train);
      try {
        const plane = randomDirections(trained.w, modelFilterGroups(layout), { seed: s.seed });
        const at = (a: number, b: number): Float64Array => Float64Array.from(trained.w, (w, k) => w + a * plane.d1[k] + b * plane.d2[k]);
        const alphas = grid(s.grid, s.span);
        const loss: number[][] = [];
        for (const b of alphas) {
          checkCancelled(control);
          const row: number[] = [];
          for (const a of alphas) row.push(await f.value(at(a, b)));
          loss.push(row);
          progress(0.4 + (0.2 * loss.length) / alphas.length, 'surface');
        }
        const mapAlphas = grid(s.mapGrid, s.span);
        const ratio: number[][] = [];
        for (const b of mapAlphas) {
          const row: number[] = [];
          for (const a of mapAlphas) {
            checkCancelled(control);
            const w = at(a, b);
            const eig = await lanczos.solve((v) => f.hvp(w, v), f.dim, { k: 1, which: 'both', tol: s.tol, seed: s.seed });
            const top = eig.top[0].value;
            row.push(top > 0 ? Math.max(0, -eig.bottom[0].value) / top : NaN);
          }
          ratio.push(row);
          progress(0.6 + (0.4 * ratio.length) / mapAlphas.length, 'curvature map');
        }
        const flat = ratio.flat().filter(Number.isFinite);
        runs.push({
          depth: p.depth,
          skips: p.skips,
          num_params: f.dim,
          final_loss: await f.value(trained.w),
          alphas,
          loss,
          map_alphas: mapAlphas,
          ratio,
          mean_ratio: flat.reduce((x, y) => x + y, 0) / flat.length,
        });
      } finally {
        f.dispose();
      }
    }
    control?.onProgress?.({ fraction: 1, message: 'done' });
    return { backend: env.backend, runs };
  },
  verdict: (r) => skipConnectionsVerdict(r),
  tables: (r) => [
    { name: 'runs', columns: ['depth', 'skips', 'num_params', 'final_loss', 'mean_ratio'], rows: r.runs.map((x) => [x.depth, String(x.skips), x.num_params, x.final_loss, x.mean_ratio]) },
    {
      name: 'convexity',
      columns: ['depth', 'skips', 'alpha', 'beta', 'ratio'],
      rows: r.runs.flatMap((x) => x.ratio.flatMap((row, j) => row.map((v, i) => [x.depth, String(x.skips), x.map_alphas[i], x.map_alphas[j], v]))),
    },
    {
      name: 'surface',
      columns: ['depth', 'skips', 'alpha', 'beta', 'loss'],
      rows: r.runs.flatMap((x) => x.loss.flatMap((row, j) => row.map((v, i) => [x.depth, String(x.skips), x.alphas[i], x.alphas[j], v]))),
    },
  ],
};
