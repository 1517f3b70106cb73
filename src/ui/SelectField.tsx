import type { ReactElement } from 'react';

export interface Choice {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  label: string;
  value: string;
  /** Plain strings are their own labels. */
  options: readonly (string | Choice)[];
  onChange(value: string): void;
  testId?: string;
  /** Label of an extra option for a value that is not (yet) among the options, e.g. a run not made yet. */
  missingLabel?: string;
}

/** A labelled native select: what the browser tests drive with selectOption. */
export function SelectField({ label, value, options, onChange, testId, missingLabel }: SelectFieldProps): ReactElement {
  const choices = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  const missing = missingLabel !== undefined && !choices.some((c) => c.value === value);
  return (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {missing && <option value={value}>{missingLabel}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
