/** The `baton` exit codes, the same for every command. */
export const EXIT_CODES = {
  success: 0,
  /** The input was read but is not acceptable (a malformed plan, a port already taken). */
  badInput: 1,
  /** The command line itself is wrong: unknown command or flag, a flag value of the wrong shape. */
  wrongUsage: 2,
} as const;

/** What a process exits with; Electron's own code passes through unchanged. */
export type ExitCode = number;
