/**
 * Saddle-point demos, stepped like slides. Each step fixes the problem, the optimizers and the
 * iteration, and its text reads the numbers on screen (so it says what this run shows, not what
 * a run should show).
 */
import type { HyperParams, StepRecord } from '../core/optim/types';
import { defaultDatasetSpec, type ProblemSpec } from '../state/problem-spec';
import type { Curvature, EscapeLine } from '../protocol/curvature';
import { fmt } from './format';

export interface DemoContext {
  /** Record of an optimizer at the step's iteration (clamped to its run). */
  at(name: string): StepRecord | undefined;
  last(name: string): StepRecord | undefined;
  reason(name: string): string | undefined;
  curvature: Curvature | null;
  escape: EscapeLine | null;
}

export interface DemoStep {
  problem: ProblemSpec;
  optimizers: string[];
  hyperParams?: Record<string, HyperParams>;
  start: [number, number] | null;
  steps: number;
  /** Iteration to show; 'end' is the longest run's last iterate. */
  iteration: number | 'end';
  /** Which trajectory the curvature panel reads. */
  selected?: number;
  /** Surface colour scale; saddles go below zero, so they read on a linear scale. */
  logScale: boolean;
  /** Compute the loss along the lowest-curvature eigenvector, up to this step length. */
  escape?: number;
  text(ctx: DemoContext): string;
}

export interface Demo {
  id: string;
  title: string;
  steps: DemoStep[];
}

/** What the steps of one demo share: the run; each step picks the iteration, the trajectory and the words. */
type Scene = Omit<DemoStep, 'iteration' | 'selected' | 'escape' | 'text'>;

const pt = (r: StepRecord | undefined): string => (r ? `(${fmt(r.point[0], 3)}, ${fmt(r.point[1], 3)})` : '(not run)');

const saddle: ProblemSpec = { kind: 'function', name: 'saddle' };
const gdAtSaddle: Scene = {
  problem: saddle,
  logScale: false,
  optimizers: ['sgd', 'pgd'],
  hyperParams: { sgd: { lr: 0.01 }, pgd: { lr: 0.01, gThreshold: 0.05, radius: 0.05, interval: 20, seed: 3 } },
  start: [1, 1e-8],
  steps: 400,
};
const newtonAtSaddle: Scene = {
  problem: saddle,
  logScale: false,
  optimizers: ['newton', 'saddle-free-newton'],
  hyperParams: { newton: { fallback: 'none' } },
  start: [1, 0.5],
  steps: 8,
};
const atMonkey: Scene = {
  problem: { kind: 'function', name: 'monkey-saddle' },
  logScale: false,
  optimizers: ['newton', 'sgd'],
  hyperParams: { newton: { fallback: 'none' }, sgd: { lr: 0.02 } },
  start: [0.5, 0.3],
  steps: 30,
};
/** A small tanh network on the spiral, looked at where it starts (no steps) unless a step trains it. */
const networkAtInit: Scene = {
  problem: { ...defaultDatasetSpec('spiral'), hidden: [6], n: 90 },
  logScale: true,
  optimizers: ['sgd'],
  hyperParams: { sgd: { lr: 0.1 } },
  start: null,
  steps: 0,
};

