import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { NodePatch } from '../../shared/doc';
import { formatProblems, personaColour, taskStatus, type Dependency, type NodeKind, type Persona, type PlanNode, type PlanSnapshot, type Result } from '../../shared/model';
import { addWorkingDays, type PlanAnalysis } from '../../shared/planning';
import { usePlan, useSelection } from '../app/planContext';
import { DependenciesSection } from './DependenciesSection';
import { CheckboxField } from './fields/CheckboxField';
import { ChecklistField } from './fields/ChecklistField';
import { ErrorText, Facts, keepKeysInside } from './fields/Field';
import { PersonaChecklist } from './fields/PersonaChecklist';
import { PersonaSelect } from './fields/PersonaSelect';
import { SelectField, type Choice } from './fields/SelectField';
import { LinesField, NumberField, TextField } from './fields/TextField';
import './panels.css';

const KIND_LABEL: Readonly<Record<NodeKind, string>> = {
  feature: 'Feature',
  workstream: 'Workstream',
  task: 'Task',
  milestone: 'Milestone',
  gate: 'Quality gate',
  risk: 'Risk',
  decision: 'Decision',
  artifact: 'Artifact',
};

const TASK_STATUSES: readonly Choice[] = [
  { value: 'todo', label: 'To do' },
  { value: 'active', label: 'Active' },
  { value: 'blocked', label: 'Blocked' },
  { value: 'done', label: 'Done' },
];
const NONE: Choice = { value: '', label: '—' };
const LEVELS: readonly Choice[] = [NONE, { value: 'low', label: 'Low' }, { value: 'medium', label: 'Medium' }, { value: 'high', label: 'High' }];
const RISK_STATES: readonly Choice[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
];
const ARTIFACT_STATUSES: readonly Choice[] = [NONE, ...['draft', 'proposed', 'agreed', 'changed', 'retired'].map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))];
const DEPENDENCY_TYPES: readonly Choice[] = [NONE, ...['technical', 'data', 'api', 'infra'].map((t) => ({ value: t, label: t === 'api' ? 'API' : t[0]!.toUpperCase() + t.slice(1) }))];

/** '' means "clear the field". */
const orNull = <T extends string>(value: T | ''): T | null => (value === '' ? null : value);
const listOrNull = <T,>(list: T[]): T[] | null => (list.length ? list : null);

