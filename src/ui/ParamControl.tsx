import type { ReactElement } from 'react';
import type { ParamSpec } from '../core/optim/types';
import { NumberField } from './fields/NumberField';

/** One hyper-parameter control, shaped by its schema entry. */
export function ParamControl({
  spec,
  value,
  onChange,
  testId,
}: {
  spec: ParamSpec;
  value: number | string | boolean;
  onChange: (v: number | string | boolean) => void;
  testId: string;
}): ReactElement {
  if (spec.type === 'boolean')
    return (
      <label className="param" title={spec.help}>
        <input data-testid={testId} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />
        {spec.label}
      </label>
    );
  if (spec.type === 'choice')
    return (
      <label className="param" title={spec.help}>
        {spec.label}
        <select data-testid={testId} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {(spec.choices ?? []).map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
    );
  return (
    <NumberField
      className="param"
      label={spec.label}
      title={spec.help}
      testId={testId}
      value={Number(value)}
      min={spec.min}
      max={spec.max}
      integer={spec.type === 'integer'}
      onCommit={onChange}
    />
  );
}
