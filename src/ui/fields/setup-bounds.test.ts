import { describe, expect, it } from 'vitest';
import { defaultDatasetSpec, type DatasetProblemSpec } from '../../state/problem-spec';
import { defaultUrlState, urlStateFromHash, urlStateToHash } from '../../state/url';
import { DATASET_BOUNDS, HIDDEN_BOUNDS, STEPS_BOUNDS } from './setup-bounds';

/** Whether the share link's schema accepts this dataset spec and step count. */
function linkAccepts(patch: Partial<DatasetProblemSpec>, steps = 500): boolean {
  const state = defaultUrlState();
  state.setup = { ...state.setup, problem: { ...defaultDatasetSpec('spiral'), ...patch }, steps };
  return urlStateFromHash(urlStateToHash(state)).ok === true;
}

describe('explorer field ranges agree with the share link schema', () => {
  it.each(['n', 'noise', 'weightDecay'] as const)('%s: both ends accepted, just beyond rejected', (key) => {
    const b = DATASET_BOUNDS[key];
    const beyond = 'integer' in b ? 1 : 1e-9;
    expect(linkAccepts({ [key]: b.min })).toBe(true);
    expect(linkAccepts({ [key]: b.max })).toBe(true);
    expect(linkAccepts({ [key]: b.min - beyond })).toBe(false);
    expect(linkAccepts({ [key]: b.max + beyond })).toBe(false);
  });

  it('hidden widths: 1..64, at most 4 layers', () => {
    expect(linkAccepts({ hidden: Array(HIDDEN_BOUNDS.maxCount).fill(HIDDEN_BOUNDS.max) })).toBe(true);
    expect(linkAccepts({ hidden: [HIDDEN_BOUNDS.min] })).toBe(true);
    expect(linkAccepts({ hidden: [HIDDEN_BOUNDS.max + 1] })).toBe(false);
    expect(linkAccepts({ hidden: [HIDDEN_BOUNDS.min - 1] })).toBe(false);
    expect(linkAccepts({ hidden: Array(HIDDEN_BOUNDS.maxCount + 1).fill(8) })).toBe(false);
  });

  it('max steps: the link allows up to 20,000', () => {
    expect(linkAccepts({}, STEPS_BOUNDS.max)).toBe(true);
    expect(linkAccepts({}, STEPS_BOUNDS.max! + 1)).toBe(false);
  });
});
