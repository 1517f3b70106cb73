/**
 * The Learn path: the chapters of "Harnessing the Hessian in Deep Learning" (the article the app
 * grew from, /shared/seed) as guided experiments. Each chapter is plain data: the setup one click
 * applies, one paragraph, the paper it cites and what to look at on screen. The paragraphs state
 * what the cited papers prove and tell the reader where to read this run's numbers; they do not
 * promise numbers a run might not show.
 */

/** A problem as a chapter names it: a registered 2-D function, or a built-in dataset with changes to its defaults. */
export type LearnProblem =
  | { kind: 'function'; name: string }
  | { kind: 'dataset'; dataset: string; hidden?: number[]; n?: number; noise?: number };

export type HyperValue = number | string | boolean;

export interface ChapterSetup {
  problem: LearnProblem;
  /** Optimizer entries to tick, in the order shown: a registry name, or `name~k` for a second entry of one optimizer. */
  optimizers: string[];
  /** Per entry, only the values that differ from its optimizer's defaults. */
  hyperParams: Record<string, Record<string, HyperValue>>;
  /** Start point of a 2-D function; null keeps the function's default start. */
  start: [number, number] | null;
  steps: number;
  /** Which view the chapter is read in. */
  mode: 'explorer' | 'network';
  /** Network-mode settings the chapter changes (names of the store's numeric settings). */
  network?: Record<string, number>;
  /** Whether applying the chapter also runs the ticked optimizers. */
  run: boolean;
}

export interface Chapter {
  id: string;
  title: string;
  /** One paragraph. */
  text: string;
  /** Authors, year, title. */
  citation: string;
  /** Where on screen the chapter's point shows. */
  look: string;
  setup: ChapterSetup;
  /** Saddle-point demos (by id) the chapter walks through. */
  demos?: string[];
}

