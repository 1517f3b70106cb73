import { describe, expect, it } from 'vitest';
import { getModelPreset } from '../core/problem/model-presets';
import { defaultModelSpec, type ModelProblemSpec } from './problem-spec';
import { defaultSetup } from './setup';
import { defaultUrlState, urlStateFromHash, urlStateToHash } from './url';

const linkOf = (problem: unknown): string => `#setup=${encodeURIComponent(JSON.stringify({ problem }))}`;

describe('model problems in links', () => {
  it('round-trips a digits model: dataset, input shape, examples, layers (a residual body too), weight decay and init seed', () => {
    const problem: ModelProblemSpec = { ...defaultModelSpec(), inputShape: [8, 8, 1], examples: 321, model: getModelPreset('residual-cnn').layers, weightDecay: 0.003, initSeed: 42 };
    const state = { ...defaultUrlState(), setup: { ...defaultSetup(), problem } };
    expect(urlStateFromHash(urlStateToHash(state))).toEqual({ ok: true, state });
  });

  it("reports a layer the parser refuses at problem.model with the parser's message, and keeps the rest of the link", () => {
    const bad = { ...defaultModelSpec(), model: [{ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'maxpool', size: 2 }, { type: 'conv2d', filters: 4, kernel: 5 }, { type: 'flatten' }, { type: 'dense', units: 10 }] };
    const parsed = urlStateFromHash(`${linkOf(bad)}&net=${encodeURIComponent(JSON.stringify({ steps: 17 }))}`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok !== false) return;
    expect(parsed.errors).toEqual(['link field problem.model: model[2] (conv2d): kernel 5 is larger than its 4x4 input']);
    expect(parsed.state.setup.problem).toEqual(defaultSetup().problem);
    expect(parsed.state.network.steps).toBe(17);
  });

  it('reports an unknown layer type and an examples count past the split, each by path', () => {
    const unknown = urlStateFromHash(linkOf({ ...defaultModelSpec(), model: [{ type: 'transformer' }] }));
    expect(unknown.ok === false && unknown.errors[0]).toMatch(/^link field problem\.model: model\[0\]: unknown layer type "transformer"/);
    const many = urlStateFromHash(linkOf({ ...defaultModelSpec(), examples: 5000 }));
    expect(many.ok === false && many.errors[0]).toBe("link field problem.examples: the digits' training split has 1346 rows, not 5000");
  });

  it('does not restore Fashion-MNIST, whose files stay in the tab that loaded them', () => {
    const fashion: ModelProblemSpec = { ...defaultModelSpec(), dataset: 'fashion-mnist', inputShape: [28, 28, 1], examples: 200, files: ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'] };
    const parsed = urlStateFromHash(linkOf(fashion));
    expect(parsed.ok === false && parsed.errors[0]).toMatch(/^link field problem\.dataset: Fashion-MNIST's IDX files were loaded in another tab/);
    expect(parsed.ok !== 'empty' && parsed.state.setup.problem).toEqual(defaultSetup().problem);
  });
});
