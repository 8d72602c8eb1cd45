import type { ListItem, RootContent } from 'mdast';
import { personaCapacity, taskStatus, type NodeOfKind, type Phase, type PlanSnapshot, type StatusBroadcast, type TaskNode } from '../model';
import { addWorkingDays, workingDaysBetween, WORK_DAYS_PER_WEEK } from '../planning';
import { byKeys, compareText, exportContext, type ExportContext, type ExportOptions } from './exportContext';
import { checkItem, codeBlock, emphasis, heading, item, list, nothingRecorded, paragraph, renderMarkdown, strong, table } from './markdown';
import { playbookBySection, prose, reflectionText, REFLECTION_HEADINGS, seeAbove, type PactProseSection } from './pactSections';
import { evidenceForSection, reflectionFacts } from './reflectionBlocks';
import { capitalise, cycleNote, doneTimes, field, finishedWhen, joined, latestBroadcasts, num, plural, scheduleDay, waitingOn, whenMs } from './planFacts';

// The "PACT Action Phase: Execution Coordination Template" filled in from the plan. Every
// heading of the template appears, in order, at its depth; the example phases and gates
// become one heading per phase and per quality gate. Prose sections come from the playbook;
// metrics only where the plan's data supports them.

type Texts = ReadonlyMap<PactProseSection, readonly string[]>;

/** The prose of a section, or a plain note that none is recorded. */
const proseOr = (texts: Texts, section: PactProseSection, what: string): RootContent[] => {
  const t = texts.get(section);
  return t?.length ? prose(t) : [nothingRecorded(what)];
};

/** A subsection with computed content if any, else a pointer to its section's prose, else a plain note. */
const subsection = (title: string, content: RootContent[], texts: Texts, section: PactProseSection, sectionTitle: string, what: string): RootContent[] => [
  heading(4, title),
  ...(content.length ? content : texts.get(section)?.length ? [seeAbove(sectionTitle)] : [nothingRecorded(what)]),
];

/** Inline playbook text for a labelled line, or "Not recorded". */
const inlineText = (texts: Texts, section: PactProseSection) => texts.get(section)?.join(' ') ?? 'Not recorded';

/** Phases by `order` (unordered last), then name, then id. */
function sortedPhases(snapshot: PlanSnapshot): Phase[] {
  const order = (p: Phase) => p.order ?? Number.POSITIVE_INFINITY;
  const rest = byKeys<Phase>(
    (p) => p.name,
    (p) => p.id,
  );
  return [...snapshot.phases.values()].sort((a, b) => (order(a) === order(b) ? rest(a, b) : order(a) < order(b) ? -1 : 1));
}

function projectContext(ctx: ExportContext): RootContent[] {
  const { meta } = ctx.snapshot;
  const { schedule, rollups } = ctx.analysis;
  const span = meta.timelineStart || meta.timelineEnd ? `${meta.timelineStart ?? 'not recorded'} - ${meta.timelineEnd ?? 'not recorded'}` : 'Not recorded';
  const planned = schedule.ok
    ? `${plural(schedule.projectDays, 'working day')} of scheduled work${meta.timelineStart ? `, finishing ${scheduleDay(ctx, schedule.projectDays)}` : ''}${rollups.plan.overTimeline ? ', over the timeline' : ''}`
    : cycleNote(ctx);
  const agents = ctx.personas.map((p) => `${p.name} — ${p.kind}${p.role ? `, ${p.role}` : ''}, ${num(personaCapacity(p))} days per week`);
  return [
    heading(2, 'Project Context'),
    list([
      field('Project Name', meta.title),
      field('Current Phase', meta.phase ?? 'Action - Coordinated Execution'),
      field('Agent Ecosystem', meta.agentEcosystem ?? (agents.length ? '' : 'Not recorded'), agents),
      field('Execution Timeline', `${span} (${planned})`),
      field('Requirements', meta.requirements ?? 'Not recorded'),
    ]),
  ];
}

