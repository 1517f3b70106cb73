/** Store trajectories -> the drawn views' plain data, memoised on the trajectory array so views re-render only on new records. */
import { useDeferredValue, useMemo } from 'react';
import { OPTIMIZERS } from '../core/optim/registry';
import type { RecordSeries } from '../state/record-series';
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

/** What drawing needs of a trajectory: its names, its colour's entry, and its records' columns. */
export type DrawSource = Pick<TrajectoryState, 'optimizer' | 'label' | 'entry' | 'records'>;

/**
 * What the explorer's views draw: every trajectory thinned by thinForDrawing, read from the store's
 * columns at the stride, so an update of a 20,000-step run reads at most MAX_DRAWN entries per
 * series instead of mapping the whole run.
 */
export function useDrawnTrajectories(): { views: TrajectoryView[]; stride: number } {
  const running = useAppStore((s) => s.status === 'running');
  // while a run streams in, the drawing follows at a bounded rate (its columns grow in place, so it shows the newest);
  // a change outside a run (an optimizer finishing, the run's end) is drawn in a background render that yields between views
  const trajectories = useDeferredValue(
    useBoundedRate(
      useAppStore((s) => s.trajectories),
      running,
    ),
  );
  return useMemo(() => thinForDrawing(trajectories), [trajectories]);
}

/** One trajectory as the explorer's views draw it (thinned by thinForDrawing at its own stride). */
export function drawnView(t: DrawSource): TrajectoryView {
  return thinForDrawing([t]).views[0];
}

/** Most entries a drawn series keeps: a few per pixel of the widest view, so one redraw stays cheap. */
export const MAX_DRAWN = 2000;

/**
 * Long series thinned for drawing with one stride for every trajectory (entry j is iteration
 * j * stride, so the views' iteration marker divides by it), the last entry always kept; a
 * trajectory without records is left out. Exports and tables read the store's records. The
 * result's arrays are its own: the columns may keep growing.
 */
export function thinForDrawing(sources: readonly DrawSource[]): { views: TrajectoryView[]; stride: number } {
  const shown = sources.filter((t) => t.records.length > 0);
  const longest = Math.max(0, ...shown.map((t) => t.records.length));
  const stride = Math.max(1, Math.ceil(longest / MAX_DRAWN));
  return { views: shown.map((t) => thinned(t, stride)), stride };
}

/** A series' last drawing, and the point pairs it kept at the stride (reused by the next drawing while the stride holds). */
interface Drawn {
  stride: number;
  length: number;
  points: [number, number][];
  view: TrajectoryView;
}

/**
 * The last drawing per series: a series only grows, so an update reuses the view of one that has
 * not (an optimizer that stopped) and the point pairs already picked for one that has, until the
 * stride grows and the pick starts over.
 */
const drawnSoFar = new WeakMap<RecordSeries, Drawn>();

function thinned(t: DrawSource, stride: number): TrajectoryView {
  const r = t.records;
  const n = r.length;
  let d = drawnSoFar.get(r);
  if (d && d.stride === stride && d.length === n) return d.view;
  const points = d && d.stride === stride && d.length < n ? d.points : [];
  for (let k = points.length * stride; k < n; k += stride) points.push(r.point(k));
  // the entries drawn: every stride-th, and the last whether or not it falls on the stride
  const last = n - 1;
  const withLast = last % stride !== 0;
  const count = points.length + (withLast ? 1 : 0);
  const pick = (value: (k: number) => number): number[] => {
    const out = new Array<number>(count);
    for (let j = 0; j < points.length; j++) out[j] = value(j * stride);
    if (withLast) out[count - 1] = value(last);
    return out;
  };
  const drawnPoints = points.slice();
  if (withLast) drawnPoints.push(r.point(last));
  const view: TrajectoryView = {
    name: t.optimizer,
    label: t.label,
    color: colorOf(t.entry),
    points: drawnPoints,
    losses: pick((k) => r.loss(k)),
    gradNorms: pick((k) => r.gradNorm(k)),
    cost: pick((k) => r.cost(k)),
    timeMs: pick((k) => r.timeMs(k)),
  };
  if (stride > 1) view.iterations = pick((k) => k);
  d = { stride, length: n, points, view };
  drawnSoFar.set(r, d);
  return view;
}
