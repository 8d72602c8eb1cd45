import { version } from '../../../package.json';
import type { CliContext } from './cliContext';
import type { CliCommand } from './command';
import { COMMANDS } from './commands';
import { EXIT_CODES, type ExitCode } from './exitCodes';

/** The `baton --help` text, its command list drawn from the registry. */
export function generalUsage(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const commandLines = commands.map((command) => `  ${command.name.padEnd(width)}   ${command.summary}`);
  return [
    'Usage: baton <command> [options]',
    '',
    'Baton plans features that several personas build in parallel.',
    '',
    'Commands:',
    ...commandLines,
    '',
    'Options:',
    "  -h, --help       show this help; `baton <command> --help` shows a command's own",
    "  -v, --version    print Baton's version",
    '',
  ].join('\n');
}

/**
 * Runs one `baton` command line (without the node and script paths) and returns the exit
 * code: 0 success, 1 unacceptable input, 2 wrong usage.
 */
export async function runCli(argv: readonly string[], context: CliContext, commands: readonly CliCommand[] = COMMANDS): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) return wrongTopLevelUsage('a command is required', context, commands);
  if (first === '--help' || first === '-h') {
    context.stdout.write(generalUsage(commands));
    return EXIT_CODES.success;
  }
  if (first === '--version' || first === '-v') {
    context.stdout.write(`${version}\n`);
    return EXIT_CODES.success;
  }
  if (first === 'help') return showHelpFor(rest[0], context, commands);

  const command = commands.find((candidate) => candidate.name === first);
  if (command === undefined) {
    const what = first.startsWith('-') ? `unknown option ${JSON.stringify(first)}` : `unknown command ${JSON.stringify(first)}`;
    return wrongTopLevelUsage(what, context, commands);
  }
  return command.execute(rest, context);
}

/** `baton help [command]`, for people who type it that way round. */
function showHelpFor(name: string | undefined, context: CliContext, commands: readonly CliCommand[]): ExitCode {
  if (name === undefined) {
    context.stdout.write(generalUsage(commands));
    return EXIT_CODES.success;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) return wrongTopLevelUsage(`unknown command ${JSON.stringify(name)}`, context, commands);
  context.stdout.write(command.help);
  return EXIT_CODES.success;
}

function wrongTopLevelUsage(message: string, context: CliContext, commands: readonly CliCommand[]): ExitCode {
  context.stderr.write(`baton: ${message}\n\n${generalUsage(commands)}`);
  return EXIT_CODES.wrongUsage;
}
