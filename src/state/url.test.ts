import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIRECTION_METHODS } from '../core/landscape/directions';
import { TEST_FUNCTIONS } from '../core/functions/registry';
import { getOptimizer, OPTIMIZERS } from '../core/optim/registry';
import { DEFAULT_NETWORK_SETTINGS, NETWORK_BOUNDS, type NetworkSettings, type NumberBounds } from './network-slice';
import { defaultDatasetSpec } from './problem-spec';
import { defaultSetup, type Setup } from './setup';
import { defaultUrlState, urlStateFromHash, urlStateToHash, type UrlState } from './url';

const withSetup = (setup: Setup): UrlState => ({ ...defaultUrlState(), setup });
const hashOf = (setup: unknown, net?: unknown): string =>
  `#setup=${encodeURIComponent(JSON.stringify(setup))}${net === undefined ? '' : `&net=${encodeURIComponent(JSON.stringify(net))}`}`;

describe('setup <-> URL hash', () => {
  it('round-trips the default setup and a network setup with overrides', () => {
    const a = defaultUrlState();
    expect(urlStateFromHash(urlStateToHash(a))).toEqual({ ok: true, state: a });
    const b: Setup = {
      ...a.setup,
      problem: { ...defaultDatasetSpec('sine'), hidden: [4, 4] },
      optimizers: ['adam', 'pgd'],
      hyperParams: { adam: { lr: 0.05 }, pgd: { seed: 3, radius: 0.2 } },
      start: [0.25, -0.5],
      steps: 77,
      backend: 'wasm',
      logScale: false,
      xAxis: 'cost',
      demo: { id: 'monkey', step: 1 },
    };
    expect(urlStateFromHash(urlStateToHash(withSetup(b)))).toEqual({ ok: true, state: withSetup(b) });
  });

  it('round-trips any start and steps, and any learning rate inside sgd\'s schema', () => {
    // JSON has no -0, so the link carries it as 0 (the same point).
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
    const sgdLr = getOptimizer('sgd').params.find((p) => p.key === 'lr')!;
    const lrs = fc.double({ min: sgdLr.min!, max: sgdLr.max!, noNaN: true });
    fc.assert(
      fc.property(fc.tuple(finite, finite), fc.integer({ min: 0, max: 20000 }), lrs, (start, steps, lr) => {
        const s = withSetup({ ...defaultSetup(), start, steps, hyperParams: { sgd: { lr } } });
        expect(urlStateFromHash(urlStateToHash(s))).toEqual({ ok: true, state: s });
      }),
    );
  });

  it('names the offending field of a bad link and applies the rest', () => {
    const r = urlStateFromHash(hashOf({ ...defaultSetup(), backend: 'quantum', steps: 42 }));
    expect(r.ok).toBe(false);
    if (r.ok === false) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(/^link field backend:/);
      expect(r.state.setup.backend).toBe('auto');
      expect(r.state.setup.steps).toBe(42);
    }
    const steps = urlStateFromHash(hashOf({ steps: -3 }));
    expect(steps.ok === false && steps.errors[0].startsWith('link field steps:')).toBe(true);
  });

  it('an unknown function (also javascript:) falls back to the default problem, with the name reported', () => {
    for (const name of ['nope', 'javascript:alert(1)']) {
      const r = urlStateFromHash(hashOf({ problem: { kind: 'function', name }, steps: 9 }));
      expect(r.ok).toBe(false);
      if (r.ok !== false) continue;
      expect(r.errors).toEqual([`link field problem.name: unknown function ${JSON.stringify(name)}`]);
      expect(r.state.setup.problem).toEqual(defaultSetup().problem);
      expect(r.state.setup.steps).toBe(9);
    }
  });

  it('an impossible combination (sine with cross-entropy) is reported and not applied', () => {
    const r = urlStateFromHash(hashOf({ problem: { ...defaultDatasetSpec('sine'), loss: 'softmax_cross_entropy' } }));
    expect(r.ok === false && r.errors[0]).toMatch(/^link field problem\.loss: sine is a regression dataset/);
    expect(r.ok === false && r.state.setup.problem).toEqual(defaultSetup().problem);
  });

  it('optimizers ["nope"] is reported and makes no row; hyper-parameters outside their schema are dropped', () => {
    const r = urlStateFromHash(hashOf({ optimizers: ['nope', 'adam', 'adam'], hyperParams: { adam: { lr: 1e9, beta1: 0.8 }, nope: { lr: 1 } } }));
    expect(r.ok).toBe(false);
    if (r.ok !== false) return;
    expect(r.state.setup.optimizers).toEqual(['adam']);
    expect(r.state.setup.hyperParams).toEqual({ adam: { beta1: 0.8 } });
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toBe('link field optimizers: unknown optimizer "nope"');
    expect(r.errors.some((e) => /^link field hyperParams\.adam\.lr: adam: hyper-parameter "lr" must be a number in/.test(e))).toBe(true);
    expect(r.errors.some((e) => e.startsWith('link field hyperParams."nope"'))).toBe(true);
  });

  it('K-FAC, Levenberg-Marquardt and natural gradient on a 2-D function that is no sum of squares are bad fields, named with what they need, not rows that fail at run start', () => {
    const r = urlStateFromHash(hashOf({ problem: { kind: 'function', name: 'rastrigin' }, optimizers: ['kfac', 'adam', 'levenberg-marquardt', 'natural-gradient'] }));
    expect(r.ok).toBe(false);
    if (r.ok !== false) return;
    expect(r.state.setup.optimizers).toEqual(['adam']);
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toMatch(/^link field optimizers: kfac on the 2-D function rastrigin: K-FAC does not apply to this objective: it needs per-layer Kronecker factors/);
    expect(r.errors[1]).toMatch(/^link field optimizers: levenberg-marquardt on the 2-D function rastrigin: .* does not apply to this objective: it needs a Gauss-Newton product/);
    expect(r.errors[2]).toMatch(/^link field optimizers: natural-gradient on the 2-D function rastrigin: .* does not apply to this objective: it needs a Gauss-Newton product/);
    // On a dataset the same names are rows: the network offers what they need.
    const net = urlStateFromHash(hashOf({ problem: defaultDatasetSpec('spiral'), optimizers: ['kfac', 'natural-gradient'] }));
    expect(net.ok === true && net.state.setup.optimizers).toEqual(['kfac', 'natural-gradient']);
  });

  it("Rosenbrock's link with Levenberg-Marquardt and natural gradient is accepted (a sum of squares has G); K-FAC still needs layers", () => {
    const ok = urlStateFromHash(hashOf({ problem: { kind: 'function', name: 'rosenbrock' }, optimizers: ['levenberg-marquardt', 'natural-gradient', 'hessian-free'] }));
    expect(ok.ok === true && ok.state.setup.optimizers).toEqual(['levenberg-marquardt', 'natural-gradient', 'hessian-free']);
    const kfac = urlStateFromHash(hashOf({ problem: { kind: 'function', name: 'rosenbrock' }, optimizers: ['kfac'] }));
    expect(kfac.ok === false && kfac.errors).toEqual([expect.stringMatching(/^link field optimizers: kfac on the 2-D function rosenbrock: K-FAC does not apply/)]);
  });

  it.each(TEST_FUNCTIONS.map((fn) => [fn.name, fn.leastSquares !== undefined] as const))('%s: a link with Levenberg-Marquardt is accepted exactly when it is a sum of squares (%s)', (name, sumOfSquares) => {
    expect(urlStateFromHash(hashOf({ problem: { kind: 'function', name }, optimizers: ['levenberg-marquardt'] })).ok).toBe(sumOfSquares);
  });

  it('fills fields an older link lacks with defaults, and reports an empty hash as empty', () => {
    const r = urlStateFromHash(hashOf({ backend: 'cpu' }));
    expect(r).toEqual({ ok: true, state: withSetup({ ...defaultSetup(), backend: 'cpu' }) });
    expect(urlStateFromHash('')).toEqual({ ok: 'empty' });
    expect(urlStateFromHash('#setup=%7Bnot json').ok).toBe(false);
  });
});