/** A date as stored (YYYY-MM-DD stays; a date-time is shown in local time, the stored text in its tooltip). */
function When({ value }: { value: string | undefined }) {
  if (!value) return <span className="muted">—</span>;
  if (value.length === 10) return <time dateTime={value}>{value}</time>;
  const d = new Date(value);
  return (
    <time dateTime={value} title={value}>
      {Number.isNaN(d.getTime()) ? value : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
}

/** The selection's details, editable through commands: one node, one dependency, or several items. */
export function Inspector() {
  const { snapshot } = usePlan();
  const selected = useSelection();
  // A selected id a teammate has just deleted is no longer there: leave it out.
  const nodes = [...selected.nodes].map((id) => snapshot.nodes.get(id)).filter((n): n is PlanNode => n !== undefined);
  const edges = [...selected.edges].map((id) => snapshot.edges.get(id)).filter((e): e is Dependency => e !== undefined);

  let body: ReactNode;
  if (nodes.length + edges.length === 0) {
    body = (
      <p className="inspector__hint muted">Select a node or a dependency to see its details here. Shift-click or drag a box to select several.</p>
    );
  } else if (nodes.length === 1 && edges.length === 0) {
    body = <NodeInspector key={nodes[0]!.id} node={nodes[0]!} />;
  } else if (nodes.length === 0 && edges.length === 1) {
    body = <DependencyInspector key={edges[0]!.id} edge={edges[0]!} />;
  } else {
    body = <MultiInspector nodes={nodes} edges={edges} />;
  }
  return (
    <aside aria-label="Inspector" className="inspector" onKeyDown={(e) => keepKeysInside(e)}>
      {body}
    </aside>
  );
}

/** Several things selected: how many, and deleting them all. */
function MultiInspector({ nodes, edges }: { nodes: readonly PlanNode[]; edges: readonly Dependency[] }) {
  const { plan, selection } = usePlan();
  const [error, setError] = useState<string | null>(null);
  const parts = [nodes.length ? `${nodes.length} node${nodes.length > 1 ? 's' : ''}` : '', edges.length ? `${edges.length} dependenc${edges.length > 1 ? 'ies' : 'y'}` : ''].filter(Boolean);

  function deleteSelected() {
    // One command for nodes and dependencies together: one undo step brings them all back.
    const r = plan.commands.removeElements({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) });
    if (!r.ok) return setError(formatProblems(r.error));
    setError(null);
    selection.clear();
  }

  return (
    <section className="inspector__section" aria-label="Selection">
      <h2 className="inspector__title">{parts.join(' and ')} selected</h2>
      {nodes.length > 0 && (
        <ul className="inspector__list">
          {nodes.slice(0, 12).map((n) => (
            <li key={n.id}>
              <span className="kind-tag">{KIND_LABEL[n.kind]}</span> {n.title}
            </li>
          ))}
          {nodes.length > 12 && <li className="muted">and {nodes.length - 12} more</li>}
        </ul>
      )}
      <button type="button" className="danger" onClick={deleteSelected}>
        Delete selected
      </button>
      {error && <ErrorText>{error}</ErrorText>}
    </section>
  );
}

/** Personas as select choices, by name, after a "none" choice. */
function personaChoices(personas: readonly Persona[], none = 'Unassigned'): Choice[] {
  return [{ value: '', label: none }, ...personas.map((p) => ({ value: p.id, label: p.name }))];
}

function usePersonas(snapshot: PlanSnapshot): Persona[] {
  return useMemo(() => [...snapshot.personas.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)), [snapshot.personas]);
}

/** Features and workstreams a node may sit under: never itself or one of its descendants. */
function parentChoices(snapshot: PlanSnapshot, node: PlanNode): Choice[] {
  const children = new Map<string, string[]>();
  for (const n of snapshot.nodes.values()) if (n.parent) (children.get(n.parent) ?? children.set(n.parent, []).get(n.parent)!).push(n.id);
  const below = new Set<string>([node.id]);
  const stack: string[] = [node.id];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (below.has(c)) continue;
      below.add(c);
      stack.push(c);
    }
  }
  const out: Choice[] = [];
  for (const n of snapshot.nodes.values()) {
    if ((n.kind === 'feature' || n.kind === 'workstream') && !below.has(n.id)) out.push({ value: n.id, label: `${n.title} (${KIND_LABEL[n.kind].toLowerCase()})` });
  }
  out.sort((a, b) => a.label.localeCompare(b.label));
  return [{ value: '', label: 'None' }, ...out];
}

/** One node: every field of its kind, and what the engine computed about it. */
function NodeInspector({ node }: { node: PlanNode }) {
  const { plan, snapshot, analysis, selection } = usePlan();
  const personas = usePersonas(snapshot);
  const [error, setError] = useState<string | null>(null);
  const update = (patch: NodePatch): Result<void> => plan.commands.updateNode(node.id, patch);
  const people = personaChoices(personas);
  const parents = useMemo(() => parentChoices(snapshot, node), [snapshot, node]);

  function remove() {
    const r = plan.commands.removeNodes([node.id]);
    if (!r.ok) return setError(formatProblems(r.error));
    selection.clear();
  }

  return (
    <>
      <section className="inspector__section" aria-label="Details">
        <header className="inspector__header">
          <span className="kind-tag">{KIND_LABEL[node.kind]}</span>
          <h2 className="inspector__title">{node.title}</h2>
        </header>
        <TextField label="Title" field="title" value={node.title} onCommit={(v) => update({ title: v.trim() })} required />
        <TextField label="Description" field="description" multiline value={node.description ?? ''} onCommit={(v) => update({ description: v === '' ? null : v })} />
        <KindFields node={node} people={people} personas={personas} update={update} />
        <SelectField label="Parent" field="parent" value={node.parent ?? ''} choices={parents} onCommit={(v) => update({ parent: orNull(v) })} />
      </section>
      {(node.kind === 'task' || node.kind === 'milestone' || node.kind === 'gate') && <ScheduleFacts node={node} analysis={analysis} />}
      {node.kind === 'workstream' && <WorkstreamFacts id={node.id} analysis={analysis} />}
      <DependenciesSection node={node} />
      {node.kind === 'task' && <HandoffsSection task={node} personas={personas} />}
      <section className="inspector__section inspector__actions">
        <button type="button" className="danger" onClick={remove}>
          Delete {KIND_LABEL[node.kind].toLowerCase()}
        </button>
        {error && <ErrorText>{error}</ErrorText>}
      </section>
    </>
  );
}

