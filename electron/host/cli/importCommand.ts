import path from 'node:path';
import { loadPlanJson, PlanDocument } from '../../../shared/doc';
import { importFeaturePlanMarkdown } from '../../../shared/import/featurePlanMarkdown';
import { formatProblems, parsePlanJson, type PlanJson } from '../../../shared/model';
import { placeUnpositioned } from '../../../shared/planning';
import { planToBatonBytes, readPlanBytes } from '../planFiles';
import { defineCommand, wrongUsage } from './command';
import { EXIT_CODES } from './exitCodes';
import { isOneOf, writeOutput } from './outputFile';

const HELP = `Usage: baton import FILE.json|FILE.md -o PLAN.baton

Makes a .baton plan file from interchange JSON, or from a filled-in "Coordinate
Multi-Persona Feature" document (Markdown, also one written by hand from the template):
its decomposition tree and dependency matrix become workstreams, tasks, personas and
dependencies (laid out automatically). Whatever it cannot read is listed on standard
error, never silently dropped. JSON is kept exactly as given. The input is never modified;
PLAN.baton is written whole or not at all.

Options:
  -o, --output FILE   the .baton file to write (required)
  -h, --help          show this help

Exit codes: 0 imported; 1 the file cannot be read or is not a plan; 2 wrong usage.
`;

/** `baton import`: JSON or a feature-plan document to a .baton file. */
export const importCommand = defineCommand({
  name: 'import',
  summary: 'make a .baton plan from interchange JSON or a feature-plan document',
  help: HELP,
  options: { output: { type: 'string', short: 'o' } },
  takesPositionals: true,
  async run({ values, positionals }, context) {
    if (positionals.length !== 1) return wrongUsage(positionals.length ? 'expected one FILE to import' : 'missing the FILE to import');
    if (!values.output) return wrongUsage('missing -o PLAN.baton');
    const file = positionals[0]!;
    if (isOneOf(values.output, positionals)) return wrongUsage('the output must not be the input (inputs are never modified)');
    const bytes = await readPlanBytes(file);
    if (!bytes.ok) {
      context.stderr.write(`baton import: ${bytes.error}\n`);
      return EXIT_CODES.badInput;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
    } catch {
      context.stderr.write(`baton import: ${file}: not UTF-8 text (import takes .json or .md; .baton files need no import)\n`);
      return EXIT_CODES.badInput;
    }
    if (!text.trim()) {
      context.stderr.write(`baton import: ${file}: the file is empty\n`);
      return EXIT_CODES.badInput;
    }
    let plan: PlanJson;
    // A document has no positions to keep, so its nodes are laid out; JSON stays exactly as given.
    let layOut = false;
    if (path.extname(file).toLowerCase() === '.md' || path.extname(file).toLowerCase() === '.markdown') {
      const imported = importFeaturePlanMarkdown(text);
      if ('error' in imported) {
        context.stderr.write(`baton import: ${file}: ${imported.error}\n`);
        return EXIT_CODES.badInput;
      }
      for (const line of imported.report) context.stderr.write(`baton import: ${file}: not imported: ${line}\n`);
      plan = imported.plan;
      layOut = true;
    } else {
      const parsed = parsePlanJson(text);
      if (!parsed.ok) {
        context.stderr.write(`baton import: ${file}:\n${formatProblems(parsed.error).replace(/^/gm, '  ')}\n`);
        return EXIT_CODES.badInput;
      }
      plan = parsed.value;
    }
    const document = new PlanDocument({ actor: 'baton-cli' });
    loadPlanJson(document.ydoc, layOut ? await placeUnpositioned(plan) : plan);
    const code = await writeOutput('import', values.output, planToBatonBytes(document), context);
    document.destroy();
    return code;
  },
});
