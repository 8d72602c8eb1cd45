import type { Code, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { exportPactAction } from '../../../shared/export/pactAction';
import { pactSectionOf, playbookBySection } from '../../../shared/export/pactSections';
import { documentHeadings, type DocumentHeading } from '../../../shared/export/templateHeadings';
import type { PlanJson } from '../../../shared/model';
import { computeSchedule } from '../../../shared/planning';
import { asPlan, describeEachPlan, expectGolden, minimal, nodesOfType, PLANS, readRepoFile, reversed, section, snapshotOf } from './exportTestSupport';

const TEMPLATE = readRepoFile('tests/fixtures/templates/pact-action-phase.md');

/** Phases as the document orders them: by `order` (none last), then name. */
function phaseNames(plan: PlanJson): string[] {
  return [...(plan.phases ?? [])]
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => p.name);
}

/** Gates as the document orders them: by earliest start, then title. */
function gateTitles(plan: PlanJson): string[] {
  const snapshot = snapshotOf(plan);
  const schedule = computeSchedule(snapshot);
  const start = (id: string) => (schedule.ok ? schedule.byId.get(id)!.earlyStart : 0);
  return plan.nodes
    .filter((n) => n.kind === 'gate')
    .sort((a, b) => start(a.id) - start(b.id) || (a.title < b.title ? -1 : 1))
    .map((n) => n.title);
}

/** The template's headings with the example phases and gates replaced by the plan's. */
function expectedHeadings(phases: readonly string[], gates: readonly string[]): DocumentHeading[] {
  const out: DocumentHeading[] = [];
  const done = new Set<string>();
  const placeholders: [RegExp, string, readonly string[]][] = [
    [/^Sprint\/Phase \d+: \[PHASE_NAME\]$/, 'Sprint/Phase', phases],
    [/^Gate \d+: \[GATE_NAME\]$/, 'Gate', gates],
  ];
  for (const h of documentHeadings(TEMPLATE)) {
    const p = placeholders.find(([re]) => re.test(h.text));
    if (!p) out.push(h);
    else if (!done.has(p[1])) {
      done.add(p[1]);
      out.push(...p[2].map((name, i) => ({ depth: h.depth, text: `${p[1]} ${i + 1}: ${name}` })));
    }
  }
  return out;
}

/** The keys of the template's status JSON, in order. */
const TEMPLATE_STATUS_KEYS = Object.keys(JSON.parse(/```json\n([\s\S]*?)```/.exec(TEMPLATE)![1]!) as object);

