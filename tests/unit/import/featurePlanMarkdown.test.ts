import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanJson, PlanDocument } from '../../../shared/doc';
import { exportFeaturePlan } from '../../../shared/export/featurePlan';
import { importFeaturePlanMarkdown, type FeaturePlanImport } from '../../../shared/import/featurePlanMarkdown';
import { formatProblems, parsePlanJson, type PlanJson } from '../../../shared/model';
import { EXAMPLE_PLAN } from '../../../shared/model/examplePlan';

const REPO = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(REPO, file), 'utf8');

function readPlan(file: string): PlanJson {
  const parsed = parsePlanJson(read(file));
  if (!parsed.ok) throw new Error(formatProblems(parsed.error));
  return parsed.value;
}

function exported(plan: PlanJson): string {
  const d = new PlanDocument({ actor: 't' });
  loadPlanJson(d.ydoc, plan);
  return exportFeaturePlan(d.getSnapshot());
}

function parsePlanJsonOrThrow(value: unknown): PlanJson {
  const parsed = parsePlanJson(value);
  if (!parsed.ok) throw new Error(formatProblems(parsed.error));
  return parsed.value;
}

/** The imported plan, failing the test on an error; the plan must pass the interchange schema. */
function imported(markdown: string): { plan: PlanJson; report: readonly string[] } {
  const result: FeaturePlanImport = importFeaturePlanMarkdown(markdown);
  if ('error' in result) throw new Error(result.error);
  const again = parsePlanJson(JSON.stringify(result.plan));
  if (!again.ok) throw new Error(formatProblems(again.error));
  return result;
}

/** What a feature plan document carries: workstreams, tasks with owners, dependencies, all by names. */
function outline(plan: PlanJson) {
  const title = (id: string) => plan.nodes.find((n) => n.id === id)?.title ?? `?${id}`;
  const persona = (id: string | undefined) => (id === undefined ? null : (plan.personas.find((p) => p.id === id)?.name ?? `?${id}`));
  return {
    workstreams: plan.nodes
      .filter((n) => n.kind === 'workstream')
      .map((n) => n.title)
      .sort(),
    tasks: plan.nodes
      .filter((n) => n.kind === 'task')
      .map((n) => `${n.title} <- ${n.kind === 'task' ? persona(n.owner) : ''}`)
      .sort(),
    dependencies: [...new Set(plan.edges.map((e) => `${title(e.source)} -> ${title(e.target)}`))].sort(),
  };
}

const byTitle = (plan: PlanJson, title: string) => {
  const found = plan.nodes.filter((n) => n.title === title);
  expect(found, `one node titled "${title}"`).toHaveLength(1);
  return found[0]!;
};
const personaName = (plan: PlanJson, id: string | undefined) => plan.personas.find((p) => p.id === id)?.name;

