import type { ReactElement } from 'react';

export interface ComputeButtonProps {
  testId: string;
  busy: boolean;
  /** Further reasons the view cannot compute yet. */
  disabled?: boolean;
  onCompute(): Promise<void>;
}

/** A view's Compute button: disabled and relabelled while the worker computes it. */
export function ComputeButton({ testId, busy, disabled = false, onCompute }: ComputeButtonProps): ReactElement {
  return (
    <button type="button" data-testid={testId} disabled={busy || disabled} onClick={() => void onCompute()}>
      {busy ? 'Computing…' : 'Compute'}
    </button>
  );
}
