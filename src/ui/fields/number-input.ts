/**
 * Reading what a person typed into a number or list field. Pure, so the rules are tested in Node;
 * the field keeps the text as typed and shows the message instead of replacing the text.
 */

export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Number(text) but strict: no empty text, no hex or binary, no trailing garbage, finite only. */
function strictNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

function describe(v: number): string {
  return Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential().replace('e+', 'e') : String(v);
}

/** The value in `text` when it is a number inside `range`; otherwise what is wrong, in words. */
export function parseNumberInput(text: string, range: NumberRange = {}): Parsed<number> {
  if (text.trim() === '') return { ok: false, message: 'enter a number' };
  const v = strictNumber(text);
  if (v === null) return { ok: false, message: `"${text.trim()}" is not a number` };
  if (range.integer && !Number.isInteger(v)) return { ok: false, message: 'enter a whole number' };
  if (range.min !== undefined && v < range.min) return { ok: false, message: `at least ${describe(range.min)}` };
  if (range.max !== undefined && v > range.max) return { ok: false, message: `at most ${describe(range.max)}` };
  return { ok: true, value: v };
}

export interface ListRange {
  /** Bounds of each entry (whole numbers). */
  min: number;
  max: number;
  /** Most entries allowed. */
  maxCount: number;
}

/** Comma-separated whole numbers, e.g. hidden widths `8,8`; empty text is the empty list. */
export function parseIntegerList(text: string, range: ListRange): Parsed<number[]> {
  const t = text.trim();
  if (t === '') return { ok: true, value: [] };
  const parts = t.split(',').map((p) => p.trim());
  if (parts.length > range.maxCount) return { ok: false, message: `at most ${range.maxCount} entries, got ${parts.length}` };
  const out: number[] = [];
  for (const p of parts) {
    const v = strictNumber(p);
    if (p === '' || v === null || !Number.isInteger(v)) return { ok: false, message: `"${p}" is not a whole number` };
    if (v < range.min || v > range.max) return { ok: false, message: `${p} is outside ${range.min}..${range.max}` };
    out.push(v);
  }
  return { ok: true, value: out };
}
