import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../../test/fixtures';
import { denseModel, modelLayout, parseModel } from './model';
import { parseProblem, parseProblemText, problemToJson } from './parse';
import { numParams } from './problem';

const readModel = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES_DIR, 'models', name), 'utf8'));

describe('layer lists: shapes and parameter layout', () => {
  it('lays out the digits CNN as the fixture documents: HWIO kernel, bias, then the dense W and b (690 parameters)', () => {
    const { layout } = parseModel(readModel('digits-cnn-relu-ce.json').model, [8, 8, 1]);
    expect(layout.nodes.map((n) => n.outShape)).toEqual([[8, 8, 4], [8, 8, 4], [4, 4, 4], [64], [10]]);
    expect(layout.blocks.map((b) => [b.path, b.offset, b.size])).toEqual([
      ['model[0]', 0, 3 * 3 * 1 * 4 + 4],
      ['model[4]', 40, 64 * 10 + 10],
    ]);
    expect(layout.blocks[0].tensors.map((t) => [t.name, t.shape, t.offset])).toEqual([
      ['kernel', [3, 3, 1, 4], 0],
      ['b', [4], 36],
    ]);
    expect(layout.numParams).toBe(690);
  });

  it('puts a residual body in place (3,010 parameters for the residual MLP)', () => {
    const { layout } = parseModel(readModel('digits-resmlp-tanh-ce.json').model, [64]);
    expect(layout.blocks.map((b) => b.path)).toEqual(['model[0]', 'model[2].body[0]', 'model[2].body[2]', 'model[4]']);
    expect(layout.numParams).toBe(64 * 24 + 24 + 2 * (24 * 24 + 24) + 24 * 10 + 10);
  });

  it('follows TF padding and pooling rules for the output sizes', () => {
    const layout = modelLayout(
      [
        { type: 'conv2d', filters: 3, kernel: 3, stride: 2, padding: 'same' },
        { type: 'conv2d', filters: 2, kernel: 2, stride: 1, padding: 'valid' },
        { type: 'layernorm', eps: 1e-5 },
        { type: 'avgpool', size: 2 },
        { type: 'global_avgpool' },
      ],
      [7, 7, 1],
    );
    // ceil(7 / 2) = 4, then 4 - 2 + 1 = 3, then floor(3 / 2) = 1.
    expect(layout.nodes.map((n) => n.outShape)).toEqual([[4, 4, 3], [3, 3, 2], [3, 3, 2], [1, 1, 2], [2]]);
    expect(layout.numParams).toBe(3 * 3 * 3 + 3 + 2 * 2 * 3 * 2 + 2 + 2 + 2);
  });

  it('reads layers + activation as the dense list it stands for', () => {
    const { layout } = parseModel(denseModel([2, 16, 3], 'tanh'), [2]);
    expect(layout.numParams).toBe(numParams([2, 16, 3]));
    expect(layout.nodes.map((n) => n.spec.type)).toEqual(['dense', 'activation', 'dense']);
  });
});

describe('layer lists: bad input names the layer', () => {
  const cases: [string, unknown[], number[], string][] = [
    ['kernel larger than its input', [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'maxpool', size: 2 }, { type: 'maxpool', size: 2 }, { type: 'conv2d', filters: 2, kernel: 5 }], [8, 8, 1], 'model[3] (conv2d): kernel 5 is larger than its 2x2 input'],
    ['shapes that do not chain', [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'dense', units: 10 }], [8, 8, 1], 'model[1] (dense): input is 8x8x2; dense needs a flat input'],
    ['unknown layer type', [{ type: 'dense', units: 4 }, { type: 'conv3d' }], [4], 'model[1]: unknown layer type "conv3d"; expected one of dense, conv2d'],
    ['a misspelt field', [{ type: 'conv2d', filter: 2, kernel: 3 }], [8, 8, 1], 'model[0] (conv2d):'],
    ['a residual body that changes the shape', [{ type: 'residual', body: [{ type: 'dense', units: 5 }] }, { type: 'dense', units: 2 }], [4], 'model[0] (residual): its body maps 4 to 5'],
    ['an error inside a residual body', [{ type: 'residual', body: [{ type: 'maxpool', size: 2 }] }], [4], 'model[0].body[0] (maxpool): expects an image input'],
    ['logits that are not flat', [{ type: 'conv2d', filters: 2, kernel: 3 }], [8, 8, 1], "model: the last layer's output is 8x8x2"],
    ['a pool larger than its input', [{ type: 'maxpool', size: 3 }, { type: 'flatten' }], [2, 2, 1], 'model[0] (maxpool): size 3 is larger than its 2x2 input'],
  ];
  it.each(cases)('%s', (_, model, inputShape, message) => {
    expect(() => parseModel(model, inputShape)).toThrow(message);
  });

  it('reports them as problem-file errors, and checks params against the model', () => {
    const file = readModel('digits-cnn-relu-ce.json');
    expect(() => parseProblem({ ...file, model: [{ type: 'conv2d', filters: 4, kernel: 9 }, { type: 'flatten' }] })).toThrow('model[0] (conv2d): kernel 9 is larger than its 8x8 input');
    expect(() => parseProblem({ ...file, params: (file.params as number[]).slice(1) })).toThrow('params: expected 690 numbers for the model, got 689');
    expect(() => parseProblem({ ...file, input_shape: [8, 8] })).toThrow('input_shape: expected [H, W, C] or [D]');
    expect(() => parseProblem({ ...file, layers: [64, 10] })).toThrow('not both');
  });
});

describe('model problem files', () => {
  it('parse with their layer list and references, and write back to an equal problem', () => {
    const text = readFileSync(join(FIXTURES_DIR, 'models', 'digits-cnn-relu-ce.json'), 'utf8');
    const p = parseProblemText(text);
    expect(p.inputShape).toEqual([8, 8, 1]);
    expect(p.model?.[0]).toEqual({ type: 'conv2d', filters: 4, kernel: 3, stride: 1, padding: 'same' });
    expect(p.layers).toEqual([64, 10]);
    expect(p.reference?.ggn?.eigenvaluesAscending.length).toBe(690);
    const again = parseProblem(problemToJson(p));
    expect(again.model).toEqual(p.model);
    expect(again.params).toEqual(p.params);
  });
});
