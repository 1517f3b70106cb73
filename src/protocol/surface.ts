/** The explorer's surface: the loss on a grid over the problem's window (or a given one). */
import { z } from 'zod';
import { LIMITS } from '../core/limits';
import { measuredTable } from './number-lists';
import { measuredList } from './numbers';
import { domainSchema } from './problem';
import { ticketSchema } from './ticket';

/** Loss sampled on a plane: `values[j][i]` is the loss at (xs[i], ys[j]). */
export interface SurfaceGrid {
  xs: number[];
  ys: number[];
  values: number[][];
}

export const surfaceGridSchema = z
  .object({
    xs: measuredList,
    ys: measuredList,
    /** NaN and +-Infinity where the loss is not finite (drawn as gaps). */
    values: measuredTable,
  })
  .refine((g) => g.values.length === g.ys.length && g.values.every((row) => row.length === g.xs.length), { error: 'values is not a ys x xs grid', path: ['values'] }) satisfies z.ZodType<SurfaceGrid>;

export const surfaceRequestSchema = ticketSchema.extend({
  /** Points per side. */
  resolution: z.int().min(2).max(LIMITS.grid),
  /** Plane coordinates; the problem's own window when absent. */
  domain: domainSchema.optional(),
});
export type SurfaceRequest = z.infer<typeof surfaceRequestSchema>;
