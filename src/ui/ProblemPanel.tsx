import { useRef, type ReactElement } from 'react';
import { TEST_FUNCTIONS } from '../core/functions/registry';
import { ACTIVATIONS, LOSSES } from '../core/problem/problem';
import { DATASETS, defaultDatasetSpec, problemKey, type DatasetName, type DatasetProblemSpec, type NetworkArchitecture } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { ListField, NumberField } from './fields/NumberField';
import { DATASET_BOUNDS, HIDDEN_BOUNDS } from './fields/setup-bounds';
import { SelectField } from './SelectField';
import { ModelControls } from './model/ModelControls';
import { digitsSpecFrom } from './model/model-draft';
import { csvArchitecture, loadProblemFile, reloadCsv } from '../controllers/intents';

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
  if (p.kind === 'model') return `model:${p.dataset}`;
  return 'custom';
}

function NetworkControls({ spec }: { spec: DatasetProblemSpec }): ReactElement {
  const setProblem = useAppStore((s) => s.setProblem);
  const update = (patch: Partial<DatasetProblemSpec>): void => setProblem({ ...spec, ...patch });
  return (
    <div className="grid2">
      <NumberField label="points" testId="dataset-n" value={spec.n} {...DATASET_BOUNDS.n} onCommit={(n) => update({ n })} />
      <NumberField label="noise" testId="dataset-noise" value={spec.noise} {...DATASET_BOUNDS.noise} onCommit={(noise) => update({ noise })} />
      <ListField
        label="hidden layers"
        testId="hidden-layers"
        title="Comma-separated widths, e.g. 8,8; empty for a linear model"
        value={spec.hidden}
        {...HIDDEN_BOUNDS}
        onCommit={(hidden) => update({ hidden })}
      />
      <SelectField label="activation" value={spec.activation} options={ACTIVATIONS} onChange={(v) => update({ activation: v as DatasetProblemSpec['activation'] })} />
      <SelectField label="loss" value={spec.loss} options={LOSSES} onChange={(v) => update({ loss: v as DatasetProblemSpec['loss'] })} />
      <NumberField label="weight decay" testId="weight-decay" value={spec.weightDecay} {...DATASET_BOUNDS.weightDecay} onCommit={(weightDecay) => update({ weightDecay })} />
      <NumberField label="data seed" testId="data-seed" value={spec.seed} {...DATASET_BOUNDS.seed} onCommit={(seed) => update({ seed })} />
      <NumberField label="init seed" testId="init-seed" value={spec.initSeed} {...DATASET_BOUNDS.initSeed} onCommit={(initSeed) => update({ initSeed })} />
    </div>
  );
}

/**
 * An uploaded CSV's architecture, as the controller last loaded it (the panel re-renders when the
 * load lands); the task (classification or regression) follows from the CSV's last column.
 */
function CsvControls({ arch }: { arch: NetworkArchitecture }): ReactElement {
  const update = (patch: Partial<NetworkArchitecture>): void => void reloadCsv({ ...arch, ...patch });
  return (
    <div className="grid2" data-testid="csv-architecture">
      <ListField label="hidden layers" testId="csv-hidden-layers" title="Comma-separated widths, e.g. 8,8; empty for a linear model" value={arch.hidden} {...HIDDEN_BOUNDS} onCommit={(hidden) => update({ hidden })} />
      <SelectField label="activation" value={arch.activation} options={ACTIVATIONS} onChange={(v) => update({ activation: v as NetworkArchitecture['activation'] })} />
      <NumberField label="weight decay" testId="csv-weight-decay" value={arch.weightDecay} {...DATASET_BOUNDS.weightDecay} onCommit={(weightDecay) => update({ weightDecay })} />
      <NumberField label="init seed" testId="csv-init-seed" value={arch.initSeed} {...DATASET_BOUNDS.initSeed} onCommit={(initSeed) => update({ initSeed })} />
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
    else if (value === 'model:digits') setProblem(digitsSpecFrom(problem));
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
        <optgroup label="Layer-list models on real images">
          <option value="model:digits">Digits 8x8 (presets, layer editor)</option>
          {problem.kind === 'model' && problem.dataset === 'fashion-mnist' && <option value="model:fashion-mnist">Fashion-MNIST (loaded files)</option>}
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
      {problem.kind === 'model' && <ModelControls key={problemKey(problem)} spec={problem} />}
      {problem.kind === 'custom' && csvArchitecture() && <CsvControls key={`${problem.name}:${JSON.stringify(csvArchitecture())}`} arch={csvArchitecture()!} />}
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
      <p className="muted small">
        or drop a file anywhere. CSV rows: <code>x1,x2,label</code>, separated by <code>,</code> <code>;</code> or tabs (or a target for regression); a pandas index
        column is dropped.
      </p>
    </section>
  );
}