export const CHAPTERS: readonly Chapter[] = [
  {
    id: 'newton-vs-gd',
    title: '1. Newton against gradient descent on an ill-conditioned quadratic',
    text:
      'The quadratic 0.5 (x² + 10 y²) has Hessian diag(1, 10): its condition number κ = λmax / λmin is 10. Gradient descent with the best fixed step, 2 / (λmin + λmax) = 0.18, shrinks the error by at most (κ − 1) / (κ + 1) ≈ 0.82 per step and zig-zags across the steep y direction. Newton rescales the gradient by the inverse Hessian, −H⁻¹g, which lands on the minimum of a quadratic in one step; on other smooth functions it converges quadratically once close (the number of correct digits doubles each step).',
    citation: 'Nocedal & Wright 2006, "Numerical Optimization", 2nd ed., §3.3 (steepest descent rate) and §3.3/§6 (Newton\'s quadratic convergence)',
    look: 'The contours: the zig-zag of gradient descent against Newton\'s single step. The Loss chart on a log axis: a straight line (linear convergence) against a drop to rounding. The Curvature panel: λ max = 10, λ min = 1, condition 10.',
    setup: {
      problem: { kind: 'function', name: 'quadratic' },
      optimizers: ['sgd', 'newton'],
      hyperParams: { sgd: { lr: 0.18 } },
      start: [-1.5, 1],
      steps: 200,
      mode: 'explorer',
      run: true,
    },
  },
  {
    id: 'quasi-newton',
    title: '2. BFGS and L-BFGS build curvature from gradients',
    text:
      'Quasi-Newton methods never form the Hessian. Each step they compare how the gradient changed, y = g₊ − g, with how far they moved, s = x₊ − x, and update an inverse-Hessian estimate so that it maps y to s (the secant equation). BFGS keeps the whole n × n estimate; L-BFGS keeps only the last m pairs (s, y) and applies the estimate with a two-loop recursion, O(mn) memory instead of O(n²). Both use only gradients, yet on Rosenbrock\'s curved valley they reach the minimum in a few dozen steps where gradient descent is still crawling.',
    citation: 'Nocedal & Wright 2006, "Numerical Optimization", 2nd ed., ch. 6 (BFGS) and ch. 7.2 (L-BFGS); Liu & Nocedal 1989, "On the limited memory BFGS method for large scale optimization"',
    look: 'The Results table: nhvp stays 0 for BFGS and L-BFGS (gradients only) while nit is in the tens; gradient descent\'s final loss after 500 steps. Here L-BFGS keeps m = 3 pairs.',
    setup: {
      problem: { kind: 'function', name: 'rosenbrock' },
      optimizers: ['sgd', 'bfgs', 'lbfgs'],
      hyperParams: { sgd: { lr: 0.001 }, lbfgs: { m: 3 } },
      start: [-1.2, 1],
      steps: 500,
      mode: 'explorer',
      run: true,
    },
  },
  {
    id: 'hessian-free',
    title: '3. Hessian-free: conjugate gradient on Hessian-vector products',
    text:
      'Hessian-free optimisation computes Hessian-vector products exactly (one extra backward-like pass each, Pearlmutter 1994) and never stores the Hessian. Each outer step solves the damped Newton system (H + λI) d = −g approximately with conjugate gradient, which needs only products Hv, and adjusts the damping λ by how well the quadratic model predicted the actual decrease (Levenberg–Marquardt). The cost of a step is the number of CG iterations, each one product. Martens ran CG on the Gauss-Newton matrix G instead, which is never indefinite, and Hessian-free here does so by default wherever the loss has one. Rosenbrock is the sum of squares (10(y − x²))² + (1 − x)², so G = 2JᵀJ exists, and this chapter runs Hessian-free twice on the same plot: on the exact Hessian, counting Hessian-vector products, and on G as Martens did; Gauss-Newton (Levenberg–Marquardt: the same damped CG on G) runs beside them.',
    citation: 'Martens 2010, "Deep learning via Hessian-free optimization" (ICML); Pearlmutter 1994, "Fast exact multiplication by the Hessian"; Schraudolph 2002, "Fast curvature matrix-vector products for second-order gradient descent"',
    look: 'The Results table: nhvp (Hessian-vector products, CG\'s iterations) against nit for Hessian-free (Hessian), and Newton\'s count (a dense 2 × 2 Hessian counts as 2 products); Hessian-free (GGN) and Gauss-Newton spend G products instead, so their nhvp stays 0. Switch the x axis to "cost", which counts every product, to compare the methods per product spent.',
    setup: {
      problem: { kind: 'function', name: 'rosenbrock' },
      optimizers: ['newton', 'hessian-free', 'hessian-free~2', 'levenberg-marquardt', 'lbfgs'],
      hyperParams: { 'hessian-free': { curvature: 'hessian' } },
      start: [-1.2, 1],
      steps: 500,
      mode: 'explorer',
      run: true,
    },
  },
  {
    id: 'low-rank-newton',
    title: '4. Low-rank Newton: curvature in a few directions',
    text:
      'A network\'s Hessian has as many eigenvalues as parameters, but a few large ones carry most of the curvature. Low-rank Newton finds k eigenpairs by Lanczos on Hessian-vector products, takes a Newton step inside their span (dividing by |λ|) and a safe gradient step of length 1/c in the rest, where c bounds the unseen curvature. With k = 1 on the quadratic it solves the steep y direction exactly and moves along x like gradient descent with step 1/λmax = 0.1; with k = 2 (all directions) it would be Newton.',
    citation: 'Dauphin et al. 2014, "Identifying and attacking the saddle point problem in high-dimensional non-convex optimization" (|λ| scaling); Lanczos 1950',
    look: 'The contours: low-rank Newton\'s first step lands on the x axis, then it walks along x beside gradient descent (step 0.1). The Loss chart: the two share the slope set by the unseen direction; Newton stops after one step.',
    setup: {
      problem: { kind: 'function', name: 'quadratic' },
      optimizers: ['lowrank-newton', 'sgd', 'newton'],
      hyperParams: { 'lowrank-newton': { k: 1 }, sgd: { lr: 0.1 } },
      start: [-1.5, 1],
      steps: 300,
      mode: 'explorer',
      run: true,
    },
  },
  {
    id: 'saddle-points',
    title: '5. Saddle points',
    text:
      'In high dimensions most critical points with high loss are saddles, not local minima. Near a saddle the gradient is small, so gradient descent slows down as if it had converged; Newton\'s method is attracted to saddles because it divides by negative eigenvalues too. Saddle-free Newton divides by |λ|, and perturbed gradient descent adds noise when the gradient is small; both move away along the negative-curvature direction. The four demos below step through this on x² − y², the monkey saddle and a small network.',
    citation: 'Dauphin et al. 2014, "Identifying and attacking the saddle point problem in high-dimensional non-convex optimization" (NeurIPS); Jin et al. 2017, "How to escape saddle points efficiently"',
    look: 'The Curvature panel\'s λ min (negative at a saddle) and the dashed red eigen-arrow on the contours; each demo\'s text reads the numbers of its run.',
    setup: {
      problem: { kind: 'function', name: 'saddle' },
      optimizers: ['sgd', 'pgd'],
      hyperParams: { sgd: { lr: 0.01 }, pgd: { lr: 0.01, gThreshold: 0.05, radius: 0.05, interval: 20, seed: 3 } },
      start: [1, 1e-8],
      steps: 400,
      mode: 'explorer',
      run: true,
    },
    demos: ['gd-vs-pgd', 'newton-vs-sfn', 'monkey', 'network-escape'],
  },
  {
    id: 'sharp-flat-sam',
    title: '6. Sharp and flat minima, and SAM',
    text:
      'Large-batch training tends to end in sharp minima (large λmax), which generalised worse in Keskar et al.\'s experiments. Sharpness-aware minimisation (SAM) takes each gradient at the worst nearby point, w + ρ g/‖g‖, so it descends on the largest loss within radius ρ and prefers wide basins. Train a network with gradient descent and with SAM from the same start, then compare the curvature where each ended.',
    citation: 'Foret et al. 2021, "Sharpness-aware minimization for efficiently improving generalization" (ICLR); Keskar et al. 2017, "On large-batch training for deep learning: generalization gap and sharp minima" (ICLR)',
    look: 'After the run, click each row of the Results table and read λ max in the Curvature panel at its last iterate (Lanczos on Hessian-vector products); SAM spends two gradients per step (ngev).',
    setup: {
      problem: { kind: 'dataset', dataset: 'circles' },
      optimizers: ['sgd', 'sam'],
      hyperParams: { sgd: { lr: 0.5 }, sam: { lr: 0.5, rho: 0.05 } },
      start: null,
      steps: 1000,
      mode: 'explorer',
      run: true,
    },
  },
  {
    id: 'minibatch-noise',
    title: '7. Mini-batch noise in the curvature',
    text:
      'A network is trained on mini-batches, so the curvature it feels is that of a mini-batch loss, a noisy estimate of the full-batch Hessian. The top eigenvalue of a mini-batch Hessian scatters around the full-batch λmax, and its spread grows as the batch shrinks. Network mode computes λmax by Lanczos on several random batches of the chosen size and on the whole data set, at the point you choose.',
    citation: 'Jastrzębski et al. 2019, "On the relation between the sharpest directions of DNN loss and the SGD step length" (ICLR); Ghorbani et al. 2019, "An investigation into neural net optimization via Hessian eigenvalue density"',
    look: 'Network mode, the "Mini-batch vs full-batch λ_max" panel: press Compute, then compare the spread of the mini-batch λ max (batch size 16, 12 batches) with the full-batch line. Try batch size 64 and compare.',
    setup: {
      problem: { kind: 'dataset', dataset: 'spiral' },
      optimizers: ['sgd'],
      hyperParams: { sgd: { lr: 0.1 } },
      start: null,
      steps: 0,
      mode: 'network',
      network: { batchSize: 16, batches: 12 },
      run: false,
    },
  },
];

export function getChapter(id: string): Chapter | undefined {
  return CHAPTERS.find((c) => c.id === id);
}
