import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactElement, type ReactNode, type RefObject } from 'react';
import { useAppStore } from '../state/store';
import { probeRenderer, type RendererProbe } from './probeRenderer';
import { renderStyle } from './software-gl';
import type { Surface3DProps } from './Surface3D';

/** The view in a chunk of its own, and three, react-three-fiber and drei in its worker (or a chunk of their own): the start path neither parses nor runs them. */
const loadSurface3D = (): Promise<typeof import('./Surface3D')> => import('./Surface3D');
const Surface3D = lazy(() => loadSurface3D().then((m) => ({ default: m.Surface3D })));

/** How long an idle callback may be put off before the 3-D view is considered anyway (ms). */
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
 * True once the contours have been painted, the view is on screen, no Explorer run is going and
 * the page is idle; it stays true. Nothing about the 3-D view (its chunk, the renderer probe, its
 * WebGL context) happens on the start path before then.
 */
function useIdleAndVisible(host: RefObject<HTMLDivElement | null>): boolean {
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
  return ready;
}

/** The renderer probe's answer once `start` is true (null until then and while it runs). */
function useRendererProbe(start: boolean): RendererProbe | null {
  const [answer, setAnswer] = useState<RendererProbe | null>(null);
  useEffect(() => {
    if (!start) return;
    let live = true;
    void probeRenderer().then((a) => live && setAnswer(a));
    return () => {
      live = false;
    };
  }, [start]);
  return answer;
}

/**
 * Whether the 3-D view is mounted: once `wanted`, its chunk is loaded and the view created when no
 * run is going (its WebGL context and shaders would take the processor from the run, and on the
 * page's thread stall its drawing). Once true it stays true: tearing the context down costs as much again.
 */
function useMountWhenNotRunning(wanted: boolean): boolean {
  const running = useAppStore((s) => s.status === 'running');
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (!wanted || running || mounted) return;
    void loadSurface3D().then(() => {
      if (useAppStore.getState().status !== 'running') setMounted(true);
    });
  }, [wanted, running, mounted]);
  return mounted;
}

function Placeholder({ testId, children }: { testId: string; children: ReactNode }): ReactElement {
  return (
    <div className="placeholder" data-testid={testId} style={{ height: '100%', flexDirection: 'column', gap: 8, padding: '0 24px', textAlign: 'center' }}>
      {children}
    </div>
  );
}

/** What the view says while it is not created: waiting for idle, or why it waits for a click. */
function NotCreated({ probe, asked, onShow }: { probe: RendererProbe | null; asked: boolean; onShow: () => void }): ReactElement {
  if (asked) return <Placeholder testId="surface-3d-pending">Setting up the 3-D view…</Placeholder>;
  if (!probe || probe.kind === 'hardware') return <Placeholder testId="surface-3d-pending">3-D view starts when the page is idle…</Placeholder>;
  const why =
    probe.kind === 'software'
      ? 'This browser draws WebGL in software (no GPU): the 3-D view is slow here and keeps the processor busy.'
      : 'This browser offered no WebGL context, which the 3-D view needs.';
  return (
    <Placeholder testId="surface-3d-offer">
      <p title={probe.renderer ?? undefined} style={{ margin: 0, maxWidth: '36em' }}>
        {why} The contour view shows the same surface.
      </p>
      <button type="button" data-testid="show-3d" onClick={onShow}>
        {probe.kind === 'software' ? 'Show 3-D view' : 'Try the 3-D view'}
      </button>
    </Placeholder>
  );
}

/**
 * The 3-D surface, created once the page is idle and the view visible. On a GPU it then appears by
 * itself; on a software renderer, or without WebGL, it waits for a click on "Show 3-D view".
 */
export function LazySurface3D(props: Surface3DProps): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const idle = useIdleAndVisible(host);
  const probe = useRendererProbe(idle);
  const [asked, setAsked] = useState(false);
  const mounted = useMountWhenNotRunning(probe !== null && (probe.kind === 'hardware' || asked));
  // made once per probe answer: the view reads it when its WebGL context is made
  const style = useMemo(() => renderStyle(probe?.kind ?? 'none'), [probe]);
  const notCreated = <NotCreated probe={probe} asked={asked} onShow={() => setAsked(true)} />;
  return (
    // a direct child of .view-body, which sizes it
    <div ref={host}>
      {mounted ? (
        <Suspense fallback={notCreated}>
          <Surface3D {...props} style={style} />
        </Suspense>
      ) : (
        notCreated
      )}
    </div>
  );
}
