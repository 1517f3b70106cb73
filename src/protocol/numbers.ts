/**
 * Numbers in the worker's results, and the ranges of numeric request fields.
 *
 * Results cross from the worker to the page by structured clone (postMessage through comlink),
 * which keeps NaN and +-Infinity as numbers: a diverged loss, a trace's standard error after one
 * probe, a condition number with a zero eigenvalue. Only the CLI's JSON writes them as strings.
 * zod's z.number() refuses non-finite values, so measured quantities use `measured`.
 */
import { z } from 'zod';

/** Any number, NaN and +-Infinity included: what a measurement may honestly come out as. */
export const measured = z.custom<number>((v) => typeof v === 'number', { error: 'expected a number' });

/** A count of products, steps, probes or rows. */
export const count = z.int().min(0);

export const measuredList = z.array(measured);

export interface SchemaBounds {
  min: number;
  max: number;
  integer: boolean;
}

/**
 * The inclusive range a zod number schema states, so a number field, a link and the worker's
 * inbox check one range. A setting must state both ends, inclusively: an open or missing end is
 * an error here rather than a field with no limit.
 */
export function schemaBounds(schema: z.ZodNumber): SchemaBounds {
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; inclusive?: boolean };
    if ((def.check === 'greater_than' || def.check === 'less_than') && def.inclusive === false) throw new Error(`an exclusive bound (${def.check}) has no inclusive end to show`);
  }
  const min = schema.minValue;
  const max = schema.maxValue;
  const integer = schema.isInt;
  const open = (v: number | null): boolean => v === null || !Number.isFinite(v) || (integer && Math.abs(v) >= Number.MAX_SAFE_INTEGER);
  if (open(min) || open(max)) throw new Error('a setting needs both ends of its range stated');
  return { min: min as number, max: max as number, integer };
}
