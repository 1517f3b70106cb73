/**
 * The explorer's optimizer panel lists for a 2-D function what the function's objective offers,
 * as the share link and the CLI check it: Rosenbrock is a sum of squares (r = (10 (y - x^2), 1 - x)),
 * so it has a Gauss-Newton product and with it Levenberg-Marquardt; Rastrigin is not.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { functionObjective } from '../core/functions/objective';
import { getTestFunction } from '../core/functions/registry';
import { checkApplicable } from '../cli/optimizer-args';
import { OPTIMIZERS } from '../core/optim/registry';
import { useAppStore } from '../state/store';
import { OptimizerPanel } from './OptimizerPanel';

// A server render reads zustand's initial state; this hook reads the store's current one instead.
vi.mock('../state/store', async (importOriginal) => {
  const real = await importOriginal<typeof import('../state/store')>();
  const hook = <T>(select: (s: ReturnType<typeof real.useAppStore.getState>) => T): T => select(real.useAppStore.getState());
  return { ...real, useAppStore: Object.assign(hook, real.useAppStore) };
});

/** The optimizer names the panel renders a checkbox for, with the 2-D function `name` loaded. */
function listed(name: string): string[] {
  useAppStore.getState().setProblem({ kind: 'function', name });
  const html = renderToStaticMarkup(createElement(OptimizerPanel));
  return [...html.matchAll(/data-testid="optimizer-([a-z0-9-]+)"/g)].map((m) => m[1]);
}

describe('optimizer panel on 2-D functions', () => {
  it('lists Levenberg-Marquardt and natural gradient for Rosenbrock, not K-FAC', () => {
    const names = listed('rosenbrock');
    expect(names).toContain('levenberg-marquardt');
    expect(names).toContain('natural-gradient');
    expect(names).toContain('sgd');
    expect(names).not.toContain('kfac');
  });

  it('lists neither for Rastrigin, which is no sum of squares', () => {
    const names = listed('rastrigin');
    expect(names).not.toContain('levenberg-marquardt');
    expect(names).not.toContain('natural-gradient');
    expect(names).toContain('hessian-free');
  });

  it.each(['rosenbrock', 'rastrigin', 'booth', 'six-hump-camel'])('%s: the panel lists exactly the optimizers the CLI accepts', (name) => {
    const names = listed(name);
    for (const opt of OPTIMIZERS) {
      const cli = (): void => checkApplicable(opt, functionObjective(getTestFunction(name)));
      if (names.includes(opt.name)) expect(cli).not.toThrow();
      else expect(cli).toThrow(/^--optimizer: .* does not apply to this objective/);
    }
  });
});

describe('optimizer panel entries', () => {
  it('shows a duplicated optimizer as a second row with its own label, colour and remove button', () => {
    const s = useAppStore.getState();
    s.setProblem({ kind: 'function', name: 'rosenbrock' });
    s.setOptimizers(['hessian-free', 'lbfgs']);
    s.setHyperParam('hessian-free', 'curvature', 'hessian');
    s.duplicateEntry('hessian-free');
    s.setHyperParam('hessian-free~2', 'curvature', 'gauss-newton');
    const html = renderToStaticMarkup(createElement(OptimizerPanel));
    const labels = [...html.matchAll(/data-testid="entry-label-([a-z0-9~-]+)">([^<]*)</g)].map((m) => [m[1], m[2]]);
    expect(labels.filter(([id]) => id.startsWith('hessian-free'))).toEqual([
      ['hessian-free', 'Hessian-free (Hessian)'],
      ['hessian-free~2', 'Hessian-free (GGN)'],
    ]);
    expect(html).toContain('data-testid="remove-hessian-free~2"');
    expect(html).not.toContain('data-testid="remove-hessian-free"');
    expect(html).toContain('data-testid="duplicate-lbfgs"');
    // the variant's swatch is its own shade (entryColor: black halfway to white), not Hessian-free's black
    expect(html).toMatch(/data-entry="hessian-free~2"[\s\S]*?background:#808080/);
    // one checkbox per optimizer still: the variant is no second registry row
    expect(listed('rosenbrock').filter((n) => n === 'hessian-free')).toHaveLength(1);
  });
});
