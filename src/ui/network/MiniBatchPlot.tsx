import type { ReactElement } from 'react';
import { formatValue, niceTicks } from '../views/ticks';

export interface MiniBatchPlotProps {
  values: number[];
  fullBatch: number;
  testId?: string;
}

const W = 460;
const H = 170;
const PAD = { left: 16, right: 16, top: 44, bottom: 34 };
const DOT = '#0072b2';
const FULL = '#d55e00';

/** The q-quantile of sorted values, by linear interpolation (numpy's default). */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Mini-batch λ_max per batch as dots over a box (quartiles, min–max whiskers), against the full-batch value. */
export function MiniBatchPlot({ values, fullBatch, testId }: MiniBatchPlotProps): ReactElement {
  const finite = values.filter(Number.isFinite);
  const sorted = [...finite].sort((a, b) => a - b);
  const all = [...sorted, fullBatch].filter(Number.isFinite);
  const lo0 = Math.min(...all);
  const hi0 = Math.max(...all);
  const margin = (hi0 - lo0 || Math.abs(hi0) || 1) * 0.08;
  const [lo, hi] = [lo0 - margin, hi0 + margin];
  const pw = W - PAD.left - PAD.right;
  const sx = (v: number): number => PAD.left + ((v - lo) / (hi - lo)) * pw;
  const mid = PAD.top + (H - PAD.top - PAD.bottom) / 2;
  const boxH = 34;
  const q1 = sorted.length ? quantile(sorted, 0.25) : NaN;
  const q2 = sorted.length ? quantile(sorted, 0.5) : NaN;
  const q3 = sorted.length ? quantile(sorted, 0.75) : NaN;
  return (
    <svg data-testid={testId} viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', display: 'block', font: '11px system-ui, sans-serif' }}>
      {niceTicks(lo, hi, 6).map((t) => (
        <g key={t}>
          <line x1={sx(t)} x2={sx(t)} y1={PAD.top - 6} y2={H - PAD.bottom} stroke="rgba(0,0,0,0.07)" />
          <text x={sx(t)} y={H - PAD.bottom + 14} textAnchor="middle" fill="#374151">
            {formatValue(t)}
          </text>
        </g>
      ))}
      <text x={PAD.left + pw / 2} y={H - 4} textAnchor="middle" fill="#374151" fontWeight={600}>
        λ_max
      </text>
      {sorted.length > 0 && (
        <g>
          <line x1={sx(sorted[0])} x2={sx(sorted[sorted.length - 1])} y1={mid} y2={mid} stroke="#6b7280" />
          <rect x={sx(q1)} y={mid - boxH / 2} width={Math.max(1, sx(q3) - sx(q1))} height={boxH} fill="rgba(0,114,178,0.12)" stroke="#6b7280" />
          <line x1={sx(q2)} x2={sx(q2)} y1={mid - boxH / 2} y2={mid + boxH / 2} stroke="#374151" strokeWidth={2} />
        </g>
      )}
      {finite.map((v, k) => (
        <circle key={k} cx={sx(v)} cy={mid + (((k * 7) % 11) - 5) * 2.4} r={3.5} fill={DOT} fillOpacity={0.8} stroke="white" strokeWidth={0.8} />
      ))}
      {Number.isFinite(fullBatch) && (
        <g>
          <line x1={sx(fullBatch)} x2={sx(fullBatch)} y1={PAD.top - 8} y2={H - PAD.bottom} stroke={FULL} strokeWidth={2} strokeDasharray="5 3" />
          <text x={sx(fullBatch)} y={PAD.top - 12} textAnchor={sx(fullBatch) > W - 90 ? 'end' : 'middle'} fill={FULL} fontWeight={600}>
            full batch {formatValue(fullBatch)}
          </text>
        </g>
      )}
      <text x={PAD.left} y={12} fill={DOT} fontWeight={600}>
        mini-batch (one dot per batch)
      </text>
    </svg>
  );
}
