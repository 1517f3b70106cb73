/**
 * One schema per study setting: each field is described once (label, help, bounds, default) and the
 * zod schema that validates the CLI's --set, the share URL and the page's inputs is built from it.
 * Values may arrive as strings (CLI, URL) and lists as comma-separated strings.
 */
import { z } from 'zod';

interface FieldBase {
  key: string;
  label: string;
  help: string;
}

export type SettingField =
  | (FieldBase & { kind: 'number' | 'integer'; default: number; min: number; max: number; log?: boolean })
  | (FieldBase & { kind: 'numbers' | 'integers'; default: number[]; min: number; max: number; maxItems: number })
  | (FieldBase & { kind: 'choice'; default: string; choices: readonly string[] });

function numberSchema(f: { kind: string; min: number; max: number }): z.ZodNumber {
  let s = z.number({ error: 'expected a number' }).min(f.min, `must be >= ${f.min}`).max(f.max, `must be <= ${f.max}`);
  if (f.kind === 'integer' || f.kind === 'integers') s = s.int('expected an integer');
  return s;
}

const toNumber = (v: unknown): unknown => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v);

function fieldSchema(f: SettingField): z.ZodType {
  switch (f.kind) {
    case 'number':
    case 'integer':
      return z.preprocess(toNumber, numberSchema(f)).default(f.default);
    case 'numbers':
    case 'integers':
      return z
        .preprocess(
          (v) => (typeof v === 'string' ? v.split(',').map(toNumber) : v),
          z.array(numberSchema(f)).min(1, 'expected at least one value').max(f.maxItems, `at most ${f.maxItems} values`),
        )
        .default(f.default);
    case 'choice':
      return z.enum(f.choices as [string, ...string[]], { error: `expected one of ${f.choices.join(', ')}` }).default(f.default);
  }
}

/** The strict object schema of a study's fields: unknown keys are errors, missing ones take defaults. */
export function settingsSchema<S>(fields: readonly SettingField[]): z.ZodType<S> {
  return z.strictObject(Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f)]))) as unknown as z.ZodType<S>;
}

/** Validates raw settings (strings or values); the error names each offending key. */
export function parseSettings<S>(schema: z.ZodType<S>, raw: Record<string, unknown>): S {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const msg = r.error.issues
    .map((i) => (i.code === 'unrecognized_keys' ? `unknown setting(s) ${i.keys.join(', ')}` : `${i.path.join('.') || 'settings'}: ${i.message}`))
    .join('; ');
  throw new Error(msg);
}

/** Settings as strings (lists comma-joined), for the URL and the CLI's --set. */
export function settingsToStrings(settings: Record<string, number | number[] | string>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
}