function implementationSequence(ctx: ExportContext, phases: readonly Phase[]): RootContent[] {
  const out: RootContent[] = [heading(3, 'Implementation Sequence')];
  if (!phases.length) return [...out, nothingRecorded('phases or sprints')];
  out.push(paragraph(`${plural(phases.length, 'phase')}, in order.`));
  phases.forEach((p, i) => {
    out.push(
      heading(4, `Sprint/Phase ${i + 1}: ${p.name}`),
      list([
        field('Duration', p.duration ?? 'Not recorded'),
        field('Primary Agents', joined(ctx.personaNames(p.agents), 'Not assigned')),
        p.deliverables?.length ? field('Key Deliverables', '', p.deliverables) : field('Key Deliverables', 'None recorded'),
        p.checkpoints?.length ? field('Coordination Checkpoints', '', p.checkpoints) : field('Coordination Checkpoints', 'None recorded'),
      ]),
    );
  });
  return out;
}

function activationTriggers(ctx: ExportContext, phases: readonly Phase[]): RootContent[] {
  const items = phases
    .filter((p) => p.triggers?.length)
    .map((p) => {
      const agents = ctx.personaNames(p.agents);
      return item([strong(agents.length ? agents.join(', ') : `${p.name} agents`), ` activate when (phase ${p.name}):`], list(p.triggers!));
    });
  return [heading(3, 'Agent Activation Triggers'), items.length ? list(items) : nothingRecorded('activation triggers')];
}

function parallelExecution(ctx: ExportContext, texts: Texts): RootContent[] {
  const rollups = new Map(ctx.analysis.rollups.workstreams.map((r) => [r.id, r]));
  const streams = ctx.nodesOfKind('workstream').map((w) => {
    const parts = [`lead ${w.lead ? ctx.personaName(w.lead) : 'not assigned'}`];
    if (w.support?.length) parts.push(`support ${ctx.personaNames(w.support).join(', ')}`);
    if (w.startWeek !== undefined || w.endWeek !== undefined) parts.push(`weeks ${w.startWeek ?? '?'}–${w.endWeek ?? '?'}`);
    const r = rollups.get(w.id);
    if (r) parts.push(`${num(r.progress)}% done`);
    return `${w.title} — ${parts.join(', ')}`;
  });
  const milestone = (m: NodeOfKind<'milestone'>) => {
    const when = m.due ? `due ${m.due}` : ctx.analysis.schedule.ok ? `earliest ${scheduleDay(ctx, ctx.analysis.schedule.byId.get(m.id)?.earlyStart ?? 0)}` : 'date not recorded';
    const criteria = m.criteria?.length ? `, ${m.criteria.filter((c) => c.done).length} of ${m.criteria.length} criteria met` : '';
    return `${m.title} — ${when}${criteria}`;
  };
  const milestones = ctx.nodesOfKind('milestone').map(milestone);
  return [
    heading(3, 'Parallel Execution Coordination'),
    list([
      streams.length ? field('Parallel Workstreams', '', streams) : field('Parallel Workstreams', 'None recorded'),
      field('Work Isolation', inlineText(texts, 'isolation')),
      field('Shared Resource Management', inlineText(texts, 'shared-resources')),
      milestones.length ? field('Integration Points', '', milestones) : field('Integration Points', 'None recorded'),
      field('Conflict Prevention', inlineText(texts, 'conflict')),
    ]),
  ];
}

/** A broadcast as the template's status JSON: every key, in the template's order. */
function statusJson(b: StatusBroadcast): string {
  const s = b.status;
  const json = {
    agent_id: s.agent_id,
    status: s.status,
    current_task: s.current_task ?? null,
    progress_percentage: s.progress_percentage ?? null,
    estimated_completion: s.estimated_completion ?? null,
    blocking_issues: s.blocking_issues ?? [],
    next_coordination_point: s.next_coordination_point ?? null,
    outputs_ready: s.outputs_ready ?? [],
  };
  return JSON.stringify(json, null, 2);
}

function statusBroadcasting(ctx: ExportContext, latest: readonly StatusBroadcast[]): RootContent[] {
  const out: RootContent[] = [heading(3, 'Status Broadcasting System')];
  if (!latest.length) return [...out, nothingRecorded('status broadcasts')];
  out.push(
    paragraph(`The latest status of each agent that broadcast (${plural(latest.length, 'agent')}).`),
    table(
      ['Agent', 'Status', 'Current task', 'Progress', 'Received'],
      latest.map((b) => [ctx.personaName(b.status.agent_id), b.status.status, b.status.current_task ?? '—', b.status.progress_percentage !== undefined ? `${num(b.status.progress_percentage)}%` : '—', b.receivedAt]),
    ),
  );
  for (const b of latest) out.push(paragraph([strong(ctx.personaName(b.status.agent_id)), `, received ${b.receivedAt}:`]), codeBlock('json', statusJson(b)));
  return out;
}

