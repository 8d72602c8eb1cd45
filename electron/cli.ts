// The `baton` command. Bundled into dist/baton-cli.cjs, which dist/cli.cjs runs; the
// commands themselves live in host/cli/ so tests can run them in-process.
import { createProcessContext } from './host/cli/processContext';
import { runCli } from './host/cli/runCli';

const { context, dispose } = createProcessContext();
runCli(process.argv.slice(2), context)
  .then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      // Not an expected failure (those are results): a bug, so the stack is worth printing.
      process.stderr.write(`baton: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  )
  .finally(dispose);
