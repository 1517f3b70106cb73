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

/** The page's inbox check: a worker result that does not have the shape its views read. */
export class InvalidResultError extends Error {
  constructor(what: string, path: string, message: string) {
    super(`malformed ${what} result from the worker: ${path || '(root)'}: ${message}`);
    this.name = 'InvalidResultError';
  }
}

/**
 * Checks a result against its schema and hands back the value itself (not zod's copy: a large
 * Hessian is not copied, and a field a newer worker adds is not stripped before the views see it).
 */
export function checkResult<T>(what: string, schema: z.ZodType<T>, value: T): T {
  const r = schema.safeParse(value);
  if (r.success) return value;
  const issue = r.error.issues[0];
  throw new InvalidResultError(what, issue.path.join('.'), issue.message);
}
