import { OPTIMIZERS } from '../../core/optim/registry';
import { type ParsedArgs, flagOptional, flagValue } from '../args';
import { loadProblemFromArgs } from '../data-problem';
import { checkApplicable, optimizerFromArgs } from '../optimizer-args';
import { type BackendChoice, useBackend } from '../backend';
import { optimizerRun, startPoint } from '../optimizer-run';

/** `curvscape optimize`: one optimizer's run with scipy-style counts and every record. */
export async function optimizeCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const { optimizer, hp } = optimizerFromArgs(args);
  const steps = flagValue<number>(args, 'steps');
  const gtol = flagValue<number>(args, 'gtol');
  await useBackend(flagValue<BackendChoice>(args, 'backend'));
  const problem = await loadProblemFromArgs(args);
  const start = flagOptional<number[]>(args, 'start');
  checkApplicable(optimizer, problem.objective);
  const x0 = start ? startPoint(start, problem.objective.dim) : problem.start;
  return { problem: problem.name, ...(await optimizerRun(optimizer, problem, x0, { steps, gtol, hp, startGiven: start !== undefined })) };
}

/** `curvscape optimizers`: the registry, with each hyper-parameter's schema. */
export async function optimizersCommand(): Promise<Record<string, unknown>> {
  return {
    optimizers: OPTIMIZERS.map((o) => ({
      name: o.name,
      label: o.label,
      citation: o.citation,
      second_order: o.secondOrder,
      params: o.params,
    })),
  };
}
