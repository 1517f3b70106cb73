import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits';
import { OPTIMIZERS } from '../core/optim/registry';
import { urlStateFromHash } from '../state/url';
import { curvatureSchema } from './curvature';
import { densityRequestSchema } from './network';
import { InvalidRequestError, parseRequest } from './parse';
import { problemRequestSchema } from './problem';
import { unpackBatch } from '../../test/record-batches';
import { checkRecordColumns, packRecords } from './record-columns';
import { runRequestSchema } from './run';

const ticket = { id: 'run-1', generation: 1 };
const run = { ...ticket, optimizers: [{ name: 'adam', hyperParams: { lr: 0.01 } }], start: [0, 0] as [number, number], steps: 10, gtol: 1e-8 };

describe('page <-> worker messages', () => {
  it('a valid run request passes unchanged; each malformed one is refused with one line naming the field', () => {
    expect(parseRequest('run', runRequestSchema, run)).toEqual(run);
    const cases: [object, RegExp][] = [
      [{ optimizers: [{ name: 'nope', hyperParams: {} }] }, /^invalid run request: optimizers\.0\.name: not a registered optimizer: "nope"$/],
      [{ steps: LIMITS.steps + 1 }, /^invalid run request: steps: /],
      [{ start: [1e308 * 10, 0] }, /^invalid run request: start\.0: /],
      [{ generation: 0 }, /^invalid run request: generation: /],
      [{ optimizers: [] }, /^invalid run request: optimizers: /],
    ];
    for (const [patch, message] of cases) {
      let error: unknown = null;
      try {
        parseRequest('run', runRequestSchema, { ...run, ...patch });
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(patch)).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('a file over the byte budget cannot even be sent as a problem request', () => {
    const big = { ...ticket, spec: { kind: 'custom', name: 'big.csv', source: 'csv' }, custom: { source: 'csv', name: 'big.csv', text: 'x'.repeat(LIMITS.fileBytes + 1) } };
    expect(() => parseRequest('problem', problemRequestSchema, big)).toThrow(/^invalid problem request: custom\.text: /);
  });

  it('network requests carry the ids of the runs they may read, and the probe budget', () => {
    const base = { ...ticket, held: { explorer: null, trained: 'training-3' }, at: { kind: 'init' }, probes: 8, steps: 40, runs: 3, seed: 0 };
    expect(densityRequestSchema.safeParse(base).success).toBe(true);
    expect(densityRequestSchema.safeParse({ ...base, held: undefined }).success).toBe(false);
    expect(densityRequestSchema.safeParse({ ...base, probes: LIMITS.probes + 1 }).success).toBe(false);
    // each within its own range, together past the budget: 20 runs x 200 probes x 500 steps = 2,000,000 products
    const whole = densityRequestSchema.safeParse({ ...base, runs: 20, probes: 200, steps: 500 });
    expect(whole.success).toBe(false);
    expect(whole.error?.issues[0].message).toContain(`more than ${LIMITS.densityProducts} products`);
  });

  it('streamed columns give back each record field for field, in its order, with the Gauss-Newton and K-FAC counts; a negative count is refused', () => {
    const record = { iteration: 3, point: [0.1, -0.2], loss: 0.9, gradNorm: 0.4, stepSize: 0.01, nfev: 4, ngev: 4, nhvp: 0, nggnvp: 3, nkfac: 1, timeMs: 2.5 };
    const plain = { iteration: 4, point: [-0, 1e-300], loss: -1e300, gradNorm: 0, stepSize: 5e-324, nfev: 5, ngev: 5, nhvp: 2, timeMs: 0 };
    const onPlane = { ...plain, planeDistance: 0.25 };
    const columns = checkRecordColumns([packRecords(2, [record, plain, onPlane])]);
    expect(JSON.stringify(unpackBatch(columns[0]))).toBe(JSON.stringify({ index: 2, records: [record, plain, onPlane] }));
    expect(Object.is(unpackBatch(columns[0]).records[1].point[0], -0)).toBe(true);
    expect(() => checkRecordColumns([packRecords(0, [{ ...record, nggnvp: -1 }])])).toThrow(/0\.nggnvp\.0: expected an integer >= 0, received -1$/);
  });

  it('a curvature result has the shape the panel reads', () => {
    const c = { top: 2, bottom: -1, condition: 2, negativeCount: 1, kind: 'saddle', method: 'exact 2x2 Hessian', products: 0 };
    expect(curvatureSchema.parse(c)).toEqual(c);
    expect(curvatureSchema.safeParse({ ...c, kind: 'bowl' }).success).toBe(false);
  });
});

describe('link parser fuzz', () => {
  it('any hash gives a state (never a throw) whose optimizers are registered and distinct', () => {
    const names = OPTIMIZERS.map((o) => o.name);
    const setup = fc.record(
      {
        optimizers: fc.array(fc.oneof(fc.constantFrom(...names), fc.string()), { maxLength: 6 }),
        steps: fc.oneof(fc.integer(), fc.double(), fc.string()),
        problem: fc.oneof(fc.record({ kind: fc.constant('function'), name: fc.string() }), fc.anything()),
        hyperParams: fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string()), fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string(), fc.boolean()))),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(setup.map((s) => `#setup=${encodeURIComponent(JSON.stringify(s))}`), fc.string().map((s) => `#setup=${s}&net=${s}`)), (hash) => {
        const r = urlStateFromHash(hash);
        if (r.ok === 'empty') return;
        const opts = r.state.setup.optimizers;
        expect(opts.every((n) => names.includes(n))).toBe(true);
        expect(new Set(opts).size).toBe(opts.length);
        if (r.ok === false) expect(r.errors.length).toBeGreaterThan(0);
      }),
    );
  });
});
