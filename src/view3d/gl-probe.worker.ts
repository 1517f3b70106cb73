/**
 * Asks for a WebGL context on an OffscreenCanvas and reports its renderer string, or null when none
 * can be made. It runs in a worker because on a software renderer even this first context blocks
 * its thread for as long as the GPU process is busy with a frame (seconds on a loaded machine).
 */
function rendererName(): string | null {
  const canvas = new OffscreenCanvas(1, 1);
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  // the context goes with the worker, which the page ends on this answer
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

postMessage({ renderer: rendererName() });
