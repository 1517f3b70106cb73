import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../../test/fixtures';
import { modelLayerBlocks } from '../analysis/per-layer';
import { parseProblemText } from '../problem/parse';
import { modelLayout } from '../problem/model';
import { createRng } from '../random';
import { filterNormalizedDirection, modelFilterGroups } from './directions';

const load = (name: string) => parseProblemText(readFileSync(join(FIXTURES_DIR, 'models', name), 'utf8'));

describe('filter-normalised directions and layer blocks on layer lists', () => {
  it("gives each conv filter (a kernel's output channel) and each dense output unit the norm of the same filter in the params (Li et al. 2018)", () => {
    const p = load('digits-cnn-relu-ce.json');
    const layout = modelLayout(p.model!, p.inputShape!);
    const groups = modelFilterGroups(layout);
    expect(groups.map((g) => [g.offset, g.rows, g.cols, g.oneDimensional])).toEqual([
      [0, 9, 4, false],
      [36, 1, 4, true],
      [40, 64, 10, false],
      [680, 1, 10, true],
    ]);
    const d = filterNormalizedDirection(p.params, groups, createRng(3), 'zero');
    for (const g of groups) {
      for (let j = 0; j < g.cols; j++) {
        let dn = 0;
        let wn = 0;
        for (let i = 0; i < g.rows; i++) {
          const k = g.offset + i * g.cols + j;
          dn += d[k] ** 2;
          wn += p.params[k] ** 2;
        }
        if (g.oneDimensional) expect(dn).toBe(0);
        else expect(Math.abs(Math.sqrt(dn) - Math.sqrt(wn)) / Math.sqrt(wn)).toBeLessThan(1e-9);
      }
    }
  });

  it('has one curvature block per parametrised layer, a residual body layer by layer', () => {
    const p = load('digits-resmlp-tanh-ce.json');
    const blocks = modelLayerBlocks(modelLayout(p.model!, p.inputShape!));
    expect(blocks.map((b) => [b.offset, b.size, b.weights, b.biases])).toEqual([
      [0, 64 * 24 + 24, 64 * 24, 24],
      [1560, 24 * 24 + 24, 24 * 24, 24],
      [2160, 24 * 24 + 24, 24 * 24, 24],
      [2760, 24 * 10 + 10, 240, 10],
    ]);
  });
});
