import { describe, expect, it } from 'vitest';
import { STUDIES, getStudy } from './registry';
import { parseSettings, settingsToStrings } from './settings';

describe('study settings', () => {
  it('every study has defaults that its own schema accepts, and they round-trip through strings', () => {
    for (const s of STUDIES) {
      const defaults = parseSettings(s.schema, {});
      expect(Object.keys(defaults).sort()).toEqual(s.fields.map((f) => f.key).sort());
      for (const f of s.fields) expect(defaults[f.key]).toEqual(f.default);
      expect(parseSettings(s.schema, settingsToStrings(defaults))).toEqual(defaults);
    }
  });

  it('parses CLI strings: numbers, comma lists, choices; rejects unknown keys and out-of-range values by name', () => {
    const eos = getStudy('edge-of-stability');
    expect(parseSettings(eos.schema, { lrs: '0.5,1', steps: '20' })).toMatchObject({ lrs: [0.5, 1], steps: 20 });
    expect(() => parseSettings(eos.schema, { steps: '2.5' })).toThrow(/steps: expected an integer/);
    expect(() => parseSettings(eos.schema, { lrs: '1,x' })).toThrow(/lrs/);
    expect(() => parseSettings(eos.schema, { bogus: '1' })).toThrow(/unknown setting\(s\) bogus/);
    expect(() => parseSettings(getStudy('outliers').schema, { activation: 'swish' })).toThrow(/activation: expected one of/);
    expect(() => getStudy('nope')).toThrow(/unknown study/);
  });
});
