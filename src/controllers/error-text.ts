/** What a failed worker call says, for a notice: one line in words, never a GPU driver's raw message. */
import { isDeviceFailure } from '../worker/device-loss';

export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (isDeviceFailure(e)) return 'the GPU device was lost during this computation; the app moved to another backend: run it again';
  return text.split('\n')[0];
}
