/**
 * Every 2-D canvas on the page (uPlot charts, scatter, heatmap, density) is small, so it is drawn
 * on the CPU: a GPU-backed 2-D canvas waits at each frame for the GPU process to catch up, and with
 * software GL (no GPU, or a busy one rendering the 3D view) that wait froze the main thread for
 * 200-600 ms during runs. `willReadFrequently` is the standard hint that keeps a 2-D canvas in
 * memory. uPlot creates its canvases itself, so the default is set where contexts are made.
 */
export function preferCpuCanvas2d(): void {
  const proto = HTMLCanvasElement.prototype;
  const getContext = proto.getContext;
  proto.getContext = function (this: HTMLCanvasElement, type: string, attributes?: unknown) {
    const attrs = type === '2d' ? { willReadFrequently: true, ...(attributes as object | undefined) } : attributes;
    return Reflect.apply(getContext, this, [type, attrs]) as RenderingContext | null;
  } as typeof proto.getContext;
}
