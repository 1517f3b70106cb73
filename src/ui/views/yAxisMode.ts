/**
 * Whether a chart that asks for a log y axis can have one. A log axis hides every value <= 0,
 * so a loss that goes negative (the saddle x^2 - y^2, the monkey saddle) would vanish from its
 * own chart; those charts read on a linear axis instead. An exact 0 alone (a run that converged
 * to the minimum value) keeps the log axis and just ends its curve there.
 */
export interface YAxisMode {
  log: boolean;
  /** Why a requested log axis was not used; null when nothing changed. */
  note: string | null;
}

export function yAxisMode(ys: readonly (readonly number[])[], logRequested: boolean): YAxisMode {
  if (!logRequested) return { log: false, note: null };
  let positive = false;
  let any = false;
  for (const col of ys) {
    for (const v of col) {
      if (!Number.isFinite(v)) continue;
      any = true;
      if (v < 0) return { log: false, note: 'linear: values < 0' };
      if (v > 0) positive = true;
    }
  }
  // an empty chart (before a run) keeps the log axis it asked for, with nothing to explain
  if (!any) return { log: true, note: null };
  return positive ? { log: true, note: null } : { log: false, note: 'linear: no value > 0' };
}
