import { describe, expect, it } from 'vitest';
import { BASE_RATE, replayIteration, replayStart } from './replay-clock';

describe('replay clock', () => {
  it('advances BASE_RATE x speed iterations per second of wall time', () => {
    expect(replayIteration(0, 1000, 1, 10_000)).toBe(BASE_RATE);
    expect(replayIteration(0, 1000, 4, 10_000)).toBe(4 * BASE_RATE);
    expect(replayIteration(100, 500, 16, 10_000)).toBe(100 + 8 * BASE_RATE);
  });

  it('counts whole iterations only and stops at the last record', () => {
    expect(replayIteration(0, (1000 / BASE_RATE) * 0.99, 1, 50)).toBe(0);
    expect(replayIteration(0, 60_000, 16, 50)).toBe(50);
    expect(replayIteration(10, -5, 1, 50)).toBe(10);
  });

  it('restarts from 0 when played at the end, else resumes where it is', () => {
    expect(replayStart(50, 50)).toBe(0);
    expect(replayStart(20, 50)).toBe(20);
  });
});
