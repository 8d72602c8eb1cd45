import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadPlanJson, PlanDocument } from '../../../shared/doc';
import { formatProblems, parsePlanJson, stringifyPlanJson, toPlanJson, type PlanJson } from '../../../shared/model';

const FIXTURE_TEXT = readFileSync(new URL('../../fixtures/realtime-collab.json', import.meta.url), 'utf8');
const FIXTURE = JSON.parse(FIXTURE_TEXT) as Record<string, unknown> & {
  personas: { id: string }[];
  nodes: ({ id: string } & Record<string, unknown>)[];
  edges: ({ id: string } & Record<string, unknown>)[];
  handoffs: ({ id: string } & Record<string, unknown>)[];
  sessions: ({ id: string } & Record<string, unknown>)[];
  broadcasts: ({ id: string } & Record<string, unknown>)[];
};
type Fixture = typeof FIXTURE;

function parseOrThrow(input: unknown): PlanJson {
  const r = parsePlanJson(input);
  if (!r.ok) throw new Error(formatProblems(r.error));
  return r.value;
}

/** Interchange JSON -> a fresh plan document -> interchange JSON. */
function throughDocument(plan: PlanJson, actor = 'alice'): { doc: PlanDocument; json: PlanJson } {
  const doc = new PlanDocument({ actor });
  loadPlanJson(doc.ydoc, plan);
  return { doc, json: toPlanJson(doc.getSnapshot()) };
}

