import type { TestFunction2D } from './types';
import { beale } from './beale';
import { booth } from './booth';
import { himmelblau } from './himmelblau';
import { monkeySaddle } from './monkey-saddle';
import { quadratic } from './quadratic';
import { rastrigin } from './rastrigin';
import { rosenbrock } from './rosenbrock';
import { saddle } from './saddle';
import { sixHumpCamel } from './six-hump-camel';

export const TEST_FUNCTIONS: TestFunction2D[] = [
  rosenbrock,
  beale,
  himmelblau,
  booth,
  rastrigin,
  sixHumpCamel,
  saddle,
  monkeySaddle,
  quadratic(10),
];

export function getTestFunction(name: string): TestFunction2D {
  const fn = TEST_FUNCTIONS.find((f) => f.name === name);
  if (!fn) {
    const names = TEST_FUNCTIONS.map((f) => f.name).join(', ');
    throw new Error(`Unknown test function "${name}". Known test functions: ${names}`);
  }
  return fn;
}
