/** Store trajectories -> the views' plain data, memoised on the trajectory array so views re-render only on new records. */
import { useDeferredValue, useMemo } from 'react';
import { OPTIMIZERS } from '../core/optim/registry';
import type { TrajectoryState } from '../state/run-slice';
import { useAppStore } from '../state/store';
import { entryColor } from './colormap';
import { useBoundedRate } from './views/boundedRate';
import type { TrajectoryView } from './views/types';

/** An optimizer entry's fixed colour (see OPTIMIZER_COLORS and entryColor); a plain registry name gets its optimizer's. */
export const colorOf = entryColor;

export function labelOf(name: string): string {
  return OPTIMIZERS.find((o) => o.name === name)?.label ?? name;
}

type Series = Pick<TrajectoryView, 'points' | 'losses' | 'gradNorms' | 'cost' | 'timeMs'> & { done: number };

/**
 * The series built so far for each records array. A run's records array only grows (the store
 * appends in place), so each update maps the new records alone instead of the whole run again.
 */
const built = new WeakMap<TrajectoryState['records'], Series>();

function seriesOf(r: TrajectoryState['records']): Series {
  let s = built.get(r);
  if (!s || s.done > r.length) {
    s = { points: [], losses: [], gradNorms: [], cost: [], timeMs: [], done: 0 };
    built.set(r, s);
  }
  for (let k = s.done; k < r.length; k++) {
    const x = r[k];
    s.points.push([x.point[0], x.point[1]]);
    s.losses.push(x.loss);
    s.gradNorms.push(x.gradNorm);
    // Every product a step spent: Gauss-Newton products and K-FAC factor passes count like an HVP (each about one forward and backward pass).
    s.cost.push(x.ngev + x.nhvp + (x.nggnvp ?? 0) + (x.nkfac ?? 0));
    s.timeMs.push(x.timeMs);
  }
  s.done = r.length;
  return s;
}

export function toView(t: TrajectoryState): TrajectoryView {
  const s = seriesOf(t.records);
  // Copies, so a view holding the previous arrays never sees them change under it.
  return {
    name: t.optimizer,
    label: t.label,
    color: colorOf(t.entry),
    points: s.points.slice(),
    losses: s.losses.slice(),
    gradNorms: s.gradNorms.slice(),
    cost: s.cost.slice(),
    timeMs: s.timeMs.slice(),
  };
}

/** The trajectory's series as they stand, without copies: for thinForDrawing, which copies what it keeps. */
function liveView(t: TrajectoryState): TrajectoryView {
  const s = seriesOf(t.records);
  return { name: t.optimizer, label: t.label, color: colorOf(t.entry), points: s.points, losses: s.losses, gradNorms: s.gradNorms, cost: s.cost, timeMs: s.timeMs };
}

/**
 * What the explorer's views draw: every trajectory thinned by thinForDrawing, built from the
 * growing series directly, so an update of a 20,000-step run copies at most MAX_DRAWN entries
 * per series instead of the whole run.
 */
export function useDrawnTrajectories(): { views: TrajectoryView[]; stride: number } {
  const running = useAppStore((s) => s.status === 'running');
  // while a run streams in, the drawing follows at a bounded rate (its records arrays grow in place, so it shows the newest);
  // a change outside a run (an optimizer finishing, the run's end) is drawn in a background render that yields between views
  const trajectories = useDeferredValue(
    useBoundedRate(
      useAppStore((s) => s.trajectories),
      running,
    ),
  );
  return useMemo(() => thinForDrawing(trajectories.map(liveView).filter((v) => v.points.length > 0)), [trajectories]);
}

/** One trajectory as the explorer's views draw it (thinned by thinForDrawing), without copying its whole series first. */
export function drawnView(t: TrajectoryState): TrajectoryView {
  return thinForDrawing([liveView(t)]).views[0];
}

export function useTrajectoryViews(): TrajectoryView[] {
  const trajectories = useAppStore((s) => s.trajectories);
  return useMemo(() => trajectories.map((t) => toView(t)).filter((v) => v.points.length > 0), [trajectories]);
}

/** Most entries a drawn series keeps: a few per pixel of the widest view, so one redraw stays cheap. */
export const MAX_DRAWN = 2000;

/**
 * Long series thinned for drawing with one stride for every trajectory (entry j is iteration
 * j * stride, so the views' iteration marker divides by it), the last entry always kept. Exports
 * and tables read the full views. The result holds copies: the input's arrays may keep growing.
 */
export function thinForDrawing(views: TrajectoryView[]): { views: TrajectoryView[]; stride: number } {
  const longest = Math.max(0, ...views.map((v) => v.losses.length));
  const stride = Math.max(1, Math.ceil(longest / MAX_DRAWN));
  if (stride === 1) {
    const copies = views.map((v) => ({ ...v, points: v.points.slice(), losses: v.losses.slice(), gradNorms: v.gradNorms.slice(), cost: v.cost.slice(), timeMs: v.timeMs.slice() }));
    return { views: copies, stride };
  }
  return { views: views.map((v) => thinned(v, stride)), stride };
}

/** Every stride-th entry of a series kept so far (the last entry not included unless it falls on the stride). */
interface Thinned {
  stride: number;
  keep: number[];
  points: [number, number][];
  losses: number[];
  gradNorms: number[];
  cost: number[];
  timeMs: number[];
}

/**
 * The kept entries per losses array: a run's live series only grow (seriesOf appends in place), so
 * each update picks the entries added since the last one instead of the whole run again, until the
 * stride grows and the pick starts over.
 */
const thinnedSoFar = new WeakMap<number[], Thinned>();

function thinned(v: TrajectoryView, stride: number): TrajectoryView {
  const n = v.losses.length;
  let t = thinnedSoFar.get(v.losses);
  if (!t || t.stride !== stride || (t.keep.at(-1) ?? -1) >= n) {
    t = { stride, keep: [], points: [], losses: [], gradNorms: [], cost: [], timeMs: [] };
    thinnedSoFar.set(v.losses, t);
  }
  for (let k = t.keep.length > 0 ? t.keep[t.keep.length - 1] + stride : 0; k < n; k += stride) {
    t.keep.push(k);
    t.points.push(v.points[k]);
    t.losses.push(v.losses[k]);
    t.gradNorms.push(v.gradNorms[k]);
    t.cost.push(v.cost[k]);
    t.timeMs.push(v.timeMs[k]);
  }
  const last = n - 1;
  const withLast = n > 0 && t.keep[t.keep.length - 1] !== last;
  // copies, with the last entry: the kept arrays go on growing under the next update
  const out = <T>(kept: T[], all: T[]): T[] => {
    const copy = kept.slice();
    if (withLast) copy.push(all[last]);
    return copy;
  };
  const iterations = t.keep.slice();
  if (withLast) iterations.push(last);
  return { ...v, points: out(t.points, v.points), losses: out(t.losses, v.losses), gradNorms: out(t.gradNorms, v.gradNorms), cost: out(t.cost, v.cost), timeMs: out(t.timeMs, v.timeMs), iterations };
}
