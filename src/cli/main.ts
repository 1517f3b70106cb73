import { UsageError, parseArgs } from './args';
import { compareCommand } from './commands/compare';
import { optimizeCommand, optimizersCommand } from './commands/optimize';
import { spectrumCommand } from './commands/spectrum';
import { surfaceCommand } from './commands/surface';
import { trainCommand } from './commands/train';
import { studyCommand, studyPositional } from './commands/study';
import { COMMAND_FLAGS, GLOBAL_FLAGS } from './flag-table';
import { describeFlag } from './flags';
import { toJsonLine } from './json-output';

/** A command returns the JSON object to print, or text (a file format) to print as it is. */
const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>) => Promise<Record<string, unknown> | string>> = {
  spectrum: spectrumCommand,
  optimize: optimizeCommand,
  compare: compareCommand,
  optimizers: optimizersCommand,
  train: trainCommand,
  surface: surfaceCommand,
  study: studyCommand,
};

/** The usage text, generated from the flag table so it lists exactly what parseArgs accepts. */
export function usage(): string {
  const lines = ['curvscape <command> [flags]'];
  for (const [name, specs] of Object.entries(COMMAND_FLAGS)) {
    lines.push(`  ${name}`);
    for (const spec of specs) lines.push(`      ${describeFlag(spec)}`);
  }
  lines.push('  every command');
  for (const spec of GLOBAL_FLAGS) lines.push(`      ${describeFlag(spec)}`);
  return lines.join('\n');
}

/** Any message as one line: a multi-line message's lines joined by "; ". */
export function oneLine(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('; ');
}

/**
 * Prints one JSON object on success. Bad input: one line on stderr, status 2. Anything else:
 * one line, status 1, and the stack trace only with --debug.
 */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const args = parseArgs(studyPositional(argv));
    if (args.command === 'help' || args.flags.has('help')) {
      process.stdout.write(usage() + '\n');
      return 0;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`unknown command "${args.command}"; expected ${Object.keys(COMMANDS).join(', ')}`);
    const result = await command(args);
    process.stdout.write(typeof result === 'string' ? result : toJsonLine(result));
    return 0;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    if (err instanceof UsageError) {
      process.stderr.write(`curvscape: ${oneLine(err.message)}\n`);
      return 2;
    }
    process.stderr.write(`curvscape: internal error: ${oneLine(err.message)}${debug ? '' : ' (--debug shows the stack trace)'}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return 1;
  }
}
