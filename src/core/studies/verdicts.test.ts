import { describe, expect, it } from 'vitest';
import { batchSizeVerdict, type BatchSizeRun } from './batch-size-sharpness';
import { edgeOfStabilityVerdict, judgeEdgeRun, type EdgeOfStabilityRun } from './edge-of-stability';
import { batchNoiseVerdict, spearman, type BatchNoiseRun } from './hessian-batch-noise';
import { outliersVerdict, type OutliersRun } from './outliers';
import { samVerdict, type SamRun } from './sam-flatness';
import { skipConnectionsVerdict, type SkipRun } from './skip-connections';

/** A synthetic edge-of-stability run: lambda rises linearly from 0.5 to `peak` x 2/lr, then `after` follows. */
function eosRun(lr: number, peak: number, after: (k: number) => number, lossWiggle: boolean): EdgeOfStabilityRun {
  const edge = 2 / lr;
  const steps = Array.from({ length: 40 }, (_, k) => 10 * k);
  const lambda = steps.map((_, k) => (k < 20 ? 0.5 + ((peak * edge - 0.5) * k) / 19 : after(k) * edge));
  const loss = steps.map((_, k) => 1 / (1 + k) + (lossWiggle && k > 20 && k % 3 === 0 ? 0.01 : 0));
  return { lr, two_over_lr: edge, steps, lambda_max: lambda, loss, loss_increases: lossWiggle ? 6 : 0, hvps: 0 };
}

describe('edge-of-stability verdict', () => {
  it('agrees when every run reaches 2/eta, hovers and the loss falls non-monotonically', () => {
    const runs = [1, 2].map((lr) => eosRun(lr, 1.0, (k) => 1 + 0.05 * Math.sin(k), true));
    const v = edgeOfStabilityVerdict({ backend: 'cpu', num_params: 1, runs });
    expect(v.outcome).toBe('agrees');
    // eta 1: lambda_k = 0.5 + 1.5 k / 19 first reaches 0.9 x 2 = 1.8 at k = 17, step 170
    expect(judgeEdgeRun(runs[0]).reachedAtStep).toBe(170);
  });

  it('is partly when a run overshoots far above the edge or the loss is monotone', () => {
    const good = eosRun(1, 1.0, () => 1.02, true);
    const overshoot = eosRun(2, 1.0, () => 2.5, true);
    expect(edgeOfStabilityVerdict({ backend: 'cpu', num_params: 1, runs: [good, overshoot] }).outcome).toBe('partly');
    const monotone = eosRun(2, 1.0, () => 1.0, false);
    expect(edgeOfStabilityVerdict({ backend: 'cpu', num_params: 1, runs: [good, monotone] }).outcome).toBe('partly');
  });

  it('is partly when a run starts at the edge instead of sharpening to it', () => {
    const good = eosRun(1, 1.0, () => 1.02, true);
    const atEdge = { ...eosRun(2, 1.0, () => 1.02, true), lambda_max: new Array(40).fill(1.0) };
    expect(judgeEdgeRun(atEdge)).toMatchObject({ reached: true, sharpened: false, reachedAtStep: 0 });
    expect(edgeOfStabilityVerdict({ backend: 'cpu', num_params: 1, runs: [good, atEdge] }).outcome).toBe('partly');
  });

  it('disagrees when no run gets near 2/eta', () => {
    const runs = [eosRun(1, 0.5, () => 0.5, true)];
    const v = edgeOfStabilityVerdict({ backend: 'cpu', num_params: 1, runs });
    expect(v.outcome).toBe('disagrees');
    expect(judgeEdgeRun(runs[0]).reached).toBe(false);
  });
});

describe('batch-size-sharpness verdict', () => {
  const run = (batch: number, sharpness: number, test: number): BatchSizeRun => ({ batch, steps: 1, final_loss: 0, lambda_max: sharpness, sharpness, train_accuracy: 1, test_accuracy: test });
  it('agrees on sharper and worse, partly on one, disagrees on neither', () => {
    expect(batchSizeVerdict({ backend: 'cpu', num_params: 1, train_rows: 1, test_rows: 1, runs: [run(32, 1, 0.98), run(600, 5, 0.95)] }).outcome).toBe('agrees');
    expect(batchSizeVerdict({ backend: 'cpu', num_params: 1, train_rows: 1, test_rows: 1, runs: [run(600, 5, 0.99), run(32, 1, 0.98)] }).outcome).toBe('partly');
    expect(batchSizeVerdict({ backend: 'cpu', num_params: 1, train_rows: 1, test_rows: 1, runs: [run(32, 1, 0.98), run(600, 1.5, 0.98)] }).outcome).toBe('disagrees');
  });
});