/** The fields only one kind of node has. */
function KindFields({ node, people, personas, update }: { node: PlanNode; people: Choice[]; personas: readonly Persona[]; update: (patch: NodePatch) => Result<void> }) {
  const { snapshot } = usePlan();
  const sessions = useMemo<Choice[]>(
    () => [
      { value: '', label: 'None' },
      ...[...snapshot.sessions.values()].sort((a, b) => a.date.localeCompare(b.date)).map((s) => ({ value: s.id, label: `${s.date.slice(0, 10)} · ${s.type}` })),
    ],
    [snapshot.sessions],
  );
  switch (node.kind) {
    case 'feature':
      return null;
    case 'task':
      return (
        <>
          <SelectField label="Owner" field="owner" value={node.owner ?? ''} choices={people} onCommit={(v) => update({ owner: orNull(v) })} />
          <SelectField label="Status" field="status" value={taskStatus(node)} choices={TASK_STATUSES} onCommit={(v) => update({ status: v as 'todo' })} />
          <div className="field-row">
            <NumberField label="Estimate (days)" field="estimateDays" value={node.estimateDays} min={0} step={0.5} onCommit={(n) => update({ estimateDays: n })} />
            <NumberField label="Progress %" field="progress" value={node.progress} min={0} max={100} step={1} onCommit={(n) => update({ progress: n })} />
          </div>
          <Facts
            items={[
              ['Started', <When value={node.startedAt} />],
              ['Finished', <When value={node.finishedAt} />],
            ]}
          />
        </>
      );
    case 'workstream':
      return (
        <>
          <SelectField label="Lead" field="lead" value={node.lead ?? ''} choices={people} onCommit={(v) => update({ lead: orNull(v) })} />
          <PersonaChecklist label="Support" field="support" value={node.support} personas={personas} onCommit={(ids) => update({ support: listOrNull(ids) })} />
          <div className="field-row">
            <NumberField label="Start week" field="startWeek" value={node.startWeek} min={1} max={520} step={1} onCommit={(n) => update({ startWeek: n })} />
            <NumberField label="End week" field="endWeek" value={node.endWeek} min={1} max={520} step={1} onCommit={(n) => update({ endWeek: n })} />
          </div>
          <LinesField label="Deliverables" field="deliverables" value={node.deliverables} onCommit={(lines) => update({ deliverables: listOrNull(lines) })} />
        </>
      );
    case 'milestone':
      return (
        <>
          <TextField label="Due" field="due" type="date" value={node.due ?? ''} onCommit={(v) => update({ due: orNull(v) })} />
          <ChecklistField label="Criteria" field="criteria" itemName="criterion" items={node.criteria} onCommit={(items) => update({ criteria: listOrNull(items) })} />
        </>
      );
    case 'gate':
      return (
        <>
          <TextField label="Trigger" field="trigger" value={node.trigger ?? ''} onCommit={(v) => update({ trigger: orNull(v.trim()) })} />
          <ChecklistField label="Criteria" field="criteria" itemName="criterion" items={node.criteria} onCommit={(items) => update({ criteria: listOrNull(items) })} />
          <SelectField label="Responsible" field="responsible" value={node.responsible ?? ''} choices={people} onCommit={(v) => update({ responsible: orNull(v) })} />
          <TextField label="Pass action" field="passAction" multiline rows={2} value={node.passAction ?? ''} onCommit={(v) => update({ passAction: orNull(v.trim()) })} />
          <TextField label="Fail action" field="failAction" multiline rows={2} value={node.failAction ?? ''} onCommit={(v) => update({ failAction: orNull(v.trim()) })} />
        </>
      );
    case 'risk':
      return (
        <>
          <div className="field-row">
            <SelectField label="Probability" field="probability" value={node.probability ?? ''} choices={LEVELS} onCommit={(v) => update({ probability: orNull(v as 'low') })} />
            <SelectField label="Impact" field="impact" value={node.impact ?? ''} choices={LEVELS} onCommit={(v) => update({ impact: orNull(v as 'low') })} />
          </div>
          <TextField label="Mitigation" field="mitigation" multiline value={node.mitigation ?? ''} onCommit={(v) => update({ mitigation: v === '' ? null : v })} />
          <SelectField label="Owner" field="owner" value={node.owner ?? ''} choices={people} onCommit={(v) => update({ owner: orNull(v) })} />
          <SelectField label="State" field="state" value={node.state ?? 'open'} choices={RISK_STATES} onCommit={(v) => update({ state: v as 'open' })} />
          <SelectField label="Raised in session" field="session" value={node.session ?? ''} choices={sessions} onCommit={(v) => update({ session: orNull(v) })} />
        </>
      );
    case 'decision':
      return (
        <>
          <TextField label="Rationale" field="rationale" multiline value={node.rationale ?? ''} onCommit={(v) => update({ rationale: v === '' ? null : v })} />
          <TextField label="Impact" field="impact" multiline rows={2} value={node.impact ?? ''} onCommit={(v) => update({ impact: orNull(v.trim()) })} />
          <SelectField label="Owner" field="owner" value={node.owner ?? ''} choices={people} onCommit={(v) => update({ owner: orNull(v) })} />
          <LinesField
            label="Competing positions"
            field="positions"
            hint="One per line; a decision with positions is a conflict"
            value={node.positions}
            onCommit={(lines) => update({ positions: listOrNull(lines) })}
          />
          <SelectField label="Made in session" field="session" value={node.session ?? ''} choices={sessions} onCommit={(v) => update({ session: orNull(v) })} />
        </>
      );
    case 'artifact':
      return (
        <>
          <CheckboxField label="Contract" field="contract" checked={node.contract === true} onCommit={(on) => update({ contract: on ? true : null })} />
          <SelectField label="Created by" field="createdBy" value={node.createdBy ?? ''} choices={personaChoices(personas, 'Nobody')} onCommit={(v) => update({ createdBy: orNull(v) })} />
          <PersonaChecklist label="Used by" field="usedBy" value={node.usedBy} personas={personas} onCommit={(ids) => update({ usedBy: listOrNull(ids) })} />
          <SelectField label="Status" field="status" value={node.status ?? ''} choices={ARTIFACT_STATUSES} onCommit={(v) => update({ status: orNull(v as 'draft') })} />
        </>
      );
  }
}

