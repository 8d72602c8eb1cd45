import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, PlanDocument, schemaVersionOf, UNTITLED } from '../../../shared/doc';
import { parsePlanJson, stringifyPlanJson, toPlanJson } from '../../../shared/model';
import { must, syncAll } from './helpers';

const V0 = new Uint8Array(readFileSync(new URL('../../fixtures/plan-v0.ydoc', import.meta.url)));

function openV0(actor = 'alice'): PlanDocument {
  const doc = new PlanDocument({ actor });
  must(doc.applyUpdate(V0));
  return doc;
}

describe('migrations', () => {
  it('the stored prototype plan really is version 0', () => {
    const raw = new Y.Doc();
    Y.applyUpdate(raw, V0);
    expect(raw.getMap('meta').get('name')).toBe('Real-time Collaboration System');
    expect(raw.getMap('meta').has('schemaVersion')).toBe(false);
    expect(raw.getMap('tasks').size).toBe(4);
    expect(schemaVersionOf(raw)).toBe(0);
    expect(MIGRATIONS[0]?.from).toBe(0);
  });

  it('an unmigrated prototype plan shows nothing it cannot read', () => {
    const doc = openV0();
    expect(doc.getSnapshot().meta.title).toBe(UNTITLED);
    expect(doc.getSnapshot().nodes.size).toBe(0);
  });

  it('upgrades the prototype plan: title, personas, tasks, statuses, estimates, links', () => {
    const doc = openV0();
    expect(doc.migrate()).toEqual({ ok: true, value: { from: 0, to: CURRENT_SCHEMA_VERSION } });
    const s = doc.getSnapshot();
    expect(s.problems).toEqual([]);
    expect(s.meta).toEqual({ title: 'Real-time Collaboration System' });
    expect([...s.personas.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'designer', name: 'Designer', kind: 'human' },
      { id: 'dev', name: 'Developer', kind: 'human' },
      { id: 'qa', name: 'QA Engineer', kind: 'human' },
    ]);
    expect(s.nodes.get('t1')).toEqual({ id: 't1', kind: 'task', title: 'WebSocket server', owner: 'dev', status: 'active', estimateDays: 5 });
    expect(s.nodes.get('t2')).toEqual({ id: 't2', kind: 'task', title: 'Real-time UI', owner: 'designer', status: 'todo', estimateDays: 3 });
    expect(s.nodes.get('t3')).toEqual({ id: 't3', kind: 'task', title: 'Load testing', owner: 'qa', status: 'done', estimateDays: 2.5 });
    expect(s.nodes.get('t4')).toEqual({ id: 't4', kind: 'task', title: 'Conflict resolution engine', owner: 'dev', status: 'active' });
    expect([...s.edges.values()].map((e) => [e.source, e.target]).sort()).toEqual([
      ['t1', 't2'],
      ['t2', 't3'],
      ['t4', 't3'],
    ]);
    expect(doc.ydoc.getMap('meta').get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
    expect(schemaVersionOf(doc.ydoc)).toBe(CURRENT_SCHEMA_VERSION);
    // The old layout is emptied, so it is not migrated again by anyone.
    expect(doc.ydoc.getMap('meta').has('name')).toBe(false);
    expect(doc.ydoc.getMap('people').size).toBe(0);
    expect(doc.ydoc.getMap('tasks').size).toBe(0);
    expect(doc.ydoc.getArray('links').length).toBe(0);
    // The result is a valid plan in every respect.
    expect(parsePlanJson(stringifyPlanJson(toPlanJson(s))).ok).toBe(true);
  });

  it('is not an edit of the user: not undoable, not in the activity log', () => {
    const doc = openV0();
    must(doc.migrate());
    expect(doc.canUndo).toBe(false);
    expect(doc.getSnapshot().activity).toEqual([]);
    // The migrated plan takes commands like any other.
    must(doc.commands.updateNode('t2', { status: 'active' }));
    expect(doc.getSnapshot().nodes.get('t2')).toMatchObject({ status: 'active' });
  });

  it('migrating twice is a no-op', () => {
    const doc = openV0();
    must(doc.migrate());
    const snapshot = doc.getSnapshot();
    const state = doc.encodeState();
    expect(doc.migrate()).toEqual({ ok: true, value: { from: CURRENT_SCHEMA_VERSION, to: CURRENT_SCHEMA_VERSION } });
    expect(doc.getSnapshot()).toBe(snapshot);
    expect(doc.encodeState()).toEqual(state);
  });

  it('two people migrating the same old plan at once end up with the same plan', () => {
    const alice = openV0('alice');
    const bob = openV0('bob');
    must(alice.migrate());
    must(bob.migrate());
    syncAll(alice, bob);
    const a = stringifyPlanJson(toPlanJson(alice.getSnapshot()));
    expect(stringifyPlanJson(toPlanJson(bob.getSnapshot()))).toBe(a);
    expect(alice.getSnapshot().nodes.size).toBe(4);
    expect(alice.getSnapshot().edges.size).toBe(3);
    expect(alice.getSnapshot().personas.size).toBe(3);
  });

  it('refuses, untouched, a plan saved by a newer Baton', () => {
    const newer = new Y.Doc();
    newer.transact(() => {
      newer.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
      newer.getMap('meta').set('title', 'From the future');
      newer.getMap('tasks').set('t1', new Y.Map());
      newer.getMap('hyperlinks').set('x', 'y');
    });
    const doc = new PlanDocument({ actor: 'alice' });
    must(doc.applyUpdate(Y.encodeStateAsUpdate(newer)));
    const snapshot = doc.getSnapshot();
    const state = doc.encodeState();
    const r = doc.migrate();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(new RegExp(`newer Baton \\(layout ${CURRENT_SCHEMA_VERSION + 1}`));
    expect(doc.getSnapshot()).toBe(snapshot);
    expect(doc.encodeState()).toEqual(state);
    expect(doc.ydoc.getMap('tasks').size).toBe(1);
  });
});