/** Any value inside the bounds, integers where the setting is one. */
function inBounds(b: NumberBounds): fc.Arbitrary<number> {
  return b.integer ? fc.integer({ min: b.min, max: b.max }) : fc.double({ min: b.min, max: b.max, noNaN: true });
}

const pointRef = fc.oneof(
  fc.constant({ kind: 'init' as const }),
  fc.constant({ kind: 'trained' as const }),
  fc.integer({ min: 0, max: 19 }).map((index) => ({ kind: 'run' as const, index })),
);
const runRef = fc.oneof(fc.constant({ kind: 'trained' as const }), fc.integer({ min: 0, max: 19 }).map((index) => ({ kind: 'run' as const, index })));

const networkSettings: fc.Arbitrary<NetworkSettings> = fc.record({
  method: fc.constantFrom(...DIRECTION_METHODS.map((m) => m.name)),
  grid: inBounds(NETWORK_BOUNDS.grid),
  span: inBounds(NETWORK_BOUNDS.span),
  directionSeed: inBounds(NETWORK_BOUNDS.directionSeed),
  at: pointRef,
  pcaRun: runRef,
  optimizer: fc.constantFrom(...OPTIMIZERS.map((o) => o.name)),
  lr: inBounds(NETWORK_BOUNDS.lr),
  steps: inBounds(NETWORK_BOUNDS.steps),
  every: inBounds(NETWORK_BOUNDS.every),
  traceProbes: inBounds(NETWORK_BOUNDS.traceProbes),
  densityProbes: inBounds(NETWORK_BOUNDS.densityProbes),
  densitySteps: inBounds(NETWORK_BOUNDS.densitySteps),
  densityRuns: inBounds(NETWORK_BOUNDS.densityRuns),
  batchSize: inBounds(NETWORK_BOUNDS.batchSize),
  batches: inBounds(NETWORK_BOUNDS.batches),
  interpFrom: pointRef,
  interpTo: pointRef,
  ggn: fc.boolean(),
  densityGgn: fc.boolean(),
});

