import { UsageError, parseArgs } from './args';
import { spectrumCommand } from './commands/spectrum';
import { optimizeCommand, optimizersCommand } from './commands/optimize';
import { surfaceCommand } from './commands/surface';
import { trainCommand } from './commands/train';

const USAGE = `curvscape <command> [flags] --json
  spectrum   --problem FILE [--k 5] [--which top|bottom|both] [--method lanczos|power|dense]
             [--trace exact|hutchinson|none] [--backend cpu|wasm]
             [--density [--density-runs 3] [--density-probes 5] [--density-steps 60]]
  optimize   --problem rosenbrock|FILE --optimizer NAME [--start x,y] [--steps N] [--gtol 1e-6]
             [--set key=value ...]
  optimizers
  train      --problem FILE --optimizer NAME [--steps 100] [--every 10] [--set key=value ...]
             [--tol 1e-4] [--probes 20] [--seed 0] [--backend cpu|wasm]
  surface    --problem FILE [--directions random|pca|eigen] [--grid 51] [--span 1] [--seed S]
             [--bias zero|normalize|copy] [--trajectory FILE] [--steps 100] [--backend cpu|wasm]
             [--format json|vtk|csv]`;

/** A command returns the JSON object to print, or text (a file format) to print as it is. */
const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>) => Promise<Record<string, unknown> | string>> = {
  spectrum: spectrumCommand,
  optimize: optimizeCommand,
  optimizers: optimizersCommand,
  train: trainCommand,
  surface: surfaceCommand,
};

/** Prints one JSON object on success; one line on stderr and status 2 for bad input. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help' || args.command === '--help' || args.command === '-h' || args.flags.has('help')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`unknown command "${args.command}"; expected ${Object.keys(COMMANDS).join(', ')}`);
    const result = await command(args);
    process.stdout.write(typeof result === 'string' ? result : JSON.stringify(result) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`curvscape: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`curvscape: internal error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}
