import type { ActivityEntry, Handoff, PlanNode, PlanSnapshot, StatusBroadcast, TaskStatus } from '../../shared/model';
import { computeSchedule } from '../../shared/planning';
import { reflectionEvidence, takeBaseline } from '../../shared/planning/reflection';
import { generatePlan, seededRandom } from '../support/generatePlan';
import { median, sampleSteady, steadyNote, type BenchRow } from './harness';

const TASKS = 5_000;
const ENTRIES = 50_000;
const BROADCASTS = 2_000;
const HANDOFFS = 500;
const START = Date.UTC(2025, 0, 6); // a Monday
const HOUR = 3_600_000;
/** Calendar ms for a schedule offset in working days (7 calendar days per 5 working ones, roughly). */
const calendarMs = (days: number) => START + days * 1.4 * 24 * HOUR;

/**
 * A 5,000-task plan with 50,000 activity entries, seeded: every task created with its owner
 * and estimate; most started, some blocked (often more than once), most done, some reopened;
 * handoffs recorded and completed; owner and estimate changes fill the rest. Storage order is
 * that of two machines (a tenth of the entries synced late) and a few entries stored twice.
 */
export function reflectionFixture(seed = 11): PlanSnapshot {
  const random = seededRandom(seed);
  const plan = generatePlan({ tasks: TASKS, dependencies: 10_000, workstreams: 50, personas: 12 }, seed);
  const schedule = computeSchedule({ nodes: new Map(plan.nodes.map((n) => [n.id as string, n])), edges: new Map(plan.edges.map((e) => [e.id as string, e])) });
  if (!schedule.ok) throw new Error('generated plan has a cycle');
  const entries: ActivityEntry[] = [];
  let n = 0;
  const push = (ms: number, kind: ActivityEntry['kind'], entity: string, from?: string | number | null, to?: string | number | null) =>
    entries.push({ id: `act-${(n++).toString(36).padStart(6, '0')}`, at: new Date(ms).toISOString(), actor: `p${n % 12}`, kind, entity, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) } as ActivityEntry);

  const finalStatus = new Map<string, TaskStatus>();
  const tasks = plan.nodes.filter((node): node is PlanNode & { kind: 'task' } => node.kind === 'task');
  for (const task of tasks) {
    const created = START - 24 * HOUR;
    push(created, 'created', task.id, undefined, 'todo');
    push(created, 'owner', task.id, null, task.owner ?? null);
    push(created, 'estimate', task.id, null, task.estimateDays ?? null);
    let status: TaskStatus = 'todo';
    let at = calendarMs(schedule.byId.get(task.id)!.earlyStart) + random() * 48 * HOUR;
    const move = (to: TaskStatus) => {
      at += (2 + random() * 40) * HOUR;
      push(at, 'status', task.id, status, to);
      status = to;
    };
    const roll = random();
    if (roll > 0.15) {
      move('active');
      const blocks = random() < 0.4 ? 1 + Math.floor(random() * 3) : 0;
      for (let b = 0; b < blocks; b++) {
        move('blocked');
        move('active');
      }
      if (roll > 0.35) move('done');
      if (roll > 0.9) {
        move('active');
        move('done');
      }
    }
    finalStatus.set(task.id, status);
  }
  const handoffs = new Map<string, Handoff>();
  for (let h = 0; h < HANDOFFS; h++) {
    const task = tasks[Math.floor(random() * tasks.length)]!;
    const id = `h${h}`;
    const created = calendarMs(random() * schedule.projectDays);
    push(created, 'handoff', id, null, 'pending');
    const done = random() < 0.7;
    if (done) push(created + random() * 72 * HOUR, 'handoff', id, 'pending', 'completed');
    handoffs.set(id, { id, task: task.id, from: 'p0', to: `p${1 + (h % 11)}`, status: done ? 'completed' : 'pending' } as Handoff);
  }
  // Owner and estimate changes up to the size wanted, less the copies stored below.
  const copies = 250;
  while (entries.length < ENTRIES - copies) {
    const task = tasks[Math.floor(random() * tasks.length)]!;
    const ms = calendarMs(random() * schedule.projectDays);
    if (random() < 0.5) push(ms, 'owner', task.id, task.owner ?? null, `p${Math.floor(random() * 12)}`);
    else push(ms, 'estimate', task.id, task.estimateDays ?? null, 1 + Math.floor(random() * 10));
  }
  // Two machines: one's entries in time order, the other's (a tenth) synced late, then copies.
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const late = entries.filter((_, i) => i % 10 === 3);
  const stored = [...entries.filter((_, i) => i % 10 !== 3), ...late];
  for (let c = 0; c < copies; c++) stored.push(stored[Math.floor(random() * stored.length)]!);

  const broadcasts: StatusBroadcast[] = [];
  const kinds = ['working', 'working', 'working', 'blocked', 'completed', 'error'] as const;
  for (let b = 0; b < BROADCASTS; b++) {
    const agent = `p${3 + 4 * (b % 3)}`; // the generator's agents
    const status = kinds[Math.floor(random() * kinds.length)]!;
    broadcasts.push({
      id: `b${b}`,
      receivedAt: new Date(calendarMs(random() * schedule.projectDays)).toISOString(),
      status: { agent_id: agent, status, current_task: `t${Math.floor(random() * TASKS)}`, ...(status === 'blocked' ? { blocking_issues: [`issue ${Math.floor(random() * 20)}`] } : {}) },
    } as StatusBroadcast);
  }

  const nodes = new Map<string, PlanNode>();
  for (const node of plan.nodes) nodes.set(node.id, node.kind === 'task' ? { ...node, status: finalStatus.get(node.id)! } : node);
  const snapshot: PlanSnapshot = {
    meta: { title: plan.title, timelineStart: '2025-01-06' },
    personas: new Map(plan.personas.map((p) => [p.id as string, p])),
    nodes,
    edges: new Map(plan.edges.map((e) => [e.id as string, e])),
    handoffs,
    sessions: new Map(),
    phases: new Map(),
    baselines: new Map(),
    retroNotes: new Map(),
    retroVotes: new Map(),
    broadcasts,
    activity: stored,
    playbook: {},
    reflection: {},
    problems: [],
  };
  return snapshot;
}

