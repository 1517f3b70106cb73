import type { ReactElement } from 'react';
import type { TrainCurvatureSummary } from '../../protocol/network';
import { fmt } from '../format';

const percent = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** Train accuracy and, where the problem holds out rows, test loss and accuracy at the training run's last step (issue 10). */
export function HeldOutReadout({ summary }: { summary: TrainCurvatureSummary | null }): ReactElement | null {
  if (!summary || (summary.trainAccuracy == null && summary.testLoss == null)) return null;
  const { trainAccuracy, testLoss, testAccuracy, testRows } = summary;
  return (
    <p className="small net-readout" data-testid="held-out" data-train-accuracy={trainAccuracy ?? ''} data-test-accuracy={testAccuracy ?? ''} data-test-loss={testLoss ?? ''}>
      At the last step: {trainAccuracy != null ? `train accuracy ${percent(trainAccuracy)}` : 'regression (no accuracy)'}
      {testLoss != null ? `; test loss ${fmt(testLoss)}${testAccuracy != null ? `, test accuracy ${percent(testAccuracy)}` : ''} on ${testRows} held-out rows` : '; no held-out rows'}.
    </p>
  );
}
