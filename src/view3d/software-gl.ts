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
 * How the 3-D view draws on a renderer. A CPU rasteriser pays for every sample, vertex and pixel
 * shaded, and where the page is composited in software (Chromium's default without a GPU) the main
 * thread waits for each WebGL frame to be drawn and read back. There, with MSAA, wide lines and
 * per-pixel lighting, one frame of 17 optimizers' paths held the main thread 200-600 ms (SwiftShader,
 * 2 cores); on SwiftShader compositing as on a GPU, 4x MSAA alone doubled the GPU process's CPU over
 * a camera drag (8.1 s against 4.1 s). GPUs keep all three.
 */
export interface RenderStyle {
  /** A multisampled (antialiased) canvas. */
  antialias: boolean;
  /** Trajectories as wide lines with a white halo (three's LineSegments2: a quad per segment and pass), else as 1-pixel GL lines without the halo. */
  wideLines: boolean;
  /** The surface lit per pixel (MeshStandardMaterial), else its diffuse light baked into the vertex colours once per surface (sceneLights.ts). */
  pixelLighting: boolean;
}

export function renderStyle(kind: RendererKind): RenderStyle {
  const gpu = kind === 'hardware';
  return { antialias: gpu, wideLines: gpu, pixelLighting: gpu };
}
