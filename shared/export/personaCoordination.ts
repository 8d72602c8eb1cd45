import type { ListItem, RootContent } from 'mdast';
import { taskStatus, type CoordinationSession, type PlanSnapshot, type TaskNode } from '../model';
import { sessionPrefill, workstreamOf, type CrossPersonaDependency, type PersonaSessionStatus } from '../planning';
import { byKeys, exportContext, type ExportContext, type ExportOptions } from './exportContext';
import { checkItem, code, heading, item, list, nothingRecorded, paragraph, renderMarkdown, strong } from './markdown';
import { capitalise, cycleNote, doneTimes, field, finishedWhen, joined, scheduleDay, waitingOn, whenMs } from './planFacts';

// The "Persona Coordination Template" filled in for one coordination session. Every heading
// of the template appears, in order, at its depth; the two `### [Persona Name N]` examples
// become one heading per persona. Facts come from the session and the plan as it is now.

/** The session a document describes, and the window "since last sync" covers. */
interface SessionFrame {
  readonly session: CoordinationSession | undefined;
  /** A session id asked for that the plan does not hold. */
  readonly missingId: string | undefined;
  /** Completions after this moment count as new (exclusive; a bare date: the end of its day); none: from the beginning. */
  readonly from: string | undefined;
  /** ... up to this moment (inclusive); none: up to now. */
  readonly to: string | undefined;
}

/** The chosen session (or the latest), and the previous one's date as the start of the window. */
function frame(ctx: ExportContext): SessionFrame {
  const { sessions, options, asOf } = ctx;
  const wanted = options.sessionId;
  const index = wanted !== undefined ? sessions.findIndex((s) => s.id === wanted) : sessions.length - 1;
  if (index >= 0) {
    const session = sessions[index]!;
    const previous = sessions[index - 1];
    return { session, missingId: undefined, from: previous?.date, to: session.date };
  }
  // No session (or an unknown one): the document is about "now", since the last session before it.
  const toMs = asOf !== undefined ? whenMs(asOf, true) : undefined;
  const before = sessions.filter((s) => toMs === undefined || whenMs(s.date, true) <= toMs).at(-1);
  return { session: undefined, missingId: wanted, from: before?.date, to: asOf };
}

/** `**Task**` (Persona). */
const taskRef = (ctx: ExportContext, id: string) => {
  const node = ctx.snapshot.nodes.get(id);
  const owner = node?.kind === 'task' && node.owner ? ` (${ctx.personaName(node.owner)})` : '';
  return `${ctx.nodeTitle(id)}${owner}`;
};

function sessionInformation(ctx: ExportContext, f: SessionFrame, participants: readonly string[]): RootContent[] {
  const s = f.session;
  const id = s ? [code(s.id)] : f.missingId !== undefined ? [code(f.missingId), ' (no such session in this plan; showing the plan as it is)'] : ['No coordination session recorded'];
  return [
    heading(2, 'Coordination Session Information'),
    list([
      field('Session ID', id),
      field('Date/Time', s ? s.date : (ctx.asOf ?? 'Not recorded')),
      field('Participating Personas', joined(participants.map(ctx.personaName))),
      field('Session Type', s ? capitalise(s.type) : 'Not recorded'),
    ]),
  ];
}

function objectives(s: CoordinationSession | undefined): RootContent[] {
  const goals = s?.objectives ?? [];
  return [heading(2, 'Coordination Objectives'), goals.length ? list(goals) : nothingRecorded('coordination objectives')];
}

