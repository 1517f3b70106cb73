/**
 * Which WebGL the 3-D view would get. A renderer that rasterises on the CPU (SwiftShader, Mesa's
 * llvmpipe / softpipe, Windows' Basic Render Driver) answers the page's synchronous WebGL calls
 * only between its own frames: on a loaded 2-core machine creating the 3-D view there held the main
 * thread 5.5-12.8 s (issue 9), so on such a renderer the view waits for a click.
 */
export type RendererKind = 'hardware' | 'software' | 'none';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render driver|mesa offscreen/i;

/** Classifies a WebGL renderer string (WEBGL_debug_renderer_info's UNMASKED_RENDERER_WEBGL, else RENDERER); null means no WebGL context could be made. */
export function rendererKind(renderer: string | null): RendererKind {
  if (renderer === null) return 'none';
  return SOFTWARE_RENDERER.test(renderer) ? 'software' : 'hardware';
}

/**
 * Whether the 3-D view asks for a multisampled (antialiased) canvas. A CPU rasteriser pays for
 * every sample: on SwiftShader (2 cores) a camera drag's frames took 8.1 s of the GPU process's CPU
 * with 4x MSAA and 4.1 s without, CPU the page's main thread then waited for. Where WebGL runs in
 * software the edges are left unsmoothed.
 */
export function multisampled(kind: RendererKind): boolean {
  return kind === 'hardware';
}
