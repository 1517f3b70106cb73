/** The points and runs a Network view can be asked about, as options of a native select. */
import { useAppStore } from '../../state/store';
import type { PointRef, RunRef } from '../../protocol/network';
import { labelOf } from '../trajectory-views';

export interface RefOption {
  value: string;
  label: string;
}

export function encodeRef(ref: PointRef): string {
  return ref.kind === 'run' ? `run:${ref.index}` : ref.kind;
}

export function decodePoint(value: string): PointRef {
  if (value.startsWith('run:')) return { kind: 'run', index: Number(value.slice(4)) };
  return value === 'trained' ? { kind: 'trained' } : { kind: 'init' };
}

export function decodeRun(value: string): RunRef {
  return value.startsWith('run:') ? { kind: 'run', index: Number(value.slice(4)) } : { kind: 'trained' };
}

/** The training run (when it has iterates) and each explorer run, by optimizer. */
export function useRunOptions(): RefOption[] {
  const trained = useAppStore((s) => s.training.status !== 'idle' && s.training.status !== 'running');
  const optimizer = useAppStore((s) => s.training.summary?.optimizer ?? s.network.optimizer);
  // by entry label, so two runs of one optimizer (Hessian-free on H and on G) stay apart
  const runs = useAppStore((s) => s.trajectories.map((t) => (t.records.length > 0 ? t.label : '')).join('|'));
  const options: RefOption[] = [];
  if (trained) options.push({ value: 'trained', label: `curvature training run (${labelOf(optimizer)})` });
  runs.split('|').forEach((label, index) => {
    if (label) options.push({ value: `run:${index}`, label: `explorer run: ${label}` });
  });
  return options;
}

/** The initial parameters, then the end of each run. */
export function usePointOptions(): RefOption[] {
  const runs = useRunOptions();
  return [{ value: 'init', label: 'initial parameters' }, ...runs.map((r) => ({ value: r.value, label: `end of ${r.label}` }))];
}