/** What the critical path method says about a scheduled node, and what holds a task up. */
function ScheduleFacts({ node, analysis }: { node: PlanNode; analysis: PlanAnalysis }) {
  const { snapshot } = usePlan();
  const schedule = analysis.schedule;
  const title = (id: string) => snapshot.nodes.get(id)?.title ?? id;
  const blocking = analysis.blocking.get(node.id);
  const titles = (ids: readonly string[] | undefined) => (ids && ids.length ? ids.map(title).join(', ') : 'Nothing');
  const start = snapshot.meta.timelineStart;
  const day = (n: number) => (start ? `day ${n} · ${addWorkingDays(start, n)}` : `day ${n}`);
  const item = schedule.ok ? schedule.byId.get(node.id) : undefined;
  const facts: [string, ReactNode][] = item
    ? [
        ['Earliest start', day(item.earlyStart)],
        ['Earliest finish', day(item.earlyFinish)],
        ['Latest start', day(item.lateStart)],
        ['Latest finish', day(item.lateFinish)],
        ['Slack', `${item.slack} day${item.slack === 1 ? '' : 's'}`],
        ['Critical', item.critical ? <strong className="critical">Yes</strong> : 'No'],
      ]
    : [['Schedule', schedule.ok ? 'Not scheduled' : 'None: the dependencies form a cycle']];
  if (node.kind === 'task') {
    facts.push(['Blocked by', titles(blocking?.waitingOn)], ['Holding up', titles(blocking?.holdingUp)]);
  }
  return (
    <section className="inspector__section" aria-label="Schedule">
      <h3 className="inspector__subtitle">Schedule</h3>
      <Facts items={facts} label="Schedule" />
    </section>
  );
}

