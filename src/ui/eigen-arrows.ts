/** Arrows for the contour view: Hessian eigenpairs at the hovered point, else at the current iterate. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store';
import type { EigenArrows } from './views/types';
import { pointCurvature } from '../controllers/intents';

export function useEigenArrows(): { arrows: EigenArrows | null; onHover: (p: [number, number] | null) => void } {
  const [hovered, setHovered] = useState<EigenArrows | null>(null);
  const curvature = useAppStore((s) => s.curvature);
  // the point's coordinates, compared one by one: the store keeps records as columns, so the pair is new on every read
  const current = useAppStore(
    useShallow((s) => {
      const t = s.trajectories[s.selected];
      if (!t || t.records.length === 0) return null;
      return t.records.point(Math.min(s.iteration, t.records.length - 1));
    }),
  );
  const latest = useRef(0);
  useEffect(() => () => void latest.current++, []);

  const onHover = useCallback((p: [number, number] | null) => {
    const token = ++latest.current;
    if (!p) {
      setHovered(null);
      return;
    }
    void pointCurvature(p).then((c) => {
      if (token === latest.current) setHovered(c?.pairs ? { at: p, pairs: c.pairs } : null);
    });
  }, []);

  if (hovered) return { arrows: hovered, onHover };
  if (curvature?.pairs && current) return { arrows: { at: [current[0], current[1]], pairs: curvature.pairs }, onHover };
  return { arrows: null, onHover };
}
