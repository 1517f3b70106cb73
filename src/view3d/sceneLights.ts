/**
 * The 3-D view's light rig, and the same light's diffuse part baked into the surface's vertex colours
 * for renderers that draw in software (software-gl.ts renderStyle), where lighting every pixel of the
 * surface was about a third of a frame.
 *
 * The bake follows three.js' physically based shading (r155+, `lights_fragment_begin`): a surface
 * point with normal n and albedo c receives irradiance E(n) from a hemisphere light (its ground
 * colour mixed into its sky colour by w = (1 + n.up) / 2, times its intensity) and from each
 * directional light (intensity times max(0, n.l)), and reflects c (1 - metalness) E(n) / pi
 * (`BRDF_Lambert`). Specular highlights are left out: at roughness 0.75 and metalness 0.05 they are faint.
 */
import { Color } from 'three';

/** Rotates the z-up box frame into three.js' y-up world (the scene group's rotation). */
export const Z_UP_TO_Y_UP: [number, number, number] = [-Math.PI / 2, 0, 0];

export const HEMISPHERE = { sky: '#ffffff', ground: '#8890a0', intensity: 0.9 } as const;
/** Directional lights by position (each shines towards the origin) and intensity. */
export const DIRECTIONAL: readonly { position: [number, number, number]; intensity: number }[] = [
  { position: [3, 5, 2], intensity: 1.6 },
  { position: [-3, 2, -2], intensity: 0.4 },
];
export const SURFACE_ROUGHNESS = 0.75;
export const SURFACE_METALNESS = 0.05;

/** The light's colour in three's working (linear) space, as three converts a CSS colour. */
function linear(css: string): [number, number, number] {
  const c = new Color(css);
  return [c.r, c.g, c.b];
}

/**
 * `colors` (linear RGB per vertex, as three reads vertex colours) times the diffuse light each
 * vertex's normal receives. `normals` are in the box frame (z up); they are turned into the world
 * frame by Z_UP_TO_Y_UP, (x, y, z) -> (x, z, -y), where the lights are placed.
 */
export function bakeDiffuse(colors: Float32Array, normals: Float32Array): Float32Array {
  const sky = linear(HEMISPHERE.sky);
  const ground = linear(HEMISPHERE.ground);
  const lights = DIRECTIONAL.map(({ position: [x, y, z], intensity }) => {
    const norm = Math.hypot(x, y, z);
    return { l: [x / norm, y / norm, z / norm], intensity };
  });
  const out = new Float32Array(colors.length);
  const reflect = (1 - SURFACE_METALNESS) / Math.PI;
  for (let k = 0; k < colors.length; k += 3) {
    const wx = normals[k];
    const wy = normals[k + 2];
    const wz = -normals[k + 1];
    let direct = 0;
    for (const { l, intensity } of lights) direct += intensity * Math.max(0, wx * l[0] + wy * l[1] + wz * l[2]);
    const w = 0.5 * wy + 0.5;
    for (let c = 0; c < 3; c++) {
      const hemisphere = HEMISPHERE.intensity * (ground[c] + (sky[c] - ground[c]) * w);
      out[k + c] = colors[k + c] * reflect * (hemisphere + direct);
    }
  }
  return out;
}
