/**
 * The skip-connections study's planes as maps, side by side per network (Li et al. 2018,
 * "Visualizing the Loss Landscape of Neural Nets", Figures 5 and 7): the loss relative to the
 * trained point, log10(loss / loss at the centre), and the convexity map max(0, -lambda_min) / lambda_max.
 */
import type { ReactElement } from 'react';
import type { SkipConnectionsResult, SkipRun } from '../../core/studies/skip-connections';
import { Heatmap } from '../views/Heatmap';

/** Rows by beta as one row-major square matrix. */
function square(rows: number[][], f: (v: number) => number): { n: number; values: number[] } {
  return { n: rows.length, values: rows.flatMap((row) => row.map(f)) };
}

function relativeLogLoss(run: SkipRun): { n: number; values: number[] } {
  const centre = run.loss[run.loss.length >> 1][run.alphas.length >> 1];
  return square(run.loss, (v) => Math.log10(v / centre));
}

export function SkipMaps({ result }: { result: SkipConnectionsResult }): ReactElement {
  return (
    <div className="study-plots" data-testid="skip-maps">
      {result.runs.map((run) => {
        const name = `depth ${run.depth} ${run.skips ? 'with' : 'without'} skips`;
        return (
          <figure className="study-plot" key={name}>
            <Heatmap size={180} matrix={relativeLogLoss(run)} title={`${name}: log10(loss / centre)`} />
            <Heatmap size={180} matrix={square(run.ratio, (v) => v)} title={`${name}: max(0, -lambda_min) / lambda_max`} />
          </figure>
        );
      })}
    </div>
  );
}
