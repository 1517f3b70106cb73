/**
 * A chart's share of a drawn run: the explorer's views keep up to MAX_DRAWN = 2,000 entries a series
 * (ui/trajectory-views.ts), four per pixel of a 500-pixel chart, and uPlot walks every one of them
 * in each redraw (in a trace of 17 optimizers x 20,000 steps a chart's redraw was 27-37 ms of the
 * main thread on its own). A chart keeps every f-th entry and the last, f the same for every series
 * so series on one x grid (iterations at one stride) stay on one grid.
 */

/** Entries a chart series keeps at most, besides its last: two per pixel of a chart 500 pixels wide. */
export const MAX_CHART_POINTS = 1000;

/** The factor f that brings the longest of `lengths` to at most MAX_CHART_POINTS entries (1 when none is longer). */
export function chartFactor(lengths: readonly number[]): number {
  return Math.max(1, Math.ceil(Math.max(0, ...lengths) / MAX_CHART_POINTS));
}

/** Entries 0, f, 2f, ... of `values` and its last: the same array when f is 1. */
export function everyNth<T>(values: T[], f: number): T[] {
  if (f <= 1 || values.length <= 1) return values;
  const out: T[] = [];
  for (let k = 0; k < values.length; k += f) out.push(values[k]);
  if ((values.length - 1) % f !== 0) out.push(values[values.length - 1]);
  return out;
}
