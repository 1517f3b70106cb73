import { describe, expect, it } from 'vitest';
import { parseIntegerList, parseNumberInput } from './number-input';

describe('parseNumberInput', () => {
  it('accepts what a person types when it is a number in range', () => {
    expect(parseNumberInput('-1.5')).toEqual({ ok: true, value: -1.5 });
    expect(parseNumberInput(' 1e-3 ')).toEqual({ ok: true, value: 0.001 });
    expect(parseNumberInput('.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseNumberInput('200', { min: 8, max: 2000, integer: true })).toEqual({ ok: true, value: 200 });
  });

  it('says what is wrong with intermediate or bad text instead of guessing', () => {
    expect(parseNumberInput('')).toEqual({ ok: false, message: 'enter a number' });
    expect(parseNumberInput('-')).toEqual({ ok: false, message: '"-" is not a number' });
    expect(parseNumberInput('1e-')).toEqual({ ok: false, message: '"1e-" is not a number' });
    expect(parseNumberInput('0x10')).toEqual({ ok: false, message: '"0x10" is not a number' });
    expect(parseNumberInput('1e999')).toEqual({ ok: false, message: '"1e999" is not a number' });
    expect(parseNumberInput('2.5', { integer: true })).toEqual({ ok: false, message: 'enter a whole number' });
    expect(parseNumberInput('0', { min: 1, max: 20000 })).toEqual({ ok: false, message: 'at least 1' });
    expect(parseNumberInput('20001', { min: 1, max: 20000 })).toEqual({ ok: false, message: 'at most 20000' });
    expect(parseNumberInput('1e-9', { min: 1e-6 })).toEqual({ ok: false, message: 'at least 1e-6' });
  });
});

describe('parseIntegerList', () => {
  const widths = { min: 1, max: 64, maxCount: 4 };

  it('reads hidden widths', () => {
    expect(parseIntegerList('8, 8', widths)).toEqual({ ok: true, value: [8, 8] });
    expect(parseIntegerList('', widths)).toEqual({ ok: true, value: [] });
  });

  it('names what is wrong rather than dropping it (no silent fall back to a linear model)', () => {
    expect(parseIntegerList('8,8,8,8,8', widths)).toEqual({ ok: false, message: 'at most 4 entries, got 5' });
    expect(parseIntegerList('128', widths)).toEqual({ ok: false, message: '128 is outside 1..64' });
    expect(parseIntegerList('abc', widths)).toEqual({ ok: false, message: '"abc" is not a whole number' });
    expect(parseIntegerList('8,,8', widths)).toEqual({ ok: false, message: '"" is not a whole number' });
    expect(parseIntegerList('8,2.5', widths)).toEqual({ ok: false, message: '"2.5" is not a whole number' });
  });
});
