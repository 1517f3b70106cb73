/** What the contour plot needs to set the start point: the store's intent and the point to mark, for 2-D functions only. */
import { useAppStore } from '../state/store';

export interface StartPick {
  onPick?: (p: [number, number]) => void;
  start: [number, number] | null;
}

export function useStartPick(): StartPick {
  const fn = useAppStore((s) => s.problemInfo !== null && !s.problemInfo.network && s.setup.problem.kind === 'function');
  const start = useAppStore((s) => s.setup.start ?? s.problemInfo?.start ?? null);
  const setStart = useAppStore((s) => s.setStart);
  return fn ? { onPick: setStart, start } : { start: null };
}
