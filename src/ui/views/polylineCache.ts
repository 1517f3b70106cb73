/**
 * The contour view's trajectory lines, kept between updates. Drawing a run is its finite prefix
 * (finitePrefix), clipped to a box (clipPolyline, Liang & Barsky 1984), mapped to the plot's units,
 * thinned to what a pixel shows (decimateMapped) and written as SVG `points`; done from zero for
 * every run on every update it was tens of milliseconds of the page's thread while a run streams
 * in. Here each run's drawing state after all but its last point is kept, so an update steps only
 * the points added since (plus the last one, which decimation always keeps and the next point may
 * drop). The kept state is checked against the new points by value, so a rebuilt, restarted or
 * re-thinned series is drawn from zero and the output always equals the uncached computation.
 */
import { clipSegment, insideBox, type Box, type Point2 } from './clipPolyline';
import { frameScales } from './contourPaths';
import type { PlotFrame } from './pickPoint';

/** Where lines are drawn: the plot's frame, the clipping box (data units) and the decimation tolerance (drawing units). */
export interface PolylineView {
  frame: PlotFrame;
  box: Box;
  tolerance: number;
}

/** One trajectory to draw: `key` names it across updates, its first `length` points are drawn. */
export interface PolylineInput {
  key: string;
  points: readonly Point2[];
  length: number;
}

export interface DrawnPolyline {
  /** SVG `points` of each visible run, in drawing units to a tenth. */
  runs: string[];
  /** How many leading points are finite (what the markers may index). */
  finite: number;
  /** Points stepped for this update: 0 when the last output was reused, the whole length when rebuilt. */
  stepped: number;
}

/** The run being drawn: its kept points so far and the newest point, which is kept only if it stays the last. */
interface OpenRun {
  kept: string;
  /** Last kept point, what decimation measures from. */
  lx: number;
  ly: number;
  /** Newest point, not yet decided. */
  px: number;
  py: number;
  length: number;
}

interface DrawState {
  /** Finished runs' `points`, in the order clipPolyline returns them. */
  done: string[];
  open: OpenRun | null;
  /** The first finite point, drawn alone when it is the only one. */
  fx: number;
  fy: number;
  /** The previous finite point, where the next segment starts, and whether it lies in the box. */
  ax: number;
  ay: number;
  aInside: boolean;
  finite: number;
  /** A non-finite point was met: nothing after it is drawn. */
  stopped: boolean;
}

interface Entry {
  /** Coordinates of the first `stepped` points of the input, which `state` has stepped, to check the next input against. */
  xs: Float64Array;
  ys: Float64Array;
  stepped: number;
  state: DrawState;
  /** The last output, with the length and last point it was drawn for. */
  out: DrawnPolyline | null;
  outLength: number;
  outX: number;
  outY: number;
}

/** An entry with nothing drawn, keeping `buffers` (a redrawn entry's copies) so a re-thinned series allocates none. */
function fresh(buffers?: { xs: Float64Array; ys: Float64Array }): Entry {
  return {
    xs: buffers?.xs ?? new Float64Array(64),
    ys: buffers?.ys ?? new Float64Array(64),
    stepped: 0,
    state: { done: [], open: null, fx: NaN, fy: NaN, ax: NaN, ay: NaN, aInside: false, finite: 0, stopped: false },
    out: null,
    outLength: -1,
    outX: NaN,
    outY: NaN,
  };
}

/** Room for `n` coordinates in the entry's copies, grown by doubling. */
function reserve(e: Entry, n: number): void {
  if (n <= e.xs.length) return;
  const size = Math.max(n, 2 * e.xs.length);
  const xs = new Float64Array(size);
  const ys = new Float64Array(size);
  xs.set(e.xs.subarray(0, e.stepped));
  ys.set(e.ys.subarray(0, e.stepped));
  e.xs = xs;
  e.ys = ys;
}

function format(x: number, y: number): string {
  return `${x.toFixed(1)},${y.toFixed(1)}`;
}

function sameView(a: PolylineView, b: PolylineView): boolean {
  const f = a.frame;
  const g = b.frame;
  return (
    a.tolerance === b.tolerance &&
    a.box.x0 === b.box.x0 && a.box.x1 === b.box.x1 && a.box.y0 === b.box.y0 && a.box.y1 === b.box.y1 &&
    f.left === g.left && f.top === g.top && f.width === g.width && f.height === g.height &&
    f.x[0] === g.x[0] && f.x[1] === g.x[1] && f.y[0] === g.y[0] && f.y[1] === g.y[1]
  );
}

/** Trajectory lines of one plot, each redrawn only from where its points changed. */
export class PolylineCache {
  private view: PolylineView | null = null;
  private box: Box = { x0: 0, x1: 0, y0: 0, y1: 0 };
  private sx: (v: number) => number = (v) => v;
  private sy: (v: number) => number = (v) => v;
  private tolerance2 = 0;
  private entries = new Map<string, Entry>();

  /** Each input's lines in `view`; entries of keys not given are dropped, and a new view drops them all. */
  drawAll(inputs: readonly PolylineInput[], view: PolylineView): DrawnPolyline[] {
    if (!this.view || !sameView(this.view, view)) {
      this.view = { frame: { ...view.frame, x: [...view.frame.x], y: [...view.frame.y] }, box: { ...view.box }, tolerance: view.tolerance };
      ({ sx: this.sx, sy: this.sy } = frameScales(this.view.frame));
      this.box = this.view.box;
      this.tolerance2 = view.tolerance * view.tolerance;
      this.entries.clear();
    }
    const seen = new Set<string>();
    const out = inputs.map((input) => {
      seen.add(input.key);
      return this.draw(input);
    });
    for (const key of this.entries.keys()) if (!seen.has(key)) this.entries.delete(key);
    return out;
  }

