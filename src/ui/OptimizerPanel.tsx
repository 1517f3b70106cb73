import { useState, type ReactElement } from 'react';
import { defaultFor } from '../core/optim/hyper-params';
import { functionOptimizers } from '../core/optim/function-optimizers';
import { OPTIMIZERS } from '../core/optim/registry';
import type { Optimizer } from '../core/optim/types';
import { isNetworkProblem } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { ParamControl } from './ParamControl';
import { colorOf } from './trajectory-views';

function OptimizerRow({ opt }: { opt: Optimizer }): ReactElement {
  const position = useAppStore((s) => s.setup.optimizers.indexOf(opt.name));
  const ticked = position >= 0;
  const overrides = useAppStore((s) => s.setup.hyperParams[opt.name]);
  // the worker's run takes the defaults of the loaded problem's kind (ParamSpec.networkDefault)
  const kind = useAppStore((s) => (isNetworkProblem(s.setup.problem) ? 'network' : 'function'));
  const toggle = useAppStore((s) => s.toggleOptimizer);
  const setHp = useAppStore((s) => s.setHyperParam);
  const resetHp = useAppStore((s) => s.resetHyperParams);
  const [open, setOpen] = useState(false);
  return (
    <li className={ticked ? 'opt on' : 'opt'}>
      <div className="opt-head">
        <label title={opt.citation}>
          <input data-testid={`optimizer-${opt.name}`} type="checkbox" checked={ticked} onChange={(e) => toggle(opt.name, e.target.checked)} />
          <span className="swatch" style={{ background: ticked ? colorOf(opt.name) : '#c5ccd4' }} />
          {opt.label}
          {opt.secondOrder && <span className="tag">HVP</span>}
        </label>
        {opt.params.length > 0 && (
          <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'hide' : 'params'}
            {overrides && Object.keys(overrides).length > 0 ? ' •' : ''}
          </button>
        )}
      </div>
      {open && (
        <div className="params">
          <p className="muted small">{opt.citation}</p>
          {opt.params.map((p) => (
            <ParamControl
              key={p.key}
              spec={p}
              testId={`hp-${opt.name}-${p.key}`}
              value={overrides?.[p.key] ?? defaultFor(p, kind)}
              onChange={(v) => setHp(opt.name, p.key, v)}
            />
          ))}
          {overrides && (
            <button type="button" className="link" onClick={() => resetHp(opt.name)}>
              defaults
            </button>
          )}
        </div>
      )}
    </li>
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
          <OptimizerRow key={o.name} opt={o} />
        ))}
      </ul>
    </section>
  );
}
