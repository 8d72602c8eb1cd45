import type { RootContent } from 'mdast';
import { chooseBaseline, reflectionEvidence, retroBoard, type ReflectionEvidence, type RetroBoard } from '../planning';
import type { ReflectionSection } from '../model';
import type { ExportContext } from './exportContext';
import { emphasis, list, paragraph, strong, table } from './markdown';
import { num, plural } from './planFacts';

// The reflection's evidence as markdown blocks, shared by the retrospective document and the
// Reflection section of the PACT document. Long lists are cut to the top rows: a 5,000-task
// plan's retrospective names what matters, not every task.

/** Rows in each "top" table. */
const TOP = 10;

/** Evidence and board for an export, or null when the plan records no date to stand at. */
export interface ReflectionFacts {
  readonly evidence: ReflectionEvidence;
  readonly board: RetroBoard;
}

/** The evidence as of the export's day, against the plan's chosen baseline. */
export function reflectionFacts(ctx: ExportContext): ReflectionFacts | null {
  if (ctx.asOf === undefined) return null;
  const { snapshot } = ctx;
  const baseline = chooseBaseline([...snapshot.baselines.values()], snapshot.meta.baseline);
  const evidence = reflectionEvidence(snapshot, { asOf: ctx.asOf, ...(baseline ? { baseline } : {}), schedule: ctx.analysis.schedule, top: TOP });
  return { evidence, board: retroBoard(snapshot) };
}

const days = (d: number | null) => (d === null ? '—' : num(d));
const signedDays = (d: number) => `${d > 0 ? '+' : ''}${num(d)} days`;
const percent = (p: number | null, signed = false) => (p === null ? '—' : `${signed && p > 0 ? '+' : ''}${num(Math.round(p * 10) / 10)} %`);
/** Actual over planned: 1.25× took a quarter longer than planned. */
const ratio = (r: number | null) => (r === null ? '—' : `${num(Math.round(r * 100) / 100)}×`);
const label = (text: string) => paragraph(strong(text));

/** Planned against actual, accuracy, slip and adherence: how well execution met the plan. */
export function executionEvidence(ctx: ExportContext, e: ReflectionEvidence): RootContent[] {
  const t = e.totals;
  const out: RootContent[] = [
    list([
      `Tasks: ${t.tasks}, started ${t.started}, done ${t.done}`,
      `Planned: ${num(t.plannedDays)} days; measured (done with an estimate): ${t.measured} tasks, ${num(t.measuredPlannedDays)} days planned, ${num(t.actualDays)} days actual`,
      `Estimation accuracy (actual ÷ planned): ${ratio(t.accuracy)}`,
      e.baseline ? `Baseline: ${e.baseline.name} (taken ${e.baseline.takenAt})` : 'Baseline: none chosen',
      e.slip
        ? `Critical-path slip: ${signedDays(e.slip.days)} (${percent(e.slip.percent, true)}), ${num(e.slip.forecastDays)} days ${e.slip.final ? 'actual' : 'forecast'} against ${num(e.slip.baselineDays)} planned`
        : `Critical-path slip: ${e.notes.slip?.message ?? 'not available'}`,
      e.adherence
        ? `Timeline adherence: ${percent(e.adherence.percent, true)} (${num(e.adherence.earnedValueDays)} of ${num(e.adherence.plannedValueDays)} planned estimate-days done; ${e.adherence.doneOfDue} of ${e.adherence.dueByNow} tasks due by now done; ${e.adherence.finishedOnTime} on time, ${e.adherence.finishedLate} late)`
        : `Timeline adherence: ${e.notes.adherence?.message ?? 'not available'}`,
    ]),
  ];
  if (e.workstreams.length) {
    out.push(
      label('Planned versus actual by workstream'),
      table(
        ['Workstream', 'Tasks', 'Done', 'Planned days', 'Actual days', 'Accuracy', 'Blocked days'],
        e.workstreams.map((w) => [w.title, String(w.tasks), String(w.done), num(w.plannedDays), num(w.actualDays), ratio(w.accuracy), num(w.blockedDays)]),
      ),
    );
  }
  const slipped = e.tasks.filter((x) => x.finishSlipDays !== null && x.finishSlipDays > 0).sort((a, b) => b.finishSlipDays! - a.finishSlipDays! || (a.id < b.id ? -1 : 1));
  const measured = e.tasks.filter((x) => x.accuracy !== null).sort((a, b) => Math.abs(Math.log(b.accuracy!)) - Math.abs(Math.log(a.accuracy!)) || (a.id < b.id ? -1 : 1));
  if (slipped.length) {
    out.push(
      label(`Tasks that slipped most against the baseline (${Math.min(TOP, slipped.length)} of ${slipped.length})`),
      table(
        ['Task', 'Owner', 'Baseline finish (day)', 'Forecast finish (day)', 'Slip (days)'],
        slipped.slice(0, TOP).map((x) => [x.title, x.owner ? ctx.personaName(x.owner) : '—', days(x.baselineFinish), days(x.forecastFinish), days(x.finishSlipDays)]),
      ),
    );
  }
  if (measured.length) {
    out.push(
      label(`Estimates furthest off (${Math.min(TOP, measured.length)} of ${measured.length} done tasks)`),
      table(
        ['Task', 'Owner', 'Planned days', 'Actual days', 'Accuracy'],
        measured.slice(0, TOP).map((x) => [x.title, x.owner ? ctx.personaName(x.owner) : '—', days(x.plannedDays), days(x.actualDays), ratio(x.accuracy)]),
      ),
    );
  }
  return out;
}

