import { rendererKind, type RendererKind } from './software-gl';

export interface RendererProbe {
  kind: RendererKind;
  /** The renderer string, when the probe got one. */
  renderer: string | null;
}

let probe: Promise<RendererProbe> | null = null;

/**
 * What WebGL the 3-D view would get, asked once per page in a worker so the main thread never
 * waits on the GPU process for it. Without OffscreenCanvas (older Safari) nothing can be asked
 * off the main thread: the answer is then 'hardware', which creates the view as before.
 */
export function probeRenderer(): Promise<RendererProbe> {
  if (probe) return probe;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    probe = Promise.resolve({ kind: 'hardware', renderer: null });
    return probe;
  }
  probe = new Promise<RendererProbe>((resolve) => {
    const worker = new Worker(new URL('./gl-probe.worker.ts', import.meta.url), { type: 'module' });
    const done = (result: RendererProbe): void => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (e: MessageEvent<{ renderer: string | null }>) => done({ kind: rendererKind(e.data.renderer), renderer: e.data.renderer });
    // a worker that cannot start says nothing about WebGL: behave as before the probe
    worker.onerror = () => done({ kind: 'hardware', renderer: null });
  });
  return probe;
}
