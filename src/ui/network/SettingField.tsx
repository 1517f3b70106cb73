import type { ReactElement } from 'react';
import { NETWORK_BOUNDS, type NetworkSettings, type NumericSetting } from '../../state/network-slice';
import { useAppStore } from '../../state/store';
import { NumberField } from './NumberField';

export interface SettingFieldProps {
  name: NumericSetting;
  label: string;
  testId: string;
  step?: number;
  /** A tighter upper bound than the setting's own (e.g. the dataset's row count). */
  max?: number;
}

/** A number input bound to one Network setting, within the same bounds the share link is validated against. */
export function SettingField({ name, label, testId, step, max = Infinity }: SettingFieldProps): ReactElement {
  const value = useAppStore((s) => s.network[name]);
  const setNetwork = useAppStore((s) => s.setNetwork);
  const b = NETWORK_BOUNDS[name];
  return (
    <NumberField
      label={label}
      testId={testId}
      value={value}
      min={b.min}
      max={Math.min(b.max, max)}
      integer={b.integer}
      step={step}
      onChange={(v) => setNetwork({ [name]: v } as Partial<NetworkSettings>)}
    />
  );
}
