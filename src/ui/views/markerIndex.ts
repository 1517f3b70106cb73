/** Index of the marker for `iteration`, clamped to the points that exist; -1 when there are none. */
export function markerIndex(iteration: number, length: number): number {
  if (length <= 0) return -1;
  const i = Math.floor(Number.isFinite(iteration) ? iteration : 0);
  return i < 0 ? 0 : i >= length ? length - 1 : i;
}
