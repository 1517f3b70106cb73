import { useEffect, useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { parseIntegerList, parseNumberInput, type ListRange, type NumberRange, type Parsed } from './number-input';

interface TextFieldProps<T> {
  label: ReactNode;
  /** The committed value and its text, as the field shows it when nobody is editing. */
  value: T;
  format(value: T): string;
  parse(text: string): Parsed<T>;
  same(a: T, b: T): boolean;
  onCommit(value: T): void;
  testId?: string;
  title?: string;
  className?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
}

/**
 * A labelled text input that commits on Enter or blur. Any intermediate text (`-`, `1e-`, empty)
 * can be typed; nothing is sent per keystroke; a bad value stays as typed with a message beside
 * it; Escape brings back the committed value.
 */
function TextField<T>({ label, value, format, parse, same, onCommit, testId, title, className, inputMode = 'decimal' }: TextFieldProps<T>): ReactElement {
  const [text, setText] = useState(format(value));
  const [error, setError] = useState<string | null>(null);
  const committed = useRef(value);
  const errorId = useId();
  useEffect(() => {
    // an outside change (reset, a link, a demo) rewrites the text; our own commit already shows
    if (!same(committed.current, value)) {
      committed.current = value;
      setText(format(value));
      setError(null);
    }
  }, [value]);
  const commit = (): void => {
    const parsed = parse(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    if (!same(parsed.value, committed.current)) {
      committed.current = parsed.value;
      onCommit(parsed.value);
    }
  };
  return (
    <label className={className ? `field ${className}` : 'field'} title={title}>
      {label}
      <input
        type="text"
        inputMode={inputMode}
        spellCheck={false}
        autoComplete="off"
        data-testid={testId}
        value={text}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'Escape') {
            setText(format(committed.current));
            setError(null);
          }
        }}
      />
      {error && (
        <span id={errorId} className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </span>
      )}
    </label>
  );
}

export interface NumberFieldProps extends NumberRange {
  label: ReactNode;
  value: number;
  onCommit(value: number): void;
  testId?: string;
  title?: string;
  className?: string;
}

/** The one number input: see TextField; the range comes from the setting's schema or registry entry. */
export function NumberField({ min, max, integer, ...rest }: NumberFieldProps): ReactElement {
  return (
    <TextField<number>
      {...rest}
      inputMode={integer && (min ?? 0) >= 0 ? 'numeric' : 'decimal'}
      format={String}
      parse={(t) => parseNumberInput(t, { min, max, integer })}
      same={Object.is}
    />
  );
}

export interface ListFieldProps extends ListRange {
  label: ReactNode;
  value: number[];
  onCommit(value: number[]): void;
  testId?: string;
  title?: string;
  className?: string;
}

/** Comma-separated whole numbers (hidden widths): a bad list is named, never silently replaced. */
export function ListField({ min, max, maxCount, ...rest }: ListFieldProps): ReactElement {
  return (
    <TextField<number[]>
      {...rest}
      inputMode="text"
      format={(v) => v.join(',')}
      parse={(t) => parseIntegerList(t, { min, max, maxCount })}
      same={(a, b) => a.length === b.length && a.every((x, i) => x === b[i])}
    />
  );
}
