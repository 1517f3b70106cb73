/** Class regions as pixels: each grid cell takes its class colour, paler where the network is less sure. */

/** '#rrggbb' to [r, g, b]. */
export function hexRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1, 7), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * RGBA bytes for a res x res grid whose rows run up the y axis, flipped so the image's first row is
 * the top (largest y). Opacity grows from 0.15 at chance (1/K) to 0.55 at certainty.
 */
export function regionPixels(classes: readonly number[], confidence: readonly number[], nx: number, ny: number, classCount: number, color: (cls: number) => string): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(nx * ny * 4));
  const chance = 1 / classCount;
  // each class's colour parsed once, not once per cell
  const palette = Array.from({ length: classCount }, (_, c) => hexRgb(color(c)));
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const [r, g, b] = palette[classes[k]] ?? hexRgb(color(classes[k]));
      const sure = Math.min(1, Math.max(0, (confidence[k] - chance) / (1 - chance)));
      const o = ((ny - 1 - j) * nx + i) * 4;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = Math.round(255 * (0.15 + 0.4 * sure));
    }
  }
  return out;
}

/** The data's bounding box with a margin, so the boundary shows a little beyond the outermost points. */
export function dataDomain(X: readonly number[][], margin = 0.1): { x: [number, number]; y: [number, number] } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of X) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (!(x1 >= x0 && y1 >= y0)) return { x: [-1, 1], y: [-1, 1] };
  const mx = (x1 - x0 || 1) * margin;
  const my = (y1 - y0 || 1) * margin;
  return { x: [x0 - mx, x1 + mx], y: [y0 - my, y1 + my] };
}