const byId = <T extends { id: string }>(list: readonly T[] | undefined) =>
  [...(list ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
/** The plan with every keyed table in id order: tables are sets, their order in a file is not meaningful. */
function tablesSorted(plan: PlanJson): PlanJson {
  return {
    ...plan,
    personas: byId(plan.personas),
    nodes: byId(plan.nodes),
    edges: byId(plan.edges),
    ...(plan.handoffs ? { handoffs: byId(plan.handoffs) } : {}),
    ...(plan.sessions ? { sessions: byId(plan.sessions) } : {}),
    ...(plan.phases ? { phases: byId(plan.phases) } : {}),
  };
}

const nodeIndex = (id: string) => {
  const i = FIXTURE.nodes.findIndex((n) => n.id === id);
  if (i < 0) throw new Error(`fixture has no node ${id}`);
  return i;
};
const edgeIndex = (id: string) => FIXTURE.edges.findIndex((e) => e.id === id);

describe('interchange JSON round trip', () => {
  it('the realistic fixture parses and has what the template describes', () => {
    const plan = parseOrThrow(FIXTURE_TEXT);
    expect(plan.title).toBe('Real-time Collaboration System');
    expect(plan.nodes.filter((n) => n.kind === 'workstream').map((n) => n.title)).toEqual([
      'Core Infrastructure',
      'Data Layer',
      'API Design',
      'UI/UX Design',
    ]);
    expect(plan.nodes.filter((n) => n.kind === 'task').length).toBeGreaterThanOrEqual(12);
    expect(plan.nodes.find((n) => n.kind === 'milestone')?.title).toBe('API Integration Checkpoint');
    expect(new Set(plan.personas.map((p) => p.id))).toEqual(new Set(['dev', 'designer', 'devops', 'data', 'qa', 'architect']));
  });

  it('JSON -> plan document -> JSON keeps everything (tables compared as sets)', () => {
    const parsed = parseOrThrow(FIXTURE_TEXT);
    const { json } = throughDocument(parsed);
    expect(json).toEqual(tablesSorted(parsed));
    // Spot checks of what a user would look for first.
    const ws = json.nodes.find((n) => n.id === 't-websocket');
    expect(ws).toMatchObject({ kind: 'task', owner: 'dev', status: 'active', estimateDays: 5, progress: 60, parent: 'ws-infra' });
    expect(json.playbook?.communication).toMatch(/Daily standups/);
    expect(json.reflection?.lessonsLearned).toMatch(/protocol contract/);
    expect(json.broadcasts?.[0]?.status.progress_percentage).toBe(60);
  });

  it('output is canonical: a second trip gives byte-identical text, and loading it again changes nothing', () => {
    const first = stringifyPlanJson(throughDocument(parseOrThrow(FIXTURE_TEXT)).json);
    const second = stringifyPlanJson(throughDocument(parseOrThrow(first), 'bob').json);
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    // Canonical means independent of the order the input listed things in.
    const shuffled = structuredClone(FIXTURE);
    shuffled.nodes.reverse();
    shuffled.personas.reverse();
    shuffled.edges.reverse();
    const fromShuffled = stringifyPlanJson(throughDocument(parseOrThrow(shuffled)).json);
    expect(fromShuffled).toBe(first);
  });

  it('the same plan gives the same bytes on two replicas that synced', () => {
    const alice = new PlanDocument({ actor: 'alice' });
    loadPlanJson(alice.ydoc, parseOrThrow(FIXTURE_TEXT));
    const bob = new PlanDocument({ actor: 'bob' });
    expect(bob.applyUpdate(alice.encodeState()).ok).toBe(true);
    expect(stringifyPlanJson(toPlanJson(bob.getSnapshot()))).toBe(stringifyPlanJson(toPlanJson(alice.getSnapshot())));
  });

  it('playbook sections come out in one order whatever order replicas hold them in', () => {
    const alice = new PlanDocument({ actor: 'alice' });
    const bob = new PlanDocument({ actor: 'bob' });
    alice.initialize('Plan');
    bob.applyUpdate(alice.encodeState());
    alice.commands.setPlaybookText('review', 'Review rules');
    bob.commands.setPlaybookText('communication', 'Talk daily');
    alice.applyUpdate(bob.encodeState());
    bob.applyUpdate(alice.encodeState());
    const a = stringifyPlanJson(toPlanJson(alice.getSnapshot()));
    expect(stringifyPlanJson(toPlanJson(bob.getSnapshot()))).toBe(a);
    expect(Object.keys(toPlanJson(alice.getSnapshot()).playbook ?? {})).toEqual(['communication', 'review']);
  });

  it('an empty list is no list, as an empty text is no text: a plan with empty lists makes the same trip as one without', () => {
    type Loose = { nodes: Record<string, unknown>[]; sessions?: Record<string, unknown>[] };
    const withoutLists = structuredClone(FIXTURE) as unknown as Loose;
    const ws = withoutLists.nodes.find((n) => n.kind === 'workstream')!;
    const milestone = withoutLists.nodes.find((n) => n.kind === 'milestone')!;
    for (const field of ['support', 'deliverables']) delete ws[field];
    delete milestone.criteria;
    withoutLists.sessions = [...(withoutLists.sessions ?? []), { id: 'empty-session', date: '2025-03-05', type: 'review' }];
    const withEmptyLists = structuredClone(withoutLists);
    Object.assign(withEmptyLists.nodes.find((n) => n.id === ws.id)!, { support: [], deliverables: [] });
    Object.assign(withEmptyLists.nodes.find((n) => n.id === milestone.id)!, { criteria: [] });
    Object.assign(withEmptyLists.sessions!.at(-1)!, { participants: [], objectives: [], actionItems: [], escalations: [] });
    const parsed = parseOrThrow(JSON.stringify(withEmptyLists));
    expect(parsed).toEqual(parseOrThrow(JSON.stringify(withoutLists)));
    expect(throughDocument(parsed).json).toEqual(tablesSorted(parsed));
  });

  it('property: any small valid plan survives the trip through a document unchanged', () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
    const planArb = fc
      .record({
        personaIds: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }),
        nodeIds: fc.uniqueArray(id, { minLength: 1, maxLength: 8 }),
        title: fc.string({ minLength: 1, maxLength: 30 }),
        requirements: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        seeds: fc.array(
          fc.record({
            status: fc.option(fc.constantFrom('todo', 'active', 'blocked', 'done' as const), { nil: undefined }),
            estimateDays: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
            progress: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
            description: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
            x: fc.option(fc.integer({ min: -5000, max: 5000 }), { nil: undefined }),
          }),
          { minLength: 8, maxLength: 8 },
        ),
        edgePairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
      })
      .map(({ personaIds, nodeIds, title, requirements, seeds, edgePairs }) => {
        const plan: Record<string, unknown> = {
          format: 'baton-plan',
          version: 1,
          title,
          ...(requirements !== undefined ? { requirements } : {}),
          personas: personaIds.map((pid, i) => ({ id: pid, name: `Persona ${i}`, kind: i % 2 ? 'agent' : 'human' })),
          nodes: nodeIds.map((nid, i) => {
            const s = seeds[i]!;
            return {
              id: nid,
              kind: 'task',
              title: `Task ${i}`,
              owner: personaIds[i % personaIds.length],
              ...(s.status ? { status: s.status } : {}),
              ...(s.estimateDays !== undefined ? { estimateDays: s.estimateDays } : {}),
              ...(s.progress !== undefined ? { progress: s.progress } : {}),
              ...(s.description !== undefined ? { description: s.description } : {}),
              ...(s.x !== undefined ? { position: { x: s.x, y: -s.x } } : {}),
            };
          }),
          edges: edgePairs.map(([a, b], i) => ({
            id: `e${i}`,
            kind: 'dependency',
            source: nodeIds[a % nodeIds.length],
            target: nodeIds[b % nodeIds.length],
          })),
        };
        return plan;
      });
    fc.assert(
      fc.property(planArb, (input) => {
        // Through text, as a plan file arrives (JSON has no -0 or undefined).
        const parsed = parseOrThrow(JSON.stringify(input));
        const { json } = throughDocument(parsed);
        expect(json).toEqual(tablesSorted(parsed));
        expect(parseOrThrow(stringifyPlanJson(json))).toEqual(json);
      }),
      { numRuns: 60 },
    );
  });
});