describe('Network mode <-> URL hash', () => {
  it('round-trips the mode tab and every network setting inside its bounds', () => {
    fc.assert(
      fc.property(fc.constantFrom('explorer' as const, 'network' as const), networkSettings, (mode, network) => {
        const s: UrlState = { setup: { ...defaultSetup(), problem: defaultDatasetSpec('spiral') }, mode, network };
        expect(urlStateFromHash(urlStateToHash(s))).toEqual({ ok: true, state: s });
      }),
    );
  });

  it('a link that names only some network settings gets the defaults for the rest', () => {
    const r = urlStateFromHash(hashOf(defaultSetup(), { mode: 'network', method: 'pca', grid: 41, densityRuns: 5 }));
    expect(r).toEqual({
      ok: true,
      state: { setup: defaultSetup(), mode: 'network', network: { ...DEFAULT_NETWORK_SETTINGS, method: 'pca', grid: 41, densityRuns: 5 } },
    });
  });

  it('names the bad network field, with the bound it broke', () => {
    const cases: [object, RegExp][] = [
      [{ grid: 102 }, /^link field net\.grid:.*101/],
      [{ grid: 30.5 }, /^link field net\.grid:/],
      [{ method: 'hessian-diagonal' }, /^link field net\.method:/],
      [{ optimizer: 'rmsprop' }, /^link field net\.optimizer: not a registered optimizer/],
      [{ lr: 0 }, /^link field net\.lr:/],
      [{ lr: 1000 }, /^link field net\.lr:.*10\b/],
      [{ mode: 'slides' }, /^link field net\.mode:/],
      [{ at: { kind: 'run', index: -1 } }, /^link field net\.at/],
      [{ densityRuns: 21 }, /^link field net\.densityRuns:/],
    ];
    for (const [net, message] of cases) {
      const r = urlStateFromHash(hashOf(defaultSetup(), net));
      expect(r.ok, JSON.stringify(net)).toBe(false);
      if (r.ok === false) expect(r.errors[0]).toMatch(message);
    }
    expect(urlStateFromHash(`#setup=%7B%7D&net=%5Bnot`)).toEqual({ ok: false, state: defaultUrlState(), errors: ["the link's net is not valid JSON"] });
  });
});

describe('optimizer entries in the link', () => {
  it('round-trips two Hessian-free entries with different curvature, on a network, with a label suffix', () => {
    const s = withSetup({
      ...defaultSetup(),
      problem: defaultDatasetSpec('spiral'),
      optimizers: ['hessian-free', 'sgd', 'hessian-free~2'],
      hyperParams: { 'hessian-free': { curvature: 'hessian' }, 'hessian-free~2': { curvature: 'gauss-newton', cgMaxIter: 20 } },
      labels: { 'hessian-free~2': 'Martens' },
    });
    expect(urlStateFromHash(urlStateToHash(s))).toEqual({ ok: true, state: s });
  });

  it('reads a link from before entries existed (no labels field, optimizer names only) unchanged', () => {
    const old = { ...defaultSetup(), optimizers: ['sgd', 'hessian-free'], hyperParams: { 'hessian-free': { curvature: 'hessian' } } } as Partial<Setup>;
    delete old.labels;
    const r = urlStateFromHash(hashOf(old));
    expect(r).toEqual({ ok: true, state: withSetup({ ...defaultSetup(), optimizers: ['sgd', 'hessian-free'], hyperParams: { 'hessian-free': { curvature: 'hessian' } } }) });
  });

  it('refuses a malformed entry id, a variant of an optimizer the function lacks and a bad variant setting, keeping the rest', () => {
    const r = urlStateFromHash(
      hashOf({
        ...defaultSetup(),
        problem: { kind: 'function', name: 'rastrigin' },
        optimizers: ['hessian-free', 'hessian-free~1', 'levenberg-marquardt~2', 'hessian-free~3', 'hessian-free~3'],
        hyperParams: { 'hessian-free~3': { curvature: 'fisher' }, 'sgd~x': { lr: 0.1 } },
        labels: { 'hessian-free~3': 'kept', 'hessian-free~1': 'dropped' },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok !== false) return;
    expect(r.state.setup.optimizers).toEqual(['hessian-free', 'hessian-free~3']);
    expect(r.state.setup.hyperParams).toEqual({});
    expect(r.state.setup.labels).toEqual({ 'hessian-free~3': 'kept' });
    expect(r.errors).toEqual([
      expect.stringMatching(/^link field optimizers: "hessian-free~1" is not hessian-free or hessian-free~k/),
      expect.stringMatching(/^link field optimizers: levenberg-marquardt on the 2-D function rastrigin:/),
      expect.stringMatching(/^link field hyperParams\.hessian-free~3\.curvature: .*one of gauss-newton, hessian/),
      expect.stringMatching(/^link field hyperParams\."sgd~x": "sgd~x" is not sgd or sgd~k/),
    ]);
  });

  it('refuses a label suffix longer than the panel allows, by path', () => {
    const r = urlStateFromHash(hashOf({ ...defaultSetup(), labels: { 'hessian-free': 'x'.repeat(41) } }));
    expect(r.ok === false && r.errors[0]).toMatch(/^link field labels\.hessian-free:/);
  });
});
