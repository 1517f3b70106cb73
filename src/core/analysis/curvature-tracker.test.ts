import { describe, expect, it } from 'vitest';
import { countedObjective } from '../objective';
import { symmetricWithSpectrum } from '../linalg/orthogonal';
import { dot, matVec, norm } from '../linalg/vector';
import { createRng, randomNormalVector } from '../random';
import { getOptimizer } from '../optim/registry';
import { quadraticObjective } from '../optim/test-objectives';
import { UNBOUNDED_FACTOR } from '../optim/run';
import { trainWithCurvature } from './curvature-tracker';
import { edgeOfStability } from './edge-of-stability';

const SPECTRUM = [-0.5, 0.1, 0.3, 0.7, 1.1, 2, 3.5, 5, 7.5, 10];
const N = SPECTRUM.length;
const A = symmetricWithSpectrum(SPECTRUM, createRng(7));
const X0 = randomNormalVector(N, createRng(11));
const TRACE = SPECTRUM.reduce((s, v) => s + v, 0);

/** Gradient descent on 0.5 x^T A x: x_k = (I - lr A)^k x0. */
function gdIterate(lr: number, k: number): Float64Array {
  let x = new Float64Array(X0);
  for (let i = 0; i < k; i++) {
    const ax = matVec(A, N, x);
    x = x.map((xi, j) => xi - lr * ax[j]);
  }
  return x;
}

describe('trainWithCurvature on a quadratic with a known spectrum', () => {
  it('measures at 0, every k steps and the last step; eigenvalues, trace, loss and gradient norm exact', async () => {
    const f = quadraticObjective(A, new Float64Array(N));
    const lr = 0.05;
    const seen: number[] = [];
    const res = await trainWithCurvature(getOptimizer('sgd'), { lr }, f, X0, {
      steps: 23,
      every: 5,
      lanczosTol: 1e-10,
      traceProbes: 30,
      seed: 3,
      exactTraceUpTo: 50,
      onPoint: (p) => seen.push(p.step),
    });
    expect(res.curvature.map((p) => p.step)).toEqual([0, 5, 10, 15, 20, 23]);
    expect(seen).toEqual([0, 5, 10, 15, 20, 23]);
    expect(res.run.nit).toBe(23);
    expect(res.run.nhvp).toBe(0);
    expect(res.edgeOfStability).toBeCloseTo(2 / lr, 12);
    for (const p of res.curvature) {
      expect(p.lambdaMax).toBeCloseTo(10, 9);
      expect(p.lambdaMin).toBeCloseTo(-0.5, 9);
      expect(p.converged).toBe(true);
      expect(p.traceExact).toBeCloseTo(TRACE, 10);
      expect(p.traceProbes).toBe(30);
      expect(Math.abs(p.trace - TRACE)).toBeLessThan(4 * p.traceStdError);
      const x = gdIterate(lr, p.step);
      expect(p.loss).toBeCloseTo(0.5 * dot(x, matVec(A, N, x)), 10);
      expect(p.gradNorm).toBeCloseTo(norm(matVec(A, N, x)), 10);
      expect(p.hvps).toBe(p.lanczosHvps + 30 + N);
    }
    expect(res.curvatureHvps).toBe(res.curvature.reduce((s, p) => s + p.hvps, 0));
  });

  it('warm starting from the last Ritz vectors spends fewer products than a cold start', async () => {
    const f = quadraticObjective(A, new Float64Array(N));
    const res = await trainWithCurvature(getOptimizer('sgd'), { lr: 0.05 }, f, X0, {
      steps: 20,
      every: 5,
      lanczosTol: 1e-8,
      traceProbes: 2,
      seed: 1,
      compareColdStart: true,
    });
    const [first, ...rest] = res.curvature;
    expect(first.warmStarted).toBe(false);
    expect(rest.every((p) => p.warmStarted)).toBe(true);
    // The Hessian is constant, so both converged Ritz vectors span an invariant 2-D subspace.
    for (const p of rest) expect(p.lanczosHvps).toBe(2);
    expect(res.warmStart.points).toBe(rest.length);
    expect(res.warmStart.warmHvps).toBe(2 * rest.length);
    expect(res.warmStart.coldHvps!).toBeGreaterThan(4 * res.warmStart.warmHvps);
  });

  it('GD with lambda_max above 2/lr diverges; below it, the loss falls (the edge-of-stability story)', async () => {
    const unstable = await trainWithCurvature(getOptimizer('sgd'), { lr: 0.25 }, quadraticObjective(A, new Float64Array(N)), X0, {
      steps: 200,
      every: 10,
      lanczosTol: 1e-8,
      traceProbes: 2,
      seed: 0,
    });
    expect(unstable.edgeOfStability).toBe(8);
    expect(unstable.curvature[0].lambdaMax).toBeGreaterThan(unstable.edgeOfStability!);
    expect(unstable.run.reason).toMatch(/^diverged at step \d+$/);
    const losses = unstable.curvature.map((p) => p.loss);
    for (let i = 2; i < losses.length; i++) expect(losses[i]).toBeGreaterThan(losses[i - 1]);

    const stable = await trainWithCurvature(getOptimizer('sgd'), { lr: 0.15 }, quadraticObjective(A, new Float64Array(N)), X0, {
      steps: 200,
      every: 50,
      lanczosTol: 1e-8,
      traceProbes: 2,
      seed: 0,
    });
    expect(stable.curvature[0].lambdaMax).toBeLessThan(stable.edgeOfStability!);
    // Only the negative eigenvalue (-0.5) grows, by (1 + 0.15 * 0.5) per step: the loss falls without
    // bound, and the run stops at the first step 1e6 x the start's scale below the start.
    const loss = (k: number): number => {
      const xk = gdIterate(0.15, k);
      return 0.5 * dot(xk, matVec(A, N, xk));
    };
    const f0 = loss(0);
    let k = 1;
    while (loss(k) >= f0 - UNBOUNDED_FACTOR * (Math.abs(f0) + 1)) k++;
    expect(stable.run.reason).toBe(`unbounded below at iteration ${k}`);
    const x = gdIterate(0.15, k);
    expect(stable.run.f).toBeCloseTo(0.5 * dot(x, matVec(A, N, x)), 6);
  });

  it('records a point without curvature where products overflow, and goes on from a cold start', async () => {
    const inner = quadraticObjective(A, new Float64Array(N));
    const overflowing = countedObjective({
      dim: N,
      value: (w) => inner.value(w),
      valueAndGrad: (w) => inner.valueAndGrad(w),
      // Past norm 10 (GD at lr 0.25 gets there by step 5, before the run is judged diverged).
      hvp: async (w, v) => (norm(w) > 10 ? new Float64Array(N).fill(Infinity) : inner.hvp(w, v)),
    });
    const res = await trainWithCurvature(getOptimizer('sgd'), { lr: 0.25 }, overflowing, X0, { steps: 60, every: 5, lanczosTol: 1e-8, traceProbes: 2, seed: 0 });
    const broken = res.curvature.filter((p) => Number.isNaN(p.lambdaMax));
    expect(broken.length).toBeGreaterThan(0);
    for (const p of res.curvature) {
      const x = gdIterate(0.25, p.step);
      expect(Number.isNaN(p.lambdaMax)).toBe(norm(x) > 10);
      if (Number.isNaN(p.lambdaMax)) expect(p.hvps).toBe(1);
      else expect(p.lambdaMax).toBeCloseTo(10, 8);
    }
  });

  it('stops between measurements when asked, and queues nothing after', async () => {
    let points = 0;
    const res = await trainWithCurvature(getOptimizer('sgd'), { lr: 0.05 }, quadraticObjective(A, new Float64Array(N)), X0, {
      steps: 100,
      every: 1,
      lanczosTol: 1e-8,
      traceProbes: 2,
      seed: 0,
      onPoint: () => points++,
      shouldStop: () => points >= 3,
    });
    expect(res.run.reason).toBe('cancelled');
    expect(res.curvature.map((p) => p.step)).toEqual([0, 1, 2]);
  });
});

