/** The outcome of an operation whose failure is expected (bad input, a cycle): no throws. */
export type Result<T, E = Problem[]> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** One thing wrong with an input, by where it is (`nodes[3].estimateDays`) and what is wrong. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** A successful result. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
/** A failed result. */
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** `path: message`, or just the message when the problem is about the input as a whole. */
export function formatProblem(p: Problem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** All problems, one per line, for a terminal or an error banner. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
