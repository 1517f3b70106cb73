/**
 * A seed for the `index`-th draw of a run seeded with `seed`. Hashed (golden-ratio and murmur3
 * multipliers) because mulberry32's first outputs for neighbouring small seeds are correlated.
 */
export function deriveSeed(seed: number, index: number): number {
  return (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}