describe('edgeOfStability', () => {
  it('is the -1 root of each one-dimensional recurrence', () => {
    expect(edgeOfStability('sgd', { lr: 0.1 })).toBeCloseTo(20, 12);
    expect(edgeOfStability('momentum', { lr: 0.1, beta: 0.9, nesterov: false })).toBeCloseTo(38, 12);
    expect(edgeOfStability('nesterov', { lr: 0.1, beta: 0.9, nesterov: true })).toBeCloseTo(38 / 2.8, 12);
    expect(edgeOfStability('adam', { lr: 0.1 })).toBeNull();
    expect(edgeOfStability('lbfgs', { m: 10 })).toBeNull();
  });

  it('heavy ball and Nesterov on 0.5 lambda x^2 just inside the line converge and just outside grow', async () => {
    for (const name of ['momentum', 'nesterov']) {
      const hp = { lr: 0.1, beta: 0.5, nesterov: name === 'nesterov' };
      const edge = edgeOfStability(name, hp)!;
      for (const [lambda, grows] of [[0.98 * edge, false], [1.02 * edge, true]] as const) {
        const f = quadraticObjective(Float64Array.of(lambda), new Float64Array(1));
        const res = await trainWithCurvature(getOptimizer(name), hp, f, Float64Array.of(1), {
          steps: 400,
          every: 400,
          lanczosTol: 1e-10,
          traceProbes: 1,
          seed: 0,
        });
        expect(res.curvature[0].lambdaMax).toBeCloseTo(lambda, 10);
        expect(Math.abs(res.run.x[0]) > 1).toBe(grows);
      }
    }
  });
});