/** Working days a task took (start and finish days counted), from its recorded times. */
function actualDays(task: TaskNode, finished: string | undefined, asOf: string | undefined): number | undefined {
  if (!task.startedAt) return undefined;
  const end = finished ?? (taskStatus(task) === 'active' ? asOf : undefined);
  if (!end) return undefined;
  return workingDaysBetween(task.startedAt.slice(0, 10), end.slice(0, 10)) + 1;
}

function reallocation(ctx: ExportContext, texts: Texts, latest: readonly StatusBroadcast[]): RootContent[] {
  const { analysis, snapshot } = ctx;
  const overloaded = [...analysis.load.bottlenecks]
    .sort((a, b) => compareText(ctx.personaName(a.persona), ctx.personaName(b.persona)) || compareText(a.persona, b.persona) || a.week - b.week)
    .map((b) => `${ctx.personaName(b.persona)} in week ${b.week + 1}: ${num(b.days)} days scheduled, capacity ${num(b.capacity)}`);
  for (const b of latest) if (b.status.status === 'error') overloaded.push(`${ctx.personaName(b.status.agent_id)} reports an error${b.status.current_task ? ` on ${b.status.current_task}` : ''}`);
  const times = doneTimes(snapshot);
  const over: string[] = [];
  for (const t of ctx.nodesOfKind('task')) {
    if (t.estimateDays === undefined) continue;
    const finished = finishedWhen(t, times);
    const actual = actualDays(t, finished, ctx.asOf);
    if (actual !== undefined && actual > t.estimateDays) over.push(`${t.title}: ${finished ? 'took' : 'so far'} ${plural(actual, 'working day')}, estimated ${num(t.estimateDays)}`);
  }
  const blocked = ctx.nodesOfKind('task').filter((t) => taskStatus(t) === 'blocked').map((t) => `${t.title} (${t.owner ? ctx.personaName(t.owner) : 'unowned'}) is marked blocked`);
  for (const b of latest) if (b.status.status === 'blocked') blocked.push(`${ctx.personaName(b.status.agent_id)} reports blocked${b.status.blocking_issues?.length ? `: ${b.status.blocking_issues.join('; ')}` : ''}`);
  const firing: ListItem[] = [];
  if (overloaded.length) firing.push(field('Agent becomes unavailable or overloaded', '', overloaded));
  if (over.length) firing.push(field('Task proves more complex than estimated', '', over));
  if (blocked.length) firing.push(field('Dependencies change or become blocked', '', blocked));

  const handovers = [...snapshot.handoffs.values()]
    .sort(
      byKeys(
        (h) => ctx.nodeTitle(h.task),
        (h) => h.id,
      ),
    )
    .map((h) => {
      const state = h.status === 'completed' ? `completed ${h.completedAt ?? '(date not recorded)'}` : `pending${h.due ? `, due ${h.due}` : ''}`;
      return `${ctx.nodeTitle(h.task)}: ${ctx.personaName(h.from)} to ${ctx.personaName(h.to)}, ${state}`;
    });
  const title = 'Dynamic Task Reallocation';
  return [
    heading(3, title),
    ...proseOr(texts, 'reallocation', 'reallocation procedure'),
    heading(4, 'Reallocation Triggers'),
    firing.length ? list(firing) : paragraph(emphasis('No reallocation trigger fires in this plan.')),
    ...subsection('Reallocation Process', handovers.length ? [paragraph('Handovers recorded:'), list(handovers)] : [], texts, 'reallocation', title, 'reallocation process'),
  ];
}

function emergency(ctx: ExportContext, texts: Texts, latest: readonly StatusBroadcast[]): RootContent[] {
  const failures = latest
    .filter((b) => b.status.status === 'error')
    .map((b) => field('Agent Failure', `${ctx.personaName(b.status.agent_id)}${b.status.current_task ? ` on ${b.status.current_task}` : ''}${b.status.blocking_issues?.length ? `: ${b.status.blocking_issues.join('; ')}` : ''}`));
  const escalations = ctx.sessions.flatMap((s) => (s.escalations ?? []).map((e) => `${e} (session ${s.id}, ${s.date})`));
  const title = 'Emergency Coordination Protocols';
  return [
    heading(3, title),
    ...proseOr(texts, 'emergency', 'emergency protocol'),
    ...subsection('Emergency Types', failures.length ? [list(failures)] : [], texts, 'emergency', title, 'emergencies'),
    ...subsection('Emergency Response', escalations.length ? [paragraph('Escalations raised in coordination sessions:'), list(escalations)] : [], texts, 'emergency', title, 'emergency response'),
  ];
}

