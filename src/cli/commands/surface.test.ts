import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, runCli as run } from '../../../test/helpers';
import { parseProblemText } from '../../core/problem/parse';
import { randomDirections } from '../../core/landscape/directions';
import { planePoint } from '../../core/landscape/plane';
import { createNetworkObjective } from '../../engine/mlp-objective';

const SINE = fixturePath('sine-tanh-mse.json');
const XOR = fixturePath('xor-sigmoid-ce-wd.json');

describe('curvscape surface', () => {
  it('random: grid, axes, rows by beta; the centre is the fixture loss and a corner the objective there', async () => {
    const { code, stdout, stderr } = await run(['surface', '--problem', SINE, '--grid', '5', '--span', '0.5', '--seed', '3', '--backend', 'cpu', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.grid).toBe(5);
    expect(out.alphas).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(out.betas).toEqual(out.alphas);
    expect(out.loss).toHaveLength(5);
    expect(out.directions).toMatchObject({ method: 'random', seed: 3, biasMode: 'zero' });
    expect(out.ms).toBeGreaterThan(0);
    const problem = parseProblemText(readFileSync(SINE, 'utf8'));
    expect(Math.abs(out.loss[2][2] - problem.reference!.loss!) / problem.reference!.loss!).toBeLessThan(1e-4);
    const { origin, d1, d2 } = randomDirections(problem.params, problem.layers, { seed: 3 });
    const f = createNetworkObjective(problem);
    // loss[j][i] is at (alphas[i], betas[j]): row 0 is beta = -0.5, column 4 alpha = 0.5.
    const corner = await f.value(planePoint(origin, d1, d2, 0.5, -0.5));
    expect(Math.abs(out.loss[0][4] - corner) / corner).toBeLessThan(1e-5);
    f.dispose();
  });

  it('eigen: the plane of the two largest eigenvalues, which match the fixture spectrum', async () => {
    const { code, stdout } = await run(['surface', '--problem', XOR, '--directions', 'eigen', '--grid', '3', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const eig: number[] = JSON.parse(readFileSync(XOR, 'utf8')).reference.eigenvalues_ascending;
    const top = eig[eig.length - 1];
    expect(Math.abs(out.directions.eigenvalues[0] - top) / top).toBeLessThan(1e-4);
    expect(Math.abs(out.directions.eigenvalues[1] - eig[eig.length - 2]) / top).toBeLessThan(1e-4);
    // Along the top eigenvector the loss rises on both sides more than along the second.
    const c = out.loss[1][1];
    expect(out.loss[1][0] + out.loss[1][2] - 2 * c).toBeGreaterThan(out.loss[0][1] + out.loss[2][1] - 2 * c);
  });

  it('pca without a trajectory: runs adam, says so, and the window holds the projected path ending at the origin', async () => {
    const { code, stdout } = await run(['surface', '--problem', SINE, '--directions', 'pca', '--grid', '3', '--steps', '20', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.directions.trajectory).toMatchObject({ optimizer: 'adam', steps: 20 });
    expect(out.directions.trajectory.note).toMatch(/no --trajectory given/);
    const [r1, r2] = out.directions.explainedVariance;
    expect(r1).toBeGreaterThan(r2);
    expect(r1 + r2).toBeLessThanOrEqual(1 + 1e-12);
    expect(out.directions.path).toHaveLength(21);
    expect(out.directions.path[20]).toEqual({ alpha: 0, beta: 0, distance: 0 });
    const reach = Math.max(...out.directions.path.map((p: { alpha: number; beta: number }) => Math.max(Math.abs(p.alpha), Math.abs(p.beta))));
    expect(out.span).toBeCloseTo(1.2 * reach, 12);
    // The surface is centred on the end of the run: its loss is adam's final loss.
    expect(Math.abs(out.loss[1][1] - out.directions.trajectory.final_loss) / out.directions.trajectory.final_loss).toBeLessThan(1e-4);
  });

  it('pca from a --trajectory file of points', async () => {
    const problem = parseProblemText(readFileSync(SINE, 'utf8'));
    const { d1, d2 } = randomDirections(problem.params, problem.layers, { seed: 1 });
    const points = [0, 1, 2, 3].map((t) => Array.from(planePoint(problem.params, d1, d2, 0.1 * t, 0.05 * t * t)));
    const file = join(mkdtempSync(join(tmpdir(), 'curvscape-')), 'traj.json');
    writeFileSync(file, JSON.stringify({ points }));
    const { code, stdout } = await run(['surface', '--problem', SINE, '--directions', 'pca', '--trajectory', file, '--grid', '3', '--span', '1', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.span).toBe(1);
    expect(out.directions.trajectory).toEqual({ file, points: 4 });
    // The points lie in a plane, so the PCA plane holds them all.
    for (const p of out.directions.path) expect(p.distance).toBeLessThan(1e-9);
    expect(out.directions.explainedVariance[0] + out.directions.explainedVariance[1]).toBeCloseTo(1, 10);
  });

  it('--format vtk and csv print the files instead of JSON', async () => {
    const vtk = await run(['surface', '--problem', SINE, '--grid', '4', '--backend', 'cpu', '--format', 'vtk']);
    expect(vtk.code).toBe(0);
    const lines = vtk.stdout.split('\n');
    expect(lines.slice(2, 6)).toEqual(['ASCII', 'DATASET STRUCTURED_GRID', 'DIMENSIONS 4 4 1', 'POINTS 16 float']);
    expect(lines).toContain('SCALARS train_loss float 1');
    const csv = await run(['surface', '--problem', SINE, '--grid', '4', '--backend', 'cpu', '--format', 'csv']);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('alpha,beta,loss');
    expect(rows).toHaveLength(17);
  });

  it('bad input is one line on stderr and exit status 2', async () => {
    for (const argv of [
      ['surface', '--problem', 'rosenbrock', '--backend', 'cpu'],
      ['surface', '--problem', SINE, '--grid', '102', '--backend', 'cpu'],
      ['surface', '--problem', SINE, '--grid', '1', '--backend', 'cpu'],
      ['surface', '--problem', SINE, '--span', '0', '--backend', 'cpu'],
      ['surface', '--problem', SINE, '--directions', 'sideways', '--backend', 'cpu'],
      ['surface', '--problem', SINE, '--format', 'png', '--backend', 'cpu'],
      ['surface', '--problem', SINE, '--trajectory', '/nonexistent.json', '--directions', 'pca', '--backend', 'cpu'],
      ['surface', '--problem', SINE, '--trajectory', XOR, '--backend', 'cpu'],
      ['surface', '--backend', 'cpu'],
    ]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
