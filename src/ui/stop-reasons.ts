/**
 * Reading a run's stop reason for the person: which ends are normal (converged, out of steps,
 * cancelled) and which need saying (diverged, unbounded below, gradient overflow, a failed line
 * search), and for a diverging fixed-step run the step size the curvature allows.
 */

const NORMAL_ENDS = ['gtol met', 'max iterations', 'cancelled', 'running'];

/** Whether a stop reason is an abnormal end worth a notice. */
export function isAbnormalStop(reason: string): boolean {
  return !NORMAL_ENDS.includes(reason);
}

/** Whether the reason says the iterates blew up (as opposed to e.g. a failed line search). */
export function isDivergence(reason: string): boolean {
  return /^(diverged|gradient overflow|non-finite)/.test(reason);
}

/**
 * Gradient descent with step eta is stable on a quadratic only while eta < 2 / lambda_max (Cohen
 * et al. 2021, "Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability");
 * the advice suggests 90% of that bound. Null when lambda_max is unknown or not positive.
 */
export function suggestedStepSize(lambdaMax: number | null | undefined): number | null {
  if (lambdaMax === null || lambdaMax === undefined || !(lambdaMax > 0) || !Number.isFinite(lambdaMax)) return null;
  return (0.9 * 2) / lambdaMax;
}

/** A rounded step size for text: two significant digits, never rounded up past the bound. */
export function roundDown(v: number): number {
  const p = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.floor(v / p) * p;
}

/** The sentence for a diverged training run, with the step size to try where lambda_max is known. */
export function divergenceAdvice(reason: string, lr: number | null, lambdaMax: number | null | undefined): string {
  const suggested = suggestedStepSize(lambdaMax);
  const head = `Training ${reason}`;
  if (suggested === null || lambdaMax === null || lambdaMax === undefined) return `${head}. Try a smaller step size.`;
  const bound = 2 / lambdaMax;
  const eta = lr !== null ? `η = ${lr} is ${lr > bound ? 'above' : 'near'} 2/λ_max = ${bound.toPrecision(3)} (λ_max = ${lambdaMax.toPrecision(3)})` : `2/λ_max = ${bound.toPrecision(3)}`;
  return `${head}: ${eta}. Try η ≈ ${roundDown(suggested)}.`;
}
