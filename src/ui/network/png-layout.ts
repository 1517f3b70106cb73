/** The arithmetic of a PNG export, apart from the canvas: where legend entries go, what a CSS gradient's stops are. */

export interface LegendEntry {
  label: string;
  color: string;
}

export interface LegendItem extends LegendEntry {
  /** Left edge of the swatch and the row's middle, from the legend's top-left. */
  x: number;
  y: number;
}

export interface LegendLayout {
  items: LegendItem[];
  height: number;
  swatch: number;
}

const PAD = 8;
const ROW = 18;
const SWATCH = 18;
const GAP = 16;

/** Entries left to right, wrapping to a new row when the next would pass `width`; no entries, no height. */
export function legendLayout(entries: readonly LegendEntry[], width: number, textWidth: (t: string) => number): LegendLayout {
  const items: LegendItem[] = [];
  let x = PAD;
  let row = 0;
  for (const e of entries) {
    const w = SWATCH + 5 + textWidth(e.label);
    if (x > PAD && x + w > width - PAD) {
      row++;
      x = PAD;
    }
    items.push({ ...e, x, y: PAD + row * ROW + ROW / 2 });
    x += w + GAP;
  }
  return { items, height: entries.length ? 2 * PAD + (row + 1) * ROW : 0, swatch: SWATCH };
}

export interface Gradient {
  direction: 'to top' | 'to bottom' | 'to left' | 'to right';
  stops: { color: string; offset: number }[];
}

/** A computed `linear-gradient(...)` with percentage stops (as getComputedStyle writes it), or null. */
export function parseGradient(css: string): Gradient | null {
  const m = /linear-gradient\((.*)\)\s*$/.exec(css.trim());
  if (!m) return null;
  const body = m[1];
  const dir = /^\s*(to (?:top|bottom|left|right))\s*,/.exec(body);
  const stops = [...body.matchAll(/(rgba?\([^)]*\)|#[0-9a-f]{3,8})\s+(-?[\d.]+)%/gi)].map((s) => ({ color: s[1], offset: Math.min(1, Math.max(0, Number(s[2]) / 100)) }));
  if (stops.length < 2) return null;
  return { direction: (dir?.[1] as Gradient['direction']) ?? 'to bottom', stops };
}
