import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../test/helpers';

// A command that fails in a way no input check foresaw: the user sees one line, the stack only on request.
vi.mock('./commands/optimize', () => ({
  optimizeCommand: async () => {
    throw new Error('tensor shape mismatch\n  in layer 2');
  },
  optimizersCommand: async () => ({}),
}));

describe('an internal error', () => {
  it('is one line with exit status 1 and no stack trace', async () => {
    const { code, stdout, stderr } = await runCli(['optimize', '--problem', 'booth', '--optimizer', 'sgd']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('curvscape: internal error: tensor shape mismatch; in layer 2 (--debug shows the stack trace)\n');
  });

  it('prints its stack trace after the line with --debug', async () => {
    const { code, stderr } = await runCli(['optimize', '--problem', 'booth', '--optimizer', 'sgd', '--debug']);
    expect(code).toBe(1);
    const [first, ...stack] = stderr.trimEnd().split('\n');
    expect(first).toBe('curvscape: internal error: tensor shape mismatch; in layer 2');
    expect(stack.some((l) => /^\s+at /.test(l))).toBe(true);
  });
});
