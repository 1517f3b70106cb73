import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseProblem, parseProblemText, ProblemError, problemToJson } from './parse';
import { numParams } from './problem';
import { FIXTURES_DIR } from '../../../test/fixtures';

const FIXTURES = FIXTURES_DIR;
const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const spiral = JSON.parse(readFileSync(`${FIXTURES}/spiral-tanh-ce.json`, 'utf8'));

function errorOf(mutate: (o: any) => void, base: unknown = spiral): string {
  const o = structuredClone(base) as any;
  mutate(o);
  try {
    parseProblem(o);
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as Error).message;
  }
  throw new Error('expected a ProblemError');
}

describe('parseProblem', () => {
  it.each(fixtureFiles)('parses fixture %s', (file) => {
    const raw = JSON.parse(readFileSync(`${FIXTURES}/${file}`, 'utf8'));
    const p = parseProblem(raw);
    expect(p.params.length).toBe(raw.reference.num_params);
    expect(p.params.length).toBe(numParams(p.layers));
    expect(p.X.length).toBe(raw.X.length);
    expect(p.reference?.hvpProbe?.Hv.length).toBe(raw.reference.num_params);
    expect(p.weightDecay).toBe(raw.weight_decay);
  });

  it('counts parameters of a dense net with biases', () => {
    expect(numParams([2, 16, 16, 3])).toBe(371);
    expect(numParams([1, 24, 1])).toBe(73);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 6 }), (layers) => {
        const direct = layers.slice(1).reduce((s, w, i) => s + (layers[i] + 1) * w, 0);
        expect(numParams(layers)).toBe(direct);
      }),
    );
  });

  it('defaults weight_decay to 0 and round-trips through problemToJson', () => {
    const p = parseProblem(spiral);
    const again = parseProblem(problemToJson(p));
    expect(again.params).toEqual(p.params);
    expect(again.X).toEqual(p.X);
    const noWd = structuredClone(spiral);
    delete noWd.weight_decay;
    expect(parseProblem(noWd).weightDecay).toBe(0);
  });

  it('names a row of X with the wrong width', () => {
    expect(errorOf((o) => o.X[3].push(1))).toBe('X[3]: expected 2 numbers, got 3');
  });
  it('names an unknown activation and lists the known ones', () => {
    expect(errorOf((o) => (o.activation = 'swish'))).toBe(
      'activation: unknown "swish"; expected one of tanh, relu, sigmoid, softplus, gelu',
    );
  });
  it('names an unknown loss', () => {
    expect(errorOf((o) => (o.loss = 'hinge'))).toMatch(/^loss: unknown "hinge"; expected one of softmax_cross_entropy/);
  });
  it('names a non-finite parameter', () => {
    expect(errorOf((o) => (o.params[17] = null))).toBe('params[17]: not a finite number');
    expect(errorOf((o) => (o.params[17] = 'x'))).toBe('params[17]: not a finite number');
    expect(() => parseProblem({ ...spiral, params: spiral.params.map((v: number, i: number) => (i === 2 ? Infinity : v)) })).toThrow(
      'params[2]: not a finite number',
    );
  });
  it('names a label out of range or not an integer', () => {
    expect(errorOf((o) => (o.y[5] = 4))).toBe('y[5]: label 4 out of range [0, 3)');
    expect(errorOf((o) => (o.y[5] = 1.5))).toBe('y[5]: label 1.5 is not an integer');
    expect(errorOf((o) => (o.y[5] = -1))).toBe('y[5]: label -1 out of range [0, 3)');
  });
  it('checks binary labels and mse target rows', () => {
    const circles = JSON.parse(readFileSync(`${FIXTURES}/circles-relu-bce.json`, 'utf8'));
    expect(errorOf((o) => (o.y[0] = 2), circles)).toBe('y[0]: label 2 out of range [0, 2)');
    const sine = JSON.parse(readFileSync(`${FIXTURES}/sine-tanh-mse.json`, 'utf8'));
    expect(errorOf((o) => (o.y[9] = [1, 2]), sine)).toBe('y[9]: expected 1 targets, got 2');
    expect(errorOf((o) => (o.y[9] = 0.5), sine)).toBe('y[9]: expected a row of 1 targets, got a number');
  });
  it('checks layers, weight decay and lengths', () => {
    expect(errorOf((o) => (o.layers = [2]))).toBe('layers: expected at least 2 widths (input and output)');
    expect(errorOf((o) => (o.layers = [2, 0, 3]))).toBe('layers[1]: expected a positive integer');
    expect(errorOf((o) => (o.layers = [2, 16.5, 3]))).toBe('layers[1]: expected an integer');
    expect(errorOf((o) => (o.weight_decay = -1))).toBe('weight_decay: must be >= 0');
    expect(errorOf((o) => o.params.pop())).toBe('params: expected 371 numbers for layers [2, 16, 16, 3], got 370');
    expect(errorOf((o) => o.y.pop())).toBe('y: expected 300 entries (one per row of X), got 299');
    expect(errorOf((o) => o.reference.hvp_probe.v.pop())).toBe('reference.hvp_probe.v: expected 371 numbers, got 370');
    expect(errorOf((o) => delete o.name)).toBe('name: expected a string');
  });
  it('reports a JSON syntax error as such', () => {
    expect(() => parseProblemText('{"name": "a",')).toThrow(/^not valid JSON: /);
    expect(() => parseProblemText('{"name": "a",')).toThrow(ProblemError);
    expect(parseProblemText(JSON.stringify(spiral)).name).toBe('spiral-tanh-ce');
  });
  it('lists at most five problems and counts the rest', () => {
    const msg = errorOf((o) => (o.X = o.X.map((r: number[]) => [...r, 0])));
    expect(msg.split('\n')).toHaveLength(6);
    expect(msg.split('\n')[5]).toBe('... and 295 more');
  });
});
