import type { LossScale } from './lossScale';

/**
 * Round-number axis ticks covering [lo, hi]: step 1, 2 or 5 times a power of ten, chosen so about
 * `count` ticks fall inside (the rule d3-array's `ticks` uses, written out to avoid a dependency).
 */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || count < 1) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return [lo];
  const raw = hi / count - lo / count;
  const exponent = Math.floor(Math.log10(raw));
  const ratio = raw / 10 ** exponent;
  const factor = ratio >= 7.07 ? 10 : ratio >= 3.16 ? 5 : ratio >= 1.41 ? 2 : 1;
  const step = Number(`${factor}e${exponent}`);
  if (!(step > 0) || !Number.isFinite(step)) return [lo, hi];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  if (!(last - first <= 10 * count + 10)) return [lo, hi];
  const out: number[] = [];
  // the tick as decimal text parses to the double nearest k * step, so neither 0.1 * 3 style
  // drift nor an inexact 10 ** e ever shows in a label (+ 0 turns Math.ceil's -0 into 0)
  for (let k = first; k <= last; k++) out.push(Number(`${k * factor}e${exponent}`) + 0);
  return out;
}

/** Short label for a tick or legend value: plain for moderate magnitudes, exponent otherwise. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1).replace('e+', 'e').replace('.0e', 'e');
  return Number(v.toPrecision(3)).toString();
}

/** A colour-bar tick: the loss it labels and where it sits, 0 at the bar's bottom and 1 at its top. */
export interface ScaleTick {
  loss: number;
  t: number;
}

/**
 * Ticks for a loss colour bar. Linear: round losses. Log: losses min + 10^k, the decades of
 * (loss - min) the log map spaces evenly, thinned to about `count` when the range is wide.
 */
export function lossScaleTicks(scale: LossScale, count: number): ScaleTick[] {
  const span = scale.hi - scale.lo;
  if (!(span > 0)) return [{ loss: scale.min, t: 0 }];
  const at = (loss: number): ScaleTick => ({ loss, t: (scale.map(loss) - scale.lo) / span });
  if (!scale.log) return niceTicks(scale.min, scale.max, count).map(at);
  const kLo = Math.ceil(Math.log10(Math.max(scale.eps, Number.MIN_VALUE)));
  const kHi = Math.floor(Math.log10(scale.max - scale.min));
  const stride = Math.max(1, Math.ceil((kHi - kLo + 1) / count));
  const out: ScaleTick[] = [];
  // `1e${k}` parses to the nearest double of the decade; 10 ** -5 does not
  for (let k = kHi; k >= kLo; k -= stride) out.unshift(at(scale.min + Number(`1e${k}`)));
  return out.filter((tick) => tick.t >= -1e-9 && tick.t <= 1 + 1e-9);
}
