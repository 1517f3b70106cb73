import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurvaturePoint } from '../core/analysis/curvature-tracker';
import type { TrainProgress } from '../protocol/network';
import { mergeProgress, ProgressBuffer } from './progress-buffer';

/** A curvature point of which only the step matters here. */
const point = (step: number): CurvaturePoint => ({ step, lambdaMax: 10 - step }) as CurvaturePoint;
const msg = (step: number, points: number[], note?: string): TrainProgress => ({ points: points.map(point), edgeOfStability: 2, step, loss: 1 / (step + 1), ...(note ? { note } : {}) });

describe('mergeProgress', () => {
  it('keeps every point in order and the newer step, loss and note', () => {
    const m = mergeProgress(msg(3, [0]), msg(7, [5], 'continued on wasm'));
    expect(m.points.map((p) => p.step)).toEqual([0, 5]);
    expect(m.step).toBe(7);
    expect(m.loss).toBe(1 / 8);
    expect(m.note).toBe('continued on wasm');
    expect('note' in mergeProgress(msg(1, []), msg(2, []))).toBe(false);
  });
});

describe('ProgressBuffer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies the first message at once, then the merged rest once 250 ms have passed', () => {
    let clock = 0;
    const applied: TrainProgress[] = [];
    const buffer = new ProgressBuffer((p) => applied.push(p), 250, () => clock);
    buffer.push(msg(1, [0]));
    expect(applied.map((p) => p.step)).toEqual([1]);
    clock = 100;
    buffer.push(msg(2, []));
    clock = 200;
    buffer.push(msg(3, [2]));
    expect(applied).toHaveLength(1);
    clock = 250;
    vi.advanceTimersByTime(150);
    expect(applied.map((p) => p.step)).toEqual([1, 3]);
    expect(applied[1].points.map((p) => p.step)).toEqual([2]);
  });

  it('a note is applied at once; flush applies what is pending; discard drops it', () => {
    let clock = 0;
    const applied: TrainProgress[] = [];
    const buffer = new ProgressBuffer((p) => applied.push(p), 250, () => clock);
    buffer.push(msg(1, []));
    clock = 10;
    buffer.push(msg(2, [2], 'WebGPU device lost at step 2; continued on wasm'));
    expect(applied.map((p) => [p.step, p.note])).toEqual([
      [1, undefined],
      [2, 'WebGPU device lost at step 2; continued on wasm'],
    ]);
    clock = 20;
    buffer.push(msg(3, [3]));
    buffer.flush();
    expect(applied.map((p) => p.step)).toEqual([1, 2, 3]);
    clock = 30;
    buffer.push(msg(4, [4]));
    buffer.discard();
    vi.advanceTimersByTime(1000);
    expect(applied.map((p) => p.step)).toEqual([1, 2, 3]);
  });
});
