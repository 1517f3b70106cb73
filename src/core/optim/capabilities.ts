/**
 * What an optimizer needs from its objective beyond loss, gradient and Hessian-vector products.
 * The registry uses it to leave K-FAC, Gauss-Newton and natural gradient out where they do not
 * apply (2-D test functions have no layers, and only the sums of squares have a Gauss-Newton product).
 */
import type { Objective } from '../objective';

export type Capability = 'ggnvp' | 'kfacFactors' | 'paramMatrices';

const DESCRIPTION: Record<Capability, string> = {
  ggnvp: 'a Gauss-Newton product (a network loss that is convex in its outputs, or a 2-D function that is a sum of squares)',
  kfacFactors: "per-layer Kronecker factors (a network's dense and conv layers)",
  paramMatrices: 'parameters laid out as layer matrices',
};

export function hasCapability(objective: Objective, c: Capability): boolean {
  return objective[c] !== undefined;
}

/** Throws a message naming the optimizer and what the objective lacks, e.g. K-FAC on a 2-D function. */
export function requireCapabilities(label: string, objective: Objective, needs: readonly Capability[]): void {
  const lacking = needs.filter((c) => !hasCapability(objective, c));
  if (lacking.length > 0) {
    throw new Error(`${label} does not apply to this objective: it needs ${lacking.map((c) => DESCRIPTION[c]).join(' and ')}, which this objective does not offer (no 2-D test function has layers, and only those that are sums of squares have a Gauss-Newton product)`);
  }
}
