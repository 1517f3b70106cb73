import { formatValue, niceTicks } from './ticks';

/**
 * How a line chart's y values become plotted numbers. uPlot's own log axis and tick search only
 * cover 1e-32..1e32 (its table of increments) and a loss of 1e-30 made its log ticks fail with
 * `RangeError: Invalid array length`; a saddle run to -8e284 got no tick labels at all. So the
 * chart plots log10(y) (log axis) or y / 10^e (linear axis, e the value's decade when it is far
 * from 1) on a plain linear scale, whose numbers stay small, and labels ticks in data units.
 */
export interface ChartYScale {
  log: boolean;
  /** Equal for two scales that map every value alike (plotted values can be kept across them). */
  key: string;
  /** Data value -> plotted value; null where the value cannot be drawn (non-finite, <= 0 on log). */
  forward(v: number): number | null;
  /** Plotted value -> data value, for labels and the legend. */
  inverse(p: number): number;
  /** Tick positions, in plotted units, over [lo, hi] (plotted units too). */
  ticks(lo: number, hi: number, count: number): number[];
  /** Label of a tick or legend entry at plotted value p. */
  label(p: number): string;
}

/** Linear values whose largest magnitude lies outside [1e-3, 1e6] are plotted in units of their decade. */
const LINEAR_UNIT_RANGE: [number, number] = [-3, 6];

/** Smallest and largest finite value, or (log) positive value, over all series; null when none. */
export function finiteExtent(ys: readonly (readonly number[])[], positiveOnly: boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const col of ys) {
    for (const v of col) {
      if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Decade ticks k (meaning 10^k) over [lo, hi] in log10 units, a whole stride of 1, 2, 5, 10, ... decades. */
export function decadeTicks(lo: number, hi: number, count: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || count < 1) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  const raw = Math.max(1, (hi - lo) / count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  const stride = Math.max(1, Math.round((ratio >= 7.07 ? 10 : ratio >= 3.16 ? 5 : ratio >= 1.41 ? 2 : 1) * power));
  const out: number[] = [];
  for (let k = Math.ceil(lo / stride) * stride; k <= hi; k += stride) out.push(k);
  return out;
}

function logScale(): ChartYScale {
  return {
    log: true,
    key: 'log',
    forward: (v) => (Number.isFinite(v) && v > 0 ? Math.log10(v) : null),
    // `1e${k}` parses to the nearest double of the decade; 10 ** -5 does not
    inverse: (p) => (Number.isInteger(p) ? Number(`1e${p}`) : 10 ** p),
    ticks: (lo, hi, count) => {
      // within about a decade, round data values read better than fractional decades
      if (hi - lo < 1.5) return niceTicks(10 ** lo, 10 ** hi, count).filter((v) => v > 0).map(Math.log10);
      return decadeTicks(lo, hi, count);
    },
    label: (p) => formatValue(Number.isInteger(p) ? Number(`1e${p}`) : 10 ** p),
  };
}

function linearScale(extent: [number, number] | null): ChartYScale {
  const biggest = extent ? Math.max(Math.abs(extent[0]), Math.abs(extent[1])) : 0;
  const decade = biggest > 0 ? Math.floor(Math.log10(biggest)) : 0;
  const unit = decade < LINEAR_UNIT_RANGE[0] || decade > LINEAR_UNIT_RANGE[1] ? Number(`1e${decade}`) : 1;
  const inverse = (p: number): number => p * unit;
  return {
    log: false,
    key: `linear ${unit}`,
    forward: (v) => (Number.isFinite(v) ? v / unit : null),
    inverse,
    ticks: (lo, hi, count) => niceTicks(lo, hi, count),
    label: (p) => formatValue(inverse(p)),
  };
}

/** Whether some value is finite and positive: a log axis then has something to draw. Stops at the first. */
export function hasPositive(ys: readonly (readonly number[])[]): boolean {
  for (const col of ys) for (const v of col) if (v > 0 && v < Infinity) return true;
  return false;
}

/** A log scale when asked for and some value is positive, a linear one otherwise. */
export function chartYScale(ys: readonly (readonly number[])[], logRequested: boolean): ChartYScale {
  if (logRequested && hasPositive(ys)) return logScale();
  return linearScale(finiteExtent(ys, false));
}

/** The plotted y range: the data's plotted extent widened by `pad` of its span (a flat series gets +-1 unit). */
export function plottedRange(values: readonly (number | null)[], pad: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [0, 1];
  const span = hi - lo;
  const margin = span > 0 ? span * pad : Math.max(Math.abs(lo) * 0.1, 1);
  return [lo - margin, hi + margin];
}