interface Malformed {
  readonly name: string;
  /** A change to a copy of the fixture... */
  readonly edit?: (plan: Fixture) => unknown;
  /** ...or the raw input. */
  readonly raw?: unknown;
  /** The path the refusal must name ('' for the input as a whole). */
  readonly path: string;
  /** What the message must say about it. */
  readonly message: RegExp;
}

const MALFORMED: readonly Malformed[] = [
  { name: 'estimate of the wrong type', edit: (p) => (p.nodes[nodeIndex('t-websocket')]!.estimateDays = 'five'), path: `nodes[${nodeIndex('t-websocket')}].estimateDays`, message: /expected a number, got the string "five"/ },
  { name: 'negative estimate', edit: (p) => (p.nodes[nodeIndex('t-monitoring')]!.estimateDays = -2), path: `nodes[${nodeIndex('t-monitoring')}].estimateDays`, message: /at least 0/ },
  { name: 'progress above 100', edit: (p) => (p.nodes[nodeIndex('t-rest-api')]!.progress = 150), path: `nodes[${nodeIndex('t-rest-api')}].progress`, message: /at most 100/ },
  { name: 'node without an id', edit: (p) => delete (p.nodes[3] as Record<string, unknown>).id, path: 'nodes[3].id', message: /missing/ },
  { name: 'persona without an id', edit: (p) => delete (p.personas[2] as Record<string, unknown>).id, path: 'personas[2].id', message: /missing/ },
  { name: 'id with spaces', edit: (p) => (p.nodes[5]!.id = 'task five'), path: 'nodes[5].id', message: /letters, digits/ },
  { name: 'edge from a node that does not exist', edit: (p) => (p.edges[edgeIndex('e-05')]!.source = 't-ghost'), path: `edges[${edgeIndex('e-05')}].source`, message: /no node with id "t-ghost"/ },
  { name: 'edge to a node that does not exist', edit: (p) => (p.edges[edgeIndex('e-08')]!.target = 't-nowhere'), path: `edges[${edgeIndex('e-08')}].target`, message: /no node with id "t-nowhere"/ },
  { name: 'duplicate node id', edit: (p) => (p.nodes[7]!.id = p.nodes[6]!.id), path: 'nodes[7].id', message: /duplicate id .*nodes\[6\]/ },
  { name: 'duplicate persona id', edit: (p) => p.personas.push({ ...p.personas[0]! }), path: `personas[${FIXTURE.personas.length}].id`, message: /duplicate id "architect"/ },
  { name: 'duplicate edge id', edit: (p) => (p.edges[2]!.id = 'e-01'), path: 'edges[2].id', message: /duplicate id "e-01"/ },
  { name: 'unknown node kind', edit: (p) => (p.nodes[4]!.kind = 'epic'), path: 'nodes[4].kind', message: /unknown kind "epic"; expected one of .*"task"/ },
  { name: 'unknown field on a node', edit: (p) => (p.nodes[nodeIndex('t-sync-schema')]!.assignee = 'data'), path: `nodes[${nodeIndex('t-sync-schema')}]`, message: /unknown field "assignee"/ },
  { name: 'unknown top-level field', edit: (p) => ((p as Record<string, unknown>).tasks = []), path: '', message: /unknown field "tasks"/ },
  { name: 'milestone due date not a date', edit: (p) => (p.nodes[nodeIndex('m-api-checkpoint')]!.due = 'March 17'), path: `nodes[${nodeIndex('m-api-checkpoint')}].due`, message: /YYYY-MM-DD/ },
  { name: 'timeline start not a date', edit: (p) => ((p as Record<string, unknown>).timelineStart = '03/03/2025'), path: 'timelineStart', message: /YYYY-MM-DD/ },
  { name: 'started-at not a time', edit: (p) => (p.nodes[nodeIndex('t-data-model')]!.startedAt = 'yesterday'), path: `nodes[${nodeIndex('t-data-model')}].startedAt`, message: /date/ },
  { name: 'bad colour', edit: (p) => ((p.personas[0] as Record<string, unknown>).colour = 'purple'), path: 'personas[0].colour', message: /#rrggbb/ },
  { name: 'persona kind not human or agent', edit: (p) => ((p.personas[1] as Record<string, unknown>).kind = 'robot'), path: 'personas[1].kind', message: /"human", "agent"/ },
  { name: 'wrong format marker', edit: (p) => ((p as Record<string, unknown>).format = 'trello-board'), path: 'format', message: /not a Baton plan/ },
  { name: 'future version', edit: (p) => ((p as Record<string, unknown>).version = 2), path: 'version', message: /newer than this Baton reads/ },
  { name: 'version as a string', edit: (p) => ((p as Record<string, unknown>).version = '1'), path: 'version', message: /expected 1/ },
  { name: 'missing title', edit: (p) => delete (p as Record<string, unknown>).title, path: 'title', message: /missing/ },
  { name: 'nodes not an array', edit: (p) => ((p as Record<string, unknown>).nodes = { t1: {} }), path: 'nodes', message: /expected an array, got an object/ },
  { name: 'not JSON at all', raw: 'Real-time Collaboration System\n- WebSocket infrastructure', path: '', message: /^not JSON/ },
  { name: 'a JSON array', raw: '[{"format":"baton-plan"}]', path: '', message: /expected a JSON object/ },
  { name: 'JSON null', raw: 'null', path: '', message: /expected a JSON object/ },
  { name: 'the value null', raw: null, path: '', message: /expected a JSON object/ },
  { name: 'empty string', raw: '', path: '', message: /^not JSON/ },
  { name: 'parent pointing nowhere', edit: (p) => (p.nodes[nodeIndex('t-conflict-ui')]!.parent = 'ws-mobile'), path: `nodes[${nodeIndex('t-conflict-ui')}].parent`, message: /no node with id "ws-mobile"/ },
  { name: 'node its own parent', edit: (p) => (p.nodes[nodeIndex('ws-data')]!.parent = 'ws-data'), path: `nodes[${nodeIndex('ws-data')}].parent`, message: /own parent/ },
  { name: 'owner persona missing', edit: (p) => (p.nodes[nodeIndex('t-load-testing')]!.owner = 'sre'), path: `nodes[${nodeIndex('t-load-testing')}].owner`, message: /no persona with id "sre"/ },
  { name: 'support persona missing', edit: (p) => (p.nodes[nodeIndex('ws-api')]!.support = ['dev', 'pm']), path: `nodes[${nodeIndex('ws-api')}].support[1]`, message: /no persona with id "pm"/ },
  { name: 'handoff on a missing task', edit: (p) => (p.handoffs[0]!.task = 't-removed'), path: 'handoffs[0].task', message: /no node with id "t-removed"/ },
  { name: 'handoff to a missing persona', edit: (p) => (p.handoffs[1]!.to = 'intern'), path: 'handoffs[1].to', message: /no persona with id "intern"/ },
  { name: 'session of an unknown type', edit: (p) => (p.sessions[0]!.type = 'party'), path: 'sessions[0].type', message: /"planning"/ },
  { name: 'broadcast progress above 100', edit: (p) => ((p.broadcasts[0]!.status as Record<string, unknown>).progress_percentage = 150), path: 'broadcasts[0].status.progress_percentage', message: /100/ },
  { name: 'dependency of an unknown kind', edit: (p) => (p.edges[0]!.kind = 'blocks'), path: 'edges[0].kind', message: /expected "dependency"/ },
  { name: 'checklist item without text', edit: (p) => ((p.nodes[nodeIndex('g-pre-integration')]!.criteria as unknown[])[1] = { done: true }), path: `nodes[${nodeIndex('g-pre-integration')}].criteria[1].text`, message: /missing/ },
  { name: 'playbook section key with spaces', edit: (p) => ((p as Record<string, unknown>).playbook = { 'war room': 'x' }), path: 'playbook["war room"]', message: /./ },
  { name: 'unknown reflection section', edit: (p) => ((p as Record<string, unknown>).reflection = { vibes: 'good' }), path: 'reflection', message: /unknown field "vibes"/ },
];

describe('malformed interchange JSON is refused with the path of the bad field', () => {
  it('has at least 20 cases', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(20);
  });

  it.each(MALFORMED.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let input: unknown = c.raw;
    if (c.edit) {
      const copy = structuredClone(FIXTURE);
      c.edit(copy);
      input = JSON.stringify(copy);
    }
    const r = parsePlanJson(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const named = r.error.filter((p) => p.path === c.path);
    expect(named.length, `problems were:\n${formatProblems(r.error)}`).toBeGreaterThan(0);
    expect(named.some((p) => c.message.test(p.message)), `problems were:\n${formatProblems(r.error)}`).toBe(true);
    if (c.path) expect(formatProblems(r.error)).toContain(`${c.path}: `);
  });

  it('reports every problem at once, not just the first', () => {
    const copy = structuredClone(FIXTURE);
    copy.nodes[nodeIndex('t-websocket')]!.estimateDays = -1;
    copy.nodes[nodeIndex('t-rest-api')]!.progress = 101;
    const r = parsePlanJson(copy);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => p.path)).toEqual(
      expect.arrayContaining([`nodes[${nodeIndex('t-websocket')}].estimateDays`, `nodes[${nodeIndex('t-rest-api')}].progress`]),
    );
  });
});
