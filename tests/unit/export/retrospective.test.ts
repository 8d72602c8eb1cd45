import { describe, expect, it } from 'vitest';
import { exportRetrospective } from '../../../shared/export/retrospective';
import { textFormat } from '../../../shared/export/formats';
import { documentHeadings } from '../../../shared/export/templateHeadings';
import { asPlan, describeEachPlan, expectGolden, minimal, reversed, section, snapshotOf } from './exportTestSupport';

/** Design (2 days, took 3) then Build (3 days, under way), against a 5-day baseline; a small board. */
const RETRO = asPlan({
  ...minimal('Checkout revamp'),
  timelineStart: '2025-03-03',
  personas: [
    { id: 'dev', name: 'Developer', kind: 'human' },
    { id: 'qa', name: 'QA Engineer', kind: 'agent' },
  ],
  nodes: [
    { id: 'ws1', kind: 'workstream', title: 'Core' },
    { id: 'a', kind: 'task', title: 'Design', parent: 'ws1', owner: 'dev', estimateDays: 2, status: 'done' },
    { id: 'b', kind: 'task', title: 'Build', parent: 'ws1', owner: 'qa', estimateDays: 3, status: 'active' },
  ],
  edges: [{ id: 'e1', kind: 'dependency', source: 'a', target: 'b' }],
  baseline: 'bl1',
  baselines: [
    {
      id: 'bl1',
      name: 'Kick-off',
      takenAt: '2025-03-03T08:00:00Z',
      start: '2025-03-03',
      projectDays: 5,
      tasks: { a: { plannedStart: 0, plannedFinish: 2, estimateDays: 2 }, b: { plannedStart: 2, plannedFinish: 5, estimateDays: 3 } },
    },
  ],
  activity: [
    { id: 'x1', at: '2025-03-03T09:00:00Z', actor: 'dev', kind: 'status', entity: 'a', from: 'todo', to: 'active' },
    { id: 'x2', at: '2025-03-06T09:00:00Z', actor: 'dev', kind: 'status', entity: 'a', from: 'active', to: 'done' },
    { id: 'x3', at: '2025-03-06T10:00:00Z', actor: 'qa', kind: 'status', entity: 'b', from: 'todo', to: 'active' },
  ],
  retroNotes: [
    { id: 'n1', column: 'went-well', text: 'Pairing on the API', author: 'Alice', createdAt: '2025-03-07T10:00:00Z', group: 'Collaboration' },
    { id: 'n2', column: 'went-well', text: 'Daily syncs', author: 'Bob', createdAt: '2025-03-07T10:01:00Z', group: 'Collaboration' },
    { id: 'n3', column: 'to-improve', text: 'Design took longer than planned', author: 'Bob', createdAt: '2025-03-07T10:02:00Z' },
    { id: 'n4', column: 'ideas', text: 'Estimate with ranges', author: 'Alice', createdAt: '2025-03-07T10:03:00Z', outcome: 'process-improvement' },
  ],
  retroVotes: [
    { id: 'v1', note: 'n3', voter: 'Alice' },
    { id: 'v2', note: 'n3', voter: 'Bob' },
    { id: 'v3', note: 'n1', voter: 'Bob' },
  ],
  reflection: { executionEffectiveness: 'Design ran a day over; the rest held.' },
});

describe('exportRetrospective', () => {
  describeEachPlan(exportRetrospective, (name, _plan, markdown) => {
    it('matches its golden file byte for byte', () => expectGolden(`retrospective.${name}.md`, markdown));
  });

  const markdown = exportRetrospective(snapshotOf(RETRO));

  it('has the board, the evidence and the six reflection sections, in that order', () => {
    expect(documentHeadings(markdown).map((h) => `${'#'.repeat(h.depth)} ${h.text}`)).toEqual([
      '# Retrospective: Checkout revamp',
      '## Retrospective Board',
      '### Went Well',
      '### To Improve',
      '### Ideas',
      '### Most Voted',
      '## Evidence',
      '### Planned Versus Actual',
      '### Blocked Time and Handoffs',
      '### Agent Performance',
      '### Outcomes',
      '## Reflection',
      '### Execution Effectiveness Analysis',
      '### Coordination Challenges Overcome',
      '### Agent Performance Assessment',
      '### Process Improvements Identified',
      '### Lessons Learned',
      '### Recommendations for Future Projects',
    ]);
  });

  it('lists every note under its column and group with who voted, most votes first', () => {
    expect(section(markdown, 'Went Well')).toBe('\n- **Collaboration** (1 vote)\n  - Pairing on the API — Alice, 1 vote (Bob)\n  - Daily syncs — Bob, no votes\n');
    expect(section(markdown, 'To Improve')).toBe('\n- Design took longer than planned — Bob, 2 votes (Alice, Bob)\n');
    expect(section(markdown, 'Ideas')).toBe('\n- Estimate with ranges — Alice, no votes → process improvement\n');
    expect(section(markdown, 'Most Voted')).toBe('\n1. To Improve: Design took longer than planned — Bob, 2 votes (Alice, Bob)\n2. Went Well: Pairing on the API — Alice, 1 vote (Bob)\n');
    expect(section(markdown, 'Retrospective Board')).toContain('- **Participants**: Alice, Bob\n- **Notes**: 4\n');
  });

  it('computes the evidence against the chosen baseline as of the plan\'s latest day', () => {
    const evidence = section(markdown, 'Evidence');
    expect(evidence).toContain('- **As of**: 2025-03-06\n- **Activity entries used**: 3\n');
    expect(evidence).toContain('- Baseline: Kick-off (taken 2025-03-03T08:00:00Z)');
    // Design: active 09:00 Monday to 09:00 Thursday is 3 working days against 2 planned.
    expect(evidence).toMatch(/\| Design +\| Developer +\| 2 +\| 3 +\| 1\.5× +\|/);
    expect(evidence).toMatch(/- Critical-path slip: \+[\d.]+ days/);
    expect(section(markdown, 'Outcomes')).toContain('- Process improvement: Estimate with ranges (0 votes)');
    expect(section(markdown, 'Execution Effectiveness Analysis')).toBe('\nDesign ran a day over; the rest held.\n');
    expect(section(markdown, 'Lessons Learned')).toBe('\n_No lessons learned recorded._\n');
  });

  it('gives the same bytes whatever order the document holds things in', () => {
    expect(exportRetrospective(snapshotOf(reversed(RETRO)))).toBe(markdown);
  });

  it('says plainly when there is no board and no history', () => {
    const empty = exportRetrospective(snapshotOf(minimal('Fresh')));
    expect(section(empty, 'Retrospective Board')).toBe('\n_No retrospective notes recorded._\n');
    expect(section(empty, 'Evidence')).toContain('there is no history to compute evidence from');
  });

  it('is a format of the CLI and the Export dialog', () => {
    expect(textFormat('retrospective')?.render(snapshotOf(RETRO))).toBe(markdown);
  });
});
