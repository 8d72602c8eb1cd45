import { describe, expect, it } from 'vitest';
import { exportMermaid, mermaidIds, mermaidLabel } from '../../../shared/export/mermaid';
import { computeSchedule } from '../../../shared/planning';
import { asPlan, describeEachPlan, expectGolden, minimal, PLANS, reversed, snapshotOf } from './exportTestSupport';

/** Edge lines in output order: [source, target] mermaid ids. */
const edgeLines = (text: string) => [...text.matchAll(/^ {2}(\S+) -->(?:\|"[^"]*"\|)? (\S+)$/gm)].map((m) => [m[1]!, m[2]!] as const);

describe('exportMermaid', () => {
  describeEachPlan(exportMermaid, (name, plan, text) => {
    it('matches its golden file byte for byte', () => expectGolden(`mermaid.${name}.mmd`, text));

    it('gives the same text on a second run and for the plan loaded in another order', () => {
      expect(exportMermaid(snapshotOf(plan))).toBe(text);
      expect(exportMermaid(snapshotOf(reversed(plan)))).toBe(text);
    });

    it('is a left-to-right flowchart with one subgraph per workstream and one edge per dependency', () => {
      expect(text).toMatch(/^---\ntitle: ".*"\n---\nflowchart LR\n/);
      const ids = mermaidIds(plan.nodes.map((n) => n.id));
      const subgraphs = [...text.matchAll(/^\s*subgraph (\S+) \["[^"]*"\]$/gm)].map((m) => m[1]);
      const workstreams = plan.nodes.filter((n) => n.kind === 'workstream').map((n) => ids.get(n.id));
      expect(subgraphs.sort()).toEqual(workstreams.sort());
      expect(text.match(/^\s*end$/gm)?.length ?? 0).toBe(workstreams.length);
      expect(edgeLines(text)).toHaveLength(plan.edges.length);
    });

    it('styles exactly the critical edges, by their index', () => {
      const snapshot = snapshotOf(plan);
      const schedule = computeSchedule(snapshot);
      if (!schedule.ok) throw new Error('fixture has a cycle');
      const ids = mermaidIds(snapshot.nodes.keys());
      const critical = [...schedule.criticalEdges].map((id) => snapshot.edges.get(id)!).map((e) => `${ids.get(e.source)}>${ids.get(e.target)}`);
      const styled = text.match(/^ {2}linkStyle ([\d,]+) stroke:#dc2626,stroke-width:3px$/m)?.[1]?.split(',').map(Number) ?? [];
      const lines = edgeLines(text);
      expect(styled.map((i) => `${lines[i]![0]}>${lines[i]![1]}`).sort()).toEqual(critical.sort());
      if (name !== 'empty') expect(styled.length).toBeGreaterThan(0);
    });
  });

  it('puts members inside their workstream, nested workstreams inside theirs, the rest at the top level', () => {
    const text = exportMermaid(snapshotOf(PLANS['realtime-collab']!()));
    expect(text).toContain('  subgraph n_ws_infra ["Core Infrastructure"]\n    n_t_infra_setup["Infrastructure setup"]\n');
    expect(text).toMatch(/^ {2}n_t_user_testing\["User testing"\]$/m);
    expect(text).toMatch(/^ {2}n_m_api_checkpoint\{\{"API Integration Checkpoint"\}\}$/m);
    expect(text).toMatch(/^ {2}n_g_pre_integration\{"Pre-Integration Checklist"\}$/m);
    expect(text).toMatch(/^ {2}n_feature\(\["Real-time Collaboration System"\]\)$/m);
    expect(text).toContain('  n_t_ws_protocol -->|"api"| n_m_api_checkpoint\n');

    const nested = exportMermaid(
      snapshotOf(
        asPlan({
          ...minimal(),
          nodes: [
            { id: 'outer', kind: 'workstream', title: 'Outer' },
            { id: 'inner', kind: 'workstream', title: 'Inner', parent: 'outer' },
            { id: 't', kind: 'task', title: 'Deep task', parent: 'inner' },
          ],
          edges: [],
        }),
      ),
    );
    expect(nested).toContain('  subgraph n_outer ["Outer"]\n    subgraph n_inner ["Inner"]\n      n_t["Deep task"]\n    end\n  end\n');
  });

  it('still exports workstreams whose parents form a loop, each once', () => {
    const plan = asPlan({
      ...minimal(),
      nodes: [
        { id: 'w1', kind: 'workstream', title: 'One', parent: 'w2' },
        { id: 'w2', kind: 'workstream', title: 'Two', parent: 'w1' },
        { id: 't', kind: 'task', title: 'Task', parent: 'w1' },
      ],
      edges: [],
    });
    const text = exportMermaid(snapshotOf(plan));
    expect(text.match(/subgraph n_w1 /g)).toHaveLength(1);
    expect(text.match(/subgraph n_w2 /g)).toHaveLength(1);
    expect(text.match(/n_t\["Task"\]/g)).toHaveLength(1);
  });

  it('escapes quotes, brackets, pipes, # and line breaks in labels', () => {
    const title = 'Say "hi" [now] {x} (y) | z #1;\n<b>&`';
    expect(mermaidLabel(title)).toBe('Say #quot;hi#quot; #91;now#93; #123;x#125; #40;y#41; #124; z #35;1; #lt;b#gt;#amp;#96;');
    const plan = asPlan({
      ...minimal('Plan "quoted" [1]'),
      nodes: [
        { id: 'a', kind: 'task', title, estimateDays: 1 },
        { id: 'ws', kind: 'workstream', title: 'Lane ["x"]' },
        { id: 'm', kind: 'milestone', title: 'Done?}}' },
      ],
      edges: [{ id: 'e', kind: 'dependency', source: 'a', target: 'm' }],
    });
    const text = exportMermaid(snapshotOf(plan));
    expect(text).toContain('title: "Plan \\"quoted\\" [1]"\n');
    expect(text).toContain(`  n_a["${mermaidLabel(title)}"]\n`);
    expect(text).toContain('  n_m{{"Done?#125;#125;"}}\n');
    expect(text).toContain('  subgraph n_ws ["Lane #91;#quot;x#quot;#93;"]\n');
    // Every label is one quoted run without quotes inside, on one line.
    for (const line of text.split('\n').slice(4)) expect(line.split('"').length % 2).toBe(1);
  });

  it('maps ids to safe, distinct Mermaid ids that depend only on the set of ids', () => {
    const ids = ['a-b', 'a_b', 'a.b', 'a:b', 'end', 'a_b_2'];
    const mapped = mermaidIds(ids);
    expect(new Set(mapped.values()).size).toBe(ids.length);
    for (const id of mapped.values()) expect(id).toMatch(/^n_[A-Za-z0-9_]+$/);
    expect(mermaidIds([...ids].reverse())).toEqual(mapped);
    expect(mapped.get('end')).toBe('n_end');
  });

  it('exports a plan with a dependency cycle, without critical styling', () => {
    const plan = asPlan({
      ...minimal('Cyclic'),
      nodes: [
        { id: 'a', kind: 'task', title: 'Alpha', estimateDays: 1 },
        { id: 'b', kind: 'task', title: 'Beta', estimateDays: 1 },
      ],
      edges: [
        { id: 'e1', kind: 'dependency', source: 'a', target: 'b' },
        { id: 'e2', kind: 'dependency', source: 'b', target: 'a' },
      ],
    });
    const text = exportMermaid(snapshotOf(plan));
    expect(text).toContain('  n_a --> n_b\n  n_b --> n_a\n');
    expect(text).not.toContain('linkStyle');
    expect(text).not.toContain('classDef');
  });
});
