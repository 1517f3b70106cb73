/**
 * The layer types' passes, one module each. Keyed by the core's LayerType, so a type added to
 * src/core/problem/model.ts's LAYER_TYPES without its passes here fails to typecheck.
 */
import type { LayerNode, LayerType } from '../../core/problem/model';
import { activationPass } from './activation';
import { avgpoolPass } from './avgpool';
import { conv2dPass } from './conv2d';
import { densePass } from './dense';
import { flattenPass } from './flatten';
import { globalAvgpoolPass } from './global-avgpool';
import { layernormPass } from './layernorm';
import { maxpoolPass } from './maxpool';
import { residualPass } from './residual';
import { sequencePass } from './sequence';
import type { LayerFactory, LayerPass } from './types';

export const LAYER_PASSES: Record<LayerType, LayerFactory> = {
  dense: densePass,
  conv2d: conv2dPass,
  activation: activationPass,
  maxpool: maxpoolPass,
  avgpool: avgpoolPass,
  global_avgpool: globalAvgpoolPass,
  flatten: flattenPass,
  layernorm: layernormPass,
  residual: residualPass,
};

/** The passes of a whole layer list, for `n` rows of data. */
export function buildModelPass(nodes: readonly LayerNode[], n: number): LayerPass {
  const ctx = { n, build: (inner: readonly LayerNode[]): LayerPass => sequencePass(inner, ctx, factoryOf) };
  const factoryOf = (node: LayerNode): LayerFactory => LAYER_PASSES[node.spec.type];
  return sequencePass(nodes, ctx, factoryOf);
}
