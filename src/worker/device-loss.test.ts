import { describe, expect, test } from 'vitest';
import { fallbackOnLoss, lossMessage } from './device-loss';

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
