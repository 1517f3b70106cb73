import { interpolateRdBu } from 'd3-scale-chromatic';
import { entryOptimizer, entryVariant } from '../state/optimizer-entries';
import { clamp01, viridisCss } from './views/viridis';

export { viridisCss };

/** An RGB colour with channels in [0, 1], the form three.js vertex colours take. */
export type Rgb = [number, number, number];

/**
 * One fixed colour per registered optimizer, whatever is ticked and in which order: Okabe & Ito
 * (2008) colour-blind safe set (its yellow left out: too pale on white) with Paul Tol's muted
 * scheme, then its bright and dark ones (Tol 2021, "Colour Schemes", SRON/EPS/TN/09-002), chosen so
 * every pair stays at least 10 CIELAB units apart under simulated deuteranopia and protanopia
 * (colormap.test.ts). The default comparison (gradient descent, Newton, L-BFGS, Hessian-free)
 * gets blue, vermillion, orange and black.
 */
export const OPTIMIZER_COLORS: Readonly<Record<string, string>> = {
  sgd: '#0072b2',
  momentum: '#56b4e9',
  nesterov: '#332288',
  adam: '#009e73',
  sam: '#117733',
  pgd: '#bbbbbb',
  adahessian: '#882255',
  newton: '#d55e00',
  'saddle-free-newton': '#cc79a7',
  bfgs: '#999933',
  lbfgs: '#e69f00',
  'hessian-free': '#000000',
  'lowrank-newton': '#ddcc77',
  kfac: '#ee6677',
  shampoo: '#88ccee',
  sophia: '#225522',
  'natural-gradient': '#aa3377',
  'levenberg-marquardt': '#222255',
};

/** Colour of a registered optimizer, by name; a name without one gets Tol's pale grey. */
export function optimizerColor(name: string): string {
  return OPTIMIZER_COLORS[name] ?? '#888888';
}

/** sRGB luminance of a colour, 0 (black) to 1 (white): which way a variant's shade has room to move. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Colour of an optimizer entry (state/optimizer-entries.ts): its optimizer's colour for the first
 * entry; for the k-th, that colour mixed 1 - 2^(1-k) of the way to white (dark colours) or black
 * (light ones). Lightness is what survives colour-blindness, so a variant stays apart from its
 * optimizer's line under deuteranopia and protanopia too (colormap.test.ts), and the colour depends
 * on the entry id alone, not on tick order.
 */
export function entryColor(entry: string): string {
  const base = optimizerColor(entryOptimizer(entry));
  const k = entryVariant(entry);
  if (!(k >= 2)) return base;
  const c = parseColor(base);
  const t = 1 - 2 ** (1 - k);
  const lighter = luminance(c) < 0.18;
  return hex(c.map((v) => (lighter ? v + (1 - v) * t : v * (1 - t))) as Rgb);
}

/** Data classes: Okabe & Ito (2008) without its pale yellow, then Tol's muted wine, teal and olive: ten distinct. */
const CLASS_PALETTE: readonly string[] = ['#e69f00', '#56b4e9', '#009e73', '#0072b2', '#d55e00', '#cc79a7', '#000000', '#882255', '#44aa99', '#999933'];

/** Colour of the `index`-th class, cycling through the palette so any count works. */
export function classColor(index: number): string {
  const n = CLASS_PALETTE.length;
  return CLASS_PALETTE[((Math.floor(index) % n) + n) % n];
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

/** d3's viridis is a ramp of this many colours: `t` picks entry floor(t n), clamped to the last. */
const VIRIDIS_STEPS = 256;
let viridisTable: Float32Array | null = null;

/**
 * Writes viridis at `t` as RGB in [0, 1] into out[at], out[at + 1], out[at + 2], for vertex
 * colours: d3's colour for `t`, from a table of its 256 parsed once, since formatting and parsing a
 * CSS colour per vertex was most of the 3-D surface's set-up (6,561 vertices for an 81 x 81 grid).
 */
export function viridisInto(t: number, out: Float32Array, at: number): void {
  viridisTable ??= Float32Array.from({ length: 3 * VIRIDIS_STEPS }, (_, k) => parseColor(viridisCss((Math.floor(k / 3) + 0.5) / VIRIDIS_STEPS))[k % 3]);
  const k = 3 * Math.min(VIRIDIS_STEPS - 1, Math.floor(clamp01(t) * VIRIDIS_STEPS));
  out[at] = viridisTable[k];
  out[at + 1] = viridisTable[k + 1];
  out[at + 2] = viridisTable[k + 2];
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
