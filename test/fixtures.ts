import { join } from 'node:path';

/** The shared fixtures sit beside the checkout (CI lays shared/ next to its clone). */
export const FIXTURES_DIR: string = process.env.CURVSCAPE_FIXTURES ?? join(__dirname, '../../shared/fixtures');

export function fixturePath(name: string): string {
  return join(FIXTURES_DIR, name);
}

/** ||a - b|| / ||b||: the fixtures README's relative error. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}
