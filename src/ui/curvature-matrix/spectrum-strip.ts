/**
 * Where the eigenvalues of H and G sit on one shared axis. The axis is signed-log
 * (sign(x) log10(1 + |x| / c)) so a top eigenvalue near 10 and a negative tail near -1e-3 are both
 * visible; c is a thousandth of the largest magnitude.
 */
export interface StripScale {
  /** Maps an eigenvalue to [0, 1] across the strip. */
  at(value: number): number;
  lo: number;
  hi: number;
}

export function stripScale(values: readonly number[]): StripScale {
  const finite = values.filter(Number.isFinite);
  const big = Math.max(1e-12, ...finite.map(Math.abs));
  const c = big * 1e-3;
  const t = (x: number): number => Math.sign(x) * Math.log10(1 + Math.abs(x) / c);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  const a = t(lo);
  const b = t(hi);
  const span = b - a || 1;
  return { at: (v) => (t(v) - a) / span, lo, hi };
}

/** The part of H's spectrum below zero that G (positive semi-definite) cannot show: H's negative bottom eigenvalues. */
export function droppedNegative(hessianBottom: readonly number[]): number[] {
  return hessianBottom.filter((v) => v < 0);
}
