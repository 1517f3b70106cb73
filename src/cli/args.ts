/** A bad invocation or input: printed as one line on stderr, exit status 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  flags: Map<string, string[]>;
}

const BOOLEAN_FLAGS = new Set(['json', 'density', 'help']);

export function parseArgs(argv: string[]): ParsedArgs {
  const [command = 'help', ...rest] = argv;
  const flags = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token.startsWith('--')) throw new UsageError(`unexpected argument "${token}"`);
    const eq = token.indexOf('=');
    let key = token.slice(2);
    let value: string;
    if (eq > 0) {
      key = token.slice(2, eq);
      value = token.slice(eq + 1);
    } else if (BOOLEAN_FLAGS.has(key)) {
      value = 'true';
    } else {
      if (i + 1 >= rest.length) throw new UsageError(`--${key} needs a value`);
      value = rest[++i];
    }
    flags.set(key, [...(flags.get(key) ?? []), value]);
  }
  return { command, flags };
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