export const DEMOS: Demo[] = [
  {
    id: 'gd-vs-pgd',
    title: 'a. Gradient descent stalls at a saddle; perturbed GD escapes',
    steps: [
      {
        ...gdAtSaddle,
        iteration: 0,
        text: (c) =>
          `f = x² − y² has a saddle at the origin: curvature +2 along x, −2 along y. Both start at ${pt(c.at('sgd'))}, almost exactly on the attracting x-axis; the gradient norm there is ${fmt(c.at('sgd')?.gradNorm)}.`,
      },
      {
        ...gdAtSaddle,
        iteration: 300,
        text: (c) =>
          `After 300 steps gradient descent sits at ${pt(c.at('sgd'))} with gradient norm ${fmt(c.at('sgd')?.gradNorm)}: the small gradient near a saddle looks like convergence (Dauphin et al. 2014). Perturbed GD is at ${pt(c.at('pgd'))}, loss ${fmt(c.at('pgd')?.loss)}.`,
      },
      {
        ...gdAtSaddle,
        iteration: 'end',
        text: (c) =>
          `At the end GD's loss is ${fmt(c.last('sgd')?.loss)} (y = ${fmt(c.last('sgd')?.point[1])}), while perturbed GD, kicked by a random ball whenever the gradient is small (Jin et al. 2017), reached loss ${fmt(c.last('pgd')?.loss)} and stopped: ${c.reason('pgd') ?? 'running'}.`,
      },
    ],
  },
  {
    id: 'newton-vs-sfn',
    title: 'b. Newton is attracted to the saddle; saddle-free Newton escapes',
    steps: [
      {
        ...newtonAtSaddle,
        iteration: 1,
        selected: 0,
        text: (c) =>
          `Newton's step −H⁻¹g jumps straight to the critical point: after one step it is at ${pt(c.at('newton'))}, gradient norm ${fmt(c.at('newton')?.gradNorm)}; the curvature panel shows the saddle it found (λ min = ${fmt(c.curvature?.bottom)}).`,
      },
      {
        ...newtonAtSaddle,
        iteration: 'end',
        selected: 1,
        text: (c) =>
          `Saddle-free Newton divides by |λ| instead of λ, so it moves downhill along the negative direction (Dauphin et al. 2014): it ends at ${pt(c.last('saddle-free-newton'))} with loss ${fmt(c.last('saddle-free-newton')?.loss)} (${c.reason('saddle-free-newton') ?? 'running'}), against Newton's ${fmt(c.last('newton')?.loss)}.`,
      },
    ],
  },
  {
    id: 'monkey',
    title: 'c. The monkey saddle: the Hessian vanishes',
    steps: [
      {
        ...atMonkey,
        iteration: 'end',
        selected: 0,
        text: (c) =>
          `f = x³ − 3xy² has three downhill valleys meeting at the origin, where the Hessian is zero. Newton crawls in to ${pt(c.last('newton'))}; there λ max = ${fmt(c.curvature?.top)} and λ min = ${fmt(c.curvature?.bottom)}, so the second-order test cannot tell a minimum from a saddle.`,
      },
      {
        ...atMonkey,
        iteration: 'end',
        selected: 1,
        text: (c) =>
          `Gradient descent instead slides away from the degenerate point: loss ${fmt(c.last('sgd')?.loss)} at ${pt(c.last('sgd'))} (${c.reason('sgd') ?? 'running'}); escaping a degenerate saddle needs third-order information or noise.`,
      },
    ],
  },
  {
    id: 'network-escape',
    title: 'd. A network at a saddle escapes along its negative eigenvector',
    steps: [
      {
        ...networkAtInit,
        iteration: 0,
        selected: 0,
        text: (c) =>
          `A small tanh network on the spiral data, at its initial weights. Lanczos on Hessian-vector products gives λ min = ${fmt(c.curvature?.bottom)} and λ max = ${fmt(c.curvature?.top)}: ${c.curvature && c.curvature.bottom < 0 ? 'a negative eigenvalue, so this point is a saddle region, not a basin' : 'no negative eigenvalue here'}.`,
      },
      {
        ...networkAtInit,
        iteration: 0,
        selected: 0,
        escape: 2,
        text: (c) =>
          c.escape
            ? `Stepping along that eigenvector (λ = ${fmt(c.escape.lambda)}) lowers the loss from ${fmt(c.escape.losses[0])} to ${fmt(Math.min(...c.escape.losses))} (see "Loss along the lowest eigenvector"): the direction of negative curvature is a way down that gradient methods only find slowly (Dauphin et al. 2014; Jin et al. 2017).`
            : 'Computing the loss along the lowest eigenvector…',
      },
      {
        ...networkAtInit,
        optimizers: ['sgd', 'pgd', 'lbfgs'],
        hyperParams: { sgd: { lr: 0.1 }, pgd: { lr: 0.1, gThreshold: 0.05, radius: 0.5, interval: 10, seed: 1 } },
        steps: 150,
        iteration: 'end',
        selected: 2,
        text: (c) =>
          `Training from there: GD reaches loss ${fmt(c.last('sgd')?.loss)}, perturbed GD ${fmt(c.last('pgd')?.loss)} and L-BFGS ${fmt(c.last('lbfgs')?.loss)}. At L-BFGS's final point λ min = ${fmt(c.curvature?.bottom)}.`,
      },
    ],
  },
];

export function getDemo(id: string): Demo | undefined {
  return DEMOS.find((d) => d.id === id);
}
