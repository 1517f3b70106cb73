/**
 * One entry for every quantity the app shows: what it is, how this app computes it, and what it
 * costs. Costs are counted in the units the results table counts (gradients, Hessian-vector
 * products); n is the number of parameters.
 */

export interface GlossaryEntry {
  id: string;
  /** The name the views print. */
  term: string;
  /** A few characters, for rows of terms under a chart. */
  short: string;
  what: string;
  how: string;
  cost: string;
  citation?: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'lambda-max',
    short: 'λ max',
    term: 'λ max (largest Hessian eigenvalue)',
    what: 'The curvature along the steepest direction of the loss: the largest eigenvalue of the Hessian H, the matrix of second derivatives. Gradient descent with step η is stable on a quadratic only while η < 2 / λ max.',
    how: 'For a 2-D function, the exact eigenvalues of its analytic 2 × 2 Hessian. For a network, the Lanczos method on Hessian-vector products with full re-orthogonalisation, stopped at a relative residual of 1e-5; the residual is reported.',
    cost: '2-D: none beyond the formula. Networks: one HVP per Lanczos step, typically tens (the count is printed beside the value).',
    citation: 'Lanczos 1950; Golub & Van Loan 2013, "Matrix Computations", ch. 10',
  },
  {
    id: 'lambda-min',
    short: 'λ min',
    term: 'λ min (smallest Hessian eigenvalue)',
    what: 'The curvature along the flattest (or most negatively curved) direction. A negative λ min means a direction in which the loss goes down to second order: the point is not a minimum.',
    how: 'Exact for 2-D functions; for networks the other end of the same Lanczos run as λ max, so the two share their products.',
    cost: 'Shared with λ max: no extra HVPs.',
  },
  {
    id: 'condition-number',
    short: 'condition',
    term: 'condition number κ',
    what: 'κ = |λ max| / |λ min| for a positive-definite Hessian: how stretched the bowl is. Gradient descent with the best fixed step converges at rate (κ − 1) / (κ + 1) per step on a quadratic; Newton is unaffected by κ.',
    how: 'The ratio of the two extreme eigenvalues computed above.',
    cost: 'None beyond λ max and λ min.',
    citation: 'Nocedal & Wright 2006, "Numerical Optimization", §3.3',
  },
  {
    id: 'gradient-norm',
    short: '‖∇L‖',
    term: 'gradient norm ‖∇L‖',
    what: 'The length of the gradient vector. It is zero at every critical point: minima, maxima and saddles alike, so a small gradient alone does not mean a minimum.',
    how: 'The Euclidean norm of the gradient each optimizer step evaluates (analytic for 2-D functions, backpropagation for networks, on the full batch).',
    cost: 'Free: every step already computes the gradient.',
  },
  {
    id: 'hvp',
    short: 'HVP',
    term: 'HVP (Hessian-vector product)',
    what: 'The product H v of the Hessian with a vector v, without forming H. Every curvature number for a network here is built from HVPs.',
    how: 'Pearlmutter\'s R-operator: a forward pass of directional derivatives followed by a backward pass, exact to floating point (no finite differences). For 2-D functions a dense 2 × 2 Hessian counts as 2 products.',
    cost: 'About two to three gradients\' worth of compute each; memory of one gradient.',
    citation: 'Pearlmutter 1994, "Fast exact multiplication by the Hessian"',
  },
  {
    id: 'two-over-eta',
    short: '2/η',
    term: '2 / η (edge of stability)',
    what: 'The largest curvature gradient descent with step size η can follow without oscillating out: along any direction with eigenvalue above 2/η, a quadratic would blow up. Full-batch gradient descent on networks tends to raise λ max until it hovers at 2/η.',
    how: 'Drawn as a horizontal line at 2 / η on the curvature-over-training chart for optimizers with a fixed step.',
    cost: 'None: a division of the step size you chose.',
    citation: 'Cohen et al. 2021, "Gradient descent on neural networks typically occurs at the edge of stability"',
  },
  {
    id: 'trace',
    short: 'trace ± s.e.',
    term: 'trace ± s.e.',
    what: 'The sum of all Hessian eigenvalues (average curvature times n), with the standard error of its estimate.',
    how: 'Hutchinson\'s estimator: the mean of vᵀ H v over random ±1 (Rademacher) vectors v; the standard error is the sample standard deviation over the probes divided by √probes. Small networks also get the exact trace for comparison.',
    cost: 'One HVP per probe (the probe count is shown); the exact trace costs n HVPs.',
    citation: 'Hutchinson 1990; Avron & Toledo 2011',
  },
  {
    id: 'slq-density',
    short: 'SLQ density',
    term: 'spectral density (SLQ)',
    what: 'A smoothed histogram of all n Hessian eigenvalues: where the curvature mass sits, how many directions are negative, how far the outliers stand from the bulk.',
    how: 'Stochastic Lanczos quadrature: for each random probe, m Lanczos steps give m Ritz values with weights; the weights of all probes, smoothed by Gaussians, estimate the density. Several independent runs show its spread.',
    cost: 'probes × Lanczos steps HVPs per run (shown with the plot).',
    citation: 'Ghorbani et al. 2019, "An investigation into neural net optimization via Hessian eigenvalue density"; Lin et al. 2016',
  },
  {
    id: 'sharpness',
    short: 'sharpness',
    term: 'sharpness (mini-batch λ max)',
    what: 'λ max of the Hessian of the loss on a mini-batch rather than on the full data set. Training with mini-batches feels these noisy curvatures; their spread around the full-batch value is the curvature noise of SGD.',
    how: 'Lanczos on the HVPs of the loss restricted to each random batch of the chosen size, and once on the full batch, at the chosen point.',
    cost: 'One Lanczos run (tens of HVPs) per batch, each HVP on batch-size rows, plus one full-batch run.',
    citation: 'Jastrzębski et al. 2019, "On the relation between the sharpest directions of DNN loss and the SGD step length"',
  },
  {
    id: 'filter-normalised',
    short: 'filter-normalised',
    term: 'filter-normalised direction',
    what: 'A random direction in parameter space rescaled so that each neuron\'s incoming weights have the same norm as in the network itself. Without this, plots of different networks along random directions are not comparable, because ReLU and tanh layers can be rescaled without changing the function.',
    how: 'Gaussian entries, then each output unit\'s column of W rescaled to the norm of the same column of the parameters; biases are left at zero. Two such directions span the drawn plane.',
    cost: 'Drawing the direction is free; the surface costs one loss evaluation per grid point (batched on the backend).',
    citation: 'Li et al. 2018, "Visualizing the loss landscape of neural nets", §4',
  },
];

export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return GLOSSARY.find((e) => e.id === id);
}
