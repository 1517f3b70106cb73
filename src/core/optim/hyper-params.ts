import type { Objective } from '../objective';
import type { HyperParams, ParamConstraint, ParamSpec } from './types';

type Raw = string | number | boolean;

/** Which defaults apply: a 2-D test function's or a network's (ParamSpec.networkDefault). */
export type ProblemKind = 'function' | 'network';

/** A network objective lays its parameters out as layer matrices; a 2-D function does not. */
export function objectiveKind(objective: Objective): ProblemKind {
  return objective.paramMatrices !== undefined ? 'network' : 'function';
}

export function defaultFor(spec: ParamSpec, kind: ProblemKind): number | string | boolean {
  return kind === 'network' && spec.networkDefault !== undefined ? spec.networkDefault : spec.default;
}

function describeSpec(s: ParamSpec): string {
  if (s.type === 'choice') return `one of ${(s.choices ?? []).join(', ')}`;
  if (s.type === 'boolean') return 'true or false';
  const kind = s.type === 'integer' ? 'an integer' : 'a number';
  const lo = s.min ?? -Infinity;
  const hi = s.max ?? Infinity;
  return `${kind} in [${lo}, ${hi}]`;
}

function coerce(s: ParamSpec, raw: Raw): number | string | boolean | undefined {
  if (s.type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === '1' || raw === 1) return true;
    if (raw === 'false' || raw === '0' || raw === 0) return false;
    return undefined;
  }
  if (s.type === 'choice') {
    const v = String(raw);
    return (s.choices ?? []).includes(v) ? v : undefined;
  }
  const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(v)) return undefined;
  if (s.type === 'integer' && !Number.isInteger(v)) return undefined;
  if (s.min !== undefined && v < s.min) return undefined;
  if (s.max !== undefined && v > s.max) return undefined;
  return v;
}

/**
 * The defaults for `kind` overlaid with validated overrides (from the CLI's --set, the URL or the UI), then
 * the rules between them. Every message names the optimizer, the key and what was expected.
 * The result has no prototype, so a key such as "__proto__" is only ever an unknown key.
 */
export function resolveParams(owner: string, specs: ParamSpec[], overrides: Record<string, Raw>, constraints: ParamConstraint[] | undefined, kind: ProblemKind): HyperParams {
  const out: HyperParams = Object.create(null);
  for (const s of specs) out[s.key] = defaultFor(s, kind);
  for (const key of Object.keys(overrides)) {
    const raw = overrides[key];
    const spec = specs.find((s) => s.key === key);
    if (!spec) {
      const keys = specs.map((s) => s.key).join(', ') || '(none)';
      throw new Error(`${owner}: unknown hyper-parameter "${key}"; known: ${keys}`);
    }
    const v = coerce(spec, raw);
    if (v === undefined) {
      throw new Error(`${owner}: hyper-parameter "${key}" must be ${describeSpec(spec)}, got ${JSON.stringify(raw)}`);
    }
    out[key] = v;
  }
  for (const c of constraints ?? []) {
    const broken = c.check(out);
    if (broken) throw new Error(`${owner}: hyper-parameters ${c.keys.map((k) => `"${k}"`).join(', ')}: ${broken}`);
  }
  return { ...out };
}

/** Typed reads of hyper-parameters, falling back to the schema default for a missing key. */
export interface ParamReader {
  num(key: string): number;
  bool(key: string): boolean;
  str(key: string): string;
}

export function readParams(specs: ParamSpec[], hp: HyperParams): ParamReader {
  const get = (key: string): number | string | boolean => {
    if (key in hp) return hp[key];
    const spec = specs.find((s) => s.key === key);
    if (!spec) throw new Error(`no hyper-parameter "${key}" in this optimizer's schema`);
    return spec.default;
  };
  const typed = <T>(key: string, kind: string): T => {
    const v = get(key);
    if (typeof v !== kind) throw new Error(`hyper-parameter "${key}" must be a ${kind}, got ${JSON.stringify(v)}`);
    return v as T;
  };
  return {
    num: (key) => typed<number>(key, 'number'),
    bool: (key) => typed<boolean>(key, 'boolean'),
    str: (key) => typed<string>(key, 'string'),
  };
}
