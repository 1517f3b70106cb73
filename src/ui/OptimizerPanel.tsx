import { useState, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { defaultFor } from '../core/optim/hyper-params';
import { functionOptimizers } from '../core/optim/function-optimizers';
import { OPTIMIZERS } from '../core/optim/registry';
import type { Optimizer } from '../core/optim/types';
import { MAX_ENTRIES, MAX_SUFFIX, entryLabel, entryOptimizer } from '../state/optimizer-entries';
import { isNetworkProblem } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { ParamControl } from './ParamControl';
import { colorOf } from './trajectory-views';

/**
 * One entry of an optimizer: its first entry (id = the registry name) is ticked and unticked by its
 * checkbox; a variant (`name~k`, made by "duplicate") exists while ticked and goes with "remove".
 */
function EntryRow({ opt, entry }: { opt: Optimizer; entry: string }): ReactElement {
  const variant = entry !== opt.name;
  const ticked = useAppStore((s) => s.setup.optimizers.includes(entry));
  const full = useAppStore((s) => s.setup.optimizers.length >= MAX_ENTRIES);
  const overrides = useAppStore((s) => s.setup.hyperParams[entry]);
  const suffix = useAppStore((s) => s.setup.labels[entry] ?? '');
  // the worker's run takes the defaults of the loaded problem's kind (ParamSpec.networkDefault)
  const kind = useAppStore((s) => (isNetworkProblem(s.setup.problem) ? 'network' : 'function'));
  const label = useAppStore((s) => (ticked ? entryLabel(s.setup, entry, kind) : opt.label));
  const toggle = useAppStore((s) => s.toggleOptimizer);
  const duplicate = useAppStore((s) => s.duplicateEntry);
  const remove = useAppStore((s) => s.removeEntry);
  const setSuffix = useAppStore((s) => s.setEntrySuffix);
  const setHp = useAppStore((s) => s.setHyperParam);
  const resetHp = useAppStore((s) => s.resetHyperParams);
  const [open, setOpen] = useState(variant);
  const testId = variant ? entry : opt.name;
  return (
    <li className={ticked ? 'opt on' : 'opt'} data-entry={entry}>
      <div className="opt-head">
        <label title={opt.citation}>
          {variant ? (
            <span className="variant-mark" aria-hidden="true">↳</span>
          ) : (
            <input data-testid={`optimizer-${opt.name}`} type="checkbox" checked={ticked} onChange={(e) => toggle(opt.name, e.target.checked)} />
          )}
          <span className="swatch" style={{ background: ticked ? colorOf(entry) : '#c5ccd4' }} />
          <span data-testid={`entry-label-${testId}`}>{label}</span>
          {opt.secondOrder && !variant && <span className="tag">HVP</span>}
        </label>
        <span>
          {ticked && (
            <button
              type="button"
              className="link"
              data-testid={`duplicate-${testId}`}
              disabled={full}
              title={full ? `at most ${MAX_ENTRIES} entries` : 'another entry of this optimizer, with a copy of these settings, to run beside it'}
              onClick={() => duplicate(entry)}
            >
              duplicate
            </button>
          )}
          {variant && (
            <button type="button" className="link" data-testid={`remove-${testId}`} onClick={() => remove(entry)}>
              remove
            </button>
          )}
          {opt.params.length > 0 && (
            <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'hide' : 'params'}
              {overrides && Object.keys(overrides).length > 0 ? ' •' : ''}
            </button>
          )}
        </span>
      </div>
      {open && (
        <div className="params">
          <p className="muted small">{opt.citation}</p>
          {ticked && (
            <label className="small">
              label suffix
              <input
                type="text"
                data-testid={`suffix-${testId}`}
                maxLength={MAX_SUFFIX}
                placeholder="from the settings that differ"
                value={suffix}
                onChange={(e) => setSuffix(entry, e.target.value)}
              />
            </label>
          )}
          {opt.params.map((p) => (
            <ParamControl
              key={p.key}
              spec={p}
              testId={`hp-${testId}-${p.key}`}
              value={overrides?.[p.key] ?? defaultFor(p, kind)}
              onChange={(v) => setHp(entry, p.key, v)}
            />
          ))}
          {overrides && (
            <button type="button" className="link" onClick={() => resetHp(entry)}>
              defaults
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** An optimizer's first entry, then its variants in the order they were made. */
function OptimizerRows({ opt }: { opt: Optimizer }): ReactElement {
  const variants = useAppStore(useShallow((s) => s.setup.optimizers.filter((e) => e !== opt.name && entryOptimizer(e) === opt.name)));
  return (
    <>
      <EntryRow opt={opt} entry={opt.name} />
      {variants.map((entry) => (
        <EntryRow key={entry} opt={opt} entry={entry} />
      ))}
    </>
  );
}

export function OptimizerPanel(): ReactElement {
  const problem = useAppStore((s) => s.setup.problem);
  const listed = problem.kind === 'function' ? functionOptimizers(problem.name) : OPTIMIZERS;
  return (
    <section className="panel">
      <h2>Optimizers</h2>
      <ul className="opt-list">
        {/* A 2-D function lists what its objective offers (a sum of squares adds Gauss-Newton and natural gradient; K-FAC needs layers). */}
        {listed.map((o) => (
          <OptimizerRows key={o.name} opt={o} />
        ))}
      </ul>
    </section>
  );
}
