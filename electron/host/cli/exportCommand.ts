import { TEXT_FORMATS, textFormat } from '../../../shared/export/formats';
import { computeSchedule, describeCycle } from '../../../shared/planning';
import { readPlanFile } from '../planFiles';
import { defineCommand, wrongUsage } from './command';
import { EXIT_CODES } from './exitCodes';
import { isOneOf, writeOutput } from './outputFile';

const FORMAT_IDS = TEXT_FORMATS.map((f) => f.id).join('|');

const HELP = `Usage: baton export PLAN --format ${FORMAT_IDS} [-o FILE] [--session ID] [--as-of YYYY-MM-DD]

Writes the plan as one of the coordination documents (Markdown), as interchange JSON, or as a
Mermaid flowchart. PLAN is a .baton or .json file. The same plan always gives the same bytes.

Formats:
${TEXT_FORMATS.map((f) => `  ${f.id.padEnd(22)}${f.label}`).join('\n')}

Options:
  --format NAME      one of the formats above (required)
  -o, --output FILE  write to FILE (atomically) instead of standard output
  --session ID       persona-coordination: the coordination session to write (default: the latest)
  --as-of DATE       the date the document speaks of (default: the latest date in the plan)
  -h, --help         show this help

A plan whose dependencies form a cycle still exports (the matrix shows the cycle); a warning
goes to standard error. Exit codes: 0 written; 1 the plan cannot be read or written; 2 wrong usage.
`;

/** `baton export`: documents, JSON and Mermaid from a plan file, headless. */
export const exportCommand = defineCommand({
  name: 'export',
  summary: 'write a plan as a coordination document, JSON or Mermaid',
  help: HELP,
  options: { format: { type: 'string' }, output: { type: 'string', short: 'o' }, session: { type: 'string' }, 'as-of': { type: 'string' } },
  takesPositionals: true,
  async run({ values, positionals }, context) {
    if (positionals.length !== 1) return wrongUsage(positionals.length ? 'expected one PLAN file' : 'missing the PLAN file');
    if (!values.format) return wrongUsage(`missing --format (${FORMAT_IDS})`);
    const format = textFormat(values.format);
    if (!format) return wrongUsage(`unknown format ${JSON.stringify(values.format)}; expected one of ${FORMAT_IDS}`);
    const asOf = values['as-of'];
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return wrongUsage('--as-of must be a date as YYYY-MM-DD');
    if (values.output && isOneOf(values.output, positionals)) return wrongUsage('the output must not be the input (inputs are never modified)');
    const loaded = await readPlanFile(positionals[0]!);
    if (!loaded.ok) {
      context.stderr.write(`baton export: ${loaded.error}\n`);
      return EXIT_CODES.badInput;
    }
    const snapshot = loaded.value.document.getSnapshot();
    if (values.session !== undefined && !snapshot.sessions.has(values.session)) {
      context.stderr.write(`baton export: ${positionals[0]}: no coordination session with id "${values.session}"\n`);
      return EXIT_CODES.badInput;
    }
    const schedule = computeSchedule(snapshot);
    if (!schedule.ok) context.stderr.write(`baton export: warning: the dependencies form a cycle (${describeCycle(schedule.cycle, snapshot.nodes)}); the document shows it instead of a critical path\n`);
    const text = format.render(snapshot, { asOf, sessionId: values.session, schedule });
    return writeOutput('export', values.output, new TextEncoder().encode(text), context);
  },
});
