import { useState, type ReactNode } from 'react';
import type { PlanSnapshot } from '../../../shared/model';
import type { FlowSeries, ReflectionEvidence, TaskEvidence } from '../../../shared/planning';
import { BlockedChart, BurnUpChart, ChartFigure, CumulativeFlowChart, PlannedActualChart } from './charts';
import { accuracy, days, rate, round1, signedDays, signedPercent } from './format';

// Each block is the evidence for one reflection section. Lists show the top rows only: a
// 5,000-task plan must stay responsive, and the few worst cases are what a retrospective discusses.

/** Rows shown in each task list and task chart. */
export const TOP_ROWS = 10;

/** A table with a name, headings and a note when rows were left out. */
function EvidenceTable({ label, head, rows, total, moreNote, empty }: { label: string; head: readonly string[]; rows: readonly (readonly ReactNode[])[]; total?: number; moreNote?: string; empty: string }) {
  if (rows.length === 0) return <p className="muted reflection-empty">{empty}</p>;
  return (
    <div className="reflection-table">
      <table aria-label={label}>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
      {total !== undefined && total > rows.length && (
        <p className="muted reflection-table__more">
          Top {rows.length} of {total}
          {moreNote ? `, ${moreNote}` : ''}.
        </p>
      )}
    </div>
  );
}

/** One headline figure; its group name is the figure's name. */
export function Figure({ label, value, detail, tone }: { label: string; value: ReactNode; detail?: ReactNode; tone?: 'good' | 'bad' | 'none' }) {
  return (
    <div className={`reflection-figure reflection-figure--${tone ?? 'none'}`} role="group" aria-label={label}>
      <span className="reflection-figure__label">{label}</span>
      <span className="reflection-figure__value">{value}</span>
      {detail && <span className="reflection-figure__detail">{detail}</span>}
    </div>
  );
}

const NEEDS_BASELINE = 'Needs a baseline: use “Set baseline”, then choose it to compare with.';

/** The headline figures above everything: how it went, in a line. */
export function KeyFigures({ e }: { e: ReflectionEvidence }) {
  const { totals, slip, adherence, handoffs, forecast } = e;
  const blockedTasks = e.tasks.filter((t) => t.blockedDays > 0).length;
  return (
    <div className="reflection-figures" role="region" aria-label="Key figures">
      <Figure label="Tasks done" value={`${totals.done} of ${totals.tasks}`} detail={`${totals.started} started`} />
      <Figure
        label="Estimation accuracy"
        value={totals.accuracy === null ? '–' : `${totals.accuracy.toFixed(2)}×`}
        detail={totals.measured ? `actual ÷ planned over ${totals.measured} done task${totals.measured === 1 ? '' : 's'}` : 'no finished task with an estimate yet'}
        tone={totals.accuracy === null ? 'none' : totals.accuracy > 1.1 ? 'bad' : 'good'}
      />
      <Figure
        label="Critical-path slip"
        value={slip ? signedDays(slip.days) : '–'}
        detail={slip ? `${signedPercent(slip.percent)} · ${slip.final ? 'final' : 'forecast'} ${days(slip.forecastDays)} against ${days(slip.baselineDays)}` : (e.notes.slip?.code === 'no-baseline' ? NEEDS_BASELINE : e.notes.slip?.message)}
        tone={slip ? (slip.days > 0 ? 'bad' : 'good') : 'none'}
      />
      <Figure
        label="Timeline adherence"
        value={adherence ? signedPercent(adherence.percent) : '–'}
        detail={
          adherence
            ? adherence.percent === null
              ? 'nothing was due yet'
              : `${days(adherence.earnedValueDays)} done of ${days(adherence.plannedValueDays)} planned by now`
            : e.notes.adherence?.code === 'no-baseline'
              ? NEEDS_BASELINE
              : e.notes.adherence?.message
        }
        tone={adherence?.percent == null ? 'none' : adherence.percent < 0 ? 'bad' : 'good'}
      />
      <Figure label="Blocked time" value={days(totals.blockedDays)} detail={blockedTasks ? `over ${blockedTasks} task${blockedTasks === 1 ? '' : 's'}` : 'no task was blocked'} tone={totals.blockedDays > 0 ? 'bad' : 'none'} />
      <Figure
        label="Handoffs"
        value={String(handoffs.count)}
        detail={`${handoffs.completed} completed${handoffs.meanLatencyDays !== null ? `, mean latency ${days(handoffs.meanLatencyDays)}` : ''}`}
      />
      <Figure label="Forecast" value={forecast ? days(forecast.projectDays) : '–'} detail={forecast ? `${forecast.final ? 'actual' : 'forecast'} length; planned ${days(forecast.plannedDays)}` : e.notes.forecast?.message} />
    </div>
  );
}

