/** Loading a problem in the worker: the chosen problem as a schema, uploaded data, and what the worker reports back. */
import { z } from 'zod';
import type { DirectionInfo } from '../core/landscape/directions';
import { LIMITS } from '../core/limits';
import { ACTIVATIONS, LOSSES } from '../core/problem/problem';
import { DATASETS, type NetworkArchitecture, type ProblemSpec } from '../state/problem-spec';
import { directionInfoSchema } from './network';
import { idxUploadSchema, modelProblemSpecSchema, type IdxUpload } from './model-problem';
import { ticketSchema } from './ticket';

const architectureFields = {
  hidden: z.array(z.int().min(1).max(64)).max(4),
  activation: z.enum(ACTIVATIONS),
  loss: z.enum(LOSSES),
  weightDecay: z.number().min(0).max(1),
  initSeed: z.int(),
};

/** One schema for a problem, whether it comes from a link, the worker's inbox or a test. */
export const problemSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('function'), name: z.string().min(1).max(64) }),
  z.object({
    kind: z.literal('dataset'),
    dataset: z.enum(DATASETS),
    n: z.int().min(8).max(2000),
    noise: z.number().min(0).max(2),
    seed: z.int(),
    ...architectureFields,
  }),
  z.object({ kind: z.literal('custom'), name: z.string().max(256), source: z.enum(['csv', 'problem-file']) }),
  modelProblemSpecSchema,
]) satisfies z.ZodType<ProblemSpec>;

/** Uploaded data travels as text; the worker parses it so parsing never blocks the page. */
export const customProblemDataSchema = z.object({
  source: z.enum(['csv', 'problem-file']),
  name: z.string().max(256),
  text: z.string().max(LIMITS.fileBytes),
  /** Architecture for CSV data (a problem file carries its own). */
  architecture: z.object(architectureFields).optional(),
}) satisfies z.ZodType<{ architecture?: NetworkArchitecture }>;
export type CustomProblemData = z.infer<typeof customProblemDataSchema>;

export const problemRequestSchema = ticketSchema.extend({
  spec: problemSpecSchema,
  custom: customProblemDataSchema.optional(),
  /** Fashion-MNIST's uploaded IDX files, for a model problem on them. */
  idx: idxUploadSchema.optional(),
});
export interface ProblemRequest {
  id: string;
  generation: number;
  spec: ProblemSpec;
  custom?: CustomProblemData;
  idx?: IdxUpload;
}

export type Domain = { x: [number, number]; y: [number, number] };
const pair = z.tuple([z.number(), z.number()]);
export const domainSchema = z.object({ x: pair, y: pair });

export interface ProblemInfo {
  key: string;
  label: string;
  /** Parameters of the objective (2 for test functions). */
  dim: number;
  network: boolean;
  /** Plane coordinates of the default start. */
  start: [number, number];
  /** Window the surface is drawn over, in plane coordinates. */
  domain: Domain;
  /** Suggested log scale for the surface. */
  logScale: boolean;
  /** Data points for the small preview plot of network problems with one or two inputs. */
  data?: { X: number[][]; y: number[] };
  /** Networks: training rows (a mini-batch holds at most this many). */
  rows?: number;
  /** Known minima / critical points for 2-D functions. */
  minima?: [number, number][];
  formula?: string;
  /** Networks: how the drawing plane was chosen (method, citation, seed). */
  plane?: DirectionInfo;
}

export const problemInfoSchema = z.object({
  key: z.string(),
  label: z.string(),
  dim: z.int().min(1),
  network: z.boolean(),
  start: pair,
  domain: domainSchema,
  logScale: z.boolean(),
  data: z.object({ X: z.array(z.array(z.number())), y: z.array(z.number()) }).optional(),
  rows: z.int().min(1).optional(),
  minima: z.array(pair).optional(),
  formula: z.string().optional(),
  plane: directionInfoSchema.optional(),
}) satisfies z.ZodType<ProblemInfo>;

export type ProblemLoad = { ok: true; info: ProblemInfo } | { ok: false; error: string };
export const problemLoadSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), info: problemInfoSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** A look at uploaded data before anything else: parsing needs no tensor backend, so a bad file is answered at once. */
export const uploadCheckRequestSchema = ticketSchema.extend({ custom: customProblemDataSchema });
export type UploadCheckRequest = z.infer<typeof uploadCheckRequestSchema>;
export type UploadCheck = { ok: true } | { ok: false; error: string };
export const uploadCheckSchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: z.string() })]) satisfies z.ZodType<UploadCheck>;
