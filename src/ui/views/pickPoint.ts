/** Turning a pointer position on a plot into a start point a person would type: inside the window, to a tidy precision. */

export interface PlotFrame {
  /** Plot rectangle in the drawing's own units. */
  left: number;
  top: number;
  width: number;
  height: number;
  x: [number, number];
  y: [number, number];
}

/** Rounds to the power of ten at or below span/1000, so a click lands on about three significant digits of the window. */
export function tidy(v: number, span: number): number {
  const step = 10 ** Math.floor(Math.log10(span / 1000));
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const r = Math.round(v / step) * step;
  return Number(r.toFixed(Math.min(20, digits)));
}

/** Data coordinates of a drawing-space point, or null outside the plot rectangle. */
export function pickPoint(px: number, py: number, f: PlotFrame): [number, number] | null {
  if (px < f.left || px > f.left + f.width || py < f.top || py > f.top + f.height) return null;
  const xs = f.x[1] - f.x[0];
  const ys = f.y[1] - f.y[0];
  const x = f.x[0] + ((px - f.left) / f.width) * xs;
  const y = f.y[0] + ((f.top + f.height - py) / f.height) * ys;
  return [tidy(x, xs), tidy(y, ys)];
}
