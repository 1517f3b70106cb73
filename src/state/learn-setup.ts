/** A Learn chapter's setup as the store's state: the same shape the URL carries, so the URL's schema validates it. */
import type { ChapterSetup, LearnProblem } from '../core/learn/chapters';
import type { NetworkSettings, NumericSetting } from './network-slice';
import { defaultDatasetSpec, type DatasetName, type ProblemSpec } from './problem-spec';
import type { UrlState } from './url';

function problemOf(p: LearnProblem): ProblemSpec {
  if (p.kind === 'function') return { kind: 'function', name: p.name };
  const { dataset, ...changes } = p;
  // An unknown dataset name passes through unchanged so that the URL schema, not a cast, rejects it.
  return { ...defaultDatasetSpec(dataset as DatasetName), dataset: dataset as DatasetName, ...changes };
}

/** `base` with the chapter's problem, optimizer entries, hyper-parameters, start, steps, view and network settings. */
export function chapterUrlState(setup: ChapterSetup, base: UrlState): UrlState {
  const network: NetworkSettings = { ...base.network, ...(setup.network as Partial<Record<NumericSetting, number>> | undefined) };
  return {
    setup: {
      ...base.setup,
      problem: problemOf(setup.problem),
      optimizers: [...setup.optimizers],
      hyperParams: Object.fromEntries(Object.entries(setup.hyperParams).map(([k, v]) => [k, { ...v }])),
      // a chapter's entries of one optimizer are told apart by the hyper-parameters that differ (state/optimizer-entries.ts)
      labels: {},
      start: setup.start,
      steps: setup.steps,
      demo: null,
    },
    mode: setup.mode,
    network,
  };
}
