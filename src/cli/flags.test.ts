import { describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits';
import { parseArgs } from './args';
import { COMMAND_FLAGS } from './flag-table';
import { readDecimal, readFlagValue } from './flags';
import { usage } from './main';

describe('flag table', () => {
  it('every command lists each flag once, and the usage text shows every flag', () => {
    const text = usage();
    for (const [command, specs] of Object.entries(COMMAND_FLAGS)) {
      const names = specs.map((s) => s.name);
      expect(new Set(names).size).toBe(names.length);
      expect(text).toContain(`  ${command}\n`);
      for (const n of names) expect(text).toContain(`--${n}`);
    }
  });

  it('parses each kind into its type, with table defaults for what is left out', () => {
    const args = parseArgs(['optimize', '--problem=booth', '--optimizer', 'adam', '--start', '1,-2.5e1', '--set', 'lr=0.1', '--set', 'beta1=0.8', '--json']);
    expect(args.values.get('start')).toEqual([[1, -25]]);
    expect(args.values.get('set')).toEqual(['lr=0.1', 'beta1=0.8']);
    expect(args.values.get('json')).toEqual([true]);
    expect(args.values.get('problem')).toEqual(['booth']);
  });

  it('reads only decimal literals as numbers', () => {
    for (const t of ['1', '-2.5', '.5', '1e9', '1E-3', '+3']) expect(readDecimal(t)).toBe(Number(t));
    for (const t of ['', ' ', '0x10', 'Infinity', 'NaN', '1e', '1,2', ' 1']) expect(readDecimal(t)).toBeNaN();
  });

  it("bounds come from the input budget and say which entry", () => {
    const k = COMMAND_FLAGS.spectrum.find((s) => s.name === 'k')!;
    expect(k.max).toBe(LIMITS.lanczosK);
    expect(readFlagValue(k, String(LIMITS.lanczosK))).toEqual({ value: LIMITS.lanczosK });
    expect(readFlagValue(k, String(LIMITS.lanczosK + 1))).toEqual({
      error: `"${LIMITS.lanczosK + 1}" is more than ${LIMITS.lanczosK} (the input budget's lanczosK, src/core/limits.ts)`,
    });
  });
});