function qualityAssurance(texts: Texts): RootContent[] {
  const validation = 'Continuous Validation';
  const review = 'Peer Review Mechanisms';
  return [
    heading(2, 'Quality Assurance During Execution'),
    heading(3, validation),
    ...proseOr(texts, 'validation', 'validation approach'),
    ...subsection('Automated Validation', [], texts, 'validation', validation, 'automated validation'),
    ...subsection('Agent-Driven Validation', [], texts, 'validation', validation, 'agent-driven validation'),
    heading(3, review),
    ...proseOr(texts, 'review', 'peer review mechanism'),
    ...subsection('Review Assignment', [], texts, 'review', review, 'review assignment'),
    ...subsection('Review Process', [], texts, 'review', review, 'review process'),
    heading(3, 'Integration Testing'),
    ...proseOr(texts, 'integration-testing', 'integration testing approach'),
  ];
}

function metrics(ctx: ExportContext, latest: readonly StatusBroadcast[]): RootContent[] {
  const { analysis, snapshot } = ctx;
  const tasks = ctx.nodesOfKind('task');
  // Every persona, and any agent that broadcast without being one.
  const agentIds = [...ctx.personas.map((p) => p.id), ...[...new Set(snapshot.broadcasts.map((b) => b.status.agent_id))].filter((id) => !snapshot.personas.has(id)).sort(compareText)];
  const latestBy = new Map(latest.map((b) => [b.status.agent_id, b]));
  const rows = agentIds.map((id) => {
    const owned = tasks.filter((t) => t.owner === id);
    const sent = snapshot.broadcasts.filter((b) => b.status.agent_id === id);
    const last = latestBy.get(id);
    return [
      ctx.personaName(id),
      `${owned.filter((t) => taskStatus(t) === 'done').length} of ${owned.length}`,
      last ? last.status.status : '—',
      last?.status.progress_percentage !== undefined ? `${num(last.status.progress_percentage)}%` : '—',
      String(sent.length),
      String(sent.filter((b) => b.status.status === 'completed').length),
      String(sent.filter((b) => b.status.status === 'error').length),
    ];
  });

  const cross = analysis.crossPersona;
  const resolved = cross.filter((d) => d.resolved).length;
  const handoffs = [...snapshot.handoffs.values()];
  const completedHandoffs = handoffs.filter((h) => h.status === 'completed').length;
  const actions = ctx.sessions.flatMap((s) => s.actionItems ?? []);
  const blockedTasks = [...analysis.blocking.values()].filter((b) => b.blocked).length;

  const plan = analysis.rollups.plan;
  const { schedule } = analysis;
  const status = plan.status === 'at-risk' ? 'At risk' : plan.status === 'complete' ? 'Complete' : 'On track';
  const reasons = [
    ...(plan.blockedCritical.length ? [`critical work blocked: ${plan.blockedCritical.map(ctx.nodeTitle).join(', ')}`] : []),
    ...(plan.late.length ? [`late: ${plan.late.map(ctx.nodeTitle).join(', ')}`] : []),
    ...(plan.overTimeline ? ['the schedule runs past the timeline end'] : []),
  ];
  const critical = schedule.ok ? schedule.items.filter((i) => i.critical && i.kind === 'task') : [];
  const { timelineStart, timelineEnd } = snapshot.meta;
  const adherence = !schedule.ok
    ? capitalise(cycleNote(ctx))
    : timelineStart && timelineEnd
      ? `${plan.overTimeline ? 'Over' : 'Within'} the timeline: ${num(schedule.projectDays)} working days scheduled, ${workingDaysBetween(timelineStart, timelineEnd) + 1} available`
      : 'No timeline recorded';

  return [
    heading(3, 'Metrics and KPIs'),
    paragraph(`Computed from the plan, its status broadcasts and its activity log${ctx.asOf ? `, as of ${ctx.asOf}` : ''}.`),
    heading(4, 'Individual Agent Metrics'),
    rows.length ? table(['Agent', 'Tasks done', 'Latest status', 'Latest progress', 'Broadcasts', 'Completed', 'Errors'], rows) : nothingRecorded('agents'),
    heading(4, 'Coordination Metrics'),
    list([
      field('Cross-Persona Dependencies', `${cross.length} (${resolved} resolved, ${cross.length - resolved} open)`),
      field('Handoffs', `${handoffs.length - completedHandoffs} pending, ${completedHandoffs} completed`),
      field('Coordination Sessions', `${ctx.sessions.length}${ctx.sessions.length ? ` (latest ${ctx.sessions.at(-1)!.date})` : ''}`),
      field('Action Items', `${actions.filter((a) => a.done).length} of ${actions.length} done`),
      field('Blocked Tasks', String(blockedTasks)),
    ]),
    heading(4, 'System-Wide Metrics'),
    list([
      field('Overall Progress', `${num(plan.progress)}% (${plan.done} of ${plan.tasks} tasks done)`),
      field('Status', reasons.length ? `${status}: ${reasons.join('; ')}` : status),
      field('Project Length', schedule.ok ? `${num(schedule.projectDays)} working days` : capitalise(cycleNote(ctx))),
      field('Timeline Adherence', adherence),
      field('Critical Tasks', critical.length ? `${critical.length}: ${critical.map((i) => i.title).join(', ')}` : schedule.ok ? 'None' : 'Unknown'),
      ...(schedule.ok && schedule.unestimated.length ? [field('Unestimated Tasks', schedule.unestimated.map(ctx.nodeTitle).join(', '))] : []),
    ]),
  ];
}

