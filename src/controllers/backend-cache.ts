/**
 * auto's measurement, remembered per browser: timing four backends takes many seconds, and the
 * answer depends on this browser and this GPU, so it is kept in localStorage under a key made of
 * the user agent and the WebGPU adapter's description. "Re-measure" forgets it.
 */
import { cachedChoiceSchema, type CachedChoice } from '../protocol/backend';

const PREFIX = 'curvscape.auto-backend:';

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

/** The browser and its GPU adapter, as a cache key; no adapter (or no WebGPU) is part of the key too. */
export async function browserKey(): Promise<string> {
  let adapter = 'no-webgpu';
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: AdapterInfoLike } | null> } }).gpu;
  if (gpu) {
    try {
      const a = await gpu.requestAdapter();
      const info = a?.info;
      adapter = a ? [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join('/') || 'adapter' : 'no-adapter';
    } catch {
      adapter = 'adapter-error';
    }
  }
  return `${PREFIX}${navigator.userAgent}|${adapter}`;
}

export function readCached(key: string): CachedChoice | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const parsed = cachedChoiceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeCached(key: string, choice: CachedChoice): void {
  try {
    localStorage.setItem(key, JSON.stringify(choice));
  } catch {
    // storage full or blocked: auto measures again next time
  }
}

export function forgetCached(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing stored
  }
}