  private draw({ key, points, length: n }: PolylineInput): DrawnPolyline {
    let e = this.entries.get(key);
    if (!e || !matches(e, points, n)) {
      e = fresh(e);
      this.entries.set(key, e);
    }
    const last = n > 0 ? points[n - 1] : null;
    if (e.out && e.outLength === n && (!last || (Object.is(last[0], e.outX) && Object.is(last[1], e.outY)))) return { ...e.out, runs: e.out.runs.slice(), stepped: 0 };
    let stepped = 0;
    const s = e.state;
    // all but the last point go into the kept state; the last is stepped on a copy
    if (e.stepped < n - 1 && !s.stopped) reserve(e, n - 1);
    for (let k = e.stepped; k < n - 1 && !s.stopped; k++, stepped++) {
      const x = points[k][0];
      const y = points[k][1];
      e.xs[k] = x;
      e.ys[k] = y;
      e.stepped = k + 1;
      this.step(s, x, y);
    }
    let result: DrawnPolyline;
    if (last && e.stepped < n && !s.stopped) {
      // the copy shares `done`: what the last point closes is appended there and cut off again below
      const doneLength = s.done.length;
      const copy: DrawState = { ...s, open: s.open && { ...s.open } };
      this.step(copy, last[0], last[1]);
      stepped++;
      result = { runs: this.finish(copy), finite: copy.finite, stepped };
      s.done.length = doneLength;
    } else {
      result = { runs: this.finish(s), finite: s.finite, stepped };
    }
    e.out = result;
    e.outLength = n;
    e.outX = last ? last[0] : NaN;
    e.outY = last ? last[1] : NaN;
    return { ...result, runs: result.runs.slice() };
  }

  /**
   * One more point of the trajectory: clipPolyline's segment step, with decimateMapped run by run.
   * A segment with both ends in the box is all inside (clipSegment's [0, 1], exactly: rounding keeps
   * each edge's ratio on its side of 0 and 1), the common case, so it is drawn without clipSegment.
   */
  private step(s: DrawState, x: number, y: number): void {
    if (s.stopped) return;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      s.stopped = true;
      return;
    }
    s.finite++;
    const box = this.box;
    const inside = x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
    const ax = s.ax;
    const ay = s.ay;
    const aInside = s.aInside;
    s.ax = x;
    s.ay = y;
    s.aInside = inside;
    if (s.finite === 1) {
      s.fx = x;
      s.fy = y;
      return;
    }
    if (inside && aInside) {
      s.open ??= this.openAt(ax, ay);
      this.push(s.open, this.sx(x), this.sy(y));
      return;
    }
    const span = clipSegment([ax, ay], [x, y], box);
    if (!span) {
      this.close(s);
      return;
    }
    const [t0, t1] = span;
    if (!s.open || t0 > 0) {
      this.close(s);
      s.open = this.openAt(along(ax, x, t0), along(ay, y, t0));
    }
    this.push(s.open, this.sx(along(ax, x, t1)), this.sy(along(ay, y, t1)));
    if (t1 < 1) this.close(s);
  }

  /** A run starting at data point (x, y). */
  private openAt(x: number, y: number): OpenRun {
    const px = this.sx(x);
    const py = this.sy(y);
    return { kept: '', lx: px, ly: py, px, py, length: 1 };
  }

  /** A point joins the open run; the one it follows is kept if it is the run's first or far enough from the last kept (decimateMapped's rule). */
  private push(r: OpenRun, x: number, y: number): void {
    if (r.length === 1 || (r.px - r.lx) ** 2 + (r.py - r.ly) ** 2 >= this.tolerance2) {
      r.kept = r.kept === '' ? format(r.px, r.py) : `${r.kept} ${format(r.px, r.py)}`;
      r.lx = r.px;
      r.ly = r.py;
    }
    r.px = x;
    r.py = y;
    r.length++;
  }

  private close(s: DrawState): void {
    if (!s.open) return;
    s.done.push(runPoints(s.open));
    s.open = null;
  }

  private finish(s: DrawState): string[] {
    // a lone point is a run of itself when it is in view (clipPolyline's one-point case)
    if (s.finite === 1) return insideBox([s.fx, s.fy], this.box) ? [format(this.sx(s.fx), this.sy(s.fy))] : [];
    return s.open ? [...s.done, runPoints(s.open)] : s.done.slice();
  }
}

/** One coordinate a fraction `t` along a segment from `a` to `b`: lerp's arithmetic, exactly a or b at the ends. */
function along(a: number, b: number, t: number): number {
  return t === 0 ? a : t === 1 ? b : a + t * (b - a);
}

/** The run's `points`: its kept points and its last, which decimation always keeps. */
function runPoints(r: OpenRun): string {
  return r.kept === '' ? format(r.px, r.py) : `${r.kept} ${format(r.px, r.py)}`;
}

/** Whether the first `n` of `points` start with every point the entry has stepped. */
function matches(e: Entry, points: readonly Point2[], n: number): boolean {
  const c = e.stepped;
  if (n < c) return false;
  const xs = e.xs;
  const ys = e.ys;
  for (let k = 0; k < c; k++) if (!Object.is(points[k][0], xs[k]) || !Object.is(points[k][1], ys[k])) return false;
  return true;
}
