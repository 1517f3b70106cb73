import { describe, expect, test } from 'vitest';
import { continueAfterLoss, fallbackOnLoss, lossMessage, MAX_LOSS_RESTARTS, shiftStepNumbers, type LossWatch } from './device-loss';

describe('fallbackOnLoss', () => {
  test('a live loss on the webgpu backend in use falls back to wasm, then cpu', () => {
    expect(fallbackOnLoss({ deviceStart: 3, currentStart: 3, active: 'webgpu' })).toEqual(['wasm', 'cpu']);
  });
  test('a device from an earlier start is ignored', () => {
    expect(fallbackOnLoss({ deviceStart: 2, currentStart: 3, active: 'webgpu' })).toBeNull();
  });
  test('a loss after switching away from webgpu is ignored', () => {
    expect(fallbackOnLoss({ deviceStart: 3, currentStart: 3, active: 'wasm' })).toBeNull();
  });
});

describe('lossMessage', () => {
  test('says what was lost and where the app went', () => {
    expect(lossMessage('wasm', 'destroyed', 'Device was destroyed.')).toBe('WebGPU device was lost (destroyed: Device was destroyed.); continued on wasm');
    expect(lossMessage('cpu', '', '')).toBe('WebGPU device was lost; continued on cpu');
    // Chrome's GPUDeviceLostInfo.reason is 'unknown' or 'destroyed'; an absent message reads as nothing.
    expect(lossMessage('wasm', 'unknown', 'undefined')).toBe('WebGPU device was lost (unknown); continued on wasm');
  });
});

describe('continueAfterLoss', () => {
  /** A watch whose every device failure was a loss, as BackendQueue reports once it moved backends. */
  const lossy = (): LossWatch => {
    const w: LossWatch = { losses: 0, lostSince: async (before) => (w.losses > before ? 'lost; continued on wasm' : null) };
    return w;
  };
  test('runs the work again after a loss, telling resume the words, and returns its result', async () => {
    const w = lossy();
    const heard: string[] = [];
    const result = await continueAfterLoss(() => w, async (restarts) => {
      if (restarts === 0) {
        w.losses++;
        throw new Error('mapAsync: Buffer was destroyed');
      }
      return restarts;
    }, (words) => {
      heard.push(words);
      return true;
    });
    expect(result).toBe(1);
    expect(heard).toEqual(['lost; continued on wasm']);
  });
  test('a failure that is not a loss, a declined resume, or one loss too many stands', async () => {
    const w = lossy();
    await expect(continueAfterLoss(() => w, async () => Promise.reject(new Error('singular')), () => true)).rejects.toThrow('singular');
    const lose = async (): Promise<never> => {
      w.losses++;
      throw new Error('Buffer was destroyed');
    };
    await expect(continueAfterLoss(() => w, lose, () => false)).rejects.toThrow('destroyed');
    let attempts = 0;
    await expect(continueAfterLoss(() => w, () => (attempts++, lose()), () => true)).rejects.toThrow('destroyed');
    expect(attempts).toBe(MAX_LOSS_RESTARTS + 1);
  });
});

describe('shiftStepNumbers', () => {
  test("renumbers a continued run's steps from the whole run's start", () => {
    expect(shiftStepNumbers('diverged at step 7', 612)).toBe('diverged at step 619');
    expect(shiftStepNumbers('gradient overflow at iteration 3', 10)).toBe('gradient overflow at iteration 13');
    expect(shiftStepNumbers('max iterations', 612)).toBe('max iterations');
    expect(shiftStepNumbers('diverged at step 7', 0)).toBe('diverged at step 7');
  });
});
