import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { exportPersonaCoordination } from '../../../shared/export/personaCoordination';
import { documentHeadings, type DocumentHeading } from '../../../shared/export/templateHeadings';
import { asPlan, describeEachPlan, expectGolden, minimal, parseMarkdown, PLANS, readRepoFile, reversed, section, snapshotOf } from './exportTestSupport';

const TEMPLATE = readRepoFile('tests/fixtures/templates/persona-coordination.md');

/** The template's headings with the `[Persona Name N]` examples replaced by one heading per persona. */
function expectedHeadings(personas: readonly string[]): DocumentHeading[] {
  const out: DocumentHeading[] = [];
  let expanded = false;
  for (const h of documentHeadings(TEMPLATE)) {
    if (/^\[Persona Name \d+\]$/.test(h.text)) {
      if (!expanded) out.push(...personas.map((text) => ({ depth: h.depth, text })));
      expanded = true;
    } else out.push(h);
  }
  return out;
}

describe('exportPersonaCoordination', () => {
  describeEachPlan(exportPersonaCoordination, (name, plan, markdown) => {
    it('matches its golden file byte for byte', () => expectGolden(`persona-coordination.${name}.md`, markdown));

    it("has the template's headings in order, one per persona (by name) in place of the examples", () => {
      // The fixture's session lists all six personas; the example has no session, so everyone.
      const names = plan.personas.map((p) => p.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(documentHeadings(markdown)).toEqual(expectedHeadings(names));
    });

    it('gives the same bytes on a second run and for the plan loaded in another order', () => {
      expect(exportPersonaCoordination(snapshotOf(plan))).toBe(markdown);
      expect(exportPersonaCoordination(snapshotOf(reversed(plan)))).toBe(markdown);
    });
  });

  it('fills the session record of the rich plan', () => {
    const markdown = exportPersonaCoordination(snapshotOf(PLANS['realtime-collab']!()));
    expect(section(markdown, 'Coordination Session Information')).toContain('- **Session ID**: `s-kickoff`\n- **Date/Time**: 2025-03-03T09:00:00Z');
    expect(markdown).toContain('- **Session Type**: Planning');
    expect(section(markdown, 'Developer')).toContain('- **Active Tasks**:\n  - REST API extensions — 30%\n  - WebSocket server — 60%');
    expect(section(markdown, 'Developer')).toContain('  - Conflict resolution engine — marked blocked; waiting on Conflict resolution data model (Data Engineer)');
    expect(section(markdown, 'DevOps Engineer')).toContain('- **Upcoming Priorities**:\n  - Monitoring and alerting — earliest start day 0 (2025-03-03)');
    expect(section(markdown, 'Identified Dependencies')).toContain(
      '1. **Conflict resolution UI** depends on **Conflict resolution engine**\n   - **Blocking Persona**: Developer\n   - **Blocked Persona**: Designer\n   - **Expected Resolution**: Earliest finish day 10 (2025-03-17)',
    );
    expect(section(markdown, 'Resolved Dependencies')).toContain('**WebSocket server depends on Infrastructure setup** - Resolved on 2025-03-04T17:00:00Z');
    expect(section(markdown, 'Pending Handoffs')).toContain('- **Task**: Real-time UI updates\n  - **From**: Designer\n  - **To**: Developer');
    expect(section(markdown, 'Completed Handoffs')).toContain('  - **Completed**: 2025-03-05T16:20:00Z\n  - **Notes**: Reviewed together in the integration meeting.');
    expect(section(markdown, 'Contract Updates')).toContain('- WebSocket protocol contract - Agreed - affects Developer, Designer, QA Engineer');
    expect(section(markdown, 'Decisions Made')).toContain('1. **Decision**: Database schema approach\n   - **Rationale**: Balances both needs');
    expect(section(markdown, 'Action Items')).toBe(
      '\n- [x] Publish the WebSocket protocol draft - Architect - Due 2025-03-05\n- [ ] Provision the staging message queue - DevOps Engineer - Due 2025-03-06\n',
    );
    expect(section(markdown, 'New Risks Identified')).toContain('  - **Probability**: Medium\n  - **Impact**: High');
    expect(section(markdown, 'Issues Requiring Escalation')).toContain('- Data Engineer capacity is short in week 2');
    expect(section(markdown, 'Next Coordination Point')).toContain('- **Scheduled For**: 2025-03-06T09:00:00Z');
    expect(section(markdown, 'Notes')).toContain('Daily standups at 9:00');
  });

  it('says plainly when a section has nothing recorded', () => {
    const markdown = exportPersonaCoordination(snapshotOf(minimal()));
    for (const what of ['coordination objectives', 'personas', 'open cross-persona dependencies', 'pending handoffs', 'decisions', 'action items', 'open risks', 'next coordination point', 'notes']) {
      expect(markdown).toContain(`_No ${what} recorded._`);
    }
    expect(markdown).toContain('- **Session ID**: No coordination session recorded\n- **Date/Time**: Not recorded');
  });

  describe('sessions and "Completed Since Last Sync"', () => {
    const at = (id: string, task: string, when: string, from: string, to: string) => ({ id, at: when, actor: 'alice', kind: 'status', entity: task, from, to });
    const base = {
      ...minimal('Sync windows'),
      personas: [
        { id: 'a', name: 'Alice', kind: 'human' },
        { id: 'b', name: 'Bob', kind: 'agent' },
        { id: 'c', name: 'Carol', kind: 'human' },
      ],
      nodes: [
        { id: 't1', kind: 'task', title: 'Early work', owner: 'a', status: 'done', estimateDays: 1 },
        { id: 't2', kind: 'task', title: 'Between sessions', owner: 'a', status: 'done', estimateDays: 1 },
        { id: 't3', kind: 'task', title: 'Imported done', owner: 'b', status: 'done', estimateDays: 1, finishedAt: '2025-03-05' },
        { id: 't4', kind: 'task', title: 'Later work', owner: 'b', status: 'done', estimateDays: 1 },
        { id: 't5', kind: 'task', title: 'Reopened', owner: 'a', status: 'active', estimateDays: 1 },
        { id: 't6', kind: 'task', title: 'Follow-up', owner: 'b', status: 'todo', estimateDays: 2 },
      ],
      edges: [{ id: 'e1', kind: 'dependency', source: 't1', target: 't6' }],
      activity: [
        at('x1', 't1', '2025-03-02T12:00:00Z', 'active', 'done'),
        at('x2', 't2', '2025-03-10T18:00:00Z', 'active', 'done'),
        at('x3', 't4', '2025-03-11T08:00:00Z', 'active', 'done'),
        at('x4', 't5', '2025-03-04T08:00:00Z', 'active', 'done'),
        at('x5', 't5', '2025-03-06T08:00:00Z', 'done', 'active'),
      ],
    };
    const sessions = [
      { id: 's1', date: '2025-03-03T10:00:00Z', type: 'planning', participants: ['b', 'a'] },
      { id: 's2', date: '2025-03-10', type: 'review', participants: ['c', 'a', 'b'] },
    ];
    /** The "Completed Since Last Sync" entries of a persona, one per line, unindented. */
    const completed = (markdown: string, persona: string) =>
      section(markdown, persona)
        .split('- **Completed Since Last Sync**:')[1]!
        .split('- **Upcoming')[0]!
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n');

    it('describes the latest session by default, with completions since the previous one', () => {
      const markdown = exportPersonaCoordination(snapshotOf(asPlan({ ...base, sessions })));
      expect(markdown).toContain('- **Session ID**: `s2`');
      expect(markdown).toContain('- **Session Type**: Review');
      expect(documentHeadings(markdown).filter((h) => h.depth === 3).map((h) => h.text).slice(0, 3)).toEqual(['Alice', 'Bob', 'Carol']);
      // A bare session date covers its whole day; the log decides for logged tasks, finishedAt for imported ones.
      expect(completed(markdown, 'Alice')).toBe('- Between sessions — done 2025-03-10T18:00:00Z');
      expect(completed(markdown, 'Bob')).toBe('- Imported done — done 2025-03-05');
    });

    it('describes the chosen session, from the beginning when it is the first', () => {
      const markdown = exportPersonaCoordination(snapshotOf(asPlan({ ...base, sessions })), { sessionId: 's1' });
      expect(markdown).toContain('- **Session ID**: `s1`');
      expect(markdown).toContain('- **Participating Personas**: Alice, Bob');
      expect(documentHeadings(markdown).filter((h) => h.depth === 3 && !h.text.includes(' ')).map((h) => h.text)).toEqual(['Alice', 'Bob']);
      expect(completed(markdown, 'Alice')).toBe('- Early work — done 2025-03-02T12:00:00Z');
      expect(completed(markdown, 'Bob')).toBe('None');
      expect(markdown).toContain('**Follow-up depends on Early work** - Resolved on 2025-03-02T12:00:00Z');
    });

    it('describes "now" (as of a day) when the plan has no session, and says so for an unknown one', () => {
      const now = exportPersonaCoordination(snapshotOf(asPlan(base)), { asOf: '2025-03-10' });
      expect(now).toContain('- **Session ID**: No coordination session recorded\n- **Date/Time**: 2025-03-10');
      expect(completed(now, 'Alice')).toBe('- Between sessions — done 2025-03-10T18:00:00Z\n- Early work — done 2025-03-02T12:00:00Z');
      expect(completed(now, 'Bob')).toBe('- Imported done — done 2025-03-05');
      const later = exportPersonaCoordination(snapshotOf(asPlan(base)));
      expect(later).toContain('- **Date/Time**: 2025-03-11');
      expect(completed(later, 'Bob')).toContain('Later work — done 2025-03-11T08:00:00Z');
      const unknown = exportPersonaCoordination(snapshotOf(asPlan({ ...base, sessions })), { sessionId: 'nope' });
      expect(unknown).toContain('- **Session ID**: `nope` (no such session in this plan; showing the plan as it is)');
      expect(documentHeadings(unknown).length).toBe(documentHeadings(now).length);
    });
  });

  it('treats collaborative texts cleared to nothing as not recorded', () => {
    const plan = asPlan({
      ...minimal('Blank texts'),
      personas: [
        { id: 'a', name: 'Alice', kind: 'human' },
        { id: 'b', name: 'Bob', kind: 'human' },
      ],
      nodes: [{ id: 't', kind: 'task', title: 'Task', owner: 'a' }],
      edges: [],
      handoffs: [{ id: 'h', task: 't', from: 'a', to: 'b', reason: '', requirements: ' ' }],
      sessions: [{ id: 's', date: '2025-03-03', type: 'handoff', notes: '  \n ' }],
    });
    const markdown = exportPersonaCoordination(snapshotOf(plan));
    expect(section(markdown, 'Pending Handoffs')).toContain('  - **Reason**: Not recorded\n  - **Requirements**: Not recorded\n');
    expect(section(markdown, 'Notes')).toBe('\n_No notes recorded._\n');
    expect(markdown).not.toContain('&#x');
  });

  it('still exports a plan with a dependency cycle', () => {
    const plan = asPlan({
      ...minimal('Cyclic'),
      personas: [
        { id: 'dev', name: 'Developer', kind: 'human' },
        { id: 'qa', name: 'QA', kind: 'agent' },
      ],
      nodes: [
        { id: 'a', kind: 'task', title: 'Alpha', owner: 'dev', estimateDays: 1 },
        { id: 'b', kind: 'task', title: 'Beta', owner: 'qa', estimateDays: 2 },
      ],
      edges: [
        { id: 'e1', kind: 'dependency', source: 'a', target: 'b' },
        { id: 'e2', kind: 'dependency', source: 'b', target: 'a' },
      ],
    });
    const markdown = exportPersonaCoordination(snapshotOf(plan));
    expect(documentHeadings(markdown)).toEqual(expectedHeadings(['Developer', 'QA']));
    expect(markdown).toContain('Upcoming priorities are unordered: no schedule: the plan has a dependency cycle (Alpha → Beta → Alpha).');
    expect(markdown).toContain('**Expected Resolution**: Unknown (no schedule: the plan has a dependency cycle (Alpha → Beta → Alpha))');
  });

  it('keeps structure whole when names and texts hold |, newlines, # and list markers', () => {
    const plan = asPlan({
      ...minimal('Title | with\n# pipes'),
      personas: [
        { id: 'dev', name: 'Dev | Ops\n# lead', kind: 'human' },
        { id: 'qa', name: 'QA', kind: 'human' },
      ],
      nodes: [
        { id: 'a', kind: 'task', title: 'Pipe | split\n## not a heading', owner: 'dev', status: 'active', estimateDays: 1 },
        { id: 'b', kind: 'task', title: '- not a list', owner: 'qa', estimateDays: 1 },
      ],
      edges: [{ id: 'e', kind: 'dependency', source: 'a', target: 'b' }],
      sessions: [{ id: 's', date: '2025-03-03', type: 'problem-solving', objectives: ['# goal | one'], notes: '# not a heading\n- not a list\n\nsecond paragraph' }],
    });
    const markdown = exportPersonaCoordination(snapshotOf(plan));
    expect(documentHeadings(markdown)).toEqual(expectedHeadings(['Dev | Ops # lead', 'QA']));
    const tree = parseMarkdown(markdown);
    const notes = tree.children.slice(tree.children.findIndex((n) => n.type === 'heading' && toString(n) === 'Notes') + 1);
    expect(notes.every((n) => n.type === 'paragraph')).toBe(true);
    expect(notes.map((n) => toString(n)).join('')).toContain('# not a heading');
    expect(markdown).toContain('- **Session Type**: Problem-solving');
    expect(section(markdown, 'Identified Dependencies')).toMatch(/^1\. \*\*- not a list\*\* depends on \*\*Pipe \| split \\#\\# not a heading\*\*$/m);
  });
});
