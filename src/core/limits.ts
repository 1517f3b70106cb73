/**
 * The input budget: how much data and work one request may ask for. Every entry point (the CLI's
 * flags, the app's fields and uploads, share links, problem files) checks against these numbers
 * before anything reaches the engine, so a typo cannot hang the page or exhaust memory.
 *
 * Derived for a 2-core machine with a few GiB for the tab, float32 tensors on the backend and
 * float64 vectors for the solvers:
 * - files: a streamed parse of 32 MiB of text takes a few seconds and holds ~4x that in rows;
 *   Fashion-MNIST's largest gzipped IDX file (training images) is 26 MiB;
 * - rows x inputs: 100,000 x 784 float32 values is 300 MiB of tensor, the most a tab keeps safely;
 * - classes: the softmax head and one-hot targets grow with the label range (a label of 1e8 once
 *   asked for 12 GB), and no built-in view reads more than 100 classes;
 * - parameters: Lanczos keeps k + a few float64 vectors of P values (1M parameters x 100 vectors
 *   is 800 MB), so 1,000,000 is the ceiling; dense methods form P x P doubles and take O(P^3),
 *   which stays under ~10 s up to 1,000; the exact trace spends P products, batched, which stays
 *   under a minute on wasm up to ~6,000;
 * - solver sizes: Lanczos k beyond 100 is a dense problem in disguise; Hutchinson probes beyond
 *   10,000 add nothing visible to a standard error; the density grid is drawn on at most a few
 *   thousand pixels; stochastic Lanczos quadrature keeps its steps as float64 vectors of P values
 *   per probe, and past a few hundred nodes per probe the smoothed density on that grid no longer
 *   changes, so 300 steps bounds both the memory and the work; all together a density spends
 *   runs x probes x steps products, and 100,000 of them (a few minutes at the ~1 ms a fixture-sized
 *   product takes on wasm) is the most one request may ask for.
 */
export const LIMITS = {
  fileBytes: 32 * 1024 * 1024,
  rows: 100_000,
  /** rows x input features, the float32 values of X on the backend. */
  dataValues: 80_000_000,
  classes: 100,
  params: 1_000_000,
  denseParams: 1_000,
  exactTraceParams: 6_000,
  lanczosK: 100,
  powerK: 20,
  probes: 10_000,
  densityGrid: 10_000,
  densityRuns: 100,
  densitySteps: 300,
  /** runs x probes x steps of one spectral density. */
  densityProducts: 100_000,
  grid: 101,
  steps: 100_000,
  /** Half-width of a surface plane, in units of the directions' norm. */
  span: 1_000,
} as const;

export type LimitName = keyof typeof LIMITS;
