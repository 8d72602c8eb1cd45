import path from 'node:path';
import { writeFileAtomic } from '../atomicWrite';
import type { CliContext } from './cliContext';
import { EXIT_CODES, type ExitCode } from './exitCodes';

/** True when `output` names one of `inputs` (inputs are never overwritten). */
export function isOneOf(output: string, inputs: readonly string[]): boolean {
  const target = path.resolve(output);
  return inputs.some((i) => path.resolve(i) === target);
}

/**
 * Writes a command's result: to the file atomically (whole or not at all), or to stdout
 * when no file is named. Errors name the file.
 */
export async function writeOutput(command: string, file: string | undefined, bytes: Uint8Array, context: CliContext): Promise<ExitCode> {
  if (file === undefined) {
    context.stdout.write(new TextDecoder().decode(bytes));
    return EXIT_CODES.success;
  }
  const written = await writeFileAtomic(file, bytes);
  if (!written.ok) {
    context.stderr.write(`baton ${command}: cannot write ${file}: ${written.error}\n`);
    return EXIT_CODES.badInput;
  }
  return EXIT_CODES.success;
}