function bottlenecks(ctx: ExportContext, texts: Texts): RootContent[] {
  const { analysis } = ctx;
  const start = ctx.snapshot.meta.timelineStart;
  const week = (w: number) => (start ? `Week ${w + 1} (from ${addWorkingDays(start, w * WORK_DAYS_PER_WEEK)})` : `Week ${w + 1}`);
  const overload = [...analysis.load.bottlenecks]
    .sort((a, b) => a.week - b.week || compareText(ctx.personaName(a.persona), ctx.personaName(b.persona)) || compareText(a.persona, b.persona))
    .map((b) => [ctx.personaName(b.persona), week(b.week), num(b.days), num(b.capacity)]);
  const blocked = ctx
    .nodesOfKind('task')
    .filter((t) => analysis.blocking.get(t.id)?.blocked)
    .map((t) => {
      const waits = waitingOn(ctx, t.id).map(ctx.nodeTitle);
      const why = [...(taskStatus(t) === 'blocked' ? ['marked blocked'] : []), ...(waits.length ? [`waiting on ${waits.join(', ')}`] : [])];
      return `${t.title} (${t.owner ? ctx.personaName(t.owner) : 'unowned'}) — ${why.join('; ')}`;
    });
  const title = 'Bottleneck Detection';
  return [
    heading(3, title),
    ...(texts.get('bottleneck')?.length ? prose(texts.get('bottleneck')!) : []),
    heading(4, 'Bottleneck Types'),
    paragraph([strong('Agent Overload'), analysis.schedule.ok ? ': weeks in which a persona has more work scheduled than capacity.' : `: unknown, ${cycleNote(ctx)}.`]),
    overload.length ? table(['Persona', 'Week', 'Days scheduled', 'Capacity (days)'], overload) : paragraph(emphasis(analysis.schedule.ok ? 'No persona is over capacity.' : 'No load computed.')),
    paragraph([strong('Blocked Tasks'), ': tasks waiting on unfinished prerequisites or marked blocked.']),
    blocked.length ? list(blocked) : paragraph(emphasis('No task is blocked.')),
    ...subsection('Detection Mechanisms', [], texts, 'bottleneck', title, 'detection mechanisms'),
    ...subsection('Response Procedures', [], texts, 'bottleneck', title, 'response procedures'),
  ];
}

function optimization(texts: Texts): RootContent[] {
  const title = 'Performance Optimization';
  return [
    heading(3, title),
    ...proseOr(texts, 'optimization', 'optimization approach'),
    ...subsection('Optimization Areas', [], texts, 'optimization', title, 'optimization areas'),
    ...subsection('Optimization Triggers', [], texts, 'optimization', title, 'optimization triggers'),
  ];
}

