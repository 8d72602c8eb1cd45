import type { CliCommand } from './command';
import { serveCommand } from './serveCommand';
import { exportCommand } from './exportCommand';
import { importCommand } from './importCommand';
import { mergeCommand } from './mergeCommand';
import { scheduleCommand } from './scheduleCommand';
import { startCommand } from './startCommand';
import { validateCommand } from './validateCommand';

/**
 * Every `baton` command, in the order `baton --help` lists them. A new command is one
 * module (see serveCommand.ts) plus one line here.
 */
export const COMMANDS: readonly CliCommand[] = [startCommand, serveCommand, exportCommand, importCommand, mergeCommand, scheduleCommand, validateCommand];