/** Blocked time, what was waited on, and handoffs: where coordination strained. */
export function coordinationEvidence(ctx: ExportContext, e: ReflectionEvidence): RootContent[] {
  const h = e.handoffs;
  const latency =
    h.meanLatencyDays === null ? 'latency not recorded' : `latency mean ${days(h.meanLatencyDays)}, median ${days(h.medianLatencyDays)}, longest ${days(h.maxLatencyDays)} working days`;
  const out: RootContent[] = [
    list([
      `Handoffs: ${h.count} (${h.completed} completed, ${h.pending} pending${h.removed ? `, ${h.removed} withdrawn` : ''}); ${latency}`,
      `Blocked time: ${num(e.totals.blockedDays)} working days over ${plural(e.tasks.filter((t) => t.blockedDays > 0).length, 'task')}`,
    ]),
  ];
  const blockedPersonas = e.personas.filter((p) => p.blockedDays > 0 || p.waitsCaused > 0);
  if (blockedPersonas.length) {
    out.push(
      label('Blocked time by persona'),
      table(
        ['Persona', 'Blocked days (own tasks)', 'Waits caused', 'Handoffs sent', 'Handoffs received', 'Handoff latency (days)'],
        blockedPersonas.map((p) => [p.name, num(p.blockedDays), String(p.waitsCaused), String(p.handoffsSent), String(p.handoffsReceived), days(p.handoffLatencyDays)]),
      ),
    );
  }
  if (e.topBlockers.tasks.length) {
    out.push(
      label('Longest blocked tasks'),
      table(
        ['Task', 'Owner', 'Blocked days', 'Times blocked'],
        e.topBlockers.tasks.map((b) => [b.title, b.owner ? ctx.personaName(b.owner) : '—', num(b.blockedDays), String(b.blockedSpans)]),
      ),
    );
  }
  if (e.topBlockers.prerequisites.length) {
    out.push(
      label('Prerequisites most waited on'),
      table(
        ['Task', 'Owner', 'Waits', 'Days waited', 'Waited by'],
        e.topBlockers.prerequisites.map((p) => [p.title, p.owner ? ctx.personaName(p.owner) : '—', String(p.waits), num(p.waitedDays), p.waitedBy.map(ctx.nodeTitle).join(', ')]),
      ),
    );
  }
  return out;
}

/** Per-agent figures from the status broadcasts. */
export function agentEvidence(e: ReflectionEvidence): RootContent[] {
  if (!e.agents.length) return [paragraph(emphasis('No agent status broadcasts received.'))];
  const out: RootContent[] = [
    table(
      ['Agent', 'Broadcasts', 'Completion rate', 'Error rate', 'Blocked days', 'Tasks reported', 'Tasks completed', 'Last status'],
      e.agents.map((a) => [a.agent, String(a.broadcasts), percent(a.completionRate * 100), percent(a.errorRate * 100), num(a.blockedDays), String(a.tasksReported), String(a.tasksCompleted), `${a.lastStatus} (${a.lastAt})`]),
    ),
  ];
  if (e.agentIssues.length) out.push(label('Blocking issues agents named'), list(e.agentIssues.slice(0, TOP).map((i) => `${i.issue} (${plural(i.count, 'broadcast')})`)));
  return out;
}

/** What the retrospective board turned into process improvements and action items. */
export function boardOutcomes(ctx: ExportContext, board: RetroBoard): RootContent[] {
  const improvements = board.ranked.filter((n) => n.note.outcome === 'process-improvement');
  const actions = board.ranked.filter((n) => n.note.outcome === 'action-item');
  if (!improvements.length && !actions.length) return [];
  const taskState = (id: string | undefined) => {
    const node = id ? ctx.snapshot.nodes.get(id) : undefined;
    return node?.kind === 'task' ? `task "${node.title}", ${node.status ?? 'todo'}` : 'task removed';
  };
  return [
    label('From the retrospective board'),
    list([
      ...improvements.map((n) => `Process improvement: ${n.note.text} (${plural(n.votes, 'vote')})`),
      ...actions.map((n) => `Action item: ${n.note.text} (${plural(n.votes, 'vote')}; ${taskState(n.note.task)})`),
    ]),
  ];
}

/** The evidence that belongs beside each of the six reflection texts, under an "Evidence" label. */
export function evidenceForSection(ctx: ExportContext, facts: ReflectionFacts, section: ReflectionSection): RootContent[] {
  const blocks =
    section === 'executionEffectiveness'
      ? executionEvidence(ctx, facts.evidence)
      : section === 'coordinationChallenges'
        ? coordinationEvidence(ctx, facts.evidence)
        : section === 'agentPerformance'
          ? agentEvidence(facts.evidence)
          : section === 'processImprovements'
            ? boardOutcomes(ctx, facts.board)
            : [];
  return blocks.length ? [label('Evidence'), ...blocks] : [];
}
