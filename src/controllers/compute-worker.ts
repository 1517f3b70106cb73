/**
 * The compute worker itself, made once. The page's entry calls `computeWorker()` before the app's
 * own modules evaluate, so the worker fetches, compiles and sets up its modules while the main
 * thread is still evaluating the app and rendering it: the first problem load then waits on
 * neither in turn (issue 9: Run enabled within 2 s of load).
 */
let instance: Worker | null = null;

export function computeWorker(): Worker {
  instance ??= new Worker(new URL('../worker/compute.worker.ts', import.meta.url), { type: 'module' });
  return instance;
}
