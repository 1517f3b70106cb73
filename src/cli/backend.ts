import { setBackend } from '../engine/backend';

export const BACKEND_CHOICES = ['cpu', 'wasm'] as const;

/** Node has no GPU backend; cpu and wasm are the two real choices here. */
export async function useBackend(name: (typeof BACKEND_CHOICES)[number]): Promise<string> {
  return setBackend(name);
}
