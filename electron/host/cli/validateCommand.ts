import { computeSchedule, describeCycle } from '../../../shared/planning';
import { readPlanFile } from '../planFiles';
import { defineCommand, wrongUsage } from './command';
import { EXIT_CODES } from './exitCodes';

const HELP = `Usage: baton validate PLAN

Checks a plan file: that it is a readable .baton or interchange .json plan whose every
field fits the schema and every reference exists, and that its dependencies have no cycle.
Prints every problem found: a bad field by its path, a cycle by its task titles in order.

Exit codes: 0 valid and acyclic; 1 problems found (listed); 2 wrong usage.
`;

/** `baton validate`: schema, references and cycles of a plan file. */
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check a plan file: schema, references, cycles',
  help: HELP,
  options: {},
  takesPositionals: true,
  async run({ positionals }, context) {
    if (positionals.length !== 1) return wrongUsage(positionals.length ? 'expected one PLAN file' : 'missing the PLAN file');
    const file = positionals[0]!;
    const loaded = await readPlanFile(file);
    if (!loaded.ok) {
      context.stderr.write(`baton validate: ${loaded.error}\n`);
      return EXIT_CODES.badInput;
    }
    const snapshot = loaded.value.document.getSnapshot();
    const schedule = computeSchedule(snapshot);
    if (!schedule.ok) {
      context.stderr.write(`baton validate: ${file}: the dependencies form a cycle: ${describeCycle(schedule.cycle, snapshot.nodes)}\n`);
      return EXIT_CODES.badInput;
    }
    const tasks = [...snapshot.nodes.values()].filter((n) => n.kind === 'task').length;
    context.stdout.write(`${file}: valid — ${tasks} tasks, ${snapshot.edges.size} dependencies, no cycle; ${schedule.projectDays} working days.\n`);
    return EXIT_CODES.success;
  },
});
