import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/doc';
import type { PlanNode, TaskNode } from '../../../shared/model';
import { expectRefused, must, newPlan, T0 } from './helpers';

/** A plan with three personas, a workstream and three tasks. */
function teamPlan() {
  const plan = newPlan('alice');
  const { c } = plan;
  must(c.addPersona({ id: 'dev', name: 'Developer', kind: 'agent' }));
  must(c.addPersona({ id: 'designer', name: 'Designer', kind: 'human', capacity: 4 }));
  must(c.addPersona({ id: 'qa', name: 'QA Engineer', kind: 'agent' }));
  must(c.addNode({ id: 'ws', kind: 'workstream', title: 'Core Infrastructure', lead: 'dev', support: ['designer', 'qa'] }));
  must(c.addNode({ id: 'a', kind: 'task', title: 'WebSocket server', parent: 'ws', owner: 'dev', estimateDays: 5 }));
  must(c.addNode({ id: 'b', kind: 'task', title: 'Real-time UI', parent: 'ws', owner: 'designer' }));
  must(c.addNode({ id: 'c', kind: 'task', title: 'Load testing', owner: 'qa' }));
  return plan;
}

const task = (node: PlanNode | undefined): TaskNode => {
  if (node?.kind !== 'task') throw new Error(`not a task: ${JSON.stringify(node)}`);
  return node;
};

