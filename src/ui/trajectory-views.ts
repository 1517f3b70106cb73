/** Store trajectories -> the views' plain data, memoised on the trajectory array so views re-render only on new records. */
import { useMemo } from 'react';
import { OPTIMIZERS } from '../core/optim/registry';
import type { TrajectoryState } from '../state/run-slice';
import { useAppStore } from '../state/store';
import { optimizerColor } from './colormap';
import type { TrajectoryView } from './views/types';

/** An optimizer's fixed colour (see OPTIMIZER_COLORS); re-exported where the views look for it. */
export const colorOf = optimizerColor;

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
    s.cost.push(x.ngev + x.nhvp);
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
    label: labelOf(t.optimizer),
    color: colorOf(t.optimizer),
    points: s.points.slice(),
    losses: s.losses.slice(),
    gradNorms: s.gradNorms.slice(),
    cost: s.cost.slice(),
    timeMs: s.timeMs.slice(),
  };
}

export function useTrajectoryViews(): TrajectoryView[] {
  const trajectories = useAppStore((s) => s.trajectories);
  return useMemo(() => trajectories.map((t) => toView(t)).filter((v) => v.points.length > 0), [trajectories]);
}