function riskManagement(ctx: ExportContext, texts: Texts): RootContent[] {
  const level = (l: string | undefined) => (l ? capitalise(l) : '—');
  const open = ctx.nodesOfKind('risk').filter((r) => (r.state ?? 'open') === 'open');
  const plan = ctx.analysis.rollups.plan;
  const atRisk = [...new Set([...plan.blockedCritical, ...plan.late])].sort(compareText).map((id) => {
    const why = [...(plan.blockedCritical.includes(id) ? ['critical and blocked'] : []), ...(plan.late.includes(id) ? ['past its latest finish'] : [])];
    return `${ctx.nodeTitle(id)} — ${why.join(', ')}`;
  });
  const monitoring: RootContent[] = [];
  if (open.length) monitoring.push(table(['Risk', 'Probability', 'Impact', 'Mitigation', 'Owner'], open.map((r) => [r.title, level(r.probability), level(r.impact), r.mitigation ?? '—', r.owner ? ctx.personaName(r.owner) : '—'])));
  if (atRisk.length) monitoring.push(paragraph([strong('Tasks at risk'), ':']), list(atRisk));
  return [
    heading(2, 'Risk Management During Execution'),
    heading(3, 'Real-Time Risk Monitoring'),
    ...(monitoring.length ? monitoring : [nothingRecorded('open risks')]),
    heading(3, 'Risk Response Strategies'),
    ...proseOr(texts, 'risk', 'risk response strategies'),
  ];
}

function communication(ctx: ExportContext, texts: Texts): RootContent[] {
  const sessions = ctx.sessions.map((s) => `${s.date} — ${capitalise(s.type)} session ${s.id}${s.nextPoint?.when ? `; next ${s.nextPoint.when}` : ''}`);
  const patterns = [...(texts.get('communication')?.length ? prose(texts.get('communication')!) : []), ...(sessions.length ? [paragraph('Coordination sessions held:'), list(sessions)] : [])];
  return [
    heading(2, 'Communication Protocols'),
    heading(3, 'Standard Communication Patterns'),
    ...(patterns.length ? patterns : [nothingRecorded('communication patterns')]),
    heading(3, 'Communication Optimization'),
    texts.get('communication')?.length ? seeAbove('Standard Communication Patterns') : nothingRecorded('communication optimization'),
  ];
}

function qualityGates(ctx: ExportContext): RootContent[] {
  const { schedule } = ctx.analysis;
  const start = (id: string) => (schedule.ok ? (schedule.byId.get(id)?.earlyStart ?? 0) : 0);
  const gates = ctx.nodesOfKind('gate').sort((a, b) => start(a.id) - start(b.id) || compareText(a.title, b.title) || compareText(a.id, b.id));
  const out: RootContent[] = [heading(2, 'Quality Gates'), heading(3, 'Execution Quality Gates')];
  if (!gates.length) out.push(nothingRecorded('quality gates'));
  else out.push(paragraph(`${plural(gates.length, 'gate')}, in schedule order.`));
  gates.forEach((g, i) => {
    const criteria = (g.criteria ?? []).map((c) => checkItem(c.done === true, c.text));
    out.push(
      heading(4, `Gate ${i + 1}: ${g.title}`),
      list([
        field('Trigger', g.trigger ?? 'Not recorded'),
        criteria.length ? field('Criteria', '', criteria) : field('Criteria', 'None recorded'),
        field('Responsible Agent', g.responsible ? ctx.personaName(g.responsible) : 'Not assigned'),
        field('Pass/Fail Actions', '', [field('Pass', g.passAction ?? 'Not recorded'), field('Fail', g.failAction ?? 'Not recorded')]),
      ]),
    );
  });
  const checks = [...gates, ...ctx.nodesOfKind('milestone')]
    .filter((n) => n.criteria?.length)
    .map((n) => `${n.title} (${n.kind}): ${n.criteria!.filter((c) => c.done).length} of ${n.criteria!.length} criteria met`);
  out.push(heading(3, 'Continuous Quality Monitoring'), checks.length ? list(checks) : nothingRecorded('quality criteria'));
  return out;
}

