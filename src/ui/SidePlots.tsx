import { useMemo, type ReactElement } from 'react';
import { useAppStore } from '../state/store';
import { LinePlot } from './views/LinePlot';
import { ScatterPlot } from './views/ScatterPlot';

/** The data of a network problem, and (in the escape demo) the loss along the lowest eigenvector. */
export function SidePlots(): ReactElement | null {
  const info = useAppStore((s) => s.problemInfo);
  const escape = useAppStore((s) => s.escape);
  const data = info?.data ?? null;
  const escapeSeries = useMemo(
    () => (escape ? [{ label: `λ = ${escape.lambda.toPrecision(3)}`, color: '#e4572e', x: escape.steps, y: escape.losses }] : []),
    [escape],
  );
  if (!data && !escape) return null;
  return (
    <section className="panel">
      {escape && (
        <>
          <h2>Loss along the lowest eigenvector</h2>
          <LinePlot series={escapeSeries} xLabel="step length t" yLabel="loss(w + t v)" testId="escape-plot" height={180} />
        </>
      )}
      {data && (
        <>
          <h2>Data</h2>
          <ScatterPlot data={data} testId="dataset-preview" />
        </>
      )}
    </section>
  );
}
