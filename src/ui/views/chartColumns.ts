/**
 * A line chart's uPlot columns kept from one update to the next: a series that grew re-aligns
 * and re-maps only its new tail (changedFrom, alignFrom), and the arrays uPlot holds are updated
 * in place instead of rebuilt, so a streaming run costs each update about what it added.
 */
import { alignFrom, changedFrom, snapshotOf, type AlignedColumns, type PlotSeries, type SeriesSnapshot } from './alignSeries';
import { chartYScale, type ChartYScale } from './chartScale';

/** What uPlot draws: x, then each series' y in plotted units (chartScale), null where there is no point. */
export type PlottedColumns = [number[], ...(number | null)[][]];

export class ChartColumns {
  private before: SeriesSnapshot[] | null = null;
  /** x, then each series' plotted y: aligned and mapped in one pass (alignFrom with the scale's forward). */
  private plotted: AlignedColumns = [[]];
  private scaleKey = '';
  /** The scale of the columns last returned. */
  scale: ChartYScale = chartYScale([], false);
  /** Whether the last update changed any column (false: what is drawn already shows it). */
  changed = true;

  /** The columns for `series`; the arrays are the previous call's, changed in place where they can be. */
  update(series: readonly PlotSeries[], logRequested: boolean): PlottedColumns {
    const scale = chartYScale(
      series.map((s) => s.y),
      logRequested,
    );
    const rows = this.plotted[0].length;
    let cut: number;
    if (this.before !== null && this.before.length === series.length && this.plotted.length === series.length + 1) {
      // brings the snapshots to `series` whatever the scale: they record what the columns are built from
      cut = changedFrom(this.before, series);
      // another scale maps every value anew (plotted values are log10(y) or y in some unit)
      if (scale.key !== this.scaleKey) cut = -Infinity;
    } else {
      this.before = series.map(snapshotOf);
      this.plotted = [[], ...series.map((): (number | null)[] => [])];
      cut = -Infinity;
    }
    const from = cut === Infinity ? rows : alignFrom(this.plotted, series, cut, scale.forward);
    this.changed = from < rows || this.plotted[0].length !== rows || cut === -Infinity;
    this.scaleKey = scale.key;
    this.scale = scale;
    return this.plotted;
  }
}
