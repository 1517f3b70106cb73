/**
 * Optimizer entries: a setup may hold one optimizer more than once with different hyper-parameters
 * (Hessian-free on the Hessian beside Hessian-free on the Gauss-Newton matrix, Martens 2010,
 * "Deep learning via Hessian-free optimization"). Each entry has a stable id: the optimizer's
 * registry name for its first entry, so links from before variants existed read unchanged, and
 * `name~k` (k >= 2) for the k-th, which stays the same whatever is ticked or reordered around it.
 */
import { defaultFor, type ProblemKind } from '../core/optim/hyper-params';
import { OPTIMIZERS } from '../core/optim/registry';
import type { HyperParams, Optimizer, ParamSpec } from '../core/optim/types';

/** Separates an optimizer's name from a variant's number in an entry id. */
export const VARIANT_MARK = '~';

/** Most entries one setup holds: two per registered optimizer (what a run request accepts). */
export const MAX_ENTRIES = OPTIMIZERS.length * 2;

/** Highest variant number an entry id may carry. */
export const MAX_VARIANT = 99;

/** Longest user-given label suffix. */
export const MAX_SUFFIX = 40;

/** The registry name an entry runs: `hessian-free~2` -> `hessian-free`. */
export function entryOptimizer(entry: string): string {
  const at = entry.indexOf(VARIANT_MARK);
  return at < 0 ? entry : entry.slice(0, at);
}

/** 1 for an optimizer's first entry, k for `name~k`; NaN for a malformed id. */
export function entryVariant(entry: string): number {
  const at = entry.indexOf(VARIANT_MARK);
  if (at < 0) return 1;
  const tail = entry.slice(at + 1);
  return /^[1-9][0-9]*$/.test(tail) ? Number(tail) : Number.NaN;
}

/** Why `entry` is not a well-formed entry id of a registered optimizer, or null when it is. */
export function entryMisfit(entry: string): string | null {
  const name = entryOptimizer(entry);
  if (!OPTIMIZERS.some((o) => o.name === name)) return `unknown optimizer ${JSON.stringify(name)}`;
  const k = entryVariant(entry);
  if (!(k >= 1 && k <= MAX_VARIANT) || (k === 1 && entry !== name)) return `${JSON.stringify(entry)} is not ${name} or ${name}${VARIANT_MARK}k with k in 2..${MAX_VARIANT}`;
  return null;
}

/** The id a new entry of `name` takes: the name itself when free, else the smallest free `name~k`. */
export function nextEntryId(entries: readonly string[], name: string): string {
  if (!entries.includes(name)) return name;
  for (let k = 2; k <= MAX_VARIANT; k++) {
    const id = `${name}${VARIANT_MARK}${k}`;
    if (!entries.includes(id)) return id;
  }
  throw new Error(`${name}: more than ${MAX_VARIANT} entries`);
}

/** What a setup holds about its entries: the ticked ids, their overrides and their user-given suffixes. */
export interface EntrySource {
  optimizers: string[];
  hyperParams: Record<string, HyperParams>;
  labels?: Record<string, string>;
}

function optimizerOf(entry: string): Optimizer | undefined {
  const name = entryOptimizer(entry);
  return OPTIMIZERS.find((o) => o.name === name);
}

/** Short names for choice values that read better in a legend than the registry's spelling. */
const CHOICE_NAMES: Readonly<Record<string, string>> = { 'gauss-newton': 'GGN', hessian: 'Hessian', 'empirical-fisher': 'empirical Fisher' };

function shownValue(spec: ParamSpec, value: HyperParams[string]): string {
  if (spec.type === 'choice') return CHOICE_NAMES[String(value)] ?? String(value);
  if (spec.type === 'boolean') return `${spec.label} ${value ? 'on' : 'off'}`;
  return `${spec.label} ${value}`;
}

/**
 * The label that tells an entry from the others of its optimizer: the optimizer's label alone when
 * it is the only entry; otherwise with the user's suffix, or the hyper-parameters whose values differ
 * among its entries ("Hessian-free (GGN)" / "Hessian-free (Hessian)"), or its variant number.
 */
export function entryLabel(source: EntrySource, entry: string, kind: ProblemKind): string {
  const opt = optimizerOf(entry);
  if (!opt) return entry;
  const suffix = source.labels?.[entry]?.trim();
  if (suffix) return `${opt.label} (${suffix})`;
  const siblings = source.optimizers.filter((e) => entryOptimizer(e) === opt.name);
  if (siblings.length < 2 || !siblings.includes(entry)) return opt.label;
  const valueOf = (e: string, spec: ParamSpec): HyperParams[string] => source.hyperParams[e]?.[spec.key] ?? defaultFor(spec, kind);
  const differing = opt.params.filter((spec) => new Set(siblings.map((e) => String(valueOf(e, spec)))).size > 1);
  const parts = differing.map((spec) => shownValue(spec, valueOf(entry, spec)));
  return parts.length > 0 ? `${opt.label} (${parts.join(', ')})` : `${opt.label} #${siblings.indexOf(entry) + 1}`;
}

/** One entry as a run takes it. */
export interface RunEntry {
  entry: string;
  /** Registry name of the optimizer. */
  name: string;
  label: string;
  hyperParams: HyperParams;
}

/** The ticked entries in order, each with its optimizer, its label and its overrides. */
export function runEntries(source: EntrySource, kind: ProblemKind): RunEntry[] {
  return source.optimizers.map((entry) => ({ entry, name: entryOptimizer(entry), label: entryLabel(source, entry, kind), hyperParams: { ...(source.hyperParams[entry] ?? {}) } }));
}
