import * as Y from 'yjs';
import { newYText, setYText } from './ytext';

/** Plain JSON field values as stored in a document (texts are Y.Text, not here). */
export type FieldValue = string | number | boolean | null | readonly unknown[] | { readonly [k: string]: unknown };

/**
 * The fields of an entity map as a plain object; Y.Text fields become strings (empty ones
 * are left out), record lists arrays of plain records (empty ones are left out).
 */
export function readFields(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // forEach, not entries(): Yjs builds entries() from chained iterators, which made reading
  // the fields the costliest step of opening a 5,000-task plan.
  map.forEach((value, key) => {
    if (value instanceof Y.Text) {
      if (value.length > 0) out[key] = value.toString();
    } else if (value instanceof Y.Array) {
      if (value.length > 0) out[key] = value.toJSON();
    } else out[key] = value;
  });
  return out;
}

/** A record with an id, as a record list holds them. */
type ListedRecord = Readonly<Record<string, unknown>> & { readonly id: string };

const isListedRecord = (value: unknown): value is ListedRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string';

/**
 * A list field: a Y.Array holding one Y.Map per record (a record list, such as a session's
 * action items) or one plain value per entry (a value list, such as its objectives). Kept as
 * one JSON array, two people adding an item to the same list at once would each write the
 * whole array, and one of the two items would be lost; as a Y.Array both inserts land, and
 * edits to different fields of one record both stay.
 */
function newList(items: readonly unknown[]): Y.Array<unknown> {
  const list = new Y.Array<unknown>();
  if (items.some(isListedRecord)) list.push(items.filter(isListedRecord).map((r) => newEntityMap(r, [])));
  else list.push([...items]);
  return list;
}

/**
 * Brings a value list to `next` by the shortest edit that keeps the entries both share at
 * its start and its end: adding, removing or rewording one entry touches that entry alone,
 * so a teammate's concurrent change elsewhere in the list survives.
 */
function writeValueList(list: Y.Array<unknown>, next: readonly unknown[]): void {
  const current = list.toArray();
  let head = 0;
  while (head < current.length && head < next.length && sameJson(current[head], next[head])) head++;
  let tail = 0;
  while (tail < current.length - head && tail < next.length - head && sameJson(current[current.length - 1 - tail], next[next.length - 1 - tail])) tail++;
  const removed = current.length - head - tail;
  if (removed > 0) list.delete(head, removed);
  const added = next.slice(head, next.length - tail);
  if (added.length > 0) list.insert(head, added);
}

/**
 * Brings a record list to `next` by record id: records no longer listed are deleted, new
 * ones inserted where `next` places them, and the rest edited field by field in place, so a
 * teammate's concurrent insert or edit survives. Records are not moved.
 */
function writeRecordList(list: Y.Array<unknown>, next: readonly unknown[]): void {
  const records = next.filter(isListedRecord);
  const wanted = new Set(records.map((r) => r.id));
  const idAt = (i: number) => {
    const entry = list.get(i);
    return entry instanceof Y.Map ? entry.get('id') : undefined;
  };
  // From the end, so the indexes still to visit do not shift.
  for (let i = list.length - 1; i >= 0; i--) {
    const id = idAt(i);
    if (typeof id !== 'string' || !wanted.has(id)) list.delete(i, 1);
  }
  let cursor = 0;
  for (const record of records) {
    let at = -1;
    for (let i = 0; i < list.length && at < 0; i++) if (idAt(i) === record.id) at = i;
    if (at < 0) {
      list.insert(cursor++, [newEntityMap(record, [])]);
    } else {
      writeFields(list.get(at) as Y.Map<unknown>, record, []);
      if (at >= cursor) cursor = at + 1;
    }
  }
}

/** A fresh entity map holding `fields`; names in `textFields` become Y.Text, names in `listFields` record lists. */
export function newEntityMap(fields: Readonly<Record<string, unknown>>, textFields: readonly string[], listFields: readonly string[] = []): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  const given = new Set<string>();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (textFields.includes(key) && typeof value === 'string') map.set(key, newYText(value));
    else if (listFields.includes(key) && Array.isArray(value)) map.set(key, newList(value));
    else map.set(key, value);
    given.add(key);
  }
  // Every text field and record list exists from the start, empty if need be: two people who
  // start typing in the same empty description offline then type into one Y.Text and both
  // keep their words. (Created on first use, each would make their own, and one would win.)
  // (A map not yet in a document answers has() with false, hence `given`.)
  for (const key of textFields) if (!given.has(key)) map.set(key, new Y.Text());
  for (const key of listFields) if (!given.has(key)) map.set(key, new Y.Array());
  return map;
}

/** Brings the list field `key` of `map` to `items` (see writeRecordList and writeValueList). */
export function writeListField(map: Y.Map<unknown>, key: string, items: readonly unknown[]): void {
  const current = map.get(key);
  // A list written before lists were Y.Arrays (a plain JSON array) becomes one now.
  if (!(current instanceof Y.Array)) map.set(key, newList(items));
  else if (items.some(isListedRecord) || current.toArray().some((entry) => entry instanceof Y.Map)) writeRecordList(current, items);
  else writeValueList(current, items);
}

/**
 * Takes every `value` out of the list field `key` of `map`, entry by entry in a Y.Array (so
 * a teammate's concurrent addition to the list survives), or as a new array in a list kept
 * as plain JSON by an older Baton.
 */
export function removeFromList(map: Y.Map<unknown>, key: string, value: unknown): void {
  const list = map.get(key);
  if (list instanceof Y.Array) {
    for (let i = list.length - 1; i >= 0; i--) if (list.get(i) === value) list.delete(i, 1);
  } else if (Array.isArray(list) && list.includes(value)) {
    map.set(key, list.filter((entry) => entry !== value));
  }
}

/**
 * Brings `map` to `next`: only fields whose value differs are written, texts and record
 * lists are edited in place, and fields absent from `next` are deleted. Writing unchanged
 * fields would create needless conflicts with teammates editing the same entity.
 */
export function writeFields(map: Y.Map<unknown>, next: Readonly<Record<string, unknown>>, textFields: readonly string[], listFields: readonly string[] = []): void {
  for (const key of [...map.keys()]) {
    if (next[key] !== undefined) continue;
    // A cleared text or list stays the same (empty) Y.Text or Y.Array, so a teammate's
    // concurrent typing or insert lands in it.
    const current = map.get(key);
    if (current instanceof Y.Text) setYText(current, '');
    else if (current instanceof Y.Array) {
      if (current.length) current.delete(0, current.length);
    } else map.delete(key);
  }
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const current = map.get(key);
    if (textFields.includes(key) && typeof value === 'string') {
      if (current instanceof Y.Text) setYText(current, value);
      else map.set(key, newYText(value));
    } else if (listFields.includes(key) && Array.isArray(value)) {
      writeListField(map, key, value);
    } else if (!sameJson(current, value)) {
      map.set(key, value);
    }
  }
}

/** Structural equality of JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Freezes a JSON value and everything inside it, so a snapshot cannot be changed behind the document's back. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