/** Reflection evidence for a 5,000-task plan with 50,000 activity entries, against a baseline. */
export function reflectionBench(): BenchRow[] {
  const snapshot = reflectionFixture();
  const schedule = computeSchedule(snapshot);
  if (!schedule.ok) throw new Error('generated plan has a cycle');
  const taken = takeBaseline(snapshot, schedule, { id: 'bench', name: 'Bench', takenAt: '2025-01-03T17:00:00.000Z' });
  if (!taken.ok) throw new Error('no baseline');
  const baseline = taken.value;
  // Mid-project: about half the tasks' planned windows have passed.
  const asOf = new Date(calendarMs(schedule.projectDays / 2)).toISOString();
  const size = `${TASKS.toLocaleString('en')} tasks, ${snapshot.activity.length.toLocaleString('en')} activity entries, ${BROADCASTS.toLocaleString('en')} broadcasts`;
  // As the Reflection view and the exporters call it: with the schedule the plan's analysis
  // already holds (timed in its own row). The view recomputes on every snapshot change, so
  // the steady state is what counts.
  const { cold, times } = sampleSteady(21, () => void reflectionEvidence(snapshot, { asOf, baseline, schedule }));
  const check = reflectionEvidence(snapshot, { asOf, baseline, schedule });
  return [
    {
      scenario: 'reflection evidence (vs baseline)',
      size,
      median: median(times),
      runs: times.length,
      target: 'median < 100 ms',
      note: `${steadyNote(cold)}; ${check.totals.done} tasks done as of asOf, ${check.log.used.toLocaleString('en')} entries used (${check.log.outOfOrder.toLocaleString('en')} stored out of order, ${check.log.duplicates} copies), forecast ${check.forecast?.projectDays.toFixed(1)} against a baseline of ${baseline.projectDays} days`,
    },
  ];
}
