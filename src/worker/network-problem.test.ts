import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setBackend } from '../engine/backend';
import { loadProblem } from './problem-objective';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? '/work/shared/fixtures';
const fixture = JSON.parse(readFileSync(`${FIXTURES}/xor-sigmoid-ce-wd.json`, 'utf8')) as Record<string, unknown> & { X: number[][]; y: unknown[] };

/** The fixture with some fields replaced, as the text of an uploaded problem file. */
function upload(patch: Record<string, unknown>): Promise<unknown> {
  const text = JSON.stringify({ ...fixture, reference: undefined, ...patch });
  return loadProblem({ kind: 'custom', name: 'p.json', source: 'problem-file' }, { source: 'problem-file', name: 'p.json', text });
}

describe('a network problem is accepted only if it can be trained', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it('the fixture itself loads', async () => {
    await expect(upload({})).resolves.toBeTruthy();
  }, 60_000);

  it('one class, and values (within float32) that make the start loss non-finite are each refused with the field named', async () => {
    const oneClass = fixture.y.map(() => (Array.isArray(fixture.y[0]) ? [0] : 0));
    await expect(upload({ y: oneClass })).rejects.toThrow(/^y: 1 class found; classification needs at least 2$/);
    // Regression targets near float32's largest value: the squared error at the start overflows.
    const layers = fixture.layers as number[];
    const huge = fixture.X.map(() => new Array<number>(layers[layers.length - 1]).fill(3e38));
    await expect(upload({ loss: 'mse', y: huge })).rejects.toThrow(/^X, y: the loss at the initial parameters is (NaN|Infinity)/);
  }, 60_000);
});
