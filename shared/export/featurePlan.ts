import type { BlockContent, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { taskStatus, type ChecklistItem, type NodeOfKind, type PlanNode, type PlanSnapshot, type TaskNode } from '../model';
import { addWorkingDays, describeCycle } from '../planning';
import { byKeys, compareText, exportContext, type ExportContext, type ExportOptions } from './exportContext';
import { checkItem, emphasis, heading, item, list, nothingRecorded, paragraph, renderMarkdown, strong, table, type Inline } from './markdown';

// The "Coordinate Multi-Persona Feature" template filled from a plan. Every heading of the
// template (outside its code examples) appears here, in order, at the same depth and with
// the same text; the tree, the workstreams, milestones, gates and decisions use a layout
// that importFeaturePlanMarkdown reads back (shared/import/featurePlanMarkdown.ts).

/** The template's title: the document's only level-1 heading. */
export const FEATURE_PLAN_TITLE = 'Coordinate Multi-Persona Feature';

/** The template's section headings in order (depth, text), as the export writes them. */
export const FEATURE_PLAN_HEADINGS = [
  [1, FEATURE_PLAN_TITLE],
  [2, 'Purpose'],
  [2, 'Required Inputs'],
  [2, 'Key Activities'],
  [3, '1. Feature Decomposition & Analysis'],
  [3, '2. Dependency Mapping'],
  [3, '3. Parallel Workstream Planning'],
  [3, '4. Integration Point Definition'],
  [3, '5. Communication & Sync Strategy'],
  [3, '6. Conflict Resolution Process'],
  [3, '7. Progress Tracking & Reporting'],
  [3, '8. Quality Coordination'],
  [2, 'Deliverables'],
  [3, 'Coordination Plan Document'],
  [3, 'Tracking Artifacts'],
  [3, 'Technical Artifacts'],
  [2, 'Success Criteria'],
  [2, 'Next Steps'],
] as const satisfies readonly (readonly [1 | 2 | 3, string])[];

/** Playbook sections shown in this document: key, the label it is shown under, the section it belongs to. */
export const FEATURE_PLAN_PLAYBOOK = [
  { key: 'sync', label: 'Regular Sync Points', section: 5 },
  { key: 'communication', label: 'Communication Channels', section: 5 },
  { key: 'conflict-resolution', label: 'Resolution Process', section: 6 },
  { key: 'tracking', label: 'Tracking Mechanisms', section: 7 },
  { key: 'quality', label: 'Cross-Workstream Quality', section: 8 },
  { key: 'review', label: 'Reviews', section: 8 },
] as const;

/** The owner placeholder of a task that nobody owns. */
export const UNASSIGNED = 'unassigned';

const STATUS_LABEL = { 'on-track': 'On track', 'at-risk': 'At risk', complete: 'Complete' } as const;

/** A number without floating-point dust: 2.5, 42.5, 3. */
const num = (n: number): string => String(Math.round(n * 1000) / 1000);
const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;
const joined = (names: readonly string[], fallback = 'none') => (names.length ? names.join(', ') : fallback);

/** A paragraph `**Label**:` introducing the blocks after it, as the template does. */
const label = (text: string): RootContent => paragraph([strong(text), ':']);

/** `**Label**: value` in one paragraph; a multi-line value keeps its line breaks. */
function labelled(text: string, value: string): Paragraph {
  const children: PhrasingContent[] = [strong(text), { type: 'text', value: ': ' }];
  value.split(/\r?\n/).forEach((line, i) => {
    if (i) children.push({ type: 'break' });
    children.push({ type: 'text', value: line });
  });
  return { type: 'paragraph', children };
}

/** A list item `Label: value` with optional nested blocks. */
const fieldItem = (name: string, value: Inline, ...nested: BlockContent[]): ListItem => {
  const parts = typeof value === 'string' || !Array.isArray(value) ? [value as string | PhrasingContent] : (value as (string | PhrasingContent)[]);
  return item([`${name}: `, ...parts], ...nested);
};

const checklist = (criteria: readonly ChecklistItem[]) => list(criteria.map((c) => checkItem(Boolean(c.done), c.text)));

/** Everything the sections share, computed once. */
interface Facts {
  readonly ctx: ExportContext;
  /** Tasks by title, then id. */
  readonly tasks: readonly TaskNode[];
  /** Tasks in schedule order: earliest start, then title, then id (filter it to keep the order). */
  readonly tasksBySchedule: readonly TaskNode[];
  readonly workstreams: readonly NodeOfKind<'workstream'>[];
  readonly milestones: readonly NodeOfKind<'milestone'>[];
  readonly gates: readonly NodeOfKind<'gate'>[];
  /** Working days from the plan start at which an item may start (0 without a schedule). */
  start(id: string): number;
  /** `nodes` in schedule order, after `rank` (lower first) where given. */
  inScheduleOrder<T extends PlanNode>(nodes: readonly T[], rank?: (node: T) => number): T[];
  /** Titles of several nodes, sorted. */
  titles(ids: readonly string[]): string[];
}

function facts(ctx: ExportContext): Facts {
  const { schedule } = ctx.analysis;
  const start = (id: string) => (schedule.ok ? (schedule.byId.get(id)?.earlyStart ?? 0) : 0);
  // Each node's keys are read once, not once per comparison: a 5,000-task sort makes
  // some 60,000 comparisons. As sortedBy, but with the keys in flat arrays rather than an
  // array per node (measured some 8 ms quicker on the 5,000-task export).
  const inScheduleOrder = <T extends PlanNode>(nodes: readonly T[], rank?: (node: T) => number): T[] => {
    const ranks = rank ? nodes.map(rank) : undefined;
    const starts = nodes.map((n) => start(n.id));
    const order = nodes.map((_, i) => i);
    order.sort((a, b) => (ranks ? ranks[a]! - ranks[b]! : 0) || starts[a]! - starts[b]! || compareText(nodes[a]!.title, nodes[b]!.title) || compareText(nodes[a]!.id, nodes[b]!.id));
    return order.map((i) => nodes[i]!);
  };
  const tasks = ctx.nodesOfKind('task');
  return {
    ctx,
    tasks,
    tasksBySchedule: inScheduleOrder(tasks),
    workstreams: ctx.nodesOfKind('workstream'),
    milestones: ctx.nodesOfKind('milestone').sort(byKeys((m) => m.due ?? '\uffff', (m) => m.title, (m) => m.id)),
    gates: ctx.nodesOfKind('gate'),
    start,
    inScheduleOrder,
    // Code-unit order, which is what the default sort of strings gives. Matrix rows name a few
    // items each: those are put in order by insertion, as every call of sort allocates a
    // workspace (10,000 calls made a third of what the 5,000-task document allocated).
    titles: (ids) => {
      const titles = ids.map(ctx.nodeTitle);
      if (titles.length > 8) return titles.sort();
      for (let i = 1; i < titles.length; i++) {
        const title = titles[i]!;
        let j = i - 1;
        for (; j >= 0 && titles[j]! > title; j--) titles[j + 1] = titles[j]!;
        titles[j + 1] = title;
      }
      return titles;
    },
  };
}

/** `day 5 (2025-03-10)` when the plan has a start date, else `day 5`. */
function scheduleDay(ctx: ExportContext, days: number): string {
  const start = ctx.snapshot.meta.timelineStart;
  return start ? `day ${num(days)} (${addWorkingDays(start, days)})` : `day ${num(days)}`;
}

function header(f: Facts): RootContent {
  const { snapshot, asOf } = f.ctx;
  const lines: [string, string][] = [
    ['Feature', snapshot.meta.title],
    ['Persona', 'Orchestrator'],
    ['Phase', snapshot.meta.phase ?? 'not recorded'],
    [
      'Prerequisites',
      `Complex feature requiring multiple personas to work in parallel: ${plural(snapshot.personas.size, 'persona')} across ${plural(f.workstreams.length, 'workstream')}`,
    ],
    ['As of', asOf ?? 'not recorded'],
  ];
  const children: PhrasingContent[] = [];
  lines.forEach(([name, value], i) => {
    if (i) children.push({ type: 'break' });
    children.push(strong(name), { type: 'text', value: `: ${value.replace(/\s*\r?\n\s*/g, ' ')}` });
  });
  return { type: 'paragraph', children };
}

function purpose(f: Facts): RootContent[] {
  const { snapshot } = f.ctx;
  const out: RootContent[] = [
    heading(2, 'Purpose'),
    paragraph([
      'Orchestrate the development of ',
      strong(snapshot.meta.title),
      `: ${plural(snapshot.personas.size, 'persona')} working in parallel across ${plural(f.workstreams.length, 'workstream')}, with their dependencies, integration points, conflicts and quality gates.`,
    ]),
  ];
  for (const feature of f.ctx.nodesOfKind('feature')) if (feature.description) out.push(paragraph(feature.description));
  out.push(snapshot.meta.requirements ? paragraph(snapshot.meta.requirements) : nothingRecorded('requirements'));
  return out;
}

function timelineText(f: Facts): string {
  const { timelineStart: start, timelineEnd: end } = f.ctx.snapshot.meta;
  const { schedule, rollups } = f.ctx.analysis;
  const parts: string[] = [];
  if (start && end) parts.push(`${start} to ${end}`);
  else if (start) parts.push(`starts ${start}`);
  else if (end) parts.push(`ends ${end}`);
  else parts.push('not recorded');
  if (schedule.ok && schedule.items.length) {
    parts.push(`the schedule needs ${plural(schedule.projectDays, 'working day')}${rollups.plan.overTimeline ? ', more than the timeline allows' : ''}`);
  } else if (!schedule.ok) {
    parts.push('no schedule until the dependency cycle is broken');
  }
  return parts.join('; ');
}

function requiredInputs(f: Facts): RootContent[] {
  const { snapshot } = f.ctx;
  const estimated = f.tasks.filter((t) => t.estimateDays !== undefined);
  const days = estimated.reduce((sum, t) => sum + (t.estimateDays ?? 0), 0);
  const scope = [
    plural(f.workstreams.length, 'workstream'),
    `${plural(f.tasks.length, 'task')} (${num(estimated.length)} estimated, ${plural(days, 'day')} of work)`,
    plural(f.milestones.length, 'milestone'),
    plural(f.gates.length, 'quality gate'),
    plural(snapshot.edges.size, 'dependency', 'dependencies'),
  ].join(', ');
  const resources = f.ctx.personas.map((p) => {
    const capacity = p.capacity === undefined ? 'capacity not set' : `${plural(p.capacity, 'day')} per week`;
    return item(`${p.name} — ${p.kind}, ${capacity}${p.role ? `: ${p.role}` : ''}`);
  });
  const timeline = f.milestones.filter((m) => m.due).map((m) => item(`${m.title}: due ${m.due}`));
  const inputs: ListItem[] = [
    item([strong('Feature Requirements'), `: ${snapshot.meta.requirements ?? 'not recorded'}`]),
    item([strong('Initial Scope Assessment'), `: ${scope}`]),
    item([strong('Available Resources'), `: ${resources.length ? plural(resources.length, 'persona') : 'no personas recorded'}`], ...(resources.length ? [list(resources)] : [])),
    item([strong('Timeline Constraints'), `: ${timelineText(f)}`], ...(timeline.length ? [list(timeline)] : [])),
  ];
  if (snapshot.meta.agentEcosystem) inputs.push(item([strong('Agent Ecosystem'), `: ${snapshot.meta.agentEcosystem}`]));
  return [heading(2, 'Required Inputs'), list(inputs)];
}

const TREE_KINDS: ReadonlySet<PlanNode['kind']> = new Set(['feature', 'workstream', 'task']);

/** A task's line in the tree: `Title (Owner) — status, 3 days, 60% done`. */
function taskLine(f: Facts, t: TaskNode): string {
  const details: string[] = [taskStatus(t)];
  if (t.estimateDays !== undefined) details.push(plural(t.estimateDays, 'day'));
  if (t.progress !== undefined && taskStatus(t) !== 'done') details.push(`${num(t.progress)}% done`);
  return `${t.title} (${t.owner ? f.ctx.personaName(t.owner) : UNASSIGNED}) — ${details.join(', ')}`;
}

/** A workstream's line: `**Title** (Lead, Support, ...)`. */
function workstreamLine(f: Facts, ws: NodeOfKind<'workstream'>): Inline {
  const support = f.ctx.personaNames(ws.support).filter((_, i) => ws.support![i] !== ws.lead);
  if (ws.lead) return [strong(ws.title), ` (${[f.ctx.personaName(ws.lead), ...support].join(', ')})`];
  return support.length ? [strong(ws.title), ` (support: ${support.join(', ')})`] : [strong(ws.title)];
}

function decomposition(f: Facts): RootContent[] {
  const { snapshot } = f.ctx;
  // Sorted once, so every parent's children and the roots come out in order: features, then
  // workstreams, then tasks, each in schedule order (the tasks are sorted so already).
  const ordered: PlanNode[] = [...f.inScheduleOrder(f.ctx.nodesOfKind('feature')), ...f.inScheduleOrder(f.workstreams), ...f.tasksBySchedule];
  const children = new Map<string, PlanNode[]>();
  const roots: PlanNode[] = [];
  for (const n of ordered) {
    const parent = n.parent !== undefined ? snapshot.nodes.get(n.parent) : undefined;
    if (parent && TREE_KINDS.has(parent.kind) && parent.id !== n.id) (children.get(parent.id) ?? children.set(parent.id, []).get(parent.id)!).push(n);
    else roots.push(n);
  }
  const seen = new Set<string>();
  const render = (n: PlanNode): ListItem => {
    seen.add(n.id);
    const kids = (children.get(n.id) ?? []).filter((c) => !seen.has(c.id));
    kids.forEach((c) => seen.add(c.id));
    const nested = kids.length ? [list(kids.map(render))] : [];
    if (n.kind === 'feature') return item(`Feature: ${n.title}`, ...nested);
    if (n.kind === 'workstream') return item(workstreamLine(f, n), ...nested);
    return item(taskLine(f, n as TaskNode), ...nested);
  };
  const items = roots.map(render);
  // Parent loops (A inside B inside A) have no root: show them from their first member.
  for (const n of ordered) if (!seen.has(n.id)) items.push(render(n));
  return [
    heading(3, '1. Feature Decomposition & Analysis'),
    label('Decomposition'),
    items.length ? list(items) : nothingRecorded('decomposition'),
  ];
}

function dependencyMapping(f: Facts): RootContent[] {
  const { analysis, snapshot } = f.ctx;
  const { schedule } = analysis;
  const out: RootContent[] = [heading(3, '2. Dependency Mapping')];
  if (!schedule.ok) {
    out.push(paragraph(`The dependencies form a cycle: ${describeCycle(schedule.cycle, snapshot.nodes)}; there is no critical path until it is broken.`));
  }
  out.push(label('Dependency Matrix'));
  if (!analysis.matrix.length) {
    out.push(nothingRecorded('components'));
  } else {
    const critical = (row: (typeof analysis.matrix)[number]) => (row.inCycle ? 'Cycle' : row.critical === null ? 'Unknown' : row.critical ? 'Yes' : 'No');
    out.push(
      table(
        ['Component', 'Depends On', 'Blocks', 'Critical Path'],
        analysis.matrix.map((row) => [row.component, joined(f.titles(row.dependsOn)), joined(f.titles(row.blocks)), critical(row)]),
      ),
    );
  }
  if (schedule.ok && schedule.items.length) {
    const path = schedule.items.filter((i) => i.critical).map((i) => i.title);
    out.push(labelled('Critical Path', `${plural(schedule.projectDays, 'working day')}; critical items in schedule order: ${path.join(', ')}`));
    if (schedule.unestimated.length) out.push(labelled('Not Estimated', `${f.titles(schedule.unestimated).join(', ')} (counted as zero days)`));
  }
  const cross = analysis.crossPersona;
  if (cross.length) {
    out.push(label('Cross-Persona Dependencies'));
    const lines = cross.map((c) => {
      const text = `${f.ctx.nodeTitle(c.source)} (${f.ctx.personaName(c.blockingPersona)}) → ${f.ctx.nodeTitle(c.target)} (${f.ctx.personaName(c.blockedPersona)})${c.resolved ? ': resolved' : ''}`;
      return text;
    });
    out.push(list(lines.sort()));
  }
  return out;
}

function weeks(ws: NodeOfKind<'workstream'>): string {
  const { startWeek: a, endWeek: b } = ws;
  if (a !== undefined && b !== undefined) return a === b ? ` (Week ${a})` : ` (Week ${a}-${b})`;
  if (a !== undefined) return ` (from Week ${a})`;
  if (b !== undefined) return ` (until Week ${b})`;
  return '';
}

function workstreamPlanning(f: Facts): RootContent[] {
  const out: RootContent[] = [heading(3, '3. Parallel Workstream Planning'), label('Define Workstreams')];
  if (!f.workstreams.length) return [...out, nothingRecorded('workstreams')];
  const ordered = [...f.workstreams].sort(byKeys((w) => String(w.startWeek ?? 999).padStart(4, '0'), (w) => w.title, (w) => w.id));
  out.push(
    list(
      ordered.map((ws) => {
        const support = (ws.support ?? []).filter((id) => id !== ws.lead).map(f.ctx.personaName);
        const deliverables = ws.deliverables ?? [];
        const fields = [
          fieldItem('Lead', ws.lead ? f.ctx.personaName(ws.lead) : 'not assigned'),
          fieldItem('Support', joined(support)),
          deliverables.length ? item('Deliverables:', list(deliverables)) : fieldItem('Deliverables', 'none recorded'),
        ];
        return item([strong(ws.title), weeks(ws)], list(fields));
      }),
    ),
  );
  return out;
}

function integrationPoints(f: Facts): RootContent[] {
  const out: RootContent[] = [heading(3, '4. Integration Point Definition'), label('Integration Timeline')];
  if (!f.milestones.length) out.push(nothingRecorded('milestones'));
  else {
    out.push(
      list(
        f.milestones.map((m) => {
          const fields = [fieldItem('Due', m.due ?? 'not set')];
          if (m.description) fields.push(fieldItem('Description', m.description));
          fields.push(m.criteria?.length ? item('Criteria:', checklist(m.criteria)) : fieldItem('Criteria', 'none recorded'));
          return item(strong(m.title), list(fields));
        }),
      ),
    );
  }
  out.push(label('Shared Artifacts and Contracts'));
  const artifacts = f.ctx.nodesOfKind('artifact');
  if (!artifacts.length) out.push(nothingRecorded('artifacts or contracts'));
  else {
    out.push(
      table(
        ['Artifact', 'Kind', 'Created By', 'Used By', 'Status'],
        artifacts.map((a) => [
          a.title,
          a.contract ? 'Contract' : 'Artifact',
          a.createdBy ? f.ctx.personaName(a.createdBy) : 'not recorded',
          joined(f.ctx.personaNames(a.usedBy)),
          a.status ?? 'not recorded',
        ]),
      ),
    );
  }
  return out;
}

function playbookBlocks(f: Facts, section: number): RootContent[] {
  const out: RootContent[] = [];
  for (const p of FEATURE_PLAN_PLAYBOOK) {
    const text = f.ctx.snapshot.playbook[p.key];
    if (p.section === section && text) out.push(labelled(p.label, text));
  }
  return out;
}

function communication(f: Facts): RootContent[] {
  const out: RootContent[] = [heading(3, '5. Communication & Sync Strategy'), ...playbookBlocks(f, 5)];
  const sessions = f.ctx.sessions;
  if (sessions.length) {
    out.push(label('Coordination Sessions'));
    out.push(
      list(
        sessions.map((s) => {
          const fields = [fieldItem('Participants', joined(f.ctx.personaNames(s.participants)))];
          if (s.objectives?.length) fields.push(fieldItem('Objectives', s.objectives.join('; ')));
          if (s.nextPoint) {
            const next = [s.nextPoint.when ?? 'date not set', s.nextPoint.objectives?.length ? s.nextPoint.objectives.join('; ') : undefined];
            fields.push(fieldItem('Next sync point', next.filter(Boolean).join(': ')));
          }
          return item(`${s.date} — ${s.type}`, list(fields));
        }),
      ),
    );
  }
  if (out.length === 1) out.push(nothingRecorded('communication plan or coordination sessions'));
  return out;
}

function conflicts(f: Facts): RootContent[] {
  const out: RootContent[] = [heading(3, '6. Conflict Resolution Process'), ...playbookBlocks(f, 6)];
  const decisions = f.ctx.nodesOfKind('decision');
  const render = (d: NodeOfKind<'decision'>) => {
    const fields: ListItem[] = [];
    if (d.positions?.length) fields.push(item('Positions:', list(d.positions)));
    fields.push(fieldItem('Decided by', d.owner ? f.ctx.personaName(d.owner) : 'not recorded'));
    fields.push(fieldItem('Rationale', d.rationale ?? 'not recorded'));
    if (d.impact) fields.push(fieldItem('Impact', d.impact));
    if (d.description) fields.push(fieldItem('Description', d.description));
    return item(strong(d.title), list(fields));
  };
  const conflicting = decisions.filter((d) => d.positions?.length);
  const others = decisions.filter((d) => !d.positions?.length);
  out.push(label('Conflicts and Resolutions'), conflicting.length ? list(conflicting.map(render)) : nothingRecorded('conflicts'));
  if (others.length) out.push(label('Other Decisions'), list(others.map(render)));
  return out;
}

function statusReport(f: Facts): RootContent[] {
  const { analysis, asOf, snapshot } = f.ctx;
  const { rollups, blocking, schedule } = analysis;
  const plan = rollups.plan;
  const out: RootContent[] = [heading(3, '7. Progress Tracking & Reporting'), ...playbookBlocks(f, 7)];
  out.push(labelled('Status Report', asOf ? `as of ${asOf}` : 'date not recorded'));
  if (!f.tasks.length) return [...out, nothingRecorded('tasks')];
  out.push(labelled('Overall Progress', `${num(plan.progress)}% complete — ${STATUS_LABEL[plan.status]} (${num(plan.done)} of ${plural(plan.tasks, 'task')} done)`));
  out.push(label('Workstream Status'));
  const rows = [...rollups.workstreams].sort(byKeys((w) => w.title, (w) => w.id));
  out.push(
    rows.length
      ? table(
          ['Workstream', 'Progress', 'Status', 'Tasks Done'],
          rows.map((w) => [w.title, `${num(w.progress)}%`, STATUS_LABEL[w.status], `${num(w.done)} of ${num(w.tasks)}`]),
        )
      : nothingRecorded('workstreams'),
  );
  const owner = (t: TaskNode) => (t.owner ? ` (${f.ctx.personaName(t.owner)})` : '');
  const done = f.tasksBySchedule.filter((t) => taskStatus(t) === 'done');
  out.push(label('Key Accomplishments'), done.length ? list(done.map((t) => `${t.title}${owner(t)}${t.finishedAt ? `, finished ${t.finishedAt}` : ''}`)) : nothingRecorded('finished tasks'));
  const blockedCritical = new Set(plan.blockedCritical);
  const blockers: string[] = [];
  for (const t of f.tasksBySchedule) {
    const b = blocking.get(t.id);
    if (!b?.blocked) continue;
    const why = taskStatus(t) === 'blocked' ? 'marked blocked' : 'blocked';
    const waiting = b.waitingOn.length ? `; waiting on ${f.titles(b.waitingOn).join(', ')}` : '';
    const critical = blockedCritical.has(t.id) ? '; on the critical path' : '';
    blockers.push(`${t.title}${owner(t)}: ${why}${waiting}${critical}`);
  }
  for (const id of plan.late) blockers.push(`${f.ctx.nodeTitle(id)}: late (its latest finish has passed)`);
  for (const r of f.ctx.nodesOfKind('risk')) {
    if ((r.state ?? 'open') !== 'open') continue;
    const level = [r.probability && `${r.probability} probability`, r.impact && `${r.impact} impact`].filter(Boolean).join(', ');
    const parts = [`Risk: ${r.title}`, level, r.mitigation && `mitigation: ${r.mitigation}`, r.owner && `owner: ${f.ctx.personaName(r.owner)}`];
    blockers.push(parts.filter(Boolean).join('; '));
  }
  out.push(label('Blockers & Risks'), blockers.length ? list(blockers) : nothingRecorded('blockers or open risks'));
  const critical = (id: string) => (schedule.ok ? schedule.byId.get(id)?.critical === true : false);
  const isActive = (id: string) => {
    const n = snapshot.nodes.get(id);
    return n?.kind === 'task' && taskStatus(n) === 'active';
  };
  const focus = f.tasksBySchedule
    .filter((t) => {
      const status = taskStatus(t);
      if (status === 'active') return true;
      return status === 'todo' && critical(t.id) && (blocking.get(t.id)?.waitingOn ?? []).every(isActive);
    })
    .map((t) => `${t.title}${owner(t)}: ${taskStatus(t)}${critical(t.id) ? ', on the critical path' : ''}`);
  out.push(label('Next Focus'), focus.length ? list(focus) : nothingRecorded('work in progress or next critical tasks'));
  return out;
}

function quality(f: Facts): RootContent[] {
  const out: RootContent[] = [heading(3, '8. Quality Coordination'), ...playbookBlocks(f, 8), label('Quality Gates')];
  if (!f.gates.length) return [...out, nothingRecorded('quality gates')];
  out.push(
    list(
      f.gates.map((g) => {
        const fields = [fieldItem('Trigger', g.trigger ?? 'not recorded'), fieldItem('Responsible', g.responsible ? f.ctx.personaName(g.responsible) : 'not assigned')];
        fields.push(g.criteria?.length ? item('Criteria:', checklist(g.criteria)) : fieldItem('Criteria', 'none recorded'));
        if (g.passAction) fields.push(fieldItem('On pass', g.passAction));
        if (g.failAction) fields.push(fieldItem('On fail', g.failAction));
        return item(strong(g.title), list(fields));
      }),
    ),
  );
  return out;
}

function deliverables(f: Facts): RootContent[] {
  const { analysis, snapshot } = f.ctx;
  const { schedule } = analysis;
  const risks = f.ctx.nodesOfKind('risk');
  const openRisks = risks.filter((r) => (r.state ?? 'open') === 'open').length;
  const decisions = f.ctx.nodesOfKind('decision');
  const plan = [
    `Feature decomposition: ${plural(f.workstreams.length, 'workstream')}, ${plural(f.tasks.length, 'task')}`,
    `Dependency matrix: ${plural(analysis.matrix.length, 'component')}, ${plural(snapshot.edges.size, 'dependency', 'dependencies')}; ${
      !schedule.ok ? 'no critical path (dependency cycle)' : schedule.items.length ? `critical path of ${plural(schedule.projectDays, 'working day')}` : 'nothing scheduled'
    }`,
    `Integration timeline: ${plural(f.milestones.length, 'milestone')}`,
    `Communication plan: ${plural(snapshot.sessions.size, 'coordination session')}`,
    `Risk register: ${plural(risks.length, 'risk')} (${num(openRisks)} open)`,
  ];
  const handoffs = [...snapshot.handoffs.values()];
  const pending = handoffs.filter((h) => (h.status ?? 'pending') === 'pending').length;
  const tracking = [
    `Decision log: ${plural(decisions.length, 'decision')} (${plural(decisions.filter((d) => d.positions?.length).length, 'conflict')})`,
    `Handoffs: ${plural(handoffs.length, 'handoff')} (${num(pending)} pending)`,
    `Status broadcasts: ${plural(snapshot.broadcasts.length, 'broadcast')} received`,
    `Status report: ${num(analysis.rollups.plan.progress)}% complete`,
  ];
  const out: RootContent[] = [
    heading(2, 'Deliverables'),
    heading(3, 'Coordination Plan Document'),
    list(plan),
    heading(3, 'Tracking Artifacts'),
    list(tracking),
    heading(3, 'Technical Artifacts'),
  ];
  const artifacts = f.ctx.nodesOfKind('artifact').map((a) => `${a.title} (${a.contract ? 'contract' : 'artifact'}, ${a.status ?? 'status not recorded'})`);
  const byWorkstream = f.workstreams
    .filter((w) => w.deliverables?.length)
    .map((w) => item(strong(w.title), list(w.deliverables!)));
  if (!artifacts.length && !byWorkstream.length) return [...out, nothingRecorded('deliverables or artifacts')];
  if (artifacts.length) out.push(label('Artifacts and Contracts'), list(artifacts));
  if (byWorkstream.length) out.push(label('Workstream Deliverables'), list(byWorkstream));
  return out;
}

function successCriteria(f: Facts): RootContent[] {
  const out: RootContent[] = [heading(2, 'Success Criteria')];
  const groups = [
    ...f.milestones.filter((m) => m.criteria?.length).map((m) => ({ title: m.title, what: 'milestone', criteria: m.criteria! })),
    ...f.gates.filter((g) => g.criteria?.length).map((g) => ({ title: g.title, what: 'quality gate', criteria: g.criteria! })),
  ];
  if (!groups.length) return [...out, nothingRecorded('milestone or quality gate criteria')];
  const all = groups.flatMap((g) => g.criteria);
  out.push(paragraph(`The multi-persona coordination is successful when every criterion below is met (${num(all.filter((c) => c.done).length)} of ${num(all.length)} met):`));
  out.push(list(groups.map((g) => item([strong(g.title), ` (${g.what})`], checklist(g.criteria)))));
  return out;
}

function nextSteps(f: Facts): RootContent[] {
  const { blocking } = f.ctx.analysis;
  const ready = f.tasksBySchedule.filter((t) => taskStatus(t) === 'todo' && !(blocking.get(t.id)?.blocked ?? false));
  const out: RootContent[] = [heading(2, 'Next Steps')];
  if (!f.tasks.length) return [...out, nothingRecorded('tasks')];
  if (!ready.length) return [...out, paragraph(emphasis('No task to do is free to start: each one waits on unfinished work, or every task is under way or done.'))];
  out.push(paragraph('Tasks to do whose prerequisites are all finished, by earliest start:'));
  const scheduled = f.ctx.analysis.schedule.ok;
  out.push(
    list(
      ready.map((t) => `${t.title}${t.owner ? ` (${f.ctx.personaName(t.owner)})` : ''}${scheduled ? `: earliest start ${scheduleDay(f.ctx, f.start(t.id))}` : ''}`),
      true,
    ),
  );
  return out;
}

/** The plan as a filled-in "Coordinate Multi-Persona Feature" document; the same plan always gives the same bytes. */
export function exportFeaturePlan(snapshot: PlanSnapshot, options: ExportOptions = {}): string {
  const f = facts(exportContext(snapshot, options));
  return renderMarkdown([
    heading(1, FEATURE_PLAN_TITLE),
    header(f),
    ...purpose(f),
    ...requiredInputs(f),
    heading(2, 'Key Activities'),
    ...decomposition(f),
    ...dependencyMapping(f),
    ...workstreamPlanning(f),
    ...integrationPoints(f),
    ...communication(f),
    ...conflicts(f),
    ...statusReport(f),
    ...quality(f),
    ...deliverables(f),
    ...successCriteria(f),
    ...nextSteps(f),
  ]);
}
