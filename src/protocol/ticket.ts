/**
 * Every request the page sends the worker carries a ticket: a unique id and a generation that
 * counts requests of its kind. The newest generation of a kind is the only one whose result the
 * store applies, and the worker stops work whose generation a newer request of its kind replaced.
 */
import { z } from 'zod';

export const REQUEST_KINDS = [
  'backend',
  'problem',
  'surface',
  'run',
  'curvature',
  'escape',
  'pointCurvature',
  'netSurface',
  'interpolation',
  'training',
  'density',
  'minibatch',
  'hessian',
  'curvatureMatrix',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const ticketSchema = z.object({
  id: z.string().min(1).max(64),
  generation: z.int().min(1),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** The id names the kind and generation, so logs and keyed worker state read as what they are. */
export function makeTicket(kind: RequestKind, generation: number): Ticket {
  return { id: `${kind}-${generation}`, generation };
}
