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

export function toView(t: TrajectoryState): TrajectoryView {
  const r = t.records;
  return {
    name: t.optimizer,
    label: labelOf(t.optimizer),
    color: colorOf(t.optimizer),
    points: r.map((x) => [x.point[0], x.point[1]] as [number, number]),
    losses: r.map((x) => x.loss),
    gradNorms: r.map((x) => x.gradNorm),
    cost: r.map((x) => x.ngev + x.nhvp),
    timeMs: r.map((x) => x.timeMs),
  };
}

export function useTrajectoryViews(): TrajectoryView[] {
  const trajectories = useAppStore((s) => s.trajectories);
  return useMemo(() => trajectories.map((t) => toView(t)).filter((v) => v.points.length > 0), [trajectories]);
}