describe('exportPactAction', () => {
  describeEachPlan(exportPactAction, (name, plan, markdown) => {
    it('matches its golden file byte for byte', () => expectGolden(`pact-action.${name}.md`, markdown));

    it("has the template's headings in order, one per phase and per gate in place of the examples", () => {
      expect(documentHeadings(markdown)).toEqual(expectedHeadings(phaseNames(plan), gateTitles(plan)));
    });

    it('gives the same bytes on a second run and for the plan loaded in another order', () => {
      expect(exportPactAction(snapshotOf(plan))).toBe(markdown);
      expect(exportPactAction(snapshotOf(reversed(plan)))).toBe(markdown);
    });

    it('keeps every table rectangular', () => {
      for (const t of nodesOfType<Table>(markdown, 'table')) {
        const columns = t.children[0]!.children.length;
        for (const row of t.children) expect(row.children.length).toBe(columns);
      }
    });
  });

  it('fills the document of the rich plan from the plan', () => {
    const markdown = exportPactAction(snapshotOf(PLANS['realtime-collab']!()));
    expect(section(markdown, 'Project Context')).toContain('- **Project Name**: Real-time Collaboration System\n- **Current Phase**: Implementation');
    expect(markdown).toContain('- **Execution Timeline**: 2025-03-03 - 2025-03-28 (17 working days of scheduled work, finishing day 17 (2025-03-26))');
    expect(section(markdown, 'Sprint/Phase 1: Foundation')).toContain('- **Duration**: 2 weeks\n- **Primary Agents**: DevOps Engineer, Architect, Data Engineer\n- **Key Deliverables**:\n  - Message queue');
    expect(section(markdown, 'Agent Activation Triggers')).toContain('- **Developer, QA Engineer** activate when (phase Integration):\n  - Pre-Integration Checklist passed');
    expect(section(markdown, 'Parallel Execution Coordination')).toContain('  - Data Layer — lead Data Engineer, support Developer, weeks 1–3, 20% done');
    expect(section(markdown, 'Parallel Execution Coordination')).toContain('- **Conflict Prevention**: Document competing approaches');
    expect(section(markdown, 'Parallel Execution Coordination')).toContain('  - API Integration Checkpoint — due 2025-03-17, 1 of 3 criteria met');
    expect(section(markdown, 'Reallocation Triggers')).toContain('  - DevOps Engineer in week 1: 7 days scheduled, capacity 4.5');
    expect(section(markdown, 'Reallocation Triggers')).toContain('  - WebSocket protocol design: took 3 working days, estimated 2');
    expect(section(markdown, 'Reallocation Process')).toContain('- WebSocket protocol design: Architect to Developer, completed 2025-03-05T16:20:00Z');
    expect(section(markdown, 'Peer Review Mechanisms')).toContain('Design reviews before implementation');
    expect(section(markdown, 'Review Process')).toContain('_Covered by the Peer Review Mechanisms text above._');
    expect(section(markdown, 'Coordination Metrics')).toContain('- **Cross-Persona Dependencies**: 10 (3 resolved, 7 open)\n- **Handoffs**: 1 pending, 1 completed');
    expect(section(markdown, 'System-Wide Metrics')).toContain('- **Overall Progress**: 32.8% (3 of 14 tasks done)');
    expect(section(markdown, 'System-Wide Metrics')).toContain('- **Critical Tasks**: 4: Conflict resolution data model, Conflict resolution engine, Conflict resolution UI, Load testing scenarios');
    expect(section(markdown, 'Bottleneck Types')).toMatch(/\| DevOps Engineer +\| Week 1 \(from 2025-03-03\) +\| 7 +\| 4\.5 +\|/);
    expect(section(markdown, 'Bottleneck Types')).toContain('- Conflict resolution engine (Developer) — marked blocked; waiting on Conflict resolution data model');
    expect(section(markdown, 'Real-Time Risk Monitoring')).toMatch(/\| Data model complexity higher than estimated +\| Medium +\| High +\|/);
    expect(section(markdown, 'Gate 1: Pre-Integration Checklist')).toContain('- **Criteria**:\n  - [x] All APIs documented with examples\n  - [ ] Error handling implemented consistently');
    expect(section(markdown, 'Gate 1: Pre-Integration Checklist')).toContain('- **Responsible Agent**: QA Engineer\n- **Pass/Fail Actions**:\n  - **Pass**: Open the integration environment');
    // Each reflection text comes first, then the evidence it is about.
    const execution = section(markdown, 'Execution Effectiveness Analysis');
    expect(execution.startsWith('\nInfrastructure landed on time; the data layer slipped by three days.\n\n**Evidence**\n')).toBe(true);
    expect(execution).toContain('- Tasks: 14, started 5, done 3\n');
    expect(execution).toContain('- Critical-path slip: no baseline chosen');
    expect(execution).toMatch(/\| Core Infrastructure +\| 4 +\| 2 +\| 12 +\|/);
    expect(section(markdown, 'Coordination Challenges Overcome')).toContain('- Handoffs: 2 (1 completed, 1 pending)');
    const agents = section(markdown, 'Agent Performance Assessment');
    expect(agents.startsWith('\n_No agent performance assessment recorded._\n')).toBe(true);
    expect(agents).toMatch(/\| dev +\| 1 +\| 0 % +\| 0 % +\|/);
  });

  it('broadcasts the latest status of each agent as the template JSON, keys in its order', () => {
    const plan = asPlan({
      ...minimal('Broadcasts'),
      personas: [
        { id: 'dev', name: 'Developer', kind: 'agent' },
        { id: 'qa', name: 'QA', kind: 'agent' },
      ],
      broadcasts: [
        { id: 'b3', receivedAt: '2025-03-04T10:00:00Z', status: { agent_id: 'dev', status: 'blocked', progress_percentage: 50, blocking_issues: ['Schema | not merged'] } },
        { id: 'b1', receivedAt: '2025-03-03T10:00:00Z', status: { agent_id: 'dev', status: 'working', progress_percentage: 20 } },
        // b2 and b0 are the same moment written in two zones: the greater id wins the tie.
        { id: 'b2', receivedAt: '2025-03-04T11:00:00+01:00', status: { agent_id: 'qa', status: 'error', current_task: 'Load tests' } },
        { id: 'b0', receivedAt: '2025-03-04T10:00:00Z', status: { agent_id: 'qa', status: 'working' } },
        { id: 'b4', receivedAt: '2025-03-05T09:00:00Z', status: { agent_id: 'ghost', status: 'completed', outputs_ready: ['report'] } },
      ],
    });
    const markdown = exportPactAction(snapshotOf(plan));
    const blocks = nodesOfType<Code>(section(markdown, 'Status Broadcasting System'), 'code');
    expect(blocks.map((b) => b.lang)).toEqual(['json', 'json', 'json']);
    const statuses = blocks.map((b) => JSON.parse(b.value) as Record<string, unknown>);
    for (const s of statuses) expect(Object.keys(s)).toEqual(TEMPLATE_STATUS_KEYS);
    // Sorted by persona name (an unknown agent by its id): Developer, QA, ghost.
    expect(statuses.map((s) => [s.agent_id, s.status])).toEqual([
      ['dev', 'blocked'],
      ['qa', 'error'],
      ['ghost', 'completed'],
    ]);
    expect(statuses[0]).toMatchObject({ progress_percentage: 50, blocking_issues: ['Schema | not merged'], current_task: null, outputs_ready: [] });
    expect(section(markdown, 'Reallocation Triggers')).toContain('  - QA reports an error on Load tests');
    expect(section(markdown, 'Reallocation Triggers')).toContain('  - Developer reports blocked: Schema | not merged');
    expect(section(markdown, 'Emergency Types')).toContain('- **Agent Failure**: QA on Load tests');
    const agents = nodesOfType<Table>(section(markdown, 'Individual Agent Metrics'), 'table')[0]!;
    expect(agents.children.map((r) => r.children.map((c) => toString(c)))).toEqual([
      ['Agent', 'Tasks done', 'Latest status', 'Latest progress', 'Broadcasts', 'Completed', 'Errors'],
      ['Developer', '0 of 0', 'blocked', '50%', '2', '0', '0'],
      ['QA', '0 of 0', 'error', '—', '2', '0', '1'],
      ['ghost', '0 of 0', 'completed', '—', '1', '1', '0'],
    ]);
  });

  it('matches playbook keys to sections loosely', () => {
    expect(pactSectionOf('Peer-Review')).toBe('review');
    expect(pactSectionOf('emergency_protocols')).toBe('emergency');
    expect(pactSectionOf('integration-testing')).toBe('integration-testing');
    expect(pactSectionOf('taskReallocation')).toBe('reallocation');
    expect(pactSectionOf('performance-optimisation')).toBe('optimization');
    expect(pactSectionOf('conflict-resolution')).toBe('conflict');
    expect(pactSectionOf('onboarding')).toBeUndefined();
    const texts = playbookBySection({ review: 'B text', 'code-review': 'A text', communication: '  ', docs: 'Docs' });
    expect(texts.get('review')).toEqual(['A text', 'B text']);
    expect(texts.has('communication')).toBe(false);

    const markdown = exportPactAction(
      snapshotOf(asPlan({ ...minimal(), playbook: { Emergency: 'Page the lead.\n\nThen the Orchestrator.', validation: 'Self-check first.', documentation: 'Logs in the wiki.' } })),
    );
    expect(section(markdown, 'Emergency Coordination Protocols')).toContain('Page the lead.\n\nThen the Orchestrator.');
    expect(section(markdown, 'Emergency Types')).toContain('_Covered by the Emergency Coordination Protocols text above._');
    expect(section(markdown, 'Automated Validation')).toContain('_Covered by the Continuous Validation text above._');
    expect(section(markdown, 'Live Documentation')).toContain('Logs in the wiki.');
    expect(section(markdown, 'Performance Optimization')).toContain('_No optimization approach recorded._');
  });

  it('says plainly when a section has nothing recorded', () => {
    const markdown = exportPactAction(snapshotOf(minimal()));
    for (const what of [
      'phases or sprints',
      'activation triggers',
      'status broadcasts',
      'reallocation procedure',
      'emergency protocol',
      'open risks',
      'quality gates',
      'execution effectiveness analysis',
      'coordination challenges',
      'agent performance assessment',
      'process improvements',
      'lessons learned',
      'recommendations',
    ]) {
      expect(markdown).toContain(`_No ${what} recorded._`);
    }
    expect(markdown).toContain('- **Execution Timeline**: Not recorded (0 working days of scheduled work)');
  });

  it('still exports a plan with a dependency cycle, and names the cycle', () => {
    const plan = asPlan({
      ...minimal('Cyclic'),
      personas: [{ id: 'dev', name: 'Developer', kind: 'human' }],
      nodes: [
        { id: 'a', kind: 'task', title: 'Alpha', owner: 'dev', estimateDays: 1 },
        { id: 'b', kind: 'task', title: 'Beta', estimateDays: 2 },
        { id: 'g', kind: 'gate', title: 'Gate' },
      ],
      edges: [
        { id: 'e1', kind: 'dependency', source: 'a', target: 'b' },
        { id: 'e2', kind: 'dependency', source: 'b', target: 'a' },
      ],
      phases: [{ id: 'p', name: 'Only' }],
    });
    const markdown = exportPactAction(snapshotOf(plan));
    expect(documentHeadings(markdown)).toEqual(expectedHeadings(['Only'], ['Gate']));
    expect(markdown).toContain('- **Project Length**: No schedule: the plan has a dependency cycle (Alpha → Beta → Alpha)');
    expect(markdown).toContain('**Agent Overload**: unknown, no schedule: the plan has a dependency cycle (Alpha → Beta → Alpha).');
  });

  it('keeps tables and structure whole when texts hold |, newlines and #', () => {
    const plan = asPlan({
      ...minimal('Title | with\n# pipes'),
      personas: [{ id: 'dev', name: 'Dev | Ops\n# lead', kind: 'agent' }],
      nodes: [
        { id: 'r', kind: 'risk', title: 'Risk | one\n## not a heading', mitigation: 'Split | cells\nand lines', owner: 'dev', probability: 'high' },
        { id: 'g', kind: 'gate', title: 'Gate | A\n# x', criteria: [{ text: '| criterion |', done: true }] },
      ],
      edges: [],
      phases: [{ id: 'p', name: 'Phase | one\n# x', deliverables: ['# not a heading'] }],
      broadcasts: [{ id: 'b', receivedAt: '2025-03-03T10:00:00Z', status: { agent_id: 'dev', status: 'working', current_task: 'Task | with\nbreak' } }],
      reflection: { lessonsLearned: '# not a heading\n| not | a table |' },
    });
    const markdown = exportPactAction(snapshotOf(plan));
    expect(documentHeadings(markdown)).toEqual(expectedHeadings(['Phase | one # x'], ['Gate | A # x']));
    const tables = nodesOfType<Table>(markdown, 'table');
    const rows = (t: Table) => t.children.map((r) => r.children.map((c) => toString(c)));
    const risk = tables.find((t) => toString(t.children[0]!.children[0]!) === 'Risk')!;
    expect(rows(risk)).toEqual([
      ['Risk', 'Probability', 'Impact', 'Mitigation', 'Owner'],
      ['Risk | one ## not a heading', 'High', '—', 'Split | cells and lines', 'Dev | Ops # lead'],
    ]);
    const status = tables.find((t) => toString(t.children[0]!.children[0]!) === 'Agent' && t.children[0]!.children.length === 5)!;
    expect(rows(status)[1]).toEqual(['Dev | Ops # lead', 'working', 'Task | with break', '—', '2025-03-03T10:00:00Z']);
    // The reflection text is one paragraph, not a heading or a table.
    expect(nodesOfType<Table>(section(markdown, 'Lessons Learned'), 'table')).toHaveLength(0);
    expect(section(markdown, 'Lessons Learned')).toContain('\\# not a heading');
  });
});
