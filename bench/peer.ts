import { execFileSync } from 'node:child_process';

export interface PeerFigures {
  [key: string]: number | string;
}

/** Runs the PyTorch peer on one fixture; null when torch is not installed here. */
export function runPeer(peerScript: string, fixture: string, grid = 51): PeerFigures | null {
  try {
    const out = execFileSync('/usr/bin/python3', [peerScript, fixture, String(grid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 300_000,
    });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as PeerFigures;
  } catch {
    return null;
  }
}