/** The four status lines of one persona's section, from the session prefill. */
function personaStatus(ctx: ExportContext, status: PersonaSessionStatus): RootContent[] {
  const { analysis } = ctx;
  const title = ctx.nodeTitle;
  const progress = (id: string) => {
    const node = ctx.snapshot.nodes.get(id);
    return node?.kind === 'task' ? node.progress : undefined;
  };
  const active = status.active.map((a) => (progress(a.task) !== undefined ? `${title(a.task)} — ${progress(a.task)}%` : title(a.task)));
  const blocked = status.blocked.map((b) => {
    const why = [...(b.marked ? ['marked blocked'] : []), ...(b.waitingOn.length ? [`waiting on ${b.waitingOn.map((id) => taskRef(ctx, id)).join(', ')}`] : [])];
    return `${title(b.task)} — ${why.join('; ')}`;
  });
  const completed = status.completed.map((c) => `${title(c.id)} — done ${c.at}`);
  const upcoming = status.upcoming.map((u) => (analysis.schedule.ok ? `${title(u.task)} — earliest start ${scheduleDay(ctx, u.earlyStart ?? 0)}` : title(u.task)));

  const line = (label: string, items: string[]) => (items.length ? field(label, '', items) : field(label, 'None'));
  return [
    list([
      line('Active Tasks', active),
      line('Blocked Tasks', blocked),
      line('Completed Since Last Sync', completed),
      line('Upcoming Priorities', upcoming),
    ]),
  ];
}

function taskStatusByPersona(ctx: ExportContext, f: SessionFrame, participants: readonly string[]): RootContent[] {
  const out: RootContent[] = [heading(2, 'Current Task Status by Persona')];
  if (!participants.length) return [...out, nothingRecorded('personas')];
  if (!ctx.analysis.schedule.ok) out.push(paragraph(`Upcoming priorities are unordered: ${cycleNote(ctx)}.`));
  // The same facts the Sessions view pre-fills a session with.
  const prefill = sessionPrefill(ctx.snapshot, ctx.analysis, { from: f.from, to: f.to, personas: participants });
  for (const status of prefill.personas) out.push(heading(3, ctx.personaName(status.persona)), ...personaStatus(ctx, status));
  return out;
}

function dependencies(ctx: ExportContext): RootContent[] {
  const { analysis, snapshot } = ctx;
  // By target title, source title, edge id, as the analysis lists them.
  const open = analysis.crossPersona.filter((d) => !d.resolved);
  const resolved = analysis.crossPersona.filter((d) => d.resolved);
  const times = doneTimes(snapshot);

  const expected = (d: CrossPersonaDependency) => {
    if (!analysis.schedule.ok) return `Unknown (${cycleNote(ctx)})`;
    const item = analysis.schedule.byId.get(d.source);
    return item ? `Earliest finish ${scheduleDay(ctx, item.earlyFinish)}` : 'Unknown';
  };
  const identified = open.map((d) =>
    item(
      [strong(ctx.nodeTitle(d.target)), ' depends on ', strong(ctx.nodeTitle(d.source))],
      list([field('Blocking Persona', ctx.personaName(d.blockingPersona)), field('Blocked Persona', ctx.personaName(d.blockedPersona)), field('Expected Resolution', expected(d))]),
    ),
  );
  const done = resolved.map((d) => {
    const source = snapshot.nodes.get(d.source) as TaskNode;
    const when = finishedWhen(source, times);
    const target = snapshot.nodes.get(d.target) as TaskNode;
    const waits = waitingOn(ctx, d.target);
    const impact =
      taskStatus(target) === 'done'
        ? `${target.title} is done`
        : waits.length
          ? `${target.title} still waits on ${waits.map((id) => taskRef(ctx, id)).join(', ')}`
          : `${target.title} (${ctx.personaName(d.blockedPersona)}) can proceed`;
    return item(
      [strong(`${target.title} depends on ${source.title}`), when ? ` - Resolved on ${when}` : ' - Resolved (date not recorded)'],
      list([field('Resolution', `${source.title} finished by ${ctx.personaName(d.blockingPersona)}`), field('Impact', impact)]),
    );
  });
  return [
    heading(2, 'Cross-Persona Dependencies'),
    heading(3, 'Identified Dependencies'),
    identified.length ? list(identified, true) : nothingRecorded('open cross-persona dependencies'),
    heading(3, 'Resolved Dependencies'),
    done.length ? list(done, true) : nothingRecorded('resolved cross-persona dependencies'),
  ];
}

