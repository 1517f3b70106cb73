import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

/** An RGB colour with channels in [0, 1], the form three.js vertex colours take. */
export type Rgb = [number, number, number];

/**
 * Distinguishable on white and on viridis: Okabe & Ito (2008) colour-blind safe set,
 * reordered so the first few (the usual comparison) differ most.
 */
const OPTIMIZER_PALETTE: readonly string[] = [
  '#e4572e',
  '#0072b2',
  '#d81b9c',
  '#f0a202',
  '#009e73',
  '#6a3d9a',
  '#56b4e9',
  '#8c564b',
  '#222222',
  '#cc79a7',
];

/** Colour of the `index`-th optimizer, cycling through the palette so any count works. */
export function optimizerColor(index: number): string {
  const n = OPTIMIZER_PALETTE.length;
  return OPTIMIZER_PALETTE[((Math.floor(index) % n) + n) % n];
}

function clamp01(t: number): number {
  if (!Number.isFinite(t)) return 0;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Parses `#rgb`, `#rrggbb` or `rgb(r, g, b)` (what d3-scale-chromatic returns) into [0, 1] channels. */
export function parseColor(color: string): Rgb {
  const c = color.trim();
  if (c.startsWith('#')) {
    const hex = c.length === 4 ? c.slice(1).split('').map((h) => h + h).join('') : c.slice(1, 7);
    const v = parseInt(hex, 16);
    return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
  }
  const m = c.match(/rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/);
  if (m) return [Number(m[1]) / 255, Number(m[2]) / 255, Number(m[3]) / 255];
  throw new Error(`parseColor: unsupported colour "${color}"`);
}

/** Viridis at `t` in [0, 1] (clamped; NaN maps to the low end) as a CSS colour. */
export function viridisCss(t: number): string {
  return interpolateViridis(clamp01(t));
}

/** Viridis at `t` as RGB in [0, 1] for vertex colours. */
export function viridisRgb(t: number): Rgb {
  return parseColor(viridisCss(t));
}

/** Largest finite |value|, the half-range that makes a diverging map symmetric around 0. */
export function maxAbsFinite(values: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < values.length; k++) {
    const a = Math.abs(values[k]);
    if (Number.isFinite(a) && a > m) m = a;
  }
  return m;
}

/**
 * Diverging colour for a signed value, symmetric around 0: negative red, zero white,
 * positive blue (RdBu runs red -> blue as its argument goes 0 -> 1).
 */
export function divergingCss(value: number, maxAbs: number): string {
  const t = maxAbs > 0 && Number.isFinite(value) ? 0.5 + (0.5 * value) / maxAbs : 0.5;
  return interpolateRdBu(clamp01(t));
}

/** `rgba(...)` string of a colour with the given opacity, for translucent fills. */
export function withAlpha(color: string, alpha: number): string {
  const [r, g, b] = parseColor(color);
  return `rgba(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)}, ${alpha})`;
}
