/**
 * The page's end of a 3-D scene drawn in a worker (surface3d.worker.tsx): it makes a canvas in
 * `box`, hands it to the worker as an OffscreenCanvas, and from then on posts the surface, the
 * trajectories (as deltas, pathDelta.ts), the marker's iteration, the canvas' size and the camera
 * input (forwardedElement.ts). A new link makes a new canvas, so React's development double mount
 * never transfers one canvas twice.
 */
import type { SurfaceGrid } from '../ui/views/types';
import { eventFields, FORWARDED_EVENTS } from './forwardedElement';
import type { PathView } from './pathBuffer';
import { deltaBuffers, encodePaths } from './pathDelta';
import type { CanvasSize, FromSceneWorker, ToSceneWorker } from './sceneProtocol';
import type { RenderStyle } from './software-gl';

/** Whether this browser can hand a canvas to a worker (Safari before 16.4 cannot). */
export function canDrawInWorker(): boolean {
  return typeof Worker !== 'undefined' && typeof HTMLCanvasElement !== 'undefined' && typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function';
}

export interface LinkCallbacks {
  onLabels: (xy: number[]) => void;
  onFirstFrame: () => void;
  /** The worker could not draw: the page should draw the scene itself. */
  onError: (message: string) => void;
}

/** The pixels per css pixel the canvas is drawn at: the display's, within [1, 2] as on the main thread (react-three-fiber's default range). */
function drawingRatio(): number {
  return Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
}

export class SceneLink {
  private readonly worker: Worker;
  private readonly canvas: HTMLCanvasElement;
  private readonly observer: ResizeObserver;
  private readonly stopListening: () => void;
  /** The trajectories last posted: the next delta is taken against them. */
  private sent: readonly PathView[] | null = null;
  private iteration = Number.NaN;
  /** A surface waiting for the page's next frame, and that wait's handles. */
  private pendingSurface: { grid: SurfaceGrid; logScale: boolean } | null = null;
  private surfaceFrame = 0;
  private surfaceTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(box: HTMLElement, style: RenderStyle, callbacks: LinkCallbacks) {
    this.canvas = document.createElement('canvas');
    this.canvas.style.cssText = 'display: block; width: 100%; height: 100%; touch-action: none';
    box.appendChild(this.canvas);
    this.worker = new Worker(new URL('./surface3d.worker.tsx', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromSceneWorker>) => {
      const m = e.data;
      if (m.type === 'labels') callbacks.onLabels(m.xy);
      else if (m.type === 'first-frame') callbacks.onFirstFrame();
      else callbacks.onError(m.message);
    };
    this.worker.onerror = (e) => callbacks.onError(e.message || 'the 3-D view\'s worker failed to start');
    const offscreen = this.canvas.transferControlToOffscreen();
    this.post({ type: 'init', canvas: offscreen, size: this.size(), dpr: drawingRatio(), style }, [offscreen]);
    this.observer = new ResizeObserver(() => this.post({ type: 'resize', size: this.size() }));
    this.observer.observe(this.canvas);
    this.stopListening = this.forwardInput();
  }

  /**
   * Posts a surface once the page has drawn its next frame (a timer set from that frame's animation
   * callback runs after its paint). The page re-renders for a new surface (contours, colour bar,
   * charts) at the same moment; the worker's mesh and its software-GL frame, posted at once, took the
   * 2 cores from it (traces on 2 cores: the page's thread waited 48 of 60 ms for a core while
   * SwiftShader drew). The newest surface is posted; one still waiting is replaced.
   */
  surface(grid: SurfaceGrid, logScale: boolean): void {
    const waiting = this.pendingSurface !== null;
    this.pendingSurface = { grid, logScale };
    if (waiting) return;
    this.surfaceFrame = requestAnimationFrame(() => {
      this.surfaceTimer = setTimeout(() => {
        this.surfaceTimer = null;
        const next = this.pendingSurface;
        this.pendingSurface = null;
        if (next) this.post({ type: 'surface', ...next });
      }, 0);
    });
  }

  /** Posts what changed: the trajectories' delta when they are new objects, and the iteration. */
  drawn(trajectories: readonly PathView[], iteration: number): void {
    if (trajectories === this.sent && iteration === this.iteration) return;
    const paths = trajectories === this.sent ? null : encodePaths(this.sent, trajectories);
    this.sent = trajectories;
    this.iteration = iteration;
    this.post({ type: 'drawn', paths, iteration }, paths ? deltaBuffers(paths) : []);
  }

  dispose(): void {
    cancelAnimationFrame(this.surfaceFrame);
    if (this.surfaceTimer !== null) clearTimeout(this.surfaceTimer);
    this.stopListening();
    this.observer.disconnect();
    this.worker.terminate();
    this.canvas.remove();
  }

  private post(message: ToSceneWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private size(): CanvasSize {
    return { width: this.canvas.clientWidth, height: this.canvas.clientHeight };
  }

  /**
   * Posts the canvas' camera input. A drag's pointer is captured here, so its moves and its release
   * reach the canvas wherever they happen; moves with no button or touch down are not posted, since
   * the controls act only during a drag. The wheel's scrolling and the context menu are cancelled.
   */
  private forwardInput(): () => void {
    const stops = FORWARDED_EVENTS.map(([type, cancel]) => {
      const listener = (e: Event): void => {
        const pointer = e as PointerEvent;
        if (cancel) e.preventDefault();
        if (type === 'pointermove' && pointer.buttons === 0) return;
        if (type === 'pointerdown') this.canvas.setPointerCapture(pointer.pointerId);
        this.post({ type: 'event', fields: eventFields(pointer) });
      };
      this.canvas.addEventListener(type, listener, { passive: !cancel });
      return () => this.canvas.removeEventListener(type, listener);
    });
    return () => stops.forEach((stop) => stop());
  }
}
