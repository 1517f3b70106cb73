import { describe, expect, it } from 'vitest';
import { bakeDiffuse } from './sceneLights';

// Expected values worked by hand from three.js' shading (lights_fragment_begin, BRDF_Lambert = albedo / pi)
// with the rig's numbers: hemisphere sky #ffffff (linear 1) and ground #8890a0 (sRGB 136, 144, 160: linear
// 0.2462, 0.2789, 0.3515 by the sRGB transfer function, IEC 61966-2-1) at 0.9; directional lights at
// (3, 5, 2) with 1.6 and (-3, 2, -2) with 0.4; metalness 0.05.
const srgbToLinear = (v: number): number => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);

describe('bakeDiffuse', () => {
  it('lights a flat (box z-up) vertex by the sky and both lights at their elevation', () => {
    // box normal (0, 0, 1) is world (0, 1, 0): w = 1 (all sky); n.l = 5 / sqrt(38) and 2 / sqrt(17)
    const E = 0.9 * 1 + 1.6 * (5 / Math.sqrt(38)) + 0.4 * (2 / Math.sqrt(17));
    const out = bakeDiffuse(new Float32Array([0.5, 0.25, 1]), new Float32Array([0, 0, 1]));
    const r = (0.95 / Math.PI) * E;
    expect(out[0]).toBeCloseTo(0.5 * r, 6);
    expect(out[1]).toBeCloseTo(0.25 * r, 6);
    expect(out[2]).toBeCloseTo(1 * r, 6);
  });

  it('lights vertical faces by half sky, half ground and the one directional light each faces', () => {
    // box normal (0, 1, 0) is world (0, 0, -1): n.l = -2 / sqrt(38) < 0 and 2 / sqrt(17) > 0 for the second light;
    // box normal (0, -1, 0) is world (0, 0, 1): n.l = 2 / sqrt(38) and -2 / sqrt(17) < 0
    const ground = [136, 144, 160].map(srgbToLinear);
    const hemi = (c: number): number => 0.9 * (ground[c] + (1 - ground[c]) * 0.5);
    const out = bakeDiffuse(new Float32Array([1, 1, 1, 1, 1, 1]), new Float32Array([0, 1, 0, 0, -1, 0]));
    for (let c = 0; c < 3; c++) {
      expect(out[c]).toBeCloseTo((0.95 / Math.PI) * (hemi(c) + 0.4 * (2 / Math.sqrt(17))), 5);
      expect(out[3 + c]).toBeCloseTo((0.95 / Math.PI) * (hemi(c) + 1.6 * (2 / Math.sqrt(38))), 5);
    }
  });
});
