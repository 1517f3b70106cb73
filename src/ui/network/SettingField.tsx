import type { ReactElement } from 'react';
import { NETWORK_BOUNDS, type NetworkSettings, type NumericSetting } from '../../state/network-slice';
import { useAppStore } from '../../state/store';
import { NumberField } from '../fields/NumberField';

export interface SettingFieldProps {
  name: NumericSetting;
  label: string;
  testId: string;
  /** A tighter upper bound than the setting's own (e.g. the dataset's row count). */
  max?: number;
  title?: string;
}

/** A number input bound to one Network setting, within the same bounds the share link is validated against. */
export function SettingField({ name, label, testId, max = Infinity, title }: SettingFieldProps): ReactElement {
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
      title={title}
      onCommit={(v) => setNetwork({ [name]: v } as Partial<NetworkSettings>)}
    />
  );
}