function handoffs(ctx: ExportContext): RootContent[] {
  const all = [...ctx.snapshot.handoffs.values()].sort(
    byKeys(
      (h) => h.due ?? '\uffff',
      (h) => ctx.nodeTitle(h.task),
      (h) => h.id,
    ),
  );
  const pending = all
    .filter((h) => (h.status ?? 'pending') === 'pending')
    .map((h) =>
      field('Task', ctx.nodeTitle(h.task), [
        field('From', ctx.personaName(h.from)),
        field('To', ctx.personaName(h.to)),
        field('Reason', h.reason ?? 'Not recorded'),
        field('Requirements', h.requirements ?? 'Not recorded'),
        field('Timeline', h.due ? `Due ${h.due}` : 'No due date'),
      ]),
    );
  const completed = all
    .filter((h) => h.status === 'completed')
    .sort(
      byKeys(
        (h) => h.completedAt ?? '',
        (h) => h.id,
      ),
    )
    .map((h) =>
      field('Task', ctx.nodeTitle(h.task), [
        field('Completed', h.completedAt ?? 'Date not recorded'),
        field('Notes', h.notes ?? `From ${ctx.personaName(h.from)} to ${ctx.personaName(h.to)}`),
      ]),
    );
  return [
    heading(2, 'Task Handoffs'),
    heading(3, 'Pending Handoffs'),
    pending.length ? list(pending) : nothingRecorded('pending handoffs'),
    heading(3, 'Completed Handoffs'),
    completed.length ? list(completed) : nothingRecorded('completed handoffs'),
  ];
}

function artifacts(ctx: ExportContext): RootContent[] {
  const all = ctx.nodesOfKind('artifact');
  const usedBy = (ids: readonly string[] | undefined) => joined(ctx.personaNames(ids), 'no one yet');
  const made = all.filter((a) => !a.contract).map((a) => `${a.title} - created by ${a.createdBy ? ctx.personaName(a.createdBy) : 'not recorded'} - used by ${usedBy(a.usedBy)}`);
  const contracts = all.filter((a) => a.contract).map((a) => `${a.title} - ${capitalise(a.status ?? 'draft')} - affects ${usedBy(a.usedBy)}`);
  return [
    heading(2, 'Shared Artifacts and Contracts'),
    heading(3, 'New Artifacts Created'),
    made.length ? list(made) : nothingRecorded('shared artifacts'),
    heading(3, 'Contract Updates'),
    contracts.length ? list(contracts) : nothingRecorded('contracts'),
  ];
}

function decisions(ctx: ExportContext, s: CoordinationSession | undefined): RootContent[] {
  // A session's record holds its own decisions and those not tied to any session.
  const chosen = ctx.nodesOfKind('decision').filter((d) => !s || d.session === undefined || d.session === s.id);
  const items = chosen.map((d) => {
    const lines: ListItem[] = [
      field('Rationale', d.rationale ?? 'Not recorded'),
      field('Impact', d.impact ?? 'Not recorded'),
      field('Owner', d.owner ? ctx.personaName(d.owner) : 'Not assigned'),
    ];
    if (d.positions?.length) lines.push(field('Competing Positions', '', d.positions));
    return item([strong('Decision'), `: ${d.title}`], list(lines));
  });
  return [heading(2, 'Decisions Made'), items.length ? list(items, true) : nothingRecorded('decisions')];
}

function actionItems(ctx: ExportContext, s: CoordinationSession | undefined): RootContent[] {
  const items = (s?.actionItems ?? []).map((a) => checkItem(a.done === true, `${a.text} - ${a.persona ? ctx.personaName(a.persona) : 'Unassigned'} - ${a.due ? `Due ${a.due}` : 'No due date'}`));
  return [heading(2, 'Action Items'), items.length ? list(items) : nothingRecorded('action items')];
}

