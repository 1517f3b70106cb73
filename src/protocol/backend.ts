/** Starting a TF.js backend in the worker: the request, and what the worker answers. */
import { z } from 'zod';
import { BACKEND_REQUESTS, type BackendRequest } from '../state/problem-spec';
import { ticketSchema } from './ticket';

/** One backend's probe: median and samples of the timed gradients, or why it was not timed. */
export const probeRowSchema = z.object({
  backend: z.string(),
  median: z.number().nullable(),
  samples: z.array(z.number()),
  note: z.string().optional(),
});
export type ProbeRow = z.infer<typeof probeRowSchema>;

/** auto's earlier measurement in this browser: its choice is reused instead of timing again. */
export const cachedChoiceSchema = z.object({
  backend: z.enum(['webgpu', 'webgl', 'wasm', 'cpu']),
  probes: z.array(probeRowSchema),
  measuredAt: z.string(),
});
export type CachedChoice = z.infer<typeof cachedChoiceSchema>;

export const backendInitRequestSchema = ticketSchema.extend({
  request: z.enum(BACKEND_REQUESTS),
  cached: cachedChoiceSchema.nullable(),
});
export type BackendInitRequest = z.infer<typeof backendInitRequestSchema>;

export const backendInfoSchema = z.object({
  backend: z.string(),
  requested: z.enum(BACKEND_REQUESTS),
  /** Why this backend: auto's reasoning, or why a request fell back. */
  reason: z.string(),
  /** Set when the requested backend could not be used (or its device was lost). */
  fallback: z.string().optional(),
  /** auto's measurements, one row per candidate. */
  probes: z.array(probeRowSchema).optional(),
  /** Set when auto reused a measurement cached in this browser. */
  cachedFrom: z.string().optional(),
});
export interface BackendInfo {
  backend: string;
  requested: BackendRequest;
  reason: string;
  fallback?: string;
  probes?: ProbeRow[];
  cachedFrom?: string;
}
