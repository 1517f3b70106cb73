/**
 * JSON has no Infinity or NaN, and JSON.stringify would print them as null, which reads as "no
 * value". A non-finite number that reaches the output is written as the string "Infinity",
 * "-Infinity" or "NaN" instead, so the reader sees what happened.
 */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : String(v)));
  }
  return value;
}

/** One JSON object and a newline. */
export function toJsonLine(result: Record<string, unknown>): string {
  return JSON.stringify(result, replacer) + '\n';
}