function risks(ctx: ExportContext, s: CoordinationSession | undefined): RootContent[] {
  const level = (l: string | undefined) => (l ? capitalise(l) : 'Not assessed');
  const open = ctx
    .nodesOfKind('risk')
    .filter((r) => (r.state ?? 'open') === 'open')
    .map((r) =>
      field('Risk', r.title, [
        field('Probability', level(r.probability)),
        field('Impact', level(r.impact)),
        field('Mitigation', r.mitigation ?? 'Not recorded'),
        field('Owner', r.owner ? ctx.personaName(r.owner) : 'Not assigned'),
      ]),
    );
  // Escalations written in the session, then critical work the plan shows blocked or stuck:
  // raised with the lead of its workstream, the persona who can rebalance it.
  const escalations = [...(s?.escalations ?? [])];
  for (const id of ctx.analysis.rollups.plan.blockedCritical) {
    const node = ctx.snapshot.nodes.get(id);
    const ws = node ? workstreamOf(ctx.snapshot.nodes, node) : null;
    const wsNode = ws ? ctx.snapshot.nodes.get(ws) : undefined;
    const lead = wsNode?.kind === 'workstream' && wsNode.lead ? ctx.personaName(wsNode.lead) : undefined;
    escalations.push(`Critical task ${taskRef(ctx, id)} is blocked - ${lead ? `raise with the ${wsNode!.title} lead, ${lead}` : 'raise at the next coordination point'}`);
  }
  return [
    heading(2, 'Risks and Issues'),
    heading(3, 'New Risks Identified'),
    open.length ? list(open) : nothingRecorded('open risks'),
    heading(3, 'Issues Requiring Escalation'),
    escalations.length ? list(escalations) : nothingRecorded('issues requiring escalation'),
  ];
}

function nextPoint(ctx: ExportContext, s: CoordinationSession | undefined): RootContent[] {
  const next = s?.nextPoint;
  const body = next
    ? list([
        field('Scheduled For', next.when ?? 'Not scheduled'),
        field('Objectives', joined(next.objectives ?? [], 'Not recorded')),
        field('Participants', joined(ctx.personaNames(next.participants), 'Not recorded')),
      ])
    : nothingRecorded('next coordination point');
  return [heading(2, 'Next Coordination Point'), body];
}

/**
 * The Persona Coordination Template as markdown, for `options.sessionId`, else the plan's
 * latest coordination session, else the plan as of `options.asOf` (or its latest date).
 */
export function exportPersonaCoordination(snapshot: PlanSnapshot, options: ExportOptions = {}): string {
  const ctx = exportContext(snapshot, options);
  const f = frame(ctx);
  const s = f.session;
  const known = new Set<string>(ctx.personas.map((p) => p.id));
  // The session's participants (sorted by name like the personas; ids of removed ones last), or everyone.
  const participants = s?.participants?.length
    ? [...new Set(s.participants)].sort(
        byKeys<string>(
          (id) => (known.has(id) ? '0' : '1'),
          ctx.personaName,
          (id) => id,
        ),
      )
    : ctx.personas.map((p) => p.id);
  return renderMarkdown([
    heading(1, 'Persona Coordination Template'),
    paragraph([strong('Plan'), `: ${snapshot.meta.title}`]),
    ...sessionInformation(ctx, f, participants),
    ...objectives(s),
    ...taskStatusByPersona(ctx, f, participants),
    ...dependencies(ctx),
    ...handoffs(ctx),
    ...artifacts(ctx),
    ...decisions(ctx, s),
    ...actionItems(ctx, s),
    ...risks(ctx, s),
    ...nextPoint(ctx, s),
    heading(2, 'Notes'),
    s?.notes?.trim() ? paragraph(s.notes.trim()) : nothingRecorded('notes'),
  ]);
}
