import { lazy, Suspense, useEffect, useRef, useState, type ReactElement, type RefObject } from 'react';
import { useAppStore } from '../state/store';
import type { Surface3DProps } from './Surface3D';

/** three, react-three-fiber and drei in a chunk of their own: the start path neither parses nor runs them. */
const loadSurface3D = (): Promise<typeof import('./Surface3D')> => import('./Surface3D');
const Surface3D = lazy(() => loadSurface3D().then((m) => ({ default: m.Surface3D })));

/** How long an idle callback may be put off before the 3-D view is created anyway (ms). */
const IDLE_TIMEOUT_MS = 1500;

/** requestIdleCallback where the browser has it (Safari does not), a timeout otherwise; returns the canceller. */
function whenIdle(callback: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}

/**
 * Whether the 3-D view may be created: its WebGL context and shader compilation hold the main
 * thread for seconds on software GL (8 s measured at start-up on a loaded 2-core machine, issue 9), so it
 * waits until the contours have been painted, the view is on screen, no Explorer run is going and
 * the page is idle. Once true it stays true: tearing the context down costs as much again.
 */
function useWhenIdleAndVisible(host: RefObject<HTMLDivElement | null>): boolean {
  const [ready, setReady] = useState(false);
  const [visible, setVisible] = useState(false);
  const running = useAppStore((s) => s.status === 'running');
  useEffect(() => {
    const el = host.current;
    if (ready || !el) return;
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [host, ready]);
  useEffect(() => {
    if (ready || !visible || running) return;
    let cancelIdle: (() => void) | null = null;
    // two frames: the first paint with the contours has happened before the idle wait starts
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        frame = 0;
        cancelIdle = whenIdle(() => setReady(true));
      });
    });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      cancelIdle?.();
    };
  }, [ready, visible, running]);
  // the chunk may arrive after a run has started: the context is created when that run is over
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (!ready || running || mounted) return;
    void loadSurface3D().then(() => {
      if (useAppStore.getState().status !== 'running') setMounted(true);
    });
  }, [ready, running, mounted]);
  return mounted;
}

/** The 3-D surface, loaded and created only once the page is idle and the view visible; a placeholder until then. */
export function LazySurface3D(props: Surface3DProps): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const ready = useWhenIdleAndVisible(host);
  const placeholder = (
    <div className="placeholder" data-testid="surface-3d-pending" style={{ height: '100%' }}>
      3-D view starts when the page is idle…
    </div>
  );
  return (
    // a direct child of .view-body, which sizes it
    <div ref={host}>
      {ready ? (
        <Suspense fallback={placeholder}>
          <Surface3D {...props} />
        </Suspense>
      ) : (
        placeholder
      )}
    </div>
  );
}
