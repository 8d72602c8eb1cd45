import * as Y from 'yjs';
import type { z } from 'zod';
import {
  activityEntrySchema,
  planMetaSchema,
  problemsFromZod,
  REFLECTION_SECTIONS,
  statusBroadcastSchema,
  TABLE_NAMES,
  TABLE_SCHEMAS,
  type PlanMeta,
  type PlanSnapshot,
  type Problem,
  type TableName,
} from '../model';
import { deepFreeze, readFields } from './entityCodec';
import { INTERNAL_META_KEYS, type PlanTypes } from './layout';

/** Title shown for a plan whose title has not been set (or arrived broken). */
export const UNTITLED = 'Untitled plan';

type AnyType = Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The id of the entity of `table` that holds `type` (the entity map itself or a text inside it). */
function entityIdOf(type: AnyType, table: AnyType): string | null {
  let current: AnyType = type;
  while (current._item !== null) {
    const parent = current._item.parent;
    if (parent === table) return current._item.parentSub;
    if (!(parent instanceof Y.AbstractType)) return null;
    current = parent;
  }
  return null;
}

/**
 * Keeps a PlanSnapshot in step with a document. After each transaction only the entities it
 * touched are read again; every other entity, and every untouched table, keeps its identity.
 * Entities that break the schema are left out and reported in `problems`, so a faulty peer
 * can never crash a view.
 */
export class SnapshotBuilder {
  private current: PlanSnapshot;
  private readonly problems = new Map<string, Problem>();
  private readonly validRecords = new WeakMap<object, boolean>();

  constructor(private readonly types: PlanTypes) {
    this.current = this.buildFull();
  }

  /** The latest snapshot. */
  get snapshot(): PlanSnapshot {
    return this.current;
  }

  /** Reads everything again; the reference the incremental path is measured against. */
  buildFull(): PlanSnapshot {
    const tables = {} as Record<TableName, ReadonlyMap<string, unknown>>;
    for (const name of TABLE_NAMES) {
      const table = new Map<string, unknown>();
      for (const id of this.types.tables[name].keys()) this.readEntityInto(name, id, table);
      tables[name] = table;
    }
    this.current = {
      meta: this.readMeta(),
      ...(tables as unknown as Pick<PlanSnapshot, TableName>),
      broadcasts: this.readRecords('broadcasts', statusBroadcastSchema),
      activity: this.readRecords('activity', activityEntrySchema),
      playbook: this.readTexts(this.types.playbook),
      reflection: this.readTexts(this.types.reflection, REFLECTION_SECTIONS),
      problems: Object.freeze([...this.problems.values()]),
    };
    return Object.freeze(this.current);
  }

  /** Folds one transaction into the snapshot; returns whether anything visible changed. */
  apply(transaction: Y.Transaction): boolean {
    const changed = transaction.changedParentTypes;
    if (changed.size === 0) return false;
    const next: Mutable<PlanSnapshot> = { ...this.current };
    let touched = false;
    if (changed.has(this.types.meta as unknown as AnyType)) {
      next.meta = this.readMeta();
      touched = true;
    }
    for (const name of TABLE_NAMES) {
      const table = this.types.tables[name];
      const events = changed.get(table as unknown as AnyType);
      if (!events) continue;
      const ids = new Set<string>();
      for (const event of events) {
        if (event.target === table) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
        else {
          // Not `event.path`: it is relative to the observer's type, which for a table nobody
          // deep-observes is the entity itself (an empty path), and the edit would be missed.
          const id = entityIdOf(event.target, table);
          if (id !== null) ids.add(id);
        }
      }
      const updated = new Map(this.current[name] as ReadonlyMap<string, unknown>);
      for (const id of ids) this.readEntityInto(name, id, updated);
      (next as Record<TableName, unknown>)[name] = updated;
      touched = true;
    }
    if (changed.has(this.types.broadcasts as unknown as AnyType)) {
      next.broadcasts = this.readRecords('broadcasts', statusBroadcastSchema);
      touched = true;
    }
    if (changed.has(this.types.activity as unknown as AnyType)) {
      next.activity = this.readRecords('activity', activityEntrySchema);
      touched = true;
    }
    if (changed.has(this.types.playbook as unknown as AnyType)) {
      next.playbook = this.readTexts(this.types.playbook);
      touched = true;
    }
    if (changed.has(this.types.reflection as unknown as AnyType)) {
      next.reflection = this.readTexts(this.types.reflection, REFLECTION_SECTIONS);
      touched = true;
    }
    if (!touched) return false;
    next.problems = this.problemList(this.current.problems);
    this.current = Object.freeze(next);
    return true;
  }

  private problemList(previous: readonly Problem[]): readonly Problem[] {
    const list = [...this.problems.values()];
    if (list.length === previous.length && list.every((p, i) => p === previous[i])) return previous;
    return Object.freeze(list);
  }

  private readEntityInto(name: TableName, id: string, into: Map<string, unknown>): void {
    const key = `${name}["${id}"]`;
    const map = this.types.tables[name].get(id);
    this.problems.delete(key);
    if (!(map instanceof Y.Map)) {
      into.delete(id);
      if (map !== undefined) this.problems.set(key, { path: key, message: 'expected a record' });
      return;
    }
    const fields = readFields(map);
    fields.id = id;
    const parsed = TABLE_SCHEMAS[name].safeParse(fields);
    if (parsed.success) {
      into.set(id, deepFreeze(parsed.data));
    } else {
      into.delete(id);
      this.problems.set(key, problemsFromZod(parsed.error, readFields(map), [name, id])[0]!);
    }
  }

  private readMeta(): PlanMeta {
    const raw = readFields(this.types.meta);
    for (const key of INTERNAL_META_KEYS) delete raw[key];
    if (raw.title === undefined || raw.title === '') raw.title = UNTITLED;
    const parsed = planMetaSchema.safeParse(raw);
    this.problems.delete('meta');
    if (parsed.success) return deepFreeze(parsed.data);
    this.problems.set('meta', problemsFromZod(parsed.error, raw, ['meta'])[0]!);
    return deepFreeze({ title: typeof raw.title === 'string' && raw.title ? raw.title.slice(0, 500) : UNTITLED });
  }

  private readRecords<T>(name: 'broadcasts' | 'activity', schema: z.ZodType<T>): readonly T[] {
    const out: T[] = [];
    let bad = 0;
    for (const item of this.types[name].toArray()) {
      if (typeof item !== 'object' || item === null) {
        bad++;
        continue;
      }
      let valid = this.validRecords.get(item);
      if (valid === undefined) {
        valid = schema.safeParse(item).success;
        this.validRecords.set(item, valid);
        if (valid) deepFreeze(item);
      }
      if (valid) out.push(item as T);
      else bad++;
    }
    if (bad) this.problems.set(name, { path: name, message: `${bad} malformed record${bad > 1 ? 's' : ''} left out` });
    else this.problems.delete(name);
    return Object.freeze(out);
  }

  private readTexts(map: Y.Map<Y.Text>, allowed?: readonly string[]): Readonly<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [key, value] of map.entries()) {
      if (allowed && !allowed.includes(key)) continue;
      // An empty text is no text: sections exist (empty) from the start for concurrent writers.
      if (value instanceof Y.Text && value.length > 0) out[key] = value.toString();
    }
    return Object.freeze(out);
  }
}
