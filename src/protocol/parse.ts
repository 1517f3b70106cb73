/** The worker's inbox check: a request that does not match its schema is refused with one line naming the field. */
import type { z } from 'zod';

export class InvalidRequestError extends Error {
  constructor(what: string, path: string, message: string) {
    super(`invalid ${what} request: ${path || '(root)'}: ${message}`);
    this.name = 'InvalidRequestError';
  }
}

export function parseRequest<T>(what: string, schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new InvalidRequestError(what, issue.path.join('.'), issue.message);
}
