import { useRef, type ChangeEvent, type ReactElement } from 'react';
import { TEST_FUNCTIONS } from '../core/functions/registry';
import { ACTIVATIONS, LOSSES } from '../core/problem/problem';
import { DATASETS, defaultDatasetSpec, type DatasetName, type DatasetProblemSpec } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { SelectField } from './SelectField';
import { loadProblemFile } from './session';

const DATASET_LABELS: Record<DatasetName, string> = {
  spiral: 'Spiral (network, 3 classes)',
  circles: 'Circles (network, binary)',
  xor: 'XOR (network, binary)',
  gaussians: 'Gaussians (network, 3 classes)',
  sine: 'Sine regression (network)',
};

function selectValue(p: ReturnType<typeof useAppStore.getState>['setup']['problem']): string {
  if (p.kind === 'function') return `fn:${p.name}`;
  if (p.kind === 'dataset') return `ds:${p.dataset}`;
  return 'custom';
}

function NetworkControls({ spec }: { spec: DatasetProblemSpec }): ReactElement {
  const setProblem = useAppStore((s) => s.setProblem);
  const update = (patch: Partial<DatasetProblemSpec>): void => setProblem({ ...spec, ...patch });
  const num = (e: ChangeEvent<HTMLInputElement>): number => Number(e.target.value);
  return (
    <div className="grid2">
      <label>
        points
        <input type="number" min={8} max={2000} step={10} value={spec.n} onChange={(e) => update({ n: Math.max(8, Math.min(2000, Math.round(num(e)) || 8)) })} />
      </label>
      <label>
        noise
        <input type="number" min={0} max={2} step={0.05} value={spec.noise} onChange={(e) => update({ noise: Math.max(0, Math.min(2, num(e) || 0)) })} />
      </label>
      <label>
        hidden layers
        <input
          type="text"
          defaultValue={spec.hidden.join(',')}
          title="Comma-separated widths, e.g. 8,8"
          onBlur={(e) => {
            const widths = e.target.value.split(',').map((w) => Math.round(Number(w.trim()))).filter((w) => w >= 1 && w <= 64);
            if (widths.length <= 4) update({ hidden: widths });
          }}
        />
      </label>
      <SelectField label="activation" value={spec.activation} options={ACTIVATIONS} onChange={(v) => update({ activation: v as DatasetProblemSpec['activation'] })} />
      <SelectField label="loss" value={spec.loss} options={LOSSES} onChange={(v) => update({ loss: v as DatasetProblemSpec['loss'] })} />
      <label>
        weight decay
        <input type="number" min={0} max={1} step={1e-4} value={spec.weightDecay} onChange={(e) => update({ weightDecay: Math.max(0, Math.min(1, num(e) || 0)) })} />
      </label>
      <label>
        data seed
        <input type="number" step={1} value={spec.seed} onChange={(e) => update({ seed: Math.round(num(e)) || 0 })} />
      </label>
      <label>
        init seed
        <input type="number" step={1} value={spec.initSeed} onChange={(e) => update({ initSeed: Math.round(num(e)) || 0 })} />
      </label>
    </div>
  );
}

export function ProblemPanel(): ReactElement {
  const problem = useAppStore((s) => s.setup.problem);
  const info = useAppStore((s) => s.problemInfo);
  const busy = useAppStore((s) => s.problemBusy);
  const setProblem = useAppStore((s) => s.setProblem);
  const fileRef = useRef<HTMLInputElement>(null);

  const onSelect = (value: string): void => {
    if (value.startsWith('fn:')) setProblem({ kind: 'function', name: value.slice(3) });
    else if (value.startsWith('ds:')) setProblem(defaultDatasetSpec(value.slice(3) as DatasetName));
  };

  return (
    <section className="panel">
      <h2>Problem</h2>
      <select data-testid="problem-select" value={selectValue(problem)} onChange={(e) => onSelect(e.target.value)} aria-label="problem">
        <optgroup label="2-D test functions">
          {TEST_FUNCTIONS.map((f) => (
            <option key={f.name} value={`fn:${f.name}`}>
              {f.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Networks on built-in data">
          {DATASETS.map((d) => (
            <option key={d} value={`ds:${d}`}>
              {DATASET_LABELS[d]}
            </option>
          ))}
        </optgroup>
        {problem.kind === 'custom' && (
          <optgroup label="Loaded">
            <option value="custom">{problem.name}</option>
          </optgroup>
        )}
      </select>
      <p className="muted small">
        {busy ? 'loading…' : info ? (info.formula ? `f(x, y) = ${info.formula}` : `${info.label}; surface: loss on a random filter-normalised plane (Li et al. 2018)`) : ''}
      </p>
      {problem.kind === 'dataset' && <NetworkControls key={problem.dataset} spec={problem} />}
      <div className="file-row">
        <button type="button" className="secondary" onClick={() => fileRef.current?.click()}>
          Load problem file or CSV…
        </button>
        <input
          ref={fileRef}
          data-testid="load-problem"
          type="file"
          accept=".json,.csv,application/json,text/csv"
          className="visually-hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void loadProblemFile(file);
            e.target.value = '';
          }}
        />
      </div>
      <p className="muted small">or drop a file anywhere. CSV rows: <code>x1,x2,label</code> (or a target for regression).</p>
    </section>
  );
}
