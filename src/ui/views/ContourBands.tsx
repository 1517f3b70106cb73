import { memo, type ReactElement } from 'react';
import type { BandPath } from './contourPaths';

export interface ContourBandsProps {
  /** The SVG's viewBox size, the same as the view drawn over the bands. */
  width: number;
  height: number;
  /** The plot's rectangle, which clips the bands. */
  plot: { left: number; top: number; width: number; height: number };
  background: string;
  bands: BandPath[] | null;
}

/**
 * The filled contour bands in an SVG of their own, stacked under the view's trajectories, markers
 * and axes in the same viewBox. It is a composited layer (will-change: transform), so the bands are
 * rasterised once per surface: in one SVG with the trajectories, every streamed point, marker move
 * or hover repainted every band path. On a software GPU (SwiftShader, 2 cores) that raster kept
 * the GPU process busy for seconds after each change, the page's main thread waiting on a CPU.
 */
export const ContourBands = memo(function ContourBands({ width, height, plot, background, bands }: ContourBandsProps): ReactElement {
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', display: 'block', pointerEvents: 'none', willChange: 'transform' }}
    >
      <svg x={plot.left} y={plot.top} width={plot.width} height={plot.height} viewBox={`${plot.left} ${plot.top} ${plot.width} ${plot.height}`} overflow="hidden">
        <rect x={plot.left} y={plot.top} width={plot.width} height={plot.height} fill={background} />
        {bands?.map((b, k) => (
          <path key={k} d={b.d} fill={b.fill} stroke="rgba(255,255,255,0.22)" strokeWidth={0.6} />
        ))}
      </svg>
    </svg>
  );
});