describe('outliers verdict', () => {
  const run = (classes: number, outliers: number): OutliersRun => ({ classes, eigenvalues_top: [], outliers, outlier_ratio: 3, ggn_eigenvalues_top: null, ggn_outliers: null, train_accuracy: 1, test_accuracy: 1, converged: true });
  it('agrees when the count is about C and rises with C', () => {
    expect(outliersVerdict({ backend: 'cpu', runs: [run(2, 1), run(5, 4), run(10, 9)] }).outcome).toBe('agrees');
    expect(outliersVerdict({ backend: 'cpu', runs: [run(2, 2), run(5, 5), run(10, 11)] }).outcome).toBe('agrees');
  });
  it('is partly when the count rises but strays from C, and disagrees when it is flat and off', () => {
    expect(outliersVerdict({ backend: 'cpu', runs: [run(2, 1), run(5, 2), run(10, 4)] }).outcome).toBe('partly');
    expect(outliersVerdict({ backend: 'cpu', runs: [run(5, 1), run(10, 1)] }).outcome).toBe('disagrees');
  });
});

describe('sam-flatness verdict', () => {
  const run = (optimizer: 'sgd' | 'sam', lambda: number, trace: number, test: number): SamRun => ({ optimizer, steps: 1, final_loss: 0, lambda_max: lambda, trace, trace_std_error: 1, train_accuracy: 1, test_accuracy: test });
  it('needs lower lambda_max, a trace lower by two standard errors and no worse accuracy to agree', () => {
    expect(samVerdict({ backend: 'cpu', num_params: 1, runs: [run('sgd', 10, 100, 0.9), run('sam', 5, 50, 0.92)] }).outcome).toBe('agrees');
    // trace difference 2 against a standard error of sqrt(2): not significant
    expect(samVerdict({ backend: 'cpu', num_params: 1, runs: [run('sgd', 10, 52, 0.9), run('sam', 5, 50, 0.92)] }).outcome).toBe('partly');
    expect(samVerdict({ backend: 'cpu', num_params: 1, runs: [run('sgd', 5, 50, 0.95), run('sam', 10, 100, 0.9)] }).outcome).toBe('disagrees');
  });
});

describe('hessian-batch-noise verdict', () => {
  const run = (batch: number, std: number, mean: number): BatchNoiseRun => ({ batch, values: [mean], mean, std, relative_std: std / mean, full_batch: 10 });
  it('agrees when the spread shrinks with batch size and the mean approaches the full batch', () => {
    const runs = [run(16, 4, 14), run(64, 2, 12), run(256, 1, 10.5)];
    expect(batchNoiseVerdict({ backend: 'cpu', num_params: 1, train_rows: 1, full_batch: 10, runs }).outcome).toBe('agrees');
  });
  it('is partly or disagrees otherwise', () => {
    expect(batchNoiseVerdict({ backend: 'cpu', num_params: 1, train_rows: 1, full_batch: 10, runs: [run(16, 1, 14), run(64, 2, 12), run(256, 4, 10.5)] }).outcome).toBe('partly');
    expect(batchNoiseVerdict({ backend: 'cpu', num_params: 1, train_rows: 1, full_batch: 10, runs: [run(16, 1, 10.5), run(64, 2, 12), run(256, 4, 14)] }).outcome).toBe('disagrees');
  });
  it("uses Spearman's rank correlation (scipy.stats.spearmanr values)", () => {
    // spearmanr([1,2,3,4,5], [5,6,7,8,7]) = 0.8207826816681233; spearmanr([1,2,3], [3,2,1]) = -1
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
  });
});

describe('skip-connections verdict', () => {
  const run = (depth: number, skips: boolean, mean: number): SkipRun => ({ depth, skips, num_params: 1, final_loss: 0, alphas: [], loss: [], map_alphas: [], ratio: [], mean_ratio: mean });
  it('agrees when the deep no-skip map is far less convex and worsens with depth', () => {
    expect(skipConnectionsVerdict({ backend: 'cpu', runs: [run(2, false, 0.1), run(2, true, 0.05), run(8, false, 0.4), run(8, true, 0.05)] }).outcome).toBe('agrees');
  });
  it('is partly on one of the two, disagrees on neither', () => {
    expect(skipConnectionsVerdict({ backend: 'cpu', runs: [run(2, false, 0.1), run(2, true, 0.05), run(8, false, 0.12), run(8, true, 0.11)] }).outcome).toBe('partly');
    expect(skipConnectionsVerdict({ backend: 'cpu', runs: [run(2, false, 0.3), run(2, true, 0.05), run(8, false, 0.1), run(8, true, 0.1)] }).outcome).toBe('disagrees');
  });
});
