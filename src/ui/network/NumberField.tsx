import { useEffect, useState, type ReactElement } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number;
  min?: number;
  max?: number;
  step?: number;
  integer?: boolean;
  testId?: string;
  onChange(value: number): void;
}

/** A labelled number input that passes on only valid values, and keeps what is typed while it is not. */
export function NumberField({ label, value, min = -Infinity, max = Infinity, step, integer = false, testId, onChange }: NumberFieldProps): ReactElement {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    if (Number(text) !== value) setText(String(value));
    // only an outside change of the value rewrites the text
  }, [value]);
  const valid = (v: number): boolean => Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
  return (
    <label>
      {label}
      <input
        type="number"
        data-testid={testId}
        value={text}
        min={Number.isFinite(min) ? min : undefined}
        max={Number.isFinite(max) ? max : undefined}
        step={step ?? (integer ? 1 : 'any')}
        aria-invalid={!valid(Number(text))}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value !== '' && valid(v)) onChange(v);
        }}
      />
    </label>
  );
}
