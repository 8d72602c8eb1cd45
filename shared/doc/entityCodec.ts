import * as Y from 'yjs';
import { newYText, setYText } from './ytext';

/** Plain JSON field values as stored in a document (texts are Y.Text, not here). */
export type FieldValue = string | number | boolean | null | readonly unknown[] | { readonly [k: string]: unknown };

/** The fields of an entity map as a plain object; Y.Text fields become strings, empty ones are left out. */
export function readFields(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // forEach, not entries(): Yjs builds entries() from chained iterators, which made reading
  // the fields the costliest step of opening a 5,000-task plan.
  map.forEach((value, key) => {
    if (value instanceof Y.Text) {
      if (value.length > 0) out[key] = value.toString();
    } else out[key] = value;
  });
  return out;
}

/** A fresh entity map holding `fields`; names in `textFields` become Y.Text. */
export function newEntityMap(fields: Readonly<Record<string, unknown>>, textFields: readonly string[]): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  const given = new Set<string>();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    map.set(key, textFields.includes(key) && typeof value === 'string' ? newYText(value) : value);
    given.add(key);
  }
  // Every text field exists from the start, empty if need be: two people who start typing in
  // the same empty description offline then type into one Y.Text and both keep their words.
  // (Created on first use, each would make their own, and one of the two would win.)
  // (A map not yet in a document answers has() with false, hence `given`.)
  for (const key of textFields) if (!given.has(key)) map.set(key, new Y.Text());
  return map;
}

/**
 * Brings `map` to `next`: only fields whose value differs are written, texts are edited in
 * place, and fields absent from `next` are deleted. Writing unchanged fields would create
 * needless conflicts with teammates editing the same entity.
 */
export function writeFields(map: Y.Map<unknown>, next: Readonly<Record<string, unknown>>, textFields: readonly string[]): void {
  for (const key of [...map.keys()]) {
    if (next[key] !== undefined) continue;
    // A cleared text stays the same (empty) Y.Text, so a teammate's concurrent typing lands in it.
    const current = map.get(key);
    if (current instanceof Y.Text) setYText(current, '');
    else map.delete(key);
  }
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const current = map.get(key);
    if (textFields.includes(key) && typeof value === 'string') {
      if (current instanceof Y.Text) setYText(current, value);
      else map.set(key, newYText(value));
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
