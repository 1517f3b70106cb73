import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProblem } from '../src/core/problem/parse';
import type { Problem } from '../src/core/problem/problem';

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

/** A fixture's `reference.ggn` (fixtures README, "Gauss-Newton references"). */
export interface GgnReference {
  eigenvalues_ascending: number[];
  trace: number;
  probe: { v: number[]; Gv: number[] };
}

/** Every dense-network fixture (the top folder, sorted by name) with its Gauss-Newton reference. */
export function fixturesWithGgn(): { problem: Problem; ggn: GgnReference }[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(readFileSync(join(FIXTURES_DIR, f), 'utf8'));
      return { problem: parseProblem(raw), ggn: raw.reference.ggn as GgnReference };
    });
}
