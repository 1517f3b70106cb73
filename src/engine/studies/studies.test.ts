/** The study runners on small settings, through the network objective on the cpu backend. */
import { beforeAll, describe, expect, it } from 'vitest';
import { splitDigits } from '../../core/data/digits';
import { symmetricEigen } from '../../core/linalg/symmetric-eigen';
import { centreInputs, lambdaMax } from '../../core/studies/training';
import { reportJson, runStudy, tableCsv } from '../../core/studies/run';
import { STUDIES } from '../../core/studies/registry';
import { StudyCancelled, type StudyProgress } from '../../core/studies/types';
import type { EdgeOfStabilityResult } from '../../core/studies/edge-of-stability';
import type { OutliersResult } from '../../core/studies/outliers';
import type { SkipConnectionsResult } from '../../core/studies/skip-connections';
import { readDigits } from '../../data/digits/read-node';
import { setBackend } from '../backend';
import { createStudyEnv } from './env';

const env = createStudyEnv(async () => readDigits());

beforeAll(async () => {
  expect(await setBackend('cpu')).toBe('cpu');
});

describe('edge-of-stability on a tiny subset', () => {
  it('prints runs of equal-length series whose lambda_max is a fresh Lanczos at the measured point', async () => {
    const settings = { lrs: '0.5,1', steps: 20, every: 5, hidden: '8', trainRows: 60, seed: 3, tol: 1e-6 };
    const progress: StudyProgress[] = [];
    const report = await runStudy('edge-of-stability', settings, env, { onProgress: (p) => progress.push(p) });
    const json = reportJson(report);
    expect(json.study).toBe('edge-of-stability');
    const { runs } = report.result as unknown as EdgeOfStabilityResult;
    expect(runs.map((r) => r.lr)).toEqual([0.5, 1]);
    // independently: plain gradient descent from the same start, then Lanczos at steps 0 and 20
    const { train } = splitDigits(readDigits(), { maxTrain: 60 });
    const data = centreInputs(train, []).train;
    const spec = { layers: [64, 8, 10], activation: 'tanh' as const, loss: 'mse' as const, weightDecay: 0 };
    for (const run of runs) {
      expect(run.steps).toEqual([0, 5, 10, 15, 20]);
      expect(run.lambda_max).toHaveLength(5);
      expect(run.loss).toHaveLength(5);
      expect(run.lambda_max.every(Number.isFinite)).toBe(true);
      const f = env.network(spec, data);
      let w = env.initParams(spec, 3);
      for (let s = 0; s < 20; s++) {
        const { value, grad } = await f.valueAndGrad(w);
        if (s % 5 === 0) expect(run.loss[s / 5]).toBeCloseTo(value, 6);
        w = w.map((wi, i) => wi - run.lr * grad[i]);
      }
      const fresh = await lambdaMax(f, w, { tol: 1e-8, seed: 11 });
      expect(Math.abs(run.lambda_max[4] - fresh.value)).toBeLessThan(1e-4 * fresh.value);
      f.dispose();
    }
    expect(progress.at(-1)!.fraction).toBe(1);
    expect(progress.every((p, i) => i === 0 || p.fraction >= progress[i - 1].fraction)).toBe(true);
    expect(tableCsv(report.tables[0]).split('\n')[0]).toBe('lr,two_over_lr,step,lambda_max,loss');
  });
});

describe('outliers on two small class counts', () => {
  it('gives the top eigenvalues of H descending and of G non-negative, for each C', async () => {
    const report = await runStudy('outliers', { classes: '2,3', top: 6, epochs: 1, batch: 200, hidden: '3', tol: 1e-8 }, env);
    const { runs } = report.result as unknown as OutliersResult;
    expect(runs.map((r) => r.classes)).toEqual([2, 3]);
    for (const r of runs) {
      expect(r.eigenvalues_top).toHaveLength(6);
      expect(r.eigenvalues_top.every((v, i) => i === 0 || v <= r.eigenvalues_top[i - 1])).toBe(true);
      // G is positive semi-definite: its top eigenvalues are >= 0
      expect(r.ggn_eigenvalues_top!.every((v) => v >= -1e-6)).toBe(true);
      expect(r.converged).toBe(true);
    }
    expect(['agrees', 'partly', 'disagrees']).toContain(report.verdict.outcome);
  });

  it('matches the dense Hessian of the same model at its initial point (no training)', async () => {
    const report = await runStudy('outliers', { classes: '2', top: 6, epochs: 1, batch: 1346, lr: 1e-6, hidden: '3', tol: 1e-10 }, env);
    const top = (report.result as unknown as OutliersResult).runs[0].eigenvalues_top;
    const { train } = splitDigits(readDigits(), { classes: 2 });
    const spec = { layers: [64, 3, 2], activation: 'tanh' as const, loss: 'softmax_cross_entropy' as const, weightDecay: 0 };
    const f = env.network(spec, train);
    // one Adam step of size 1e-6 from the seeded start moves each weight by at most about 1e-6
    const w = env.initParams(spec, 0);
    const dense = Array.from(symmetricEigen(await f.hessian!(w), f.dim).values).sort((a, b) => b - a);
    f.dispose();
    for (let k = 0; k < 6; k++) expect(Math.abs(top[k] - dense[k])).toBeLessThan(1e-3 * dense[0]);
  });
});

describe('skip-connections on tiny residual and plain models', () => {
  it('gives a loss grid and a convexity map per depth and skip choice, the centre being the trained loss', async () => {
    const report = await runStudy('skip-connections', { depths: '1,2', width: 4, epochs: 1, batch: 400, grid: 3, mapGrid: 2, tol: 1e-6 }, env);
    const { runs } = report.result as unknown as SkipConnectionsResult;
    expect(runs.map((r) => `${r.depth}${r.skips}`)).toEqual(['1false', '1true', '2false', '2true']);
    for (const r of runs) {
      expect(r.loss).toHaveLength(3);
      expect(r.loss.every((row) => row.length === 3 && row.every(Number.isFinite))).toBe(true);
      // alphas are -1, 0, 1: the grid's centre is the trained point itself
      expect(r.loss[1][1]).toBeCloseTo(r.final_loss, 6);
      expect(r.ratio.flat().every((v) => v >= 0)).toBe(true);
    }
    expect(runs[1].num_params).toBe(runs[0].num_params);
  });
});

describe('every study', () => {
  it('stops with StudyCancelled once its signal is aborted', async () => {
    for (const s of STUDIES) {
      const ctl = new AbortController();
      ctl.abort();
      await expect(runStudy(s.name, {}, env, { signal: ctl.signal })).rejects.toBeInstanceOf(StudyCancelled);
    }
  });
});
