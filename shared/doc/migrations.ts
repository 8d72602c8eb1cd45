import * as Y from 'yjs';
import { fail, ok, type Result } from '../model';
import { newEntityMap } from './entityCodec';
import { SCHEMA_VERSION_KEY, TEXT_FIELDS, planTypes } from './layout';
import { MIGRATION_ORIGIN } from './origins';

/** One step that upgrades a document's layout from `from` to `from + 1`. */
export interface Migration {
  readonly from: number;
  readonly name: string;
  readonly run: (doc: Y.Doc) => void;
}

const V0_STATUS: Readonly<Record<string, string>> = { todo: 'todo', doing: 'active', blocked: 'blocked', done: 'done' };

/**
 * Append-only: never edit a migration that has shipped, add the next one. Each writes
 * deterministic ids and values, so two peers migrating the same old plan at once converge.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    // Version 0 (the prototype) kept `meta.name`, a `people` map of id -> name, a `tasks` map
    // with `estimate` in days and statuses todo/doing/done, and `links` as {from, to} pairs.
    from: 0,
    name: 'prototype tasks and links become nodes and dependency edges',
    run(doc) {
      const types = planTypes(doc);
      const name = types.meta.get('name');
      if (typeof name === 'string' && types.meta.get('title') === undefined) types.meta.set('title', name);
      types.meta.delete('name');
      const people = doc.getMap<unknown>('people');
      for (const [id, personName] of people.entries()) {
        if (!types.tables.personas.has(id) && typeof personName === 'string') {
          types.tables.personas.set(id, newEntityMap({ id, name: personName, kind: 'human' }, []));
        }
      }
      const tasks = doc.getMap<unknown>('tasks');
      for (const [id, old] of tasks.entries()) {
        if (!(old instanceof Y.Map) || types.tables.nodes.has(id)) continue;
        const status = V0_STATUS[String(old.get('status'))];
        const estimate = old.get('estimate');
        const owner = old.get('owner');
        types.tables.nodes.set(
          id,
          newEntityMap(
            {
              id,
              kind: 'task',
              title: String(old.get('title') ?? id) || id,
              owner: typeof owner === 'string' && people.has(owner) ? owner : undefined,
              status,
              estimateDays: typeof estimate === 'number' && estimate >= 0 ? estimate : undefined,
            },
            TEXT_FIELDS.nodes,
          ),
        );
      }
      const links = doc.getArray<unknown>('links');
      for (const link of links.toArray()) {
        const { from, to } = (link ?? {}) as { from?: unknown; to?: unknown };
        if (typeof from !== 'string' || typeof to !== 'string') continue;
        const id = `e-${from}-${to}`;
        if (!types.tables.edges.has(id)) types.tables.edges.set(id, newEntityMap({ id, kind: 'dependency', source: from, target: to }, []));
      }
      for (const key of [...people.keys()]) people.delete(key);
      for (const key of [...tasks.keys()]) tasks.delete(key);
      if (links.length) links.delete(0, links.length);
    },
  },
];

/** The layout version this build writes. */
export const CURRENT_SCHEMA_VERSION = MIGRATIONS.length;

/** The layout version a document says it has (0 for the prototype, which did not say). */
export function schemaVersionOf(doc: Y.Doc): number {
  const v = planTypes(doc).meta.get(SCHEMA_VERSION_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** True when the document holds nothing at all: a plan that has not been created or loaded yet. */
export function isEmptyDoc(doc: Y.Doc): boolean {
  return doc.share.size === 0 || [...doc.share.values()].every((t) => t._start === null && (t as unknown as Y.Map<unknown>)._map.size === 0);
}

/**
 * Brings a document up to the current layout in one transaction. A document from a newer
 * Baton is refused (untouched) rather than half-understood.
 */
export function migrate(doc: Y.Doc): Result<{ from: number; to: number }, string> {
  const from = schemaVersionOf(doc);
  if (from > CURRENT_SCHEMA_VERSION) {
    return fail(`this plan was saved by a newer Baton (layout ${from}; this one reads up to ${CURRENT_SCHEMA_VERSION}); update Baton to open it`);
  }
  if (from === CURRENT_SCHEMA_VERSION) return ok({ from, to: from });
  doc.transact(() => {
    for (const migration of MIGRATIONS.slice(from)) migration.run(doc);
    planTypes(doc).meta.set(SCHEMA_VERSION_KEY, CURRENT_SCHEMA_VERSION);
  }, MIGRATION_ORIGIN);
  return ok({ from, to: CURRENT_SCHEMA_VERSION });
}
