/**
 * The largest sharpness at which an optimizer's fixed step is stable on a quadratic, the line that
 * full-batch training's lambda_max rises to and hovers at (Cohen et al. 2021, "Gradient Descent on
 * Neural Networks Typically Occurs at the Edge of Stability", §2 and Appendix for momentum).
 */
import type { HyperParams } from '../optim/types';

/**
 * 2/eta for gradient descent; (2 + 2 beta)/eta for heavy ball and (2 + 2 beta)/((1 + 2 beta) eta)
 * for Nesterov (the -1 root of each one-dimensional recurrence). Null where no such line exists on
 * the raw Hessian: adaptive, sharpness-aware and second-order methods precondition or perturb the step.
 */
export function edgeOfStability(optimizer: string, hp: HyperParams): number | null {
  const lr = hp.lr;
  if (typeof lr !== 'number' || !(lr > 0)) return null;
  const beta = typeof hp.beta === 'number' ? hp.beta : 0;
  switch (optimizer) {
    case 'sgd':
    case 'pgd':
      return 2 / lr;
    case 'momentum':
    case 'nesterov':
      return hp.nesterov === true ? (2 + 2 * beta) / ((1 + 2 * beta) * lr) : (2 + 2 * beta) / lr;
    default:
      return null;
  }
}