/** Execution effectiveness: burn-up or cumulative flow, and planned against actual per workstream. */
export function ExecutionEvidence({ e, flow }: { e: ReflectionEvidence; flow: FlowSeries }) {
  const [chart, setChart] = useState<'burn-up' | 'flow'>('burn-up');
  const last = flow.points.at(-1);
  const withTasks = e.workstreams.filter((w) => w.tasks > 0);
  // Many workstreams: the ones furthest from their plan, kept in the evidence's order.
  const distance = (w: (typeof withTasks)[number]) => Math.abs(w.actualDays - w.measuredPlannedDays);
  const shown = new Set([...withTasks].sort((a, b) => distance(b) - distance(a) || b.plannedDays - a.plannedDays).slice(0, TOP_ROWS));
  const workstreams = withTasks.filter((w) => shown.has(w));
  return (
    <>
      <div className="reflection-chart-switch" role="group" aria-label="Progress chart">
        {(['burn-up', 'flow'] as const).map((c) => (
          <button key={c} type="button" aria-pressed={chart === c} onClick={() => setChart(c)}>
            {c === 'burn-up' ? 'Burn-up' : 'Cumulative flow'}
          </button>
        ))}
      </div>
      {chart === 'burn-up' ? (
        <ChartFigure label="Burn-up" summary={last ? `${days(last.doneDays)} done of ${days(last.scopeDays)} scope on ${last.date}${flow.stepDays > 1 ? ` · every ${flow.stepDays} days` : ''}` : ''}>
          <BurnUpChart points={flow.points} />
        </ChartFigure>
      ) : (
        <ChartFigure label="Cumulative flow" summary={last ? `${last.done} done, ${last.active} active, ${last.blocked} blocked, ${last.todo} to do on ${last.date}` : ''}>
          <CumulativeFlowChart points={flow.points} />
        </ChartFigure>
      )}
      {flow.fromFields > 0 && (
        <p className="muted reflection-note">
          {flow.fromFields} task{flow.fromFields === 1 ? ' has' : 's have'} no history in the activity log (made before it was kept, or imported): placed by their start and finish dates, or in their status throughout.
        </p>
      )}
      {workstreams.some((w) => w.measured > 0) ? (
        <ChartFigure label="Planned vs actual by workstream" summary={`days of finished tasks${withTasks.length > workstreams.length ? ` · the ${workstreams.length} of ${withTasks.length} furthest from their plan` : ''}`} height={Math.max(120, 40 + workstreams.length * 34)}>
          <PlannedActualChart rows={workstreams.map((w) => ({ name: w.title, planned: w.measuredPlannedDays, actual: w.actualDays }))} plannedLabel="Planned (done tasks)" />
        </ChartFigure>
      ) : (
        <p className="muted reflection-empty">No finished task with an estimate yet: planned against actual by workstream appears as tasks are done.</p>
      )}
      <EvidenceTable
        label="Planned vs actual by workstream"
        head={['Workstream', 'Done', 'Planned', 'Actual (done)', 'Accuracy', 'Blocked']}
        rows={workstreams.map((w) => [w.title, `${w.done}/${w.tasks}`, days(w.plannedDays), w.measured ? `${days(w.actualDays)} of ${days(w.measuredPlannedDays)}` : '–', w.accuracy === null ? '–' : `${w.accuracy.toFixed(2)}×`, days(w.blockedDays)])}
        total={withTasks.length}
        moreNote="furthest from their plan"
        empty="No tasks yet."
      />
    </>
  );
}

