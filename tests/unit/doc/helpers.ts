import { expect } from 'vitest';
import { PlanDocument } from '../../../shared/doc';
import { formatProblems, type Problem, type Result } from '../../../shared/model';

/** A fixed moment, so activity times and status stamps can be asserted exactly. */
export const T0 = new Date('2025-03-03T09:00:00.000Z');

/** A plan document for `actor` whose clock reads `now()` (settable), initialised with a title. */
export function newPlan(actor: string, title = 'Real-time Collaboration System') {
  let now = T0;
  const doc = new PlanDocument({ actor, clock: () => now });
  must(doc.initialize(title));
  return {
    doc,
    c: doc.commands,
    setNow(iso: string) {
      now = new Date(iso);
    },
  };
}

/** A replica of `source` for another user: same plan, synced once. */
export function replicaOf(source: PlanDocument, actor: string, clock: () => Date = () => T0): PlanDocument {
  const doc = new PlanDocument({ actor, clock, planId: source.planId });
  must(doc.applyUpdate(source.encodeState()));
  return doc;
}

/** Full two-way sync of every pair of replicas, by state vectors as a provider does. */
export function syncAll(...docs: PlanDocument[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) must(b.applyUpdate(a.encodeDiff(b.encodeStateVector())));
}

/** The value of a successful result; a failed one fails the test with its problems. */
export function must<T>(result: Result<T, Problem[] | string>): T {
  if (!result.ok) throw new Error(typeof result.error === 'string' ? result.error : formatProblems(result.error));
  return result.value;
}

/**
 * Runs a command that must be refused: it returns ok:false with a problem at `path` (whose
 * message matches `message`), and the document is exactly as before: same snapshot object,
 * same bytes.
 */
export function expectRefused(doc: PlanDocument, run: () => Result<unknown, Problem[]>, path: string | RegExp, message?: RegExp): Problem[] {
  const snapshot = doc.getSnapshot();
  const state = doc.encodeState();
  const result = run();
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  const shown = formatProblems(result.error);
  const atPath = result.error.filter((p) => (typeof path === 'string' ? p.path === path : path.test(p.path)));
  expect(atPath.length, `problems were:\n${shown}`).toBeGreaterThan(0);
  if (message) expect(atPath.some((p) => message.test(p.message)), `problems were:\n${shown}`).toBe(true);
  expect(doc.getSnapshot()).toBe(snapshot);
  expect(doc.encodeState()).toEqual(state);
  return result.error;
}
