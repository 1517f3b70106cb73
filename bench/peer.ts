import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface PeerFigures {
  [key: string]: number | string;
}

/** A peer run's outcome: its figures, torch missing here, or a failure (timeout, crash, bad output) in words. */
export type PeerRun<T> = { ok: true; figures: T } | { ok: false; missing: boolean; message: string };

const PYTHON = '/usr/bin/python3';
/**
 * Each peer call's bound in seconds (BENCH_PEER_TIMEOUT_S); a peer past it is killed and named, never
 * waited on. The Fashion-MNIST CNN's peer took 75 CPU s but 24 min of wall time at load ~20.
 */
export const PEER_TIMEOUT_S = Number(process.env.BENCH_PEER_TIMEOUT_S ?? 3600);

/**
 * Every thread pool of the peer held to one thread, as its figures say (float32, 1 thread):
 * torch.set_num_threads(1) covers only torch's intra-op pool, not numpy/scipy's OpenBLAS (ARPACK's vector work).
 */
const ONE_THREAD = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', TORCH_THREADS: process.env.TORCH_THREADS ?? '1' };

let torchHere: boolean | null = null;
function torchInstalled(): boolean {
  torchHere ??= existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch, scipy'], { stdio: 'ignore', timeout: 120_000 }).status === 0;
  return torchHere;
}

/**
 * Runs `/usr/bin/python3 script ...args` (a PyTorch peer printing one JSON line last) with no standard
 * input, one thread, and a timeout of `timeoutS` seconds; its standard error is kept for the message.
 */
export function runPeerScript<T>(script: string, args: string[], timeoutS = PEER_TIMEOUT_S): PeerRun<T> {
  if (!torchInstalled()) return { ok: false, missing: true, message: 'PyTorch not available (apt-get install -y python3-torch python3-scipy)' };
  const what = `${script.split('/').pop()} ${args.map((a) => a.split('/').pop()).join(' ')}`;
  const t0 = performance.now();
  const r = spawnSync(PYTHON, [script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutS * 1000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...ONE_THREAD },
  });
  const s = ((performance.now() - t0) / 1000).toFixed(0);
  const err = (r.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
    return { ok: false, missing: false, message: `peer ${what} killed after ${timeoutS} s (BENCH_PEER_TIMEOUT_S raises the bound)` };
  if (r.error) return { ok: false, missing: false, message: `peer ${what} failed after ${s} s: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, missing: false, message: `peer ${what} exited with ${r.status ?? r.signal} after ${s} s${err ? `: ${err}` : ''}` };
  try {
    return { ok: true, figures: JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as T };
  } catch {
    return { ok: false, missing: false, message: `peer ${what} printed no JSON line after ${s} s` };
  }
}

/** Runs the PyTorch peer (../shared/peer/peer_torch.py) on one fixture. */
export function runPeer(peerScript: string, fixture: string, grid = 51): PeerRun<PeerFigures> {
  return runPeerScript<PeerFigures>(peerScript, [fixture, String(grid)]);
}
