import type { ReactElement } from 'react';
import type { ParamSpec } from '../core/optim/types';

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
    <label className="param" title={spec.help}>
      {spec.label}
      <input
        data-testid={testId}
        type="number"
        min={spec.min}
        max={spec.max}
        step={spec.type === 'integer' ? 1 : 'any'}
        defaultValue={String(value)}
        key={String(value)}
        onBlur={(e) => {
          const v = Number(e.target.value);
          const ok =
            Number.isFinite(v) &&
            (spec.type !== 'integer' || Number.isInteger(v)) &&
            (spec.min === undefined || v >= spec.min) &&
            (spec.max === undefined || v <= spec.max);
          if (ok) onChange(v);
          else e.target.value = String(value);
        }}
      />
    </label>
  );
}
