/**
 * The curvature-matrix request: the Hessian beside the generalised Gauss-Newton matrix at one
 * point of a network, both ends of each spectrum by Lanczos and the angle between their top
 * eigenvectors (src/core/curvature/compare.ts).
 */
import { z } from 'zod';
import type { CurvatureComparison } from '../core/curvature/compare';
import { pointRefSchema, runIdsSchema } from './network';
import { count, measured, measuredList } from './numbers';
import { ticketSchema } from './ticket';

export const curvatureMatrixRequestSchema = ticketSchema.extend({
  held: runIdsSchema,
  at: pointRefSchema,
  /** Eigenvalues at each end of each spectrum. */
  k: z.int().min(1).max(20),
  tol: z.number().min(1e-8).max(1e-1),
  seed: z.int(),
});
export type CurvatureMatrixRequest = z.infer<typeof curvatureMatrixRequestSchema>;

export const curvatureMatrixReportSchema = z.object({
  hessianTop: measuredList,
  hessianBottom: measuredList,
  ggnTop: measuredList,
  ggnBottom: measuredList,
  topAngleDegrees: measured,
  topGap: measured,
  hvps: count,
  ggnvps: count,
  converged: z.boolean(),
  dim: z.int().min(1),
  at: pointRefSchema,
}) satisfies z.ZodType<CurvatureComparison>;
export type CurvatureMatrixReport = z.infer<typeof curvatureMatrixReportSchema>;

export interface CurvatureMatrixApi {
  /** H and G at the same point; fails where the loss offers no Gauss-Newton product. */
  curvatureMatrix(request: CurvatureMatrixRequest): Promise<CurvatureMatrixReport>;
}
