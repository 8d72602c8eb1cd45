import { computeSchedule, describeCycle } from '../../../shared/planning';
import { readPlanFile } from '../planFiles';
import { defineCommand, wrongUsage } from './command';
import { EXIT_CODES } from './exitCodes';
import { formatTable } from './formatTable';

const HELP = `Usage: baton schedule PLAN [--json]

Computes the plan's schedule with the critical path method: earliest and latest start and
finish of every task, milestone and gate (in working days from the plan start), slack,
and whether it is on the critical path. PLAN is a .baton or interchange .json file.

Options:
  --json       print { "projectDays", "tasks": [{ "id", "title", "earlyStart",
               "earlyFinish", "lateStart", "lateFinish", "slack", "critical" }] }
  -h, --help   show this help

Exit codes: 0 scheduled; 1 the plan cannot be read or has a cycle; 2 wrong usage.
`;

/** `baton schedule`: the critical-path schedule of a plan file, as a table or JSON. */
export const scheduleCommand = defineCommand({
  name: 'schedule',
  summary: 'print the critical-path schedule of a plan',
  help: HELP,
  options: { json: { type: 'boolean' } },
  takesPositionals: true,
  async run({ values, positionals }, context) {
    if (positionals.length !== 1) return wrongUsage(positionals.length ? 'expected one PLAN file' : 'missing the PLAN file');
    const loaded = await readPlanFile(positionals[0]!);
    if (!loaded.ok) {
      context.stderr.write(`baton schedule: ${loaded.error}\n`);
      return EXIT_CODES.badInput;
    }
    const snapshot = loaded.value.document.getSnapshot();
    const schedule = computeSchedule(snapshot);
    if (!schedule.ok) {
      context.stderr.write(`baton schedule: ${positionals[0]}: the dependencies form a cycle, so there is no schedule: ${describeCycle(schedule.cycle, snapshot.nodes)}\n`);
      return EXIT_CODES.badInput;
    }
    const tasks = schedule.items.map(({ id, title, earlyStart, earlyFinish, lateStart, lateFinish, slack, critical }) => ({
      id,
      title,
      earlyStart,
      earlyFinish,
      lateStart,
      lateFinish,
      slack,
      critical,
    }));
    if (values.json) {
      context.stdout.write(`${JSON.stringify({ projectDays: schedule.projectDays, tasks }, null, 2)}\n`);
      return EXIT_CODES.success;
    }
    const rows = tasks.map((t) => [t.title, String(t.earlyStart), String(t.earlyFinish), String(t.lateStart), String(t.lateFinish), String(t.slack), t.critical ? 'yes' : '']);
    context.stdout.write(formatTable(['Task', 'ES', 'EF', 'LS', 'LF', 'Slack', 'Critical'], rows));
    context.stdout.write(`\nProject length: ${schedule.projectDays} working days; ${tasks.filter((t) => t.critical).length} of ${tasks.length} on the critical path.\n`);
    if (schedule.unestimated.length) {
      const names = schedule.unestimated.map((id) => snapshot.nodes.get(id)?.title ?? id);
      context.stdout.write(`Unestimated (counted as 0 days): ${names.join(', ')}\n`);
    }
    return EXIT_CODES.success;
  },
});
