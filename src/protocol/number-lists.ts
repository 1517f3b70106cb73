/**
 * Long lists of numbers in worker results (a surface's 81 x 81 losses, a decision grid's 40,000
 * classes and confidences), checked in one loop each instead of one zod schema per element: per
 * element, zod's checks of an 81 x 81 surface showed as tens of milliseconds inside the page's
 * long task when a surface arrived (CPU profile at load ~20). The same values pass and fail as
 * with `measured` and `count` (numbers.ts), and the first bad one is named by its index.
 */
import { z } from 'zod';

/** An array whose every entry passes `ok`; the first that does not is reported at its index. */
function listOf(ok: (v: unknown) => boolean, message: string): z.ZodType<number[]> {
  return z.custom<number[]>((v) => Array.isArray(v), { error: 'expected an array' }).superRefine((v, ctx) => {
    for (let k = 0; k < v.length; k++) {
      if (!ok(v[k])) {
        ctx.addIssue({ code: 'custom', message, path: [k] });
        return;
      }
    }
  });
}

/** Numbers, NaN and +-Infinity included (as `measuredList`). */
export const measuredArray: z.ZodType<number[]> = listOf((v) => typeof v === 'number', 'expected a number');

/** Integers >= 0 (as z.array(count)). */
export const countArray: z.ZodType<number[]> = listOf((v) => Number.isInteger(v) && (v as number) >= 0, 'expected an integer >= 0');

/** Rows of numbers, NaN and +-Infinity included. */
export const measuredTable: z.ZodType<number[][]> = z.array(measuredArray);
