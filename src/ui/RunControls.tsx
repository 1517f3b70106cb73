import type { ReactElement } from 'react';
import { useAppStore } from '../state/store';
import type { ChartXAxis } from './views/types';
import { NumberField } from './fields/NumberField';
import { START_BOUNDS, STEPS_BOUNDS } from './fields/setup-bounds';
import { pause, reset, runOrResume, step } from '../controllers/intents';

function maxIteration(lengths: number[]): number {
  return Math.max(0, ...lengths.map((n) => n - 1));
}

export function RunControls(): ReactElement {
  const status = useAppStore((s) => s.status);
  const steps = useAppStore((s) => s.setup.steps);
  const start = useAppStore((s) => s.setup.start);
  const info = useAppStore((s) => s.problemInfo);
  const lengths = useAppStore((s) => s.trajectories.map((t) => t.records.length).join(','));
  const iteration = useAppStore((s) => s.iteration);
  const logScale = useAppStore((s) => s.setup.logScale);
  const xAxis = useAppStore((s) => s.setup.xAxis);
  const busyProblem = useAppStore((s) => s.problemBusy);
  const nothingTicked = useAppStore((s) => s.setup.optimizers.length === 0);
  const { setSteps, setStart, setIteration, setLogScale, setXAxis } = useAppStore.getState();
  const max = maxIteration(lengths ? lengths.split(',').map(Number) : []);
  const shown = start ?? info?.start ?? [0, 0];
  const setCoord = (k: 0 | 1, v: number): void => {
    const next: [number, number] = [shown[0], shown[1]];
    next[k] = v;
    setStart(next);
  };
  return (
    <section className="panel">
      <h2>Run</h2>
      <div className="grid2">
        <NumberField
          label={`start ${info?.network ? 'α' : 'x'}`}
          title={info?.network ? 'Start in plane coordinates: (0, 0) is the initial parameters' : 'Start point'}
          testId="start-x"
          value={shown[0]}
          {...START_BOUNDS}
          onCommit={(v) => setCoord(0, v)}
        />
        <NumberField label={`start ${info?.network ? 'β' : 'y'}`} testId="start-y" value={shown[1]} {...START_BOUNDS} onCommit={(v) => setCoord(1, v)} />
        <NumberField label="max steps" testId="steps" value={steps} {...STEPS_BOUNDS} onCommit={setSteps} />
        <label className="inline">
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} data-testid="log-scale" />
          log-scale surface
        </label>
      </div>
      <div className="buttons">
        <button type="button" data-testid="run" className="primary" disabled={busyProblem || nothingTicked || status === 'running'} onClick={runOrResume}>
          {status === 'paused' ? 'Resume' : 'Run'}
        </button>
        <button type="button" data-testid="pause" disabled={status !== 'running'} onClick={pause}>
          Pause
        </button>
        <button type="button" data-testid="step" disabled={busyProblem || nothingTicked} onClick={step}>
          Step
        </button>
        <button type="button" data-testid="reset" onClick={reset}>
          Reset
        </button>
      </div>
      <div className="iteration">
        <label htmlFor="iteration-slider">
          iteration <strong data-testid="iteration-readout">{Math.min(iteration, max)}</strong> / {max}
          <span className={`status status-${status}`} data-testid="run-status">{status}</span>
        </label>
        <input
          id="iteration-slider"
          data-testid="iteration"
          type="range"
          min={0}
          max={max}
          value={Math.min(iteration, max)}
          onChange={(e) => setIteration(Number(e.target.value))}
        />
      </div>
      <label>
        chart x-axis
        <select value={xAxis} onChange={(e) => setXAxis(e.target.value as ChartXAxis)} data-testid="x-axis">
          <option value="iteration">iteration</option>
          <option value="cost">cost (gradients + HVPs)</option>
          <option value="time">wall time</option>
        </select>
      </label>
    </section>
  );
}