const personaName = (snapshot: PlanSnapshot, id: string | null) => (id === null ? '—' : (snapshot.personas.get(id)?.name ?? id));

/** Coordination challenges: blocked time per persona, the top blockers, handoffs. */
export function CoordinationEvidence({ e, snapshot }: { e: ReflectionEvidence; snapshot: PlanSnapshot }) {
  const blocked = e.personas.filter((p) => p.blockedDays > 0).sort((a, b) => b.blockedDays - a.blockedDays);
  const slowest = e.handoffs.list
    .filter((h) => h.latencyDays !== null)
    .sort((a, b) => b.latencyDays! - a.latencyDays!)
    .slice(0, 5);
  return (
    <>
      {blocked.length > 0 ? (
        <ChartFigure label="Blocked time per persona" summary="working days in status blocked, by owner at the time" height={Math.max(110, 36 + blocked.length * 28)}>
          <BlockedChart rows={blocked.slice(0, TOP_ROWS).map((p) => ({ name: p.name, blocked: p.blockedDays }))} />
        </ChartFigure>
      ) : (
        <p className="muted reflection-empty">No blocked time recorded: no task has been in status blocked.</p>
      )}
      <EvidenceTable
        label="Top blocked tasks"
        head={['Task', 'Owner', 'Blocked', 'Times']}
        rows={e.topBlockers.tasks.map((t) => [t.title, personaName(snapshot, t.owner), days(t.blockedDays), String(t.blockedSpans)])}
        empty="No task was blocked."
      />
      <EvidenceTable
        label="Prerequisites waited on"
        head={['Prerequisite', 'Owner', 'Waits', 'Waited']}
        rows={e.topBlockers.prerequisites.slice(0, TOP_ROWS).map((p) => [p.title, personaName(snapshot, p.owner), String(p.waits), days(p.waitedDays)])}
        total={e.topBlockers.prerequisites.length}
        empty="No dependent waited blocked on an unfinished prerequisite."
      />
      <div className="reflection-facts" role="group" aria-label="Handoff figures">
        <span>
          <strong>{e.handoffs.count}</strong> handoff{e.handoffs.count === 1 ? '' : 's'}
        </span>
        <span>{e.handoffs.completed} completed</span>
        <span>{e.handoffs.pending} pending</span>
        <span>mean latency {days(e.handoffs.meanLatencyDays)}</span>
        <span>median {days(e.handoffs.medianLatencyDays)}</span>
        <span>longest {days(e.handoffs.maxLatencyDays)}</span>
      </div>
      {slowest.length > 0 && (
        <EvidenceTable
          label="Slowest handoffs"
          head={['Task', 'From', 'To', 'Latency']}
          rows={slowest.map((h) => [snapshot.nodes.get(h.task)?.title ?? h.task, personaName(snapshot, h.from), personaName(snapshot, h.to), days(h.latencyDays)])}
          empty=""
        />
      )}
    </>
  );
}

/** Agent performance: per-agent figures from status broadcasts. */
export function AgentEvidenceBlock({ e }: { e: ReflectionEvidence }) {
  if (e.agents.length === 0) return <p className="muted reflection-empty">No status broadcasts yet: per-agent figures come from the agents' PACT status broadcasts.</p>;
  return (
    <>
      <EvidenceTable
        label="Agents"
        head={['Agent', 'Broadcasts', 'Completion rate', 'Error rate', 'Time blocked', 'Tasks done', 'Last status']}
        rows={e.agents.map((a) => [a.agent, String(a.broadcasts), rate(a.completionRate), rate(a.errorRate), days(a.blockedDays), `${a.tasksCompleted}/${a.tasksReported}`, `${a.lastStatus} (${a.lastAt.slice(0, 16).replace('T', ' ')})`])}
        empty=""
      />
      {e.agentIssues.length > 0 && (
        <EvidenceTable label="Blocking issues agents named" head={['Issue', 'Broadcasts']} rows={e.agentIssues.slice(0, 5).map((i) => [i.issue, String(i.count)])} total={e.agentIssues.length} empty="" />
      )}
    </>
  );
}

