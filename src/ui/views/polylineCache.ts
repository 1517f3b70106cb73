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
import { clipSegment, insideBox, lerp, type Box, type Point2 } from './clipPolyline';
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
  first: Point2 | null;
  prev: Point2 | null;
  finite: number;
  /** A non-finite point was met: nothing after it is drawn. */
  stopped: boolean;
}

interface Entry {
  /** Coordinates of the points `state` has stepped, to check the next input against. */
  xs: number[];
  ys: number[];
  state: DrawState;
  /** The last output, with the length and last point it was drawn for. */
  out: DrawnPolyline | null;
  outLength: number;
  outX: number;
  outY: number;
}

function fresh(): Entry {
  return { xs: [], ys: [], state: { done: [], open: null, first: null, prev: null, finite: 0, stopped: false }, out: null, outLength: -1, outX: NaN, outY: NaN };
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
      e = fresh();
      this.entries.set(key, e);
    }
    const last = n > 0 ? points[n - 1] : null;
    if (e.out && e.outLength === n && (!last || (Object.is(last[0], e.outX) && Object.is(last[1], e.outY)))) return { ...e.out, runs: e.out.runs.slice(), stepped: 0 };
    let stepped = 0;
    // all but the last point go into the kept state; the last is stepped on a copy
    for (let k = e.xs.length; k < n - 1 && !e.state.stopped; k++, stepped++) {
      e.xs.push(points[k][0]);
      e.ys.push(points[k][1]);
      this.step(e.state, points[k]);
    }
    let state = e.state;
    if (last && e.xs.length < n && !state.stopped) {
      state = { ...state, done: state.done.slice(), open: state.open && { ...state.open } };
      this.step(state, last);
      stepped++;
    }
    const result: DrawnPolyline = { runs: this.finish(state), finite: state.finite, stepped };
    e.out = result;
    e.outLength = n;
    e.outX = last ? last[0] : NaN;
    e.outY = last ? last[1] : NaN;
    return { ...result, runs: result.runs.slice() };
  }

  /** One more point of the trajectory: clipPolyline's segment step, with decimateMapped run by run. */
  private step(s: DrawState, p: Point2): void {
    if (s.stopped) return;
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      s.stopped = true;
      return;
    }
    s.finite++;
    const a = s.prev;
    s.prev = p;
    if (!a) {
      s.first = p;
      return;
    }
    const span = clipSegment(a, p, this.box);
    if (!span) {
      this.close(s);
      return;
    }
    if (!s.open || span[0] > 0) {
      this.close(s);
      const start = lerp(a, p, span[0]);
      const x = this.sx(start[0]);
      const y = this.sy(start[1]);
      s.open = { kept: '', lx: x, ly: y, px: x, py: y, length: 1 };
    }
    const end = lerp(a, p, span[1]);
    this.push(s.open, this.sx(end[0]), this.sy(end[1]));
    if (span[1] < 1) this.close(s);
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
    const first = s.first;
    if (s.finite === 1 && first) return insideBox(first, this.box) ? [format(this.sx(first[0]), this.sy(first[1]))] : [];
    return s.open ? [...s.done, runPoints(s.open)] : s.done.slice();
  }
}

/** The run's `points`: its kept points and its last, which decimation always keeps. */
function runPoints(r: OpenRun): string {
  return r.kept === '' ? format(r.px, r.py) : `${r.kept} ${format(r.px, r.py)}`;
}

/** Whether the first `n` of `points` start with every point the entry has stepped. */
function matches(e: Entry, points: readonly Point2[], n: number): boolean {
  const c = e.xs.length;
  if (n < c) return false;
  for (let k = 0; k < c; k++) if (!Object.is(points[k][0], e.xs[k]) || !Object.is(points[k][1], e.ys[k])) return false;
  return true;
}