describe('importFeaturePlanMarkdown', () => {
  describe.each([
    ['realtime-collab.json', () => readPlan('tests/fixtures/realtime-collab.json')],
    ['EXAMPLE_PLAN', () => EXAMPLE_PLAN],
  ])('round trip of %s through the feature plan document', (_, load) => {
    const original = load();
    const { plan, report } = imported(exported(original));

    it('gives back the same workstreams, tasks, owners and dependencies', () => {
      const before = outline(original);
      const after = outline(plan);
      expect(after.workstreams).toEqual(before.workstreams);
      expect(after.tasks).toEqual(before.tasks);
      expect(after.dependencies).toEqual(before.dependencies);
      expect(after.tasks.length).toBeGreaterThan(10);
      expect(after.dependencies.length).toBeGreaterThan(10);
    });

    it('keeps the plan facts the document shows', () => {
      expect(plan.title).toBe(original.title);
      expect(plan.phase).toBe(original.phase);
      expect(plan.requirements).toBe(original.requirements);
      expect(plan.timelineStart).toBe(original.timelineStart);
      expect(plan.personas.map((p) => [p.name, p.kind, p.capacity, p.role]).sort()).toEqual(original.personas.map((p) => [p.name, p.kind, p.capacity, p.role]).sort());
      for (const ws of original.nodes.filter((n) => n.kind === 'workstream')) {
        const back = byTitle(plan, ws.title);
        if (back.kind !== 'workstream') throw new Error('not a workstream');
        expect(personaName(plan, back.lead)).toBe(personaName(original, ws.lead));
        expect((back.support ?? []).map((id) => personaName(plan, id))).toEqual((ws.support ?? []).map((id) => personaName(original, id)));
        expect([back.startWeek, back.endWeek, back.deliverables]).toEqual([ws.startWeek, ws.endWeek, ws.deliverables]);
      }
      for (const t of original.nodes.filter((n) => n.kind === 'task')) {
        const back = byTitle(plan, t.title);
        if (back.kind !== 'task') throw new Error('not a task');
        expect([back.status ?? 'todo', back.estimateDays, back.status === 'done' ? undefined : back.progress]).toEqual([
          t.status ?? 'todo',
          t.estimateDays,
          t.status === 'done' ? undefined : t.progress,
        ]);
      }
      for (const kind of ['milestone', 'gate', 'decision', 'artifact'] as const) {
        expect(
          plan.nodes
            .filter((n) => n.kind === kind)
            .map((n) => n.title)
            .sort(),
        ).toEqual(
          original.nodes
            .filter((n) => n.kind === kind)
            .map((n) => n.title)
            .sort(),
        );
      }
    });

    it('reports only what the document computes or does not carry', () => {
      expect(report.filter((line) => !/^Computed from the plan|coordination session/.test(line))).toEqual([]);
    });

    it('makes the same ids and the same plan every time', () => {
      expect(imported(exported(original)).plan).toEqual(plan);
    });
  });

  it('reads open risks, decisions, milestones, gates, artifacts and playbook texts back', () => {
    const { plan } = imported(exported(readPlan('tests/fixtures/realtime-collab.json')));
    const risk = byTitle(plan, 'Data model complexity higher than estimated');
    expect(risk).toMatchObject({ kind: 'risk', probability: 'medium', impact: 'high', mitigation: 'Bringing in additional Data Engineer capacity', state: 'open' });
    const decision = byTitle(plan, 'Database schema approach');
    expect(decision).toMatchObject({ kind: 'decision', rationale: 'Balances both needs with acceptable complexity', positions: ['Developer: normalized schema for consistency', 'Data Engineer: denormalized for performance'] });
    expect(byTitle(plan, 'API Integration Checkpoint')).toMatchObject({ kind: 'milestone', due: '2025-03-17', criteria: [{ text: 'Backend API ready for frontend consumption', done: true }, { text: 'Integration test environment available' }, { text: 'Mock data generators ready' }] });
    expect(byTitle(plan, 'Pre-Integration Checklist')).toMatchObject({ kind: 'gate', trigger: 'Before the API Integration Checkpoint', responsible: 'qa-engineer' });
    expect(byTitle(plan, 'WebSocket protocol contract')).toMatchObject({ kind: 'artifact', contract: true, status: 'agreed', createdBy: 'architect' });
    expect(plan.playbook).toEqual({
      communication: 'Daily standups for blockers; twice-weekly integration meetings; weekly stakeholder updates.',
      'conflict-resolution': 'Document competing approaches, assess impact, bring the personas together, decide, record the rationale.',
      review: 'Design reviews before implementation; code review across team boundaries.',
    });
  });

  it('reads a document written by hand from the template: its drawn tree, its matrix in a code block, its examples', () => {
    const { plan, report } = imported(read('tests/fixtures/markdown/hand-written-feature-plan.md'));
    expect(plan.title).toBe('Real-time Collaboration System');
    expect(plan.phase).toBe('Discovery through Implementation');
    expect([plan.timelineStart, plan.timelineEnd]).toEqual(['2025-03-03', '2025-04-25']);
    const feature = byTitle(plan, 'Real-time Collaboration System');
    expect(feature).toMatchObject({ kind: 'feature', description: 'Live co-editing of one document with conflict resolution and presence indicators.' });

    const groups = plan.nodes.filter((n) => n.kind === 'workstream');
    expect(groups.map((w) => w.title)).toEqual(['Backend Components', 'Frontend Components', 'Infrastructure', 'Quality Assurance']);
    expect(groups.map((w) => (w.kind === 'workstream' ? [personaName(plan, w.lead), ...(w.support ?? []).map((id) => personaName(plan, id))] : []))).toEqual([
      ['Developer', 'Data Engineer'],
      ['Developer', 'Designer'],
      ['DevOps', 'Data Engineer'],
      ['QA Engineer'],
    ]);
    expect(byTitle(plan, 'Backend Components')).toMatchObject({ startWeek: 1, endWeek: 3, deliverables: ['WebSocket infrastructure', 'Conflict resolution engine'] });
    const backend = byTitle(plan, 'Backend Components').id;
    expect(
      plan.nodes
        .filter((n) => n.parent === backend)
        .map((n) => n.title),
    ).toEqual(['WebSocket infrastructure', 'Conflict resolution engine', 'Data synchronization layer']);

    // The matrix: both columns become dependencies; names match whatever their case.
    const deps = outline(plan).dependencies;
    expect(deps).toEqual(
      [
        'Infrastructure setup -> WebSocket Server',
        'WebSocket Server -> Frontend integration',
        'Data model design -> Conflict Engine',
        'Conflict Engine -> UI conflict display',
        'WebSocket Server -> Real-time UI',
        'API design -> Real-time UI',
        'Real-time UI -> User testing',
        'All components complete -> Load Testing',
        'Load Testing -> Production release',
      ].sort(),
    );
    // Names of the matrix that the tree does not have become tasks, and the report says so.
    for (const name of ['WebSocket Server', 'Infrastructure setup', 'All components complete', 'Production release']) {
      expect(byTitle(plan, name).kind).toBe('task');
      expect(report.some((line) => line.includes(`"${name}" is in the dependency matrix but not in the decomposition tree`))).toBe(true);
    }
    expect(report.some((line) => line.includes('"WebSocket server" is in the dependency matrix'))).toBe(false);

    expect(plan.personas.map((p) => p.name)).toEqual(['Developer', 'Data Engineer', 'Designer', 'DevOps Engineer', 'QA Engineer', 'DevOps']);
    expect(plan.personas.find((p) => p.name === 'Data Engineer')?.capacity).toBe(4);
    expect(plan.personas.find((p) => p.name === 'QA Engineer')?.kind).toBe('agent');
    expect(report.some((line) => line.includes('"DevOps" is not among the Available Resources'))).toBe(true);

    expect(byTitle(plan, 'API Integration Checkpoint')).toMatchObject({ kind: 'milestone', description: 'Week 3', criteria: [{ text: 'Backend API ready for frontend consumption' }, { text: 'Integration test environment available' }] });
    expect(byTitle(plan, 'Pre-Integration Checklist')).toMatchObject({ kind: 'gate', criteria: [{ text: 'All APIs documented with examples' }, { text: 'Error handling implemented consistently', done: true }] });
    expect(byTitle(plan, 'Database schema approach')).toMatchObject({
      kind: 'decision',
      impact: 'Hybrid approach with normalized core and denormalized views',
      positions: ['Developer: Normalized schema for consistency', 'Data Engineer: Denormalized for performance'],
    });
    expect(plan.playbook?.sync).toContain('Daily Standups');
  });

  it('imports what it can from a document with garbage in it, and lists every problem', () => {
    const { plan, report } = imported(read('tests/fixtures/markdown/garbage-feature-plan.md'));
    expect(plan.title).toBe('Search revamp');
    expect(outline(plan)).toEqual({
      workstreams: ['Indexing', 'Search UI'],
      tasks: ['Build the index <- Developer', 'Query API <- null', 'Results page <- Designer', 'Tune ranking <- Designer'],
      dependencies: ['Build the index -> Results page', 'Build the index -> Tune ranking', 'Query API -> Results page', 'Tune ranking -> Results page'],
    });
    const expected = [
      /header line "Mood" is not part of the template/,
      /could not read paragraph "Some stray paragraph/,
      /capacity of 12 days per week is more than 7/,
      /no dates .* "sometime next spring"/,
      /"Budget" is not an input of the template/,
      /"Ghost Persona" is not among the Available Resources/,
      /"Tune ranking" names several personas/,
      /cannot read "\(Designer\) trailing words" after workstream "Search UI"/,
      /could not read code block "console.log/,
      /"Query API" is in the dependency matrix but not in the decomposition tree/,
      /a matrix row without a component/,
      /"Build the index" cannot depend on itself/,
      /a matrix row has 5 cells where the header has 4/,
      /could not read table "Name \| Value"/,
      /due date "next Tuesday" of "Beta launch"/,
      /cannot read "Mood: good" of milestone "Beta launch"/,
      /"Random Notes": not a section of the feature plan template/,
    ];
    expect(report).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(report[i]).toMatch(pattern));
    expect(report.every((line) => /\(line \d+\)$/.test(line))).toBe(true);
  });

  it('keeps names with commas together when the tree knows them, and gives duplicate titles distinct ids', () => {
    const markdown = [
      '# Coordinate Multi-Persona Feature',
      '',
      '### 1. Feature Decomposition & Analysis',
      '',
      '- Feature: Shop',
      '  - **Web** (Developer)',
      '    - Build, test and ship (Developer) — todo, 2 days',
      '    - Caching (Developer) — todo',
      '  - **Ops** (Developer)',
      '    - Caching (unassigned) — todo',
      '',
      '### 2. Dependency Mapping',
      '',
      '| Component | Depends On | Blocks | Critical Path |',
      '| --- | --- | --- | --- |',
      '| caching | Build, test and ship | none | No |',
      '',
    ].join('\n');
    const { plan, report } = imported(markdown);
    expect(plan.nodes.filter((n) => n.title === 'Caching').map((n) => n.id)).toEqual(['t-caching', 't-caching-2']);
    expect(outline(plan).dependencies).toEqual(['Build, test and ship -> Caching']);
    expect(plan.edges[0]!.target).toBe('t-caching');
    expect(report).toContain('1. Feature Decomposition & Analysis: two tasks are named "Caching"; names in the matrix refer to the first (line 10)');
  });

  it('round-trips nested components, support-only workstreams, unowned tasks, commas, parentheses and parent loops', () => {
    const original = parsePlanJsonOrThrow({
      format: 'baton-plan',
      version: 1,
      title: 'Edge cases',
      requirements: 'Line one\nLine two # not a heading',
      personas: [
        { id: 'a', name: 'Alice', kind: 'human' },
        { id: 'b', name: 'Bob', kind: 'agent', capacity: 2 },
      ],
      nodes: [
        { id: 'ws', kind: 'workstream', title: 'Support only', support: ['b'] },
        { id: 'empty', kind: 'workstream', title: 'Empty' },
        { id: 't1', kind: 'task', title: 'Parent task (v2)', parent: 'ws' },
        { id: 't2', kind: 'task', title: 'Child, with comma', parent: 't1', owner: 'a', estimateDays: 1 },
        { id: 't3', kind: 'task', title: 'Loose', estimateDays: 2, status: 'blocked' },
        { id: 'x', kind: 'task', title: 'Loop A', parent: 'y' },
        { id: 'y', kind: 'task', title: 'Loop B', parent: 'x' },
      ],
      edges: [
        { id: 'e1', kind: 'dependency', source: 't2', target: 't3' },
        { id: 'e2', kind: 'dependency', source: 't1', target: 't3' },
      ],
    });
    const { plan } = imported(exported(original));
    expect(outline(plan)).toEqual(outline(original));
    expect(plan.requirements).toBe(original.requirements);
    expect(byTitle(plan, 'Support only')).toMatchObject({ kind: 'workstream', support: ['bob'] });
    expect(byTitle(plan, 'Support only')).not.toHaveProperty('lead');
    expect(byTitle(plan, 'Child, with comma').parent).toBe(byTitle(plan, 'Parent task (v2)').id);
    expect(byTitle(plan, 'Loose')).toMatchObject({ status: 'blocked', estimateDays: 2 });
  });

  it('reads the empty plan export as an empty plan', () => {
    const { plan } = imported(exported({ format: 'baton-plan', version: 1, title: 'Minimal plan', personas: [], nodes: [], edges: [] }));
    expect(plan).toEqual({ format: 'baton-plan', version: 1, title: 'Minimal plan', personas: [], nodes: [], edges: [] });
  });

  it('refuses input that is not a feature plan', () => {
    for (const markdown of ['', '   \n', '# Shopping list\n\n- milk\n- bread\n', read('tests/fixtures/templates/persona-coordination.md')]) {
      const result = importFeaturePlanMarkdown(markdown);
      expect(result).toHaveProperty('error');
      expect('error' in result && result.error).toMatch(/^not a feature plan/);
    }
  });
});