/** A workstream's roll-up: progress and health of its tasks. */
function WorkstreamFacts({ id, analysis }: { id: string; analysis: PlanAnalysis }) {
  const rollup = analysis.rollups.workstreams.find((w) => w.id === id);
  if (!rollup) return null;
  return (
    <section className="inspector__section" aria-label="Progress">
      <h3 className="inspector__subtitle">Progress</h3>
      <Facts
        label="Progress"
        items={[
          ['Progress', `${rollup.progress}%`],
          ['Health', rollup.status.replace('-', ' ')],
          ['Tasks done', `${rollup.done} of ${rollup.tasks}`],
        ]}
      />
    </section>
  );
}

/** The handoffs of one task: complete or remove them, and record a new one. */
function HandoffsSection({ task, personas }: { task: Extract<PlanNode, { kind: 'task' }>; personas: readonly Persona[] }) {
  const { plan, snapshot } = usePlan();
  const [error, setError] = useState<string | null>(null);
  // The owner hands over, unless the user picks someone else.
  const [pickedFrom, setFrom] = useState<string | null>(null);
  const from = pickedFrom ?? task.owner ?? '';
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [due, setDue] = useState('');
  const handoffs = useMemo(
    () => [...snapshot.handoffs.values()].filter((h) => h.task === task.id).sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || (a.id < b.id ? -1 : 1)),
    [snapshot.handoffs, task.id],
  );
  const persona = (id: string) => snapshot.personas.get(id);
  const name = (id: string) => persona(id)?.name ?? id;

  const run = (r: Result<unknown>) => {
    setError(r.ok ? null : formatProblems(r.error));
    return r.ok;
  };

  function add(event: FormEvent) {
    event.preventDefault();
    if (!from || !to) return setError(`Choose who hands the task ${from ? 'to' : 'over'}.`);
    if (from === to) return setError('A handoff passes the task between two different personas.');
    const ok = run(plan.commands.addHandoff({ task: task.id, from, to, status: 'pending', ...(reason.trim() ? { reason: reason.trim() } : {}), ...(due ? { due } : {}) }));
    if (ok) {
      setTo('');
      setReason('');
      setDue('');
    }
  }

  return (
    <section className="inspector__section" aria-label="Handoffs">
      <h3 className="inspector__subtitle">Handoffs</h3>
      {handoffs.length === 0 ? (
        <p className="muted">No handoffs of this task.</p>
      ) : (
        <ul className="handoffs">
          {handoffs.map((h) => {
            const status = h.status ?? 'pending';
            return (
              <li key={h.id} className={`handoff handoff--${status}`}>
                <div className="handoff__who">
                  <PersonaName persona={persona(h.from)} fallback={h.from} /> → <PersonaName persona={persona(h.to)} fallback={h.to} />
                </div>
                <div className="handoff__meta">
                  <span className={`badge badge--${status === 'completed' ? 'done' : 'active'}`}>{status}</span>
                  {h.due && (
                    <span>
                      due <When value={h.due} />
                    </span>
                  )}
                  {status === 'completed' && h.completedAt && (
                    <span>
                      done <When value={h.completedAt} />
                    </span>
                  )}
                </div>
                {h.reason && <div className="handoff__reason">{h.reason}</div>}
                <div className="handoff__actions">
                  {status === 'pending' && (
                    <button type="button" title={`Mark the handoff from ${name(h.from)} to ${name(h.to)} completed`} onClick={() => run(plan.commands.updateHandoff(h.id, { status: 'completed' }))}>
                      Complete
                    </button>
                  )}
                  <button type="button" title={`Remove the handoff from ${name(h.from)} to ${name(h.to)}`} onClick={() => run(plan.commands.removeHandoff(h.id))}>
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <form className="handoff-form" aria-label="New handoff" onSubmit={add}>
        <div className="field-row">
          <label className="field">
            <span className="field__label">From</span>
            <PersonaSelect value={from} personas={personas} emptyLabel="Choose…" onChange={setFrom} />
          </label>
          <label className="field">
            <span className="field__label">To</span>
            <PersonaSelect value={to} personas={personas} emptyLabel="Choose…" onChange={setTo} />
          </label>
        </div>
        <label className="field">
          <span className="field__label">Reason</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="What is ready to hand over" />
        </label>
        <label className="field">
          <span className="field__label">Due</span>
          <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        <button type="submit">Add handoff</button>
      </form>
      {error && <ErrorText>{error}</ErrorText>}
    </section>
  );
}

function PersonaName({ persona, fallback }: { persona: Persona | undefined; fallback: string }) {
  if (!persona) return <span className="muted">{fallback}</span>;
  return (
    <span className="persona-name">
      <span className="swatch" style={{ background: personaColour(persona) }} aria-hidden="true" />
      {persona.name}
    </span>
  );
}

/** One dependency: its ends, type and note. */
function DependencyInspector({ edge }: { edge: Dependency }) {
  const { plan, snapshot, selection } = usePlan();
  const [error, setError] = useState<string | null>(null);
  const title = (id: string) => snapshot.nodes.get(id)?.title ?? id;
  const update = (patch: Parameters<typeof plan.commands.updateDependency>[1]) => plan.commands.updateDependency(edge.id, patch);
  const end = (id: string) => (
    <button type="button" className="link" title="Select this node" onClick={() => selection.set([id])}>
      {title(id)}
    </button>
  );

  function remove() {
    const r = plan.commands.removeEdges([edge.id]);
    if (!r.ok) return setError(formatProblems(r.error));
    const now = selection.get();
    selection.set(now.nodes, [...now.edges].filter((id) => id !== edge.id));
  }

  return (
    <section className="inspector__section" aria-label="Details">
      <header className="inspector__header">
        <span className="kind-tag">Dependency</span>
        <h2 className="inspector__title">
          {title(edge.source)} → {title(edge.target)}
        </h2>
      </header>
      <Facts
        items={[
          ['From', end(edge.source)],
          ['To', end(edge.target)],
        ]}
      />
      <p className="muted inspector__note">
        “{title(edge.source)}” must finish before “{title(edge.target)}” starts.
      </p>
      <SelectField label="Type" field="type" value={edge.type ?? ''} choices={DEPENDENCY_TYPES} onCommit={(v) => update({ type: orNull(v as 'data') })} />
      <TextField label="Note" field="note" multiline rows={2} value={edge.note ?? ''} onCommit={(v) => update({ note: orNull(v.trim()) })} />
      <div className="inspector__actions">
        <button type="button" className="danger" onClick={remove}>
          Remove dependency
        </button>
      </div>
      {error && <ErrorText>{error}</ErrorText>}
    </section>
  );
}