describe('personas', () => {
  it('adds a persona with a made-up id when none is given', () => {
    const { doc, c } = newPlan('alice');
    const id = must(c.addPersona({ name: 'Data Engineer', kind: 'human', capacity: 3, colour: '#16a34a' }));
    expect(id).toMatch(/^p-/);
    expect(doc.getSnapshot().personas.get(id)).toEqual({ id, name: 'Data Engineer', kind: 'human', capacity: 3, colour: '#16a34a' });
  });

  it('updates name, role and capacity, and shows the change in the snapshot', () => {
    const { doc, c } = teamPlan();
    must(c.updatePersona('designer', { name: 'Lead Designer', role: 'UX', capacity: 2.5 }));
    expect(doc.getSnapshot().personas.get('designer')).toMatchObject({ name: 'Lead Designer', role: 'UX', capacity: 2.5 });
    must(c.updatePersona('designer', { role: null }));
    expect(doc.getSnapshot().personas.get('designer')).not.toHaveProperty('role');
  });

  it('refuses bad persona input and leaves the plan as it was', () => {
    const { doc, c } = teamPlan();
    expectRefused(doc, () => c.addPersona({ id: 'dev', name: 'Another dev', kind: 'human' }), 'personas["dev"]', /already exists/);
    expectRefused(doc, () => c.addPersona({ id: 'x', name: '', kind: 'human' }), /name$/, /non-empty/);
    expectRefused(doc, () => c.addPersona({ id: 'x', name: 'X', kind: 'robot' as 'human' }), /kind$/);
    expectRefused(doc, () => c.addPersona({ id: 'x', name: 'X', kind: 'human', colour: 'teal' }), /colour$/, /#rrggbb/);
    expectRefused(doc, () => c.addPersona({ id: 'has space', name: 'X', kind: 'human' }), /id$/);
    expectRefused(doc, () => c.updatePersona('designer', { capacity: 9 }), /capacity$/, /at most 7/);
    expectRefused(doc, () => c.updatePersona('nobody', { name: 'N' }), 'personas["nobody"]', /no persona/);
    expectRefused(doc, () => c.updatePersona('dev', { id: 'developer' } as never), 'id', /cannot be changed/);
    expectRefused(doc, () => c.removePersona('nobody'), 'personas["nobody"]');
  });

  it('removing a persona unassigns it everywhere and drops its handoffs', () => {
    const { doc, c } = teamPlan();
    must(c.addHandoff({ id: 'h1', task: 'b', from: 'designer', to: 'dev' }));
    must(c.addHandoff({ id: 'h2', task: 'c', from: 'qa', to: 'dev' }));
    const session = must(c.addSession({ date: '2025-03-05', type: 'review', participants: ['designer', 'dev'] }));
    const phase = must(c.addPhase({ name: 'Foundation', agents: ['qa', 'designer'] }));
    must(c.removePersona('designer'));
    const s = doc.getSnapshot();
    expect(s.sessions.get(session)?.participants).toEqual(['dev']);
    expect(s.phases.get(phase)?.agents).toEqual(['qa']);
    expect(s.personas.has('designer')).toBe(false);
    expect(task(s.nodes.get('b')).owner).toBeUndefined();
    expect(s.nodes.get('ws')).toMatchObject({ lead: 'dev', support: ['qa'] });
    expect([...s.handoffs.keys()]).toEqual(['h2']);
    must(c.removePersona('dev'));
    expect(doc.getSnapshot().nodes.get('ws')).not.toHaveProperty('lead');
    expect(doc.getSnapshot().handoffs.size).toBe(0);
  });
});

describe('nodes', () => {
  it('adds nodes of every kind the plan needs', () => {
    const { doc, c } = teamPlan();
    must(c.addNode({ id: 'm', kind: 'milestone', title: 'API Integration Checkpoint', due: '2025-03-17', criteria: [{ text: 'Backend API ready' }] }));
    must(c.addNode({ id: 'g', kind: 'gate', title: 'Pre-Integration Checklist', responsible: 'qa', criteria: [{ text: 'APIs documented', done: true }] }));
    must(c.addNode({ id: 'r', kind: 'risk', title: 'Data model too complex', probability: 'medium', impact: 'high', mitigation: 'More data capacity' }));
    must(c.addNode({ id: 'd', kind: 'decision', title: 'Schema approach', positions: ['normalized', 'denormalized'], rationale: 'Hybrid' }));
    must(c.addNode({ id: 'art', kind: 'artifact', title: 'Protocol contract', contract: true, createdBy: 'dev', usedBy: ['designer'] }));
    const generated = must(c.addNode({ kind: 'feature', title: 'Real-time Collaboration System', description: 'Live co-editing' }));
    expect(generated).toMatch(/^n-/);
    const s = doc.getSnapshot();
    expect(s.nodes.get('m')).toEqual({ id: 'm', kind: 'milestone', title: 'API Integration Checkpoint', due: '2025-03-17', criteria: [{ text: 'Backend API ready' }] });
    expect(s.nodes.get('r')).toMatchObject({ mitigation: 'More data capacity', impact: 'high' });
    expect(s.nodes.get(generated)).toMatchObject({ kind: 'feature', description: 'Live co-editing' });
    expect(Object.isFrozen(s.nodes.get('g'))).toBe(true);
  });

  it('refuses bad node input and leaves the plan as it was', () => {
    const { doc, c } = teamPlan();
    expectRefused(doc, () => c.addNode({ id: 'x', kind: 'task', title: '' }), /title$/, /non-empty title/);
    expectRefused(doc, () => c.addNode({ id: 'x', kind: 'epic', title: 'Epic' } as never), /kind$/, /unknown kind "epic"/);
    expectRefused(doc, () => c.addNode({ id: 'x', kind: 'task', title: 'T', estimateDays: -1 }), /estimateDays$/, /at least 0/);
    expectRefused(doc, () => c.addNode({ id: 'x', kind: 'task', title: 'T', progress: 150 }), /progress$/, /at most 100/);
    expectRefused(doc, () => c.addNode({ id: 'x', kind: 'task', title: 'T', parent: 'nowhere' }), 'parent', /no node with id "nowhere"/);
    expectRefused(doc, () => c.addNode({ id: 'x', kind: 'task', title: 'T', assignee: 'dev' } as never), /x$/, /unknown field "assignee"/);
    expectRefused(doc, () => c.addNode({ id: 'a', kind: 'task', title: 'Again' }), 'nodes["a"]', /already exists/);
    expectRefused(doc, () => c.addNode({ id: 'x', kind: 'milestone', title: 'M', due: 'next week' }), /due$/, /YYYY-MM-DD/);
    expectRefused(doc, () => c.updateNode('a', { estimateDays: 'five' as never }), /estimateDays$/, /expected a number/);
    expectRefused(doc, () => c.updateNode('a', { title: null }), /title$/, /missing/);
    expectRefused(doc, () => c.updateNode('a', { kind: 'milestone' } as never), 'kind', /cannot be changed/);
    expectRefused(doc, () => c.updateNode('a', { lead: 'dev' }), /a$/, /unknown field "lead"/);
    expectRefused(doc, () => c.updateNode('a', { parent: 'a' }), 'parent', /own parent/);
    expectRefused(doc, () => c.updateNode('a', { parent: 'ghost' }), 'parent', /no node with id "ghost"/);
    expectRefused(doc, () => c.updateNode('ghost', { title: 'Boo' }), 'nodes["ghost"]', /no node/);
    expectRefused(doc, () => c.updateNode('a', { status: 'doing' as never }), /status$/, /"active"/);
  });

  it('updates fields, and null clears one', () => {
    const { doc, c } = teamPlan();
    must(c.updateNode('a', { title: 'WebSocket server (staging)', estimateDays: 3, owner: 'qa', description: 'Behind the LB' }));
    expect(doc.getSnapshot().nodes.get('a')).toMatchObject({ title: 'WebSocket server (staging)', estimateDays: 3, owner: 'qa', description: 'Behind the LB' });
    must(c.updateNode('a', { estimateDays: null, parent: null }));
    const a = task(doc.getSnapshot().nodes.get('a'));
    expect(a.estimateDays).toBeUndefined();
    expect(a.parent).toBeUndefined();
  });

  it('status changes stamp startedAt, finishedAt and progress with the injected clock', () => {
    const { doc, c, setNow } = teamPlan();
    setNow('2025-03-04T10:00:00.000Z');
    must(c.updateNode('a', { status: 'active' }));
    let a = task(doc.getSnapshot().nodes.get('a'));
    expect(a).toMatchObject({ status: 'active', startedAt: '2025-03-04T10:00:00.000Z' });
    expect(a.finishedAt).toBeUndefined();
    expect(a.progress).toBeUndefined();

    setNow('2025-03-05T10:00:00.000Z');
    must(c.updateNode('a', { status: 'blocked' }));
    must(c.updateNode('a', { status: 'active' }));
    expect(task(doc.getSnapshot().nodes.get('a')).startedAt).toBe('2025-03-04T10:00:00.000Z'); // started once, not restarted

    setNow('2025-03-07T16:30:00.000Z');
    must(c.updateNode('a', { status: 'done' }));
    a = task(doc.getSnapshot().nodes.get('a'));
    expect(a).toMatchObject({ status: 'done', startedAt: '2025-03-04T10:00:00.000Z', finishedAt: '2025-03-07T16:30:00.000Z', progress: 100 });

    // Reopening clears the finish time but keeps when it started.
    must(c.updateNode('a', { status: 'active' }));
    a = task(doc.getSnapshot().nodes.get('a'));
    expect(a.finishedAt).toBeUndefined();
    expect(a.startedAt).toBe('2025-03-04T10:00:00.000Z');

    // Done straight from todo stamps both; explicit values win over the clock.
    must(c.updateNode('b', { status: 'done', finishedAt: '2025-03-06', progress: 90 }));
    expect(task(doc.getSnapshot().nodes.get('b'))).toMatchObject({ startedAt: '2025-03-07T16:30:00.000Z', finishedAt: '2025-03-06', progress: 90 });
  });

  it('moveNodes moves many nodes at once and refuses unknown nodes or non-finite positions', () => {
    const { doc, c } = teamPlan();
    must(c.moveNodes([
      { id: 'a', position: { x: 10, y: 20 } },
      { id: 'b', position: { x: -30.5, y: 40 } },
      { id: 'c', position: { x: 0, y: 0 } },
    ]));
    const s = doc.getSnapshot();
    expect(s.nodes.get('a')?.position).toEqual({ x: 10, y: 20 });
    expect(s.nodes.get('b')?.position).toEqual({ x: -30.5, y: 40 });
    expect(s.nodes.get('c')?.position).toEqual({ x: 0, y: 0 });
    expectRefused(doc, () => c.moveNodes([{ id: 'a', position: { x: 1, y: 1 } }, { id: 'ghost', position: { x: 1, y: 1 } }]), '[1].id', /no node with id "ghost"/);
    expectRefused(doc, () => c.moveNodes([{ id: 'a', position: { x: Number.NaN, y: 1 } }]), '[0].position.x');
    expectRefused(doc, () => c.moveNodes([{ id: 'b', position: { x: 1, y: Number.POSITIVE_INFINITY } }]), '[0].position.y');
    expect(doc.getSnapshot().nodes.get('a')?.position).toEqual({ x: 10, y: 20 });
  });

  it('removeNodes removes their dependencies and handoffs, and their children lose the parent', () => {
    const { doc, c } = teamPlan();
    must(c.connectTasks({ id: 'e-ab', source: 'a', target: 'b' }));
    must(c.connectTasks({ id: 'e-bc', source: 'b', target: 'c' }));
    must(c.connectTasks({ id: 'e-ac', source: 'a', target: 'c' }));
    must(c.addHandoff({ id: 'h-a', task: 'a', from: 'dev', to: 'qa' }));
    must(c.addHandoff({ id: 'h-c', task: 'c', from: 'qa', to: 'dev' }));
    must(c.removeNodes(['ws', 'a']));
    const s = doc.getSnapshot();
    expect([...s.nodes.keys()].sort()).toEqual(['b', 'c']);
    expect([...s.edges.keys()]).toEqual(['e-bc']);
    expect([...s.handoffs.keys()]).toEqual(['h-c']);
    expect(s.nodes.get('b')?.parent).toBeUndefined();
  });

  it('removeNodes refuses an unknown id and removes nothing', () => {
    const { doc, c } = teamPlan();
    expectRefused(doc, () => c.removeNodes(['a', 'ghost']), 'nodes["ghost"]', /no node with id "ghost"/);
    expect(doc.getSnapshot().nodes.has('a')).toBe(true);
  });
});

describe('dependencies', () => {
  it('connects tasks with a type and note', () => {
    const { doc, c } = teamPlan();
    const id = must(c.connectTasks({ source: 'a', target: 'b', type: 'api', note: 'protocol first' }));
    expect(id).toMatch(/^e-/);
    expect(doc.getSnapshot().edges.get(id)).toEqual({ id, kind: 'dependency', source: 'a', target: 'b', type: 'api', note: 'protocol first' });
    must(c.updateDependency(id, { type: 'data', note: null }));
    expect(doc.getSnapshot().edges.get(id)).toEqual({ id, kind: 'dependency', source: 'a', target: 'b', type: 'data' });
    must(c.removeEdges([id]));
    expect(doc.getSnapshot().edges.size).toBe(0);
  });

  it('refuses a self-loop, a duplicate, missing ends and an unknown type', () => {
    const { doc, c } = teamPlan();
    must(c.connectTasks({ id: 'e1', source: 'a', target: 'b' }));
    expectRefused(doc, () => c.connectTasks({ source: 'a', target: 'a' }), 'target', /"WebSocket server" cannot depend on itself/);
    expectRefused(doc, () => c.connectTasks({ source: 'a', target: 'b' }), 'target', /"Real-time UI" already depends on "WebSocket server"/);
    expectRefused(doc, () => c.connectTasks({ source: 'ghost', target: 'b' }), 'source', /no node with id "ghost"/);
    expectRefused(doc, () => c.connectTasks({ source: 'a', target: 'ghost' }), 'target', /no node with id "ghost"/);
    expectRefused(doc, () => c.connectTasks({ source: 'b', target: 'c', type: 'social' as never }), /type$/);
    expectRefused(doc, () => c.connectTasks({ id: 'e1', source: 'b', target: 'c' }), 'edges["e1"]', /already exists/);
    expectRefused(doc, () => c.removeEdges(['e1', 'ghost']), 'edges["ghost"]');
  });

  it('refuses a cycle and names its tasks in order', () => {
    const { doc, c } = teamPlan();
    must(c.connectTasks({ source: 'a', target: 'b' }));
    must(c.connectTasks({ source: 'b', target: 'c' }));
    const problems = expectRefused(doc, () => c.connectTasks({ source: 'c', target: 'a' }), 'target', /cycle/);
    expect(problems[0]!.message).toContain('WebSocket server → Real-time UI → Load testing → WebSocket server');
    // Re-pointing an existing edge is checked the same way.
    const ac = must(c.connectTasks({ source: 'a', target: 'c' }));
    expectRefused(doc, () => c.updateDependency(ac, { source: 'c', target: 'a' }), 'target', /Real-time UI|cycle/);
  });
});

describe('handoffs', () => {
  it('records a handoff; completing it stamps completedAt', () => {
    const { doc, c, setNow } = teamPlan();
    const id = must(c.addHandoff({ task: 'b', from: 'designer', to: 'dev', reason: 'Designs approved', requirements: 'Figma specs', due: '2025-03-12' }));
    expect(doc.getSnapshot().handoffs.get(id)).toMatchObject({ task: 'b', from: 'designer', to: 'dev', requirements: 'Figma specs' });
    setNow('2025-03-11T15:00:00.000Z');
    must(c.updateHandoff(id, { status: 'completed', notes: 'Walked through the specs' }));
    expect(doc.getSnapshot().handoffs.get(id)).toMatchObject({ status: 'completed', completedAt: '2025-03-11T15:00:00.000Z', notes: 'Walked through the specs' });
    must(c.removeHandoff(id));
    expect(doc.getSnapshot().handoffs.size).toBe(0);
  });

  it('refuses a handoff on a missing task or persona, or with a bad due date', () => {
    const { doc, c } = teamPlan();
    expectRefused(doc, () => c.addHandoff({ task: 'ghost', from: 'designer', to: 'dev' }), 'task', /no node with id "ghost"/);
    expectRefused(doc, () => c.addHandoff({ task: 'b', from: 'designer', to: 'intern' }), 'to', /no persona with id "intern"/);
    expectRefused(doc, () => c.addHandoff({ task: 'b', from: 'pm', to: 'dev' }), 'from', /no persona with id "pm"/);
    expectRefused(doc, () => c.addHandoff({ task: 'b', from: 'designer', to: 'dev', due: 'soon' }), /due$/, /date/);
    expectRefused(doc, () => c.updateHandoff('ghost', { status: 'completed' }), 'handoffs["ghost"]');
    expectRefused(doc, () => c.removeHandoff('ghost'), 'handoffs["ghost"]');
  });
});

describe('sessions and phases', () => {
  it('adds, updates and removes a coordination session', () => {
    const { doc, c } = teamPlan();
    const id = must(c.addSession({ date: '2025-03-03T09:00:00Z', type: 'planning', participants: ['dev', 'qa'], objectives: ['Agree on workstreams'], notes: 'Kickoff' }));
    must(c.updateSession(id, { actionItems: [{ id: 'ai1', text: 'Draft the protocol', persona: 'dev' }], notes: 'Kickoff, all present' }));
    expect(doc.getSnapshot().sessions.get(id)).toMatchObject({ type: 'planning', notes: 'Kickoff, all present', actionItems: [{ id: 'ai1', text: 'Draft the protocol', persona: 'dev' }] });
    expectRefused(doc, () => c.addSession({ date: '2025-03-03', type: 'party' as 'planning' }), /type$/);
    expectRefused(doc, () => c.addSession({ date: 'Monday', type: 'review' }), /date$/);
    expectRefused(doc, () => c.updateSession(id, { actionItems: [{ id: 'ai2', text: '' }] }), /actionItems\[0\]\.text$/);
    expectRefused(doc, () => c.removeSession('ghost'), 'sessions["ghost"]');
    must(c.removeSession(id));
    expect(doc.getSnapshot().sessions.size).toBe(0);
  });

  it('adds, updates and removes a phase', () => {
    const { doc, c } = teamPlan();
    const id = must(c.addPhase({ name: 'Foundation', order: 0, duration: '2 weeks', agents: ['dev'], deliverables: ['Message queue'] }));
    must(c.updatePhase(id, { triggers: ['Kickoff approved'], duration: '3 weeks' }));
    expect(doc.getSnapshot().phases.get(id)).toMatchObject({ name: 'Foundation', duration: '3 weeks', triggers: ['Kickoff approved'] });
    expectRefused(doc, () => c.addPhase({ name: 'Later', order: -1 }), /order$/);
    expectRefused(doc, () => c.updatePhase(id, { name: '' }), /name$/);
    expectRefused(doc, () => c.removePhase('ghost'), 'phases["ghost"]');
    must(c.removePhase(id));
    expect(doc.getSnapshot().phases.size).toBe(0);
  });
});

describe('status broadcasts', () => {
  it('records a PACT status with the time it arrived', () => {
    const { doc, c, setNow } = teamPlan();
    setNow('2025-03-07T14:05:00.000Z');
    const id = must(c.recordBroadcast({ agent_id: 'dev', status: 'working', current_task: 'WebSocket server', progress_percentage: 60 }));
    expect(doc.getSnapshot().broadcasts).toEqual([
      { id, receivedAt: '2025-03-07T14:05:00.000Z', status: { agent_id: 'dev', status: 'working', current_task: 'WebSocket server', progress_percentage: 60 } },
    ]);
  });

  it('refuses a payload that is not PACT status JSON', () => {
    const { doc, c } = teamPlan();
    expectRefused(doc, () => c.recordBroadcast({ agent_id: 'dev', status: 'sleeping' }), 'status', /"working"/);
    expectRefused(doc, () => c.recordBroadcast({ agent_id: 'dev', status: 'working', progress_percentage: 150 }), 'progress_percentage');
    expectRefused(doc, () => c.recordBroadcast({ status: 'working' }), 'agent_id', /missing/);
    expectRefused(doc, () => c.recordBroadcast({ agent_id: 'dev', status: 'working', mood: 'great' }), '', /unknown field "mood"/);
    expectRefused(doc, () => c.recordBroadcast('{"agent_id":"dev"}'), '', /object/);
    expect(doc.getSnapshot().broadcasts).toEqual([]);
  });
});

describe('texts and plan meta', () => {
  it('sets playbook and reflection texts, and edits them in place', () => {
    const { doc, c } = teamPlan();
    must(c.setPlaybookText('communication', 'Daily standups at 9.'));
    must(c.setPlaybookText('communication', 'Daily standups at 9:30.'));
    must(c.setReflectionText('lessonsLearned', 'Agree on contracts first.'));
    const s = doc.getSnapshot();
    expect(s.playbook).toEqual({ communication: 'Daily standups at 9:30.' });
    expect(s.reflection).toEqual({ lessonsLearned: 'Agree on contracts first.' });
    expectRefused(doc, () => c.setPlaybookText('war room', 'x'), /^playbook/);
    expectRefused(doc, () => c.setPlaybookText('', 'x'), /^playbook/);
    expectRefused(doc, () => c.setReflectionText('vibes', 'good'), 'reflection.vibes', /unknown section/);
  });

  it('setPlanMeta changes title, requirements, phase and timeline; null clears', () => {
    const { doc, c } = teamPlan();
    must(c.setPlanMeta({ title: 'RTC v2', requirements: 'Sub-second sync', phase: 'Implementation', timelineStart: '2025-03-03', timelineEnd: '2025-03-28' }));
    expect(doc.getSnapshot().meta).toEqual({ title: 'RTC v2', requirements: 'Sub-second sync', phase: 'Implementation', timelineStart: '2025-03-03', timelineEnd: '2025-03-28' });
    must(c.setPlanMeta({ requirements: 'Sub-second sync for 50 users', phase: null }));
    expect(doc.getSnapshot().meta).toEqual({ title: 'RTC v2', requirements: 'Sub-second sync for 50 users', timelineStart: '2025-03-03', timelineEnd: '2025-03-28' });
    expect(doc.ydoc.getMap('meta').get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('setPlanMeta refuses bad input', () => {
    const { doc, c } = teamPlan();
    expectRefused(doc, () => c.setPlanMeta({ title: '' }), 'meta.title', /non-empty/);
    expectRefused(doc, () => c.setPlanMeta({ title: null }), 'meta.title', /missing/);
    expectRefused(doc, () => c.setPlanMeta({ timelineStart: '3 March' }), 'meta.timelineStart', /YYYY-MM-DD/);
    expectRefused(doc, () => c.setPlanMeta({ budget: 5 } as never), 'meta', /unknown field "budget"/);
    expectRefused(doc, () => c.setPlanMeta({ schemaVersion: 99 } as never), 'meta', /unknown field "schemaVersion"/);
    expect(doc.getSnapshot().meta.title).toBe('Real-time Collaboration System');
  });
});

describe('timestamps come from the injected clock', () => {
  it('uses T0 when nothing else was set', () => {
    const { doc, c } = teamPlan();
    must(c.updateNode('c', { status: 'active' }));
    expect(task(doc.getSnapshot().nodes.get('c')).startedAt).toBe(T0.toISOString());
  });
});