function documentation(ctx: ExportContext, texts: Texts): RootContent[] {
  const { snapshot } = ctx;
  const activity = [...snapshot.activity].map((a) => a.at).sort((a, b) => whenMs(a) - whenMs(b) || compareText(a, b));
  const decisions = ctx.nodesOfKind('decision');
  const criteria = [...ctx.nodesOfKind('gate'), ...ctx.nodesOfKind('milestone')].flatMap((n) => n.criteria ?? []);
  const broadcasts = plural(snapshot.broadcasts.length, 'status broadcast');
  const log = activity.length ? `${plural(activity.length, 'activity entry', 'activity entries')} (${activity[0]} to ${activity.at(-1)}), ${broadcasts}` : `No activity entries, ${broadcasts}`;
  const decisionLog = decisions.map((d) => `${d.title} — ${d.owner ? ctx.personaName(d.owner) : 'no owner'}${d.session ? ` (session ${d.session})` : ''}`);
  const artifacts = ctx.nodesOfKind('artifact').map((a) => `${a.title} — ${a.contract ? 'contract' : 'artifact'}, ${a.status ?? 'draft'}, created by ${a.createdBy ? ctx.personaName(a.createdBy) : 'not recorded'}`);
  const closed = ctx
    .nodesOfKind('risk')
    .filter((r) => r.state === 'closed')
    .map((r) => `${r.title}${r.mitigation ? ` — ${r.mitigation}` : ''}`);
  return [
    heading(2, 'Execution Documentation'),
    heading(3, 'Live Documentation'),
    ...(texts.get('documentation')?.length ? prose(texts.get('documentation')!) : []),
    list([
      field('Agent Activity Logs', log),
      field('Decision Audit Trail', `${plural(decisions.length, 'decision')} recorded`),
      field('Progress Documentation', `${num(ctx.analysis.rollups.plan.progress)}% overall progress`),
      field('Quality Metrics Dashboard', criteria.length ? `${criteria.filter((c) => c.done).length} of ${criteria.length} gate and milestone criteria met` : 'No criteria recorded'),
    ]),
    heading(3, 'Execution Artifacts'),
    list([
      decisionLog.length ? field('Coordination Decisions Log', '', decisionLog) : field('Coordination Decisions Log', 'None recorded'),
      artifacts.length ? field('Shared Artifacts and Contracts', '', artifacts) : field('Shared Artifacts and Contracts', 'None recorded'),
      closed.length ? field('Issue Resolution Log', '', closed) : field('Issue Resolution Log', 'No closed risks recorded'),
    ]),
  ];
}

/** The six texts the team wrote, each followed by the evidence it is about. */
function reflection(ctx: ExportContext): RootContent[] {
  const out: RootContent[] = [heading(2, 'Reflection')];
  const facts = reflectionFacts(ctx);
  for (const [key, title, what] of REFLECTION_HEADINGS) {
    out.push(heading(3, title), ...reflectionText(ctx.snapshot, key, what), ...(facts ? evidenceForSection(ctx, facts, key) : []));
  }
  return out;
}

/** The PACT Action Phase execution document as markdown, from the plan as of `options.asOf` (or its latest date). */
export function exportPactAction(snapshot: PlanSnapshot, options: ExportOptions = {}): string {
  const ctx = exportContext(snapshot, options);
  const texts = playbookBySection(snapshot.playbook);
  const phases = sortedPhases(snapshot);
  const latest = latestBroadcasts(ctx);
  return renderMarkdown([
    heading(1, 'PACT Action Phase: Execution Coordination Template'),
    ...projectContext(ctx),
    heading(2, 'Execution Strategy'),
    ...implementationSequence(ctx, phases),
    ...activationTriggers(ctx, phases),
    ...parallelExecution(ctx, texts),
    heading(2, 'Real-Time Coordination'),
    ...statusBroadcasting(ctx, latest),
    ...reallocation(ctx, texts, latest),
    ...emergency(ctx, texts, latest),
    ...qualityAssurance(texts),
    heading(2, 'Progress Monitoring'),
    ...metrics(ctx, latest),
    ...bottlenecks(ctx, texts),
    ...optimization(texts),
    ...riskManagement(ctx, texts),
    ...communication(ctx, texts),
    ...qualityGates(ctx),
    ...documentation(ctx, texts),
    ...reflection(ctx),
  ]);
}
