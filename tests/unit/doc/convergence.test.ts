import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PlanDocument, REMOTE_ORIGIN } from '../../../shared/doc';
import { formatProblems, parsePlanJson, REFLECTION_SECTIONS, stringifyPlanJson, toPlanJson } from '../../../shared/model';
import { T0 } from './helpers';

const NODE_IDS = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
const PERSONA_IDS = ['dev', 'designer', 'qa', 'devops'];
const TITLES = ['WebSocket server', 'Real-time UI', 'Conflict engine', 'Load testing', 'Caching layer'];
const STATUSES = ['todo', 'active', 'blocked', 'done'] as const;
const TEXTS = ['', 'Daily standups', 'Daily standups at 9', 'Pair on integrations', 'Contracts first, then UI'];

type Op =
  | { readonly op: 'addTask'; readonly r: number; readonly id: number; readonly title: number; readonly owner: number; readonly estimate: number }
  | { readonly op: 'addMilestone'; readonly r: number; readonly id: number }
  | { readonly op: 'updateTask'; readonly r: number; readonly id: number; readonly title: number; readonly estimate: number | null }
  | { readonly op: 'status'; readonly r: number; readonly id: number; readonly status: number }
  | { readonly op: 'owner'; readonly r: number; readonly id: number; readonly owner: number | null }
  | { readonly op: 'parent'; readonly r: number; readonly id: number; readonly parent: number | null }
  | { readonly op: 'remove'; readonly r: number; readonly ids: readonly number[] }
  | { readonly op: 'addPersona'; readonly r: number; readonly p: number; readonly capacity: number }
  | { readonly op: 'updatePersona'; readonly r: number; readonly p: number; readonly name: number }
  | { readonly op: 'removePersona'; readonly r: number; readonly p: number }
  | { readonly op: 'connect'; readonly r: number; readonly a: number; readonly b: number }
  | { readonly op: 'move'; readonly r: number; readonly ids: readonly number[]; readonly x: number; readonly y: number }
  | { readonly op: 'handoff'; readonly r: number; readonly id: number; readonly from: number; readonly to: number }
  | { readonly op: 'playbook'; readonly r: number; readonly key: number; readonly text: number }
  | { readonly op: 'reflection'; readonly r: number; readonly key: number; readonly text: number }
  | { readonly op: 'description'; readonly r: number; readonly id: number; readonly text: number }
  | { readonly op: 'meta'; readonly r: number; readonly text: number }
  | { readonly op: 'undo'; readonly r: number }
  | { readonly op: 'redo'; readonly r: number }
  /** Delivers one of `from`'s updates that `to` has not had yet, chosen by `pick`. */
  | { readonly op: 'deliver'; readonly from: number; readonly to: number; readonly pick: number };

const r = fc.nat({ max: 2 });
const nodeIx = fc.nat({ max: NODE_IDS.length - 1 });
const personaIx = fc.nat({ max: PERSONA_IDS.length - 1 });
const textIx = fc.nat({ max: TEXTS.length - 1 });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('addTask' as const), r, id: nodeIx, title: fc.nat({ max: TITLES.length - 1 }), owner: personaIx, estimate: fc.nat({ max: 10 }) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('addMilestone' as const), r, id: nodeIx }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('updateTask' as const), r, id: nodeIx, title: fc.nat({ max: TITLES.length - 1 }), estimate: fc.option(fc.nat({ max: 20 }), { nil: null }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('status' as const), r, id: nodeIx, status: fc.nat({ max: 3 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('owner' as const), r, id: nodeIx, owner: fc.option(personaIx, { nil: null }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('parent' as const), r, id: nodeIx, parent: fc.option(nodeIx, { nil: null }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('remove' as const), r, ids: fc.uniqueArray(nodeIx, { minLength: 1, maxLength: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('addPersona' as const), r, p: personaIx, capacity: fc.nat({ max: 7 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('updatePersona' as const), r, p: personaIx, name: fc.nat({ max: TITLES.length - 1 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('removePersona' as const), r, p: personaIx }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('connect' as const), r, a: nodeIx, b: nodeIx }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('move' as const), r, ids: fc.uniqueArray(nodeIx, { minLength: 1, maxLength: 4 }), x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('handoff' as const), r, id: nodeIx, from: personaIx, to: personaIx }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('playbook' as const), r, key: fc.nat({ max: 2 }), text: textIx }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('reflection' as const), r, key: fc.nat({ max: REFLECTION_SECTIONS.length - 1 }), text: textIx }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('description' as const), r, id: nodeIx, text: textIx }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('meta' as const), r, text: textIx }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('undo' as const), r }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('redo' as const), r }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('deliver' as const), from: r, to: r, pick: fc.nat() }), weight: 8 },
);

/** Three replicas whose local updates queue up until delivered, one by one, in any order. */
class Network {
  readonly replicas: PlanDocument[];
  /** Updates each replica made itself (edits, activity, undo), in the order it made them. */
  private readonly outbox: Uint8Array[][] = [[], [], []];
  /** delivered[from][to]: indexes of from's outbox that `to` has applied. */
  private readonly delivered: Set<number>[][] = [0, 1, 2].map(() => [0, 1, 2].map(() => new Set<number>()));

