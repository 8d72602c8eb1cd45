import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fail, ok, type Result } from '../../../shared/model/result';
import type { CliContext } from './cliContext';
import { EXIT_CODES, type ExitCode } from './exitCodes';

/** parseArgs option definitions, keyed by long flag name. */
export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
type ParseArgsOptionConfig = ParseArgsOptionsConfig[string];

type OptionValue<C extends ParseArgsOptionConfig> = C['type'] extends 'string'
  ? C['multiple'] extends true
    ? string[]
    : string
  : C['multiple'] extends true
    ? boolean[]
    : boolean;

/** Parsed flags; every one may be absent, so each command states its defaults in one place. */
export type OptionValues<O extends ParseArgsOptionsConfig> = { readonly [K in keyof O]?: OptionValue<O[K]> };

/** A command's parsed command line. */
export interface CommandArgs<O extends ParseArgsOptionsConfig> {
  readonly values: OptionValues<O>;
  readonly positionals: readonly string[];
}

/** Flags that parsed but make no sense (`--port abc`): reported like any other misuse, exit 2. */
export interface WrongUsage {
  readonly wrongUsage: string;
}

/** Says the command line was wrong, with the message to print above the command's help. */
export const wrongUsage = (message: string): WrongUsage => ({ wrongUsage: message });

/** How a command is written: its flags, its help text, and what it does. */
export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  readonly name: string;
  /** One line for the command list of `baton --help`. */
  readonly summary: string;
  /** The whole `baton NAME --help` text, ending in a newline. */
  readonly help: string;
  /** parseArgs option definitions; `--help`/`-h` is added for every command. */
  readonly options: O;
  /** Whether the command takes positional arguments (a plan file, for instance). */
  readonly takesPositionals?: boolean;
  run(args: CommandArgs<O>, context: CliContext): Promise<ExitCode | WrongUsage>;
}

/** A command as the dispatcher sees it: a name, its help, and a runner of raw arguments. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  execute(argv: readonly string[], context: CliContext): Promise<ExitCode>;
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Turns a spec into a command: flag parsing, `--help` and wrong-usage reporting are the
 * same for every command, so a new command only writes what it does.
 */
export function defineCommand<const O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    help: spec.help,
    async execute(argv, context) {
      const parsed = parseCommandLine(spec, argv);
      if (!parsed.ok) return reportWrongUsage(spec, parsed.error, context);
      if (parsed.value.wantsHelp) {
        context.stdout.write(spec.help);
        return EXIT_CODES.success;
      }
      const outcome = await spec.run(parsed.value.args, context);
      return typeof outcome === 'number' ? outcome : reportWrongUsage(spec, outcome.wrongUsage, context);
    },
  };
}

interface ParsedCommandLine<O extends ParseArgsOptionsConfig> {
  readonly wantsHelp: boolean;
  readonly args: CommandArgs<O>;
}

function parseCommandLine<O extends ParseArgsOptionsConfig>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): Result<ParsedCommandLine<O>, string> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...spec.options, ...HELP_OPTION },
      strict: true,
      allowPositionals: spec.takesPositionals ?? false,
    });
    const { help, ...commandValues } = values as Record<string, unknown>;
    // Strict parsing checked every flag against spec.options, so the values have its shape.
    return ok({ wantsHelp: help === true, args: { values: commandValues as OptionValues<O>, positionals } });
  } catch (error) {
    return fail(firstSentence(error instanceof Error ? error.message : String(error)));
  }
}

/** parseArgs appends advice meant for programmers; the first sentence is what a user needs. */
function firstSentence(message: string): string {
  return message.split(/\.\s/, 1)[0]!.trim();
}

/** Prints the complaint and the command's help to stderr; exit code 2. */
export function reportWrongUsage(command: { readonly name: string; readonly help: string }, message: string, context: CliContext): ExitCode {
  context.stderr.write(`baton ${command.name}: ${message}\n\n${command.help}`);
  return EXIT_CODES.wrongUsage;
}
