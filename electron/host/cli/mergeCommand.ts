import { LOAD_ORIGIN, PlanDocument } from '../../../shared/doc';
import { planToBatonBytes, readPlanFile } from '../planFiles';
import { defineCommand, wrongUsage } from './command';
import { EXIT_CODES } from './exitCodes';
import { isOneOf, writeOutput } from './outputFile';

const HELP = `Usage: baton merge A.baton B.baton [MORE.baton ...] -o OUT.baton [--force]

Merges copies of one plan that were edited apart (teammates offline, files sent by mail)
into one .baton file with every edit of every copy: no conflict dialog, nothing lost.
Inputs may also be interchange .json files. Inputs are never modified; OUT is written
whole or not at all.

Options:
  -o, --output FILE   the merged plan (required; must not be one of the inputs)
  --force             merge even when the files are copies of different plans
  -h, --help          show this help

Exit codes: 0 merged; 1 an input cannot be read, or the plans differ (without --force); 2 wrong usage.
`;

/** `baton merge`: CRDT merge of plan copies into one file. */
export const mergeCommand = defineCommand({
  name: 'merge',
  summary: 'merge copies of a plan edited apart into one .baton file',
  help: HELP,
  options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  takesPositionals: true,
  async run({ values, positionals }, context) {
    if (positionals.length < 2) return wrongUsage('expected at least two plan files to merge');
    if (!values.output) return wrongUsage('missing -o OUT.baton');
    if (isOneOf(values.output, positionals)) return wrongUsage('the output must not be one of the inputs (inputs are never modified)');
    const merged = new PlanDocument({ actor: 'baton-cli' });
    let planId: string | null = null;
    for (const file of positionals) {
      const loaded = await readPlanFile(file);
      if (!loaded.ok) {
        context.stderr.write(`baton merge: ${loaded.error}\n`);
        return EXIT_CODES.badInput;
      }
      const id = loaded.value.document.storedPlanId;
      if (planId && id && id !== planId && !values.force) {
        context.stderr.write(`baton merge: ${file} is a copy of a different plan (${id}, not ${planId}); use --force to merge them anyway\n`);
        return EXIT_CODES.badInput;
      }
      planId ??= id;
      const applied = merged.applyUpdate(loaded.value.document.encodeState(), LOAD_ORIGIN);
      loaded.value.document.destroy();
      if (!applied.ok) {
        context.stderr.write(`baton merge: ${file}: ${applied.error.map((p) => p.message).join('; ')}\n`);
        return EXIT_CODES.badInput;
      }
    }
    const code = await writeOutput('merge', values.output, planToBatonBytes(merged), context);
    if (code === EXIT_CODES.success) {
      const s = merged.getSnapshot();
      context.stderr.write(`Merged ${positionals.length} copies of "${s.meta.title}" into ${values.output}: ${s.nodes.size} nodes, ${s.edges.size} dependencies.\n`);
    }
    merged.destroy();
    return code;
  },
});
