import { setBackend } from '../engine/backend';

export const BACKEND_CHOICES = ['cpu', 'wasm'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** Node has no GPU backend; cpu and wasm are the two real choices here. */
export async function useBackend(name: BackendChoice): Promise<string> {
  return setBackend(name);
}
