import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN } from '../../../shared/model/examplePlan';
import { formatProblems, parsePlanJson, type PlanNode } from '../../../shared/model';
import { topologicalOrder } from '../../../shared/planning/graph';

const nodes = EXAMPLE_PLAN.nodes;
const byTitle = (title: string): PlanNode => {
  const found = nodes.filter((n) => n.title === title);
  if (found.length !== 1) throw new Error(`expected one node titled "${title}", found ${found.length}`);
  return found[0]!;
};
const personaName = (id: string | undefined) => EXAMPLE_PLAN.personas.find((p) => p.id === id)?.name;
/** Titles of the nodes `title` directly depends on. */
const dependsOn = (title: string) =>
  EXAMPLE_PLAN.edges
    .filter((e) => e.target === byTitle(title).id)
    .map((e) => nodes.find((n) => n.id === e.source)!.title)
    .sort();
/** Titles of the nodes `title` directly blocks. */
const blocks = (title: string) =>
  EXAMPLE_PLAN.edges
    .filter((e) => e.source === byTitle(title).id)
    .map((e) => nodes.find((n) => n.id === e.target)!.title)
    .sort();

describe('EXAMPLE_PLAN', () => {
  it('is valid interchange JSON, references included', () => {
    const parsed = parsePlanJson(JSON.stringify(EXAMPLE_PLAN));
    if (!parsed.ok) throw new Error(formatProblems(parsed.error));
    expect(parsed.value).toEqual(EXAMPLE_PLAN);
  });

  it('has the personas of the template, each with its own colour; only the Orchestrator is an agent', () => {
    expect(EXAMPLE_PLAN.personas.map((p) => p.name).sort()).toEqual(
      ['Architect', 'Data Engineer', 'Designer', 'Developer', 'DevOps Engineer', 'Orchestrator', 'QA Engineer'].sort(),
    );
    const colours = EXAMPLE_PLAN.personas.map((p) => p.colour);
    expect(colours.every((c) => c !== undefined)).toBe(true);
    expect(new Set(colours).size).toBe(colours.length);
    expect(EXAMPLE_PLAN.personas.filter((p) => p.kind === 'agent').map((p) => p.name)).toEqual(['Orchestrator']);
  });

  it('has one feature and the four workstreams of "Define Workstreams", with leads, support, weeks and deliverables', () => {
    expect(nodes.filter((n) => n.kind === 'feature').map((n) => n.title)).toEqual(['Real-time Collaboration System']);
    const workstreams = nodes.filter((n) => n.kind === 'workstream');
    expect(workstreams.map((w) => w.title)).toEqual(['Core Infrastructure', 'Data Layer', 'API Design', 'UI/UX Design']);
    const summary = workstreams.map((w) =>
      w.kind === 'workstream' ? [w.title, personaName(w.lead), (w.support ?? []).map(personaName), w.startWeek, w.endWeek, w.deliverables] : [],
    );
    expect(summary).toEqual([
      ['Core Infrastructure', 'DevOps Engineer', ['Data Engineer'], 1, 2, ['Message queue setup', 'WebSocket infrastructure', 'Monitoring and alerting']],
      ['Data Layer', 'Data Engineer', ['Developer'], 1, 3, ['Conflict resolution data model', 'Synchronization schema', 'Performance optimization']],
      ['API Design', 'Architect', ['Developer', 'Designer'], 1, 2, ['WebSocket protocol design', 'REST API extensions', 'Error handling standards']],
      ['UI/UX Design', 'Designer', ['Developer'], 1, 2, ['Collaboration indicators design', 'Conflict resolution UI', 'Real-time feedback patterns']],
    ]);
  });

  it('gives every task an owner, an estimate in days and status todo', () => {
    const tasks = nodes.filter((n) => n.kind === 'task');
    expect(tasks.length).toBeGreaterThanOrEqual(20);
    for (const t of tasks) {
      if (t.kind !== 'task') continue;
      expect(personaName(t.owner), `${t.title} owner`).toBeDefined();
      expect(t.estimateDays, `${t.title} estimate`).toBeGreaterThan(0);
      expect(t.status, t.title).toBe('todo');
    }
  });

  it('holds every component of the decomposition tree, in the workstream that builds it', () => {
    const workstreamOf = (title: string) => nodes.find((n) => n.id === byTitle(title).parent)!.title;
    const expected: Record<string, string> = {
      'WebSocket infrastructure': 'Core Infrastructure',
      'Conflict resolution engine': 'Data Layer',
      'Data synchronization layer': 'Data Layer',
      'Real-time UI updates': 'UI/UX Design',
      'Collaboration indicators': 'UI/UX Design',
      'Conflict resolution UI': 'UI/UX Design',
      'Message queue setup': 'Core Infrastructure',
      'Caching layer': 'Core Infrastructure',
      'Database optimization': 'Data Layer',
      // Quality Assurance spans the workstreams: its components hang off the feature.
      'Real-time testing framework': 'Real-time Collaboration System',
      'Load testing scenarios': 'Real-time Collaboration System',
      'Conflict simulation tests': 'Real-time Collaboration System',
    };
    for (const [component, workstream] of Object.entries(expected)) expect(workstreamOf(component), component).toBe(workstream);
    // Every workstream deliverable is a node too (as a task, or the design task that yields it).
    const mentions = (n: PlanNode, d: string) => n.title === d || (n.description ?? '').toLowerCase().includes(d.toLowerCase());
    for (const w of nodes) if (w.kind === 'workstream') for (const d of w.deliverables ?? []) expect(nodes.some((n) => mentions(n, d)), d).toBe(true);
  });

  it('reproduces the dependency matrix of the template', () => {
    // | Component        | Depends On                   | Blocks               |
    // | WebSocket Server | Infrastructure setup         | Frontend integration |
    // | Conflict Engine  | Data model design            | UI conflict display  |
    // | Real-time UI     | WebSocket server, API design | User testing         |
    // | Load Testing     | All components complete      | Production release   |
    expect(dependsOn('WebSocket server')).toContain('Infrastructure setup');
    expect(dependsOn('Conflict resolution engine')).toContain('Data model design');
    expect(dependsOn('Real-time UI updates')).toEqual(expect.arrayContaining(['WebSocket server', 'API design']));
    const components = [
      'WebSocket infrastructure',
      'WebSocket server',
      'Conflict resolution engine',
      'Data synchronization layer',
      'Real-time UI updates',
      'Collaboration indicators',
      'Conflict resolution UI',
      'Message queue setup',
      'Caching layer',
      'Database optimization',
    ];
    expect(dependsOn('Load testing scenarios')).toEqual(expect.arrayContaining(components));

    expect(blocks('WebSocket server')).toContain('Frontend integration');
    expect(blocks('Conflict resolution engine')).toContain('Conflict resolution UI');
    expect(EXAMPLE_PLAN.edges.find((e) => e.source === byTitle('Conflict resolution engine').id && e.target === byTitle('Conflict resolution UI').id)?.note).toBe(
      'UI conflict display',
    );
    expect(blocks('Real-time UI updates')).toContain('User testing');
    expect(blocks('Load testing scenarios')).toContain('Production release');
  });

  it('has the Integration Timeline milestones and the quality gates, with their checklists', () => {
    const checklist = (title: string) => {
      const n = byTitle(title);
      return n.kind === 'milestone' || n.kind === 'gate' ? [n.kind, n.description ?? null, (n.criteria ?? []).map((c) => c.text)] : [];
    };
    expect(checklist('API Integration Checkpoint')).toEqual([
      'milestone',
      'Week 3',
      ['Backend API ready for frontend consumption', 'Integration test environment available', 'Mock data generators ready'],
    ]);
    expect(checklist('Full Stack Integration')).toEqual(['milestone', 'Week 4', ['End-to-end flow working', 'Performance benchmarks met', 'Error scenarios handled']]);
    expect(checklist('Pre-Integration Checklist')[2]).toEqual([
      'All APIs documented with examples',
      'Error handling implemented consistently',
      'Performance benchmarks defined',
      'Security requirements addressed',
      'Monitoring hooks in place',
    ]);
    expect(blocks('Pre-Integration Checklist')).toEqual(['API Integration Checkpoint']);
    expect(checklist('Pre-Release Checklist')[0]).toBe('gate');
    expect(blocks('Pre-Release Checklist')).toEqual(['Production release']);
  });

  it('is acyclic and leaves positions to auto-layout', () => {
    const result = topologicalOrder(
      nodes.map((n) => n.id),
      EXAMPLE_PLAN.edges,
    );
    expect(result.cycle).toBeNull();
    expect(nodes.filter((n) => n.position !== undefined)).toEqual([]);
  });
});