/** Process improvements: estimation accuracy and load by persona. */
export function PersonaEvidence({ e }: { e: ReflectionEvidence }) {
  const personas = e.personas.length > TOP_ROWS * 2 ? [...e.personas].sort((a, b) => b.tasks - a.tasks || (a.name < b.name ? -1 : 1)).slice(0, TOP_ROWS * 2) : e.personas;
  return (
    <EvidenceTable
      label="Estimation accuracy by persona"
      head={['Persona', 'Done', 'Planned (done)', 'Actual', 'Accuracy', 'Blocked', 'Handoffs in / out', 'Latency in']}
      rows={personas.map((p) => [
        p.name,
        `${p.done}/${p.tasks}`,
        days(p.measuredPlannedDays),
        days(p.actualDays),
        p.accuracy === null ? '–' : `${p.accuracy.toFixed(2)}×`,
        days(p.blockedDays),
        `${p.handoffsReceived} / ${p.handoffsSent}`,
        days(p.handoffLatencyDays),
      ])}
      total={e.personas.length}
      moreNote="by tasks owned"
      empty="No task has an owner yet."
    />
  );
}

/** How far a task ran over its plan: actual once done, days in flight so far otherwise. */
const overrun = (t: TaskEvidence) => (t.actualDays ?? t.inFlightDays) - (t.plannedDays ?? 0);

/** Lessons learned: the tasks that ran furthest from their estimate. */
export function TaskEstimateEvidence({ e }: { e: ReflectionEvidence }) {
  const started = e.tasks.filter((t) => t.startedAt !== null || t.actualDays !== null);
  const worst = [...started].sort((a, b) => Math.abs(overrun(b)) - Math.abs(overrun(a)) || (a.id < b.id ? -1 : 1)).slice(0, TOP_ROWS);
  if (worst.length === 0) return <p className="muted reflection-empty">No task has started yet: planned against actual per task appears as work moves.</p>;
  return (
    <>
      <ChartFigure label="Planned vs actual by task" summary={`the ${worst.length} furthest from their estimate (days in flight so far for unfinished ones)`} height={Math.max(120, 40 + worst.length * 30)}>
        <PlannedActualChart rows={worst.map((t) => ({ name: t.title, planned: t.plannedDays ?? 0, actual: round1(t.actualDays ?? t.inFlightDays) }))} />
      </ChartFigure>
      <EvidenceTable
        label="Planned vs actual by task"
        head={['Task', 'Status', 'Planned', 'Actual', 'Accuracy', 'Reopened']}
        rows={worst.map((t) => [t.title, t.status, days(t.plannedDays), t.actualDays !== null ? days(t.actualDays) : `${days(t.inFlightDays)} so far`, accuracy(t.accuracy), String(t.reopened)])}
        total={started.length}
        moreNote="furthest from their estimate"
        empty=""
      />
    </>
  );
}

/** Recommendations: the critical chain against the baseline, and adherence in detail. */
export function SlipEvidence({ e }: { e: ReflectionEvidence }) {
  if (!e.slip && !e.adherence) return <p className="muted reflection-empty">Critical-path slip and timeline adherence need a baseline: use “Set baseline”, then choose it to compare with.</p>;
  const chain = e.slip ? [...e.slip.chain].filter((l) => l.slipDays !== null).sort((a, b) => b.slipDays! - a.slipDays!).slice(0, TOP_ROWS) : [];
  const a = e.adherence;
  return (
    <>
      {a && (
        <div className="reflection-facts" role="group" aria-label="Adherence figures">
          <span>
            <strong>{signedPercent(a.percent)}</strong> against the baseline
          </span>
          <span>
            {a.doneOfDue} of {a.dueByNow} due tasks done
          </span>
          <span>
            {a.finishedOnTime} on time, {a.finishedLate} late
          </span>
        </div>
      )}
      <EvidenceTable
        label="Critical chain against the baseline"
        head={['Task', 'Planned finish', 'Forecast finish', 'Slip']}
        rows={chain.map((l) => [l.title, l.baselineFinish === null ? '–' : `day ${round1(l.baselineFinish)}`, `day ${round1(l.forecastFinish)}`, signedDays(l.slipDays)])}
        total={e.slip?.chain.length}
        empty="The critical chain has no task the baseline knew."
      />
    </>
  );
}
