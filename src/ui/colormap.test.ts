import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../core/optim/registry';
import { divergingCss, entryColor, maxAbsFinite, OPTIMIZER_COLORS, optimizerColor, parseColor, viridisCss, viridisInto, withAlpha, type Rgb } from './colormap';

/** Linear-RGB colour-vision-deficiency matrices of Machado, Oliveira & Fernandes (2009), severity 1. */
const NORMAL = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const DEUTERANOPIA = [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881];
const PROTANOPIA = [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998];

const toLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function simulate(c: Rgb, m: number[]): Rgb {
  const l = c.map(toLinear);
  return [0, 1, 2].map((i) => Math.min(1, Math.max(0, m[3 * i] * l[0] + m[3 * i + 1] * l[1] + m[3 * i + 2] * l[2]))) as Rgb;
}

/** CIELAB (D65) of a linear-RGB colour. */
function toLab([r, g, b]: Rgb): [number, number, number] {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

describe('colormap', () => {
  it('viridis ends at the published endpoints #440154 and #fde725', () => {
    expect(viridisCss(0)).toBe('#440154');
    expect(viridisCss(1)).toBe('#fde725');
    expect(viridisCss(-3)).toBe('#440154');
    expect(viridisCss(Number.NaN)).toBe('#440154');
    const rgb = new Float32Array(3);
    viridisInto(1, rgb, 0);
    expect(Array.from(rgb, (v) => Math.round(v * 255))).toEqual([0xfd, 0xe7, 0x25]);
  });

  it("viridisInto writes d3's colour for every t, including each ramp step's edges and values outside [0, 1], at the offset given", () => {
    const ts = [-1, Number.NaN, 2, ...Array.from({ length: 1025 }, (_, k) => k / 1024), ...Array.from({ length: 256 }, (_, k) => k / 256 - 1e-9)];
    const out = new Float32Array(3 * ts.length);
    ts.forEach((t, n) => viridisInto(t, out, 3 * n));
    ts.forEach((t, n) => {
      const want = parseColor(viridisCss(t));
      want.forEach((v, c) => expect(out[3 * n + c]).toBeCloseTo(v, 6));
    });
  });

  it('parses hex and rgb() colours into [0, 1] channels', () => {
    expect(parseColor('#ff8000')).toEqual([1, 128 / 255, 0]);
    expect(parseColor('#0f0')).toEqual([0, 1, 0]);
    expect(parseColor('rgb(255, 0, 51)')).toEqual([1, 0, 0.2]);
    expect(() => parseColor('teal')).toThrow(/unsupported/);
    expect(withAlpha('#ff0000', 0.5)).toBe('rgba(255, 0, 0, 0.5)');
  });

  it('diverging map is near-white at 0, red below and blue above (RdBu), clamped at +-max', () => {
    const [r0, g0, b0] = parseColor(divergingCss(0, 3));
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(0.9);
    const [rn, , bn] = parseColor(divergingCss(-3, 3));
    expect(rn).toBeGreaterThan(bn + 0.2);
    const [rp, , bp] = parseColor(divergingCss(3, 3));
    expect(bp).toBeGreaterThan(rp + 0.2);
    expect(divergingCss(-30, 3)).toBe(divergingCss(-3, 3));
    expect(divergingCss(1, 0)).toBe(divergingCss(0, 3));
  });

  it('every registered optimizer has its own colour, fixed by name and distinct from the others', () => {
    const colors = OPTIMIZERS.map((o) => optimizerColor(o.name));
    expect(OPTIMIZERS.length).toBeGreaterThanOrEqual(13);
    expect(OPTIMIZERS.every((o) => o.name in OPTIMIZER_COLORS)).toBe(true);
    expect(new Set(colors).size).toBe(OPTIMIZERS.length);
    // stable: the colour is a function of the name, not of tick order
    expect(optimizerColor('lbfgs')).toBe('#e69f00');
    expect([...OPTIMIZERS].reverse().map((o) => optimizerColor(o.name)).reverse()).toEqual(colors);
  });

  it('optimizer colours stay apart for colour-blind readers: CIELAB distance >= 10 in normal vision and simulated deuteranopia and protanopia', () => {
    // every colour the map holds, registered yet or not
    const colors = Object.values(OPTIMIZER_COLORS).map(parseColor);
    for (const sim of [NORMAL, DEUTERANOPIA, PROTANOPIA]) {
      const lab = colors.map((c) => toLab(simulate(c, sim)));
      let closest = Infinity;
      for (let i = 0; i < lab.length; i++) for (let j = i + 1; j < lab.length; j++) closest = Math.min(closest, Math.hypot(lab[i][0] - lab[j][0], lab[i][1] - lab[j][1], lab[i][2] - lab[j][2]));
      expect(closest).toBeGreaterThanOrEqual(10);
    }
  });

  it('a second and third entry of one optimizer get shades of its colour, apart from it and each other for colour-blind readers too', () => {
    const distance = (a: Rgb, b: Rgb, sim: number[]): number => {
      const [p, q] = [toLab(simulate(a, sim)), toLab(simulate(b, sim))];
      return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
    };
    for (const o of OPTIMIZERS) {
      const shades = [o.name, `${o.name}~2`, `${o.name}~3`].map((e) => parseColor(entryColor(e)));
      expect(entryColor(o.name)).toBe(optimizerColor(o.name));
      for (const sim of [NORMAL, DEUTERANOPIA, PROTANOPIA])
        for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(distance(shades[i], shades[j], sim), `${o.name}: entries ${i + 1} and ${j + 1}`).toBeGreaterThanOrEqual(10);
    }
    // Hessian-free's black: its second entry is the grey halfway to white, whatever else is ticked
    expect(entryColor('hessian-free~2')).toBe('#808080');
  });

  it('maxAbsFinite ignores non-finite entries', () => {
    expect(maxAbsFinite(new Float64Array([1, -7.5, Number.NaN, Number.NEGATIVE_INFINITY, 3]))).toBe(7.5);
    expect(maxAbsFinite([])).toBe(0);
  });
});
