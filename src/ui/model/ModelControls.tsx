import { useRef, useState, type ReactElement } from 'react';
import { LIMITS } from '../../core/limits';
import { MODEL_PRESETS, getModelPreset, type PresetName } from '../../core/problem/model-presets';
import { FASHION_DEFAULT_EXAMPLES, modelInputShapes } from '../../protocol/model-problem';
import { DIGITS_TRAIN_ROWS, type ModelProblemSpec } from '../../state/problem-spec';
import { useAppStore } from '../../state/store';
import { loadIdxFiles } from '../../controllers/intents';
import { NumberField } from '../fields/NumberField';
import { DATASET_BOUNDS } from '../fields/setup-bounds';
import { SelectField } from '../SelectField';
import { LayerEditor } from './LayerEditor';
import type { DraftLayer } from './layer-defaults';
import { checkDraft, parseModelJson, presetOf } from './model-draft';
import './model.css';

const pretty = (layers: readonly unknown[]): string => `[\n${layers.map((l) => `  ${JSON.stringify(l)}`).join(',\n')}\n]`;

/**
 * A layer-list model on digits or Fashion-MNIST (issue 10): a preset in one click, a layer editor
 * and the model as JSON, with the live parameter count. A draft the parser refuses shows its
 * message (naming the layer) here and is not sent, so the loaded problem stays; a draft that
 * parses becomes the problem at once.
 */
export function ModelControls({ spec }: { spec: ModelProblemSpec }): ReactElement {
  const setProblem = useAppStore((s) => s.setProblem);
  const [draft, setDraft] = useState<DraftLayer[]>(() => spec.model as unknown as DraftLayer[]);
  const [shape, setShape] = useState<number[]>(spec.inputShape);
  const [jsonText, setJsonText] = useState(() => pretty(spec.model));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [fashionExamples, setFashionExamples] = useState(spec.dataset === 'fashion-mnist' ? spec.examples : FASHION_DEFAULT_EXAMPLES);
  const fileRef = useRef<HTMLInputElement>(null);
  const check = checkDraft(draft, shape);
  const shapes = modelInputShapes(spec.dataset);

  const edit = (layers: DraftLayer[], inputShape: number[] = shape): void => {
    setDraft(layers);
    setShape(inputShape);
    setJsonText(pretty(layers));
    setJsonError(null);
    const next = checkDraft(layers, inputShape);
    if (next.ok) setProblem({ ...spec, inputShape, model: next.model });
  };

  const preset = presetOf(draft);
  return (
    <div className="model-controls" data-testid="model-controls">
      <div className="grid2">
        <SelectField
          label="preset"
          testId="model-preset"
          value={preset ?? 'edited'}
          missingLabel="(edited)"
          options={MODEL_PRESETS.map((p) => ({ value: p.name, label: p.label }))}
          onChange={(name) => edit(getModelPreset(name as PresetName).layers as unknown as DraftLayer[])}
        />
        <SelectField
          label="input"
          testId="model-input"
          value={shape.join('x')}
          options={shapes.map((s) => ({ value: s.join('x'), label: s.length === 3 ? `image ${s.join('x')}` : `vector ${s[0]}` }))}
          onChange={(v) => edit(draft, v.split('x').map(Number))}
        />
        <NumberField
          label="training examples"
          testId="model-examples"
          value={spec.examples}
          min={1}
          max={spec.dataset === 'digits' ? DIGITS_TRAIN_ROWS : LIMITS.rows}
          integer
          title={spec.dataset === 'digits' ? `The first rows of the fixed split's ${DIGITS_TRAIN_ROWS} training rows; all 451 test rows are held out` : 'The first images of the training file; as many test images are held out'}
          onCommit={(examples) => setProblem({ ...spec, examples })}
        />
        <NumberField label="weight decay" testId="model-weight-decay" value={spec.weightDecay} {...DATASET_BOUNDS.weightDecay} onCommit={(weightDecay) => setProblem({ ...spec, weightDecay })} />
        <NumberField label="init seed" testId="model-init-seed" value={spec.initSeed} {...DATASET_BOUNDS.initSeed} onCommit={(initSeed) => setProblem({ ...spec, initSeed })} />
      </div>
      {check.ok ? (
        <p className="small" data-testid="model-params" data-params={check.params}>
          {check.params.toLocaleString('en-US')} parameters; softmax cross-entropy over 10 classes
        </p>
      ) : (
        <p className="field-error" role="alert" data-testid="model-error">
          {check.error}; the loaded model is kept
        </p>
      )}
      <details className="small" open>
        <summary>Layers</summary>
        <LayerEditor layers={draft} path="model" testId="layers" onChange={(layers) => edit(layers)} />
      </details>
      <details className="small">
        <summary>Model JSON</summary>
        <textarea className="model-json" data-testid="model-json" rows={8} spellCheck={false} value={jsonText} aria-invalid={jsonError !== null} onChange={(e) => setJsonText(e.target.value)} />
        <button
          type="button"
          data-testid="model-json-apply"
          onClick={() => {
            const pasted = parseModelJson(jsonText);
            if (!pasted.ok) return setJsonError(pasted.error);
            const pastedCheck = checkDraft(pasted.layers, shape);
            if (!pastedCheck.ok) return setJsonError(pastedCheck.error);
            edit(pasted.layers);
          }}
        >
          Apply JSON
        </button>
        {jsonError && (
          <p className="field-error" role="alert" data-testid="model-json-error">
            {jsonError}
          </p>
        )}
      </details>
      <div className="file-row">
        <NumberField label="Fashion-MNIST examples" testId="idx-examples" value={fashionExamples} min={1} max={LIMITS.rows} integer onCommit={setFashionExamples} />
        <button type="button" className="secondary" onClick={() => fileRef.current?.click()}>
          Load Fashion-MNIST IDX files…
        </button>
        <input
          ref={fileRef}
          data-testid="idx-files"
          type="file"
          multiple
          className="visually-hidden"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            if (files.length) void loadIdxFiles(files, fashionExamples);
            e.target.value = '';
          }}
        />
        <p className="muted small">The four <code>*-ubyte.gz</code> files (train and t10k) or one images + labels pair, gzipped or not.</p>
      </div>
    </div>
  );
}
