import { COMMAND_FLAGS, GLOBAL_FLAGS } from './flag-table';
import { type FlagSpec, type FlagValue, readFlagValue } from './flags';

/** A bad invocation or input: printed as one line on stderr, exit status 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  /** Raw values as given, every occurrence. */
  flags: Map<string, string[]>;
  /** Values validated against the command's flag table (flag-table.ts). */
  values: Map<string, FlagValue[]>;
  specs: FlagSpec[];
}

/** The commands the table knows; `help` needs no entry. */
export function commandNames(): string[] {
  return Object.keys(COMMAND_FLAGS);
}

/**
 * Splits argv into a command and its flags, checking each flag against the command's table:
 * an unknown flag, a missing or malformed value, or a repeated single-valued flag is a
 * UsageError naming the flag.
 */
export function parseArgs(argv: string[], table: Record<string, FlagSpec[]> = COMMAND_FLAGS): ParsedArgs {
  const [first = 'help', ...rest] = argv;
  const command = first === '--help' || first === '-h' ? 'help' : first;
  const commandSpecs = command === 'help' ? [] : table[command];
  if (!commandSpecs) throw new UsageError(`unknown command "${command}"; expected ${Object.keys(table).join(', ')}`);
  const specs = [...commandSpecs, ...GLOBAL_FLAGS];
  const flags = new Map<string, string[]>();
  const values = new Map<string, FlagValue[]>();
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token.startsWith('--')) throw new UsageError(`unexpected argument "${token}"`);
    const eq = token.indexOf('=');
    const key = eq > 0 ? token.slice(2, eq) : token.slice(2);
    const spec = specs.find((s) => s.name === key);
    if (!spec) {
      const known = specs.map((s) => `--${s.name}`).join(', ');
      throw new UsageError(`--${key}: unknown flag for ${command}; known: ${known}`);
    }
    let raw: string;
    if (eq > 0) raw = token.slice(eq + 1);
    else if (spec.kind === 'boolean') raw = 'true';
    else {
      if (i + 1 >= rest.length) throw new UsageError(`--${key} needs a value`);
      raw = rest[++i];
    }
    if (spec.kind === 'boolean' && raw !== 'true') throw new UsageError(`--${key} takes no value, got "${raw}"`);
    if (spec.kind !== 'list' && flags.has(key)) throw new UsageError(`--${key}: given more than once`);
    const read = readFlagValue(spec, raw);
    if ('error' in read) throw new UsageError(`--${key}: ${read.error}`);
    flags.set(key, [...(flags.get(key) ?? []), raw]);
    values.set(key, [...(values.get(key) ?? []), read.value]);
  }
  return { command, flags, values, specs };
}

function specOf(args: ParsedArgs, key: string): FlagSpec {
  const spec = args.specs.find((s) => s.name === key);
  if (!spec) throw new Error(`flag --${key} is not in the ${args.command} command's table`);
  return spec;
}

/** A validated value, or the table's default; a flag with neither is required. */
export function flagValue<T extends FlagValue>(args: ParsedArgs, key: string): T {
  const spec = specOf(args, key);
  const given = args.values.get(key);
  if (given?.length) return given[given.length - 1] as T;
  if (spec.default === undefined) throw new UsageError(`--${key} is required`);
  return spec.default as T;
}

/** A validated value, or undefined when the flag was not given. */
export function flagOptional<T extends FlagValue>(args: ParsedArgs, key: string): T | undefined {
  specOf(args, key);
  const given = args.values.get(key);
  return given?.length ? (given[given.length - 1] as T) : undefined;
}

export function flagString(args: ParsedArgs, key: string, fallback?: string): string {
  const v = args.flags.get(key);
  if (v && v.length) return v[v.length - 1];
  if (fallback === undefined) throw new UsageError(`--${key} is required`);
  return fallback;
}

export function flagChoice<T extends string>(args: ParsedArgs, key: string, choices: readonly T[], fallback: T): T {
  const v = flagString(args, key, fallback);
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${key}: "${v}" is not one of ${choices.join(', ')}`);
  }
  return v as T;
}

export function flagNumber(args: ParsedArgs, key: string, fallback: number, opts: { integer?: boolean; min?: number } = {}): number {
  const raw = args.flags.get(key);
  if (!raw || !raw.length) return fallback;
  const v = Number(raw[raw.length - 1]);
  if (!Number.isFinite(v) || (opts.integer && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min)) {
    const kind = opts.integer ? 'an integer' : 'a number';
    const bound = opts.min !== undefined ? ` >= ${opts.min}` : '';
    throw new UsageError(`--${key}: "${raw[raw.length - 1]}" is not ${kind}${bound}`);
  }
  return v;
}

export function flagBool(args: ParsedArgs, key: string): boolean {
  return args.flags.has(key);
}

export function flagList(args: ParsedArgs, key: string): string[] {
  return args.flags.get(key) ?? [];
}