  constructor() {
    const names = ['alice', 'bob', 'carol'];
    const first = new PlanDocument({ actor: 'alice', clock: () => T0, planId: 'plan-1' });
    first.initialize('Real-time Collaboration System');
    const start = first.encodeState();
    this.replicas = names.map((actor, i) => {
      const doc = i === 0 ? first : new PlanDocument({ actor, clock: () => T0, planId: 'plan-1' });
      if (i > 0) doc.applyUpdate(start);
      doc.onUpdate((update, origin) => {
        if (origin !== REMOTE_ORIGIN) this.outbox[i]!.push(update);
      });
      return doc;
    });
  }

  deliver(from: number, to: number, pick: number): void {
    if (from === to) return;
    const pending = this.outbox[from]!.map((_, k) => k).filter((k) => !this.delivered[from]![to]!.has(k));
    if (!pending.length) return;
    const k = pending[pick % pending.length]!;
    this.delivered[from]![to]!.add(k);
    const result = this.replicas[to]!.applyUpdate(this.outbox[from]![k]!);
    if (!result.ok) throw new Error(formatProblems(result.error));
  }

  /** Everything still undelivered, in an order drawn from `picks`. */
  deliverAll(picks: readonly number[]): void {
    let round = 0;
    for (;;) {
      const pairs: [number, number][] = [];
      for (let from = 0; from < 3; from++) {
        for (let to = 0; to < 3; to++) {
          if (from !== to && this.outbox[from]!.some((_, k) => !this.delivered[from]![to]!.has(k))) pairs.push([from, to]);
        }
      }
      if (!pairs.length) return;
      const pick = picks.length ? picks[round % picks.length]! + round : round;
      const [from, to] = pairs[pick % pairs.length]!;
      this.deliver(from, to, pick);
      round++;
    }
  }
}

function run(doc: PlanDocument, op: Op): void {
  const c = doc.commands;
  const node = (i: number) => NODE_IDS[i]!;
  const persona = (i: number) => PERSONA_IDS[i]!;
  switch (op.op) {
    case 'addTask':
      c.addNode({ id: node(op.id), kind: 'task', title: TITLES[op.title]!, owner: persona(op.owner), estimateDays: op.estimate });
      return;
    case 'addMilestone':
      c.addNode({ id: node(op.id), kind: 'milestone', title: 'API Integration Checkpoint', due: '2025-03-17' });
      return;
    case 'updateTask':
      c.updateNode(node(op.id), { title: TITLES[op.title]!, estimateDays: op.estimate });
      return;
    case 'status':
      c.updateNode(node(op.id), { status: STATUSES[op.status]! });
      return;
    case 'owner':
      c.updateNode(node(op.id), { owner: op.owner === null ? null : persona(op.owner) });
      return;
    case 'parent':
      c.updateNode(node(op.id), { parent: op.parent === null ? null : node(op.parent) });
      return;
    case 'remove':
      c.removeNodes(op.ids.map(node));
      return;
    case 'addPersona':
      c.addPersona({ id: persona(op.p), name: persona(op.p).toUpperCase(), kind: op.capacity % 2 ? 'agent' : 'human', capacity: op.capacity });
      return;
    case 'updatePersona':
      c.updatePersona(persona(op.p), { name: TITLES[op.name]!, role: 'lead' });
      return;
    case 'removePersona':
      c.removePersona(persona(op.p));
      return;
    case 'connect':
      c.connectTasks({ source: node(op.a), target: node(op.b), type: 'technical' });
      return;
    case 'move':
      c.moveNodes(op.ids.map((i, k) => ({ id: node(i), position: { x: op.x + k * 10, y: op.y } })));
      return;
    case 'handoff':
      c.addHandoff({ task: node(op.id), from: persona(op.from), to: persona(op.to), reason: 'Ready' });
      return;
    case 'playbook':
      c.setPlaybookText(['communication', 'review', 'emergency'][op.key]!, TEXTS[op.text]!);
      return;
    case 'reflection':
      c.setReflectionText(REFLECTION_SECTIONS[op.key]!, TEXTS[op.text]!);
      return;
    case 'description':
      c.updateNode(node(op.id), { description: TEXTS[op.text]! });
      return;
    case 'meta':
      c.setPlanMeta({ requirements: TEXTS[op.text]! });
      return;
    case 'undo':
      doc.undo();
      return;
    case 'redo':
      doc.redo();
      return;
    case 'deliver':
      throw new Error('delivery is the network');
  }
}

describe('convergence', () => {
  it('three replicas with random edits, random delivery orders and partitions end up byte-identical', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 80 }), fc.array(fc.nat({ max: 1000 }), { maxLength: 20 }), (ops, finalPicks) => {
        const net = new Network();
        for (const op of ops) {
          if (op.op === 'deliver') net.deliver(op.from, op.to, op.pick);
          else run(net.replicas[op.r]!, op);
        }
        net.deliverAll(finalPicks);

        const texts = net.replicas.map((doc) => stringifyPlanJson(toPlanJson(doc.getSnapshot())));
        expect(texts[1]).toBe(texts[0]);
        expect(texts[2]).toBe(texts[0]);
        const parsed = parsePlanJson(texts[0]!);
        expect(parsed.ok, parsed.ok ? '' : formatProblems(parsed.error)).toBe(true);
        for (const doc of net.replicas) {
          expect(formatProblems(doc.getSnapshot().problems)).toBe('');
          // The incrementally kept snapshot says what a snapshot built from scratch says.
          const fresh = new PlanDocument({ actor: 'check' });
          fresh.applyUpdate(doc.encodeState());
          expect(stringifyPlanJson(toPlanJson(fresh.getSnapshot()))).toBe(texts[0]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
