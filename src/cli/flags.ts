import { LIMITS, type LimitName } from '../core/limits';

/**
 * One flag of one command: what it takes and the range it accepts. The command table
 * (flag-table.ts) lists these; parseArgs validates every token against them before any work
 * starts, so an unknown flag or a malformed value is one line naming the flag, exit status 2.
 */
export type FlagKind =
  /** Present or absent; takes no value. */
  | 'boolean'
  /** Any non-empty text (a path, a name checked later). */
  | 'string'
  /** One of `choices`. */
  | 'choice'
  /** A finite decimal number within [min, max]. */
  | 'number'
  /** A safe integer within [min, max]. */
  | 'integer'
  /** Comma-separated finite numbers (a point). */
  | 'numbers'
  /** Repeatable text (e.g. --set key=value); every occurrence is kept. */
  | 'list';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
  help: string;
  /** Placeholder for the value in the usage text. */
  value?: string;
  choices?: readonly string[];
  /** Inclusive bounds for numbers and integers. */
  min?: number;
  max?: number;
  /** The value must be > min rather than >= min. */
  exclusiveMin?: boolean;
  /** The input budget entry that sets `max` (named in the message). */
  limit?: LimitName;
  /** Shown in the usage text; commands read their own defaults through `flagValue`. */
  default?: string | number | boolean;
}

export type FlagValue = string | number | boolean | number[] | string[];

/** Bounded by the input budget: max comes from LIMITS[limit]. */
export function limited(spec: Omit<FlagSpec, 'max'> & { limit: LimitName }): FlagSpec {
  return { ...spec, max: LIMITS[spec.limit] };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A decimal literal as Number reads it, or NaN for anything else ("", "0x10", "Infinity", " 1"). */
export function readDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

function describeRange(spec: FlagSpec): string {
  const lo = spec.min === undefined ? '' : spec.exclusiveMin ? ` > ${spec.min}` : ` >= ${spec.min}`;
  const hi = spec.max === undefined ? '' : `${lo ? ' and' : ''} <= ${spec.max}`;
  return lo + hi;
}

function checkRange(spec: FlagSpec, raw: string, v: number): string | undefined {
  if (spec.min !== undefined && (spec.exclusiveMin ? v <= spec.min : v < spec.min)) {
    return `"${raw}" is ${spec.exclusiveMin ? 'not more than' : 'less than'} ${spec.min}`;
  }
  if (spec.max !== undefined && v > spec.max) {
    const why = spec.limit ? ` (the input budget's ${spec.limit}, src/core/limits.ts)` : '';
    return `"${raw}" is more than ${spec.max}${why}`;
  }
  return undefined;
}

/** The typed value of one occurrence, or the reason it is malformed (without the flag's name). */
export function readFlagValue(spec: FlagSpec, raw: string): { value: FlagValue } | { error: string } {
  switch (spec.kind) {
    case 'boolean':
      return { value: true };
    case 'string':
    case 'list':
      return raw === '' ? { error: 'needs a non-empty value' } : { value: raw };
    case 'choice': {
      const choices = spec.choices ?? [];
      return choices.includes(raw) ? { value: raw } : { error: `"${raw}" is not one of ${choices.join(', ')}` };
    }
    case 'number':
    case 'integer': {
      const v = readDecimal(raw);
      const integer = spec.kind === 'integer';
      if (!Number.isFinite(v) || (integer && !Number.isSafeInteger(v))) {
        return { error: `"${raw}" is not ${integer ? 'an integer' : 'a finite number'}${describeRange(spec)}` };
      }
      const bad = checkRange(spec, raw, v);
      return bad ? { error: bad } : { value: v };
    }
    case 'numbers': {
      const parts = raw.split(',').map((s) => readDecimal(s.trim()));
      if (raw.trim() === '' || parts.some((v) => !Number.isFinite(v))) {
        return { error: `"${raw}" is not a comma-separated list of finite numbers` };
      }
      return { value: parts };
    }
  }
}

/** `  --name VALUE   help (default d)` lines for the usage text. */
export function describeFlag(spec: FlagSpec): string {
  const value = spec.kind === 'boolean' ? '' : ` ${spec.value ?? (spec.kind === 'choice' ? (spec.choices ?? []).join('|') : spec.kind.toUpperCase())}`;
  const range = spec.kind === 'number' || spec.kind === 'integer' ? describeRange(spec) : '';
  const def = spec.default === undefined ? '' : ` (default ${spec.default})`;
  return `--${spec.name}${value}: ${spec.help}${range ? `;${range}` : ''}${def}`;
}
