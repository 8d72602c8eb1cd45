import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { exportContext, latestPlanDate } from '../../../shared/export/exportContext';
import { exportFeaturePlan, FEATURE_PLAN_HEADINGS } from '../../../shared/export/featurePlan';
import { documentHeadings } from '../../../shared/export/templateHeadings';
import { asPlan, describeEachPlan, expectGolden, minimal, nodesOfType, PLANS, readRepoFile, reversed, snapshotOf } from './exportTestSupport';

const TEMPLATE = readRepoFile('tests/fixtures/templates/coordinate-multi-persona-feature.md');

describe('exportFeaturePlan', () => {
  describeEachPlan(exportFeaturePlan, (name, plan, markdown) => {
    it('matches its golden file byte for byte', () => expectGolden(`feature-plan.${name}.md`, markdown));

    it("has the template's headings, in order, at the same depth, and no others", () => {
      expect(documentHeadings(markdown)).toEqual(documentHeadings(TEMPLATE));
      expect(documentHeadings(markdown)).toEqual(FEATURE_PLAN_HEADINGS.map(([depth, text]) => ({ depth, text })));
    });

    it('gives the same bytes on a second run and for the plan loaded in another order', () => {
      expect(exportFeaturePlan(snapshotOf(plan))).toBe(markdown);
      expect(exportFeaturePlan(snapshotOf(reversed(plan)))).toBe(markdown);
    });
  });

  it('fills the sections of the rich plan from the plan', () => {
    const markdown = exportFeaturePlan(snapshotOf(PLANS['realtime-collab']!()));
    expect(markdown).toContain('**Phase**: Implementation');
    expect(markdown).toContain('**As of**: 2025-03-07');
    expect(markdown).toContain('  - **Core Infrastructure** (DevOps Engineer, Data Engineer)\n    - Infrastructure setup (DevOps Engineer) — done, 2 days');
    expect(markdown).toContain('| WebSocket server ');
    expect(markdown).toMatch(/\| Conflict resolution engine +\| Conflict resolution data model +\| Conflict resolution UI, Load testing scenarios +\| Yes +\|/);
    expect(markdown).toContain('- **Data Layer** (Week 1-3)\n  - Lead: Data Engineer\n  - Support: Developer');
    expect(markdown).toContain('    - [x] Backend API ready for frontend consumption\n    - [ ] Integration test environment available');
    expect(markdown).toContain('| WebSocket protocol contract | Contract | Architect  | Developer, Designer, QA Engineer | agreed |');
    expect(markdown).toContain('**Communication Channels**: Daily standups for blockers');
    expect(markdown).toContain('    - Developer: normalized schema for consistency');
    expect(markdown).toContain('**Overall Progress**: 32.8% complete — At risk (3 of 14 tasks done)');
    expect(markdown).toContain('- Conflict resolution engine (Developer): marked blocked; waiting on Conflict resolution data model; on the critical path');
    expect(markdown).toContain('- Risk: Data model complexity higher than estimated; medium probability, high impact');
    expect(markdown).toContain('  - Responsible: QA Engineer');
    expect(markdown).toContain('1. Monitoring and alerting (DevOps Engineer): earliest start day 0 (2025-03-03)');
  });

  it('says plainly when a section has nothing recorded', () => {
    const markdown = exportFeaturePlan(snapshotOf(minimal()));
    for (const what of ['requirements', 'decomposition', 'components', 'workstreams', 'milestones', 'quality gates', 'tasks', 'milestone or quality gate criteria']) {
      // Emphasis as `_..._` or `*...*`: the serializer's choice, not this exporter's.
      expect(markdown).toMatch(new RegExp(`^([_*])No ${what} recorded\\.\\1$`, 'm'));
    }
    expect(markdown).toContain('**As of**: not recorded');
    expect(markdown).toContain('**Phase**: not recorded');
  });

  it('never reads the clock: as-of comes from the plan or the options', () => {
    const snapshot = snapshotOf(PLANS['realtime-collab']!());
    expect(latestPlanDate(snapshot)).toBe('2025-03-07');
    expect(exportContext(snapshot, { asOf: '2025-03-20' }).asOf).toBe('2025-03-20');
    expect(exportFeaturePlan(snapshot, { asOf: '2025-03-20' })).toContain('**Status Report**: as of 2025-03-20');
    expect(latestPlanDate(snapshotOf({ ...minimal(), timelineStart: '2025-01-06' }))).toBe('2025-01-06');
    expect(latestPlanDate(snapshotOf(minimal()))).toBeUndefined();
  });

  it('still exports a plan with a dependency cycle, and names the cycle', () => {
    const plan = asPlan({
      ...minimal('Cyclic'),
      personas: [{ id: 'dev', name: 'Developer', kind: 'human' }],
      nodes: [
        { id: 'a', kind: 'task', title: 'Alpha', owner: 'dev', estimateDays: 1 },
        { id: 'b', kind: 'task', title: 'Beta', estimateDays: 2 },
        { id: 'c', kind: 'task', title: 'Gamma', estimateDays: 2 },
      ],
      edges: [
        { id: 'e1', kind: 'dependency', source: 'a', target: 'b' },
        { id: 'e2', kind: 'dependency', source: 'b', target: 'a' },
        { id: 'e3', kind: 'dependency', source: 'b', target: 'c' },
      ],
    });
    const markdown = exportFeaturePlan(snapshotOf(plan));
    expect(markdown).toMatch(/The dependencies form a cycle: (Alpha → Beta → Alpha|Beta → Alpha → Beta); there is no critical path until it is broken\./);
    expect(markdown).toMatch(/\| Alpha +\| Beta +\| Beta +\| Cycle +\|/);
    expect(markdown).toMatch(/\| Gamma +\| Beta +\| none +\| Unknown +\|/);
    expect(documentHeadings(markdown)).toEqual(documentHeadings(TEMPLATE));
  });

  it('keeps tables and structure whole when titles hold |, newlines, # and *', () => {
    const nasty = 'Pipe | split\nnew line # not a heading *not bold*';
    const plan = asPlan({
      ...minimal('Title | with\n# pipes'),
      personas: [{ id: 'dev', name: 'Dev | Ops *lead*', kind: 'human' }],
      nodes: [
        { id: 'ws', kind: 'workstream', title: '# Workstream | one', lead: 'dev' },
        { id: 'a', kind: 'task', title: nasty, parent: 'ws', owner: 'dev', estimateDays: 1 },
        { id: 'b', kind: 'task', title: 'Second | task', parent: 'ws', estimateDays: 1 },
        { id: 'g', kind: 'gate', title: 'Gate\n## heading', criteria: [{ text: '| criterion |' }] },
        { id: 'x', kind: 'artifact', title: 'Artifact | x', createdBy: 'dev', usedBy: ['dev'] },
      ],
      edges: [{ id: 'e', kind: 'dependency', source: 'a', target: 'b' }],
    });
    const markdown = exportFeaturePlan(snapshotOf(plan));
    expect(documentHeadings(markdown)).toEqual(documentHeadings(TEMPLATE));
    const found = nodesOfType<Table>(markdown, 'table');
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const t of found) {
      const columns = t.children[0]!.children.length;
      for (const row of t.children) expect(row.children.length).toBe(columns);
    }
    const matrix = found.find((t) => toString(t.children[0]!.children[0]!) === 'Component')!;
    expect(matrix.children[0]!.children).toHaveLength(4);
    const rows = matrix.children.slice(1).map((r) => r.children.map((c) => toString(c)));
    expect(rows).toContainEqual(['Pipe | split new line # not a heading *not bold*', 'none', 'Second | task', 'Yes']);
    expect(rows).toContainEqual(['Second | task', 'Pipe | split new line # not a heading *not bold*', 'none', 'Yes']);
    const artifacts = found.find((t) => toString(t.children[0]!.children[0]!) === 'Artifact')!;
    expect(artifacts.children[1]!.children.map((c) => toString(c))).toEqual(['Artifact | x', 'Artifact', 'Dev | Ops *lead*', 'Dev | Ops *lead*', 'not recorded']);
  });
});
