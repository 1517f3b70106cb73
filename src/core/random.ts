/** Seeded generators so every stochastic estimate and every dataset can be reproduced from its seed. */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  normal(): number;
  /** +1 or -1 with equal probability (Hutchinson's probes). */
  rademacher(): number;
}

/** mulberry32: a small, fast 32-bit generator, good enough for probes and datasets. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    rademacher() {
      return next() < 0.5 ? -1 : 1;
    },
  };
}

export function randomNormalVector(n: number, rng: Rng): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  return v;
}

export function rademacherVector(n: number, rng: Rng): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.rademacher();
  return v;
}
