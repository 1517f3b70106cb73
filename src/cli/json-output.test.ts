import { describe, expect, it } from 'vitest';
import { toJsonLine } from './json-output';

describe('toJsonLine', () => {
  it('writes non-finite numbers by name instead of null, in typed arrays too', () => {
    const line = toJsonLine({ a: Infinity, b: [NaN, 1], c: Float64Array.of(1, -Infinity), d: null, e: { f: -Infinity } });
    expect(line).toBe('{"a":"Infinity","b":["NaN",1],"c":[1,"-Infinity"],"d":null,"e":{"f":"-Infinity"}}\n');
  });
});
