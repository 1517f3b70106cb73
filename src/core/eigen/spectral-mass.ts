/**
 * An upper bound on a Lanczos start's spectral mass at and beyond xi, for xi beyond every Ritz value
 * of the run (above them all: the mass at and above xi; below them all: at and below): the Christoffel function 1 / sum_{j=0..m} p_j(xi)^2 of the run's orthonormal Lanczos
 * polynomials p_j (beta_j p_j = (x - alpha_j) p_{j-1} - beta_{j-1} p_{j-2}, beta_m the residual
 * coupling), the weight at xi of the Gauss-Radau rule with a node there, which by the
 * Chebyshev-Markov-Stieltjes inequalities bounds the measure beyond xi (Szego 1939, "Orthogonal
 * Polynomials", §3.41; Golub & Meurant 2010, "Matrices, Moments and Quadrature with Applications",
 * §6.2). m products give the 2m moments it needs, so it costs none. A zero coupling ends the start's
 * Krylov segment invariant: its measure sits on that segment's Ritz values, none beyond xi.
 */
export function massBeyond({ alpha, beta }: { alpha: Float64Array; beta: Float64Array }, residualBeta: number, xi: number): number {
  const m = alpha.length;
  let prev = 0;
  let cur = 1;
  let sum = 1;
  for (let j = 0; j < m; j++) {
    const b = j < m - 1 ? beta[j] : residualBeta;
    if (b === 0) return 0;
    const next = ((xi - alpha[j]) * cur - (j > 0 ? beta[j - 1] * prev : 0)) / b;
    prev = cur;
    cur = next;
    sum += next * next;
    if (!Number.isFinite(sum)) return 0;
  }
  return 1 / sum;
}
