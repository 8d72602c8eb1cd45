import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import * as z from 'zod';
import { fail, newId, ok, problemsFromZod, type Result } from '../model';
import { deleteLocalPlan, persistLocally } from './localPersistence';
import { PlanDocument } from './planDocument';

const LIBRARY_DATABASE = 'baton-library';
const titleSchema = z.string().trim().min(1, 'expected a non-empty title').max(500, 'expected at most 500 characters');

/** One plan as the plan list shows it. */
export interface PlanSummary {
  readonly id: string;
  readonly title: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const summarySchema = z.strictObject({ title: z.string(), createdAt: z.string(), updatedAt: z.string() });

/**
 * The list of plans on this machine, itself a small Y.Doc kept in IndexedDB. Each plan's own
 * title lives in the plan; the library keeps a copy so the list opens without loading plans.
 */
export class PlanLibrary {
  private readonly doc = new Y.Doc();
  private readonly plans = this.doc.getMap<Y.Map<unknown>>('plans');
  private readonly persistence: IndexeddbPersistence;
  private summaries: readonly PlanSummary[] = [];
  private readonly listeners = new Set<() => void>();
  /** Resolves when the stored list has been read. */
  readonly whenLoaded: Promise<void>;

  constructor(private readonly clock: () => Date = () => new Date()) {
    this.persistence = new IndexeddbPersistence(LIBRARY_DATABASE, this.doc);
    this.whenLoaded = this.persistence.whenSynced.then(() => undefined);
    this.doc.on('afterTransaction', () => {
      this.summaries = this.readSummaries();
      for (const l of this.listeners) l();
    });
  }

  /** Plans, most recently changed first (for useSyncExternalStore). */
  getPlans = (): readonly PlanSummary[] => this.summaries;

  /** Calls `listener` when the list changes; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Creates an empty plan with a title; returns its id once it is stored. */
  async createPlan(title: string, actor: string): Promise<Result<string>> {
    const parsed = titleSchema.safeParse(title);
    if (!parsed.success) return fail(problemsFromZod(parsed.error, title, ['title']));
    const id = newId('plan');
    const plan = new PlanDocument({ actor, planId: id });
    const stored = persistLocally(plan);
    await stored.whenLoaded;
    const init = plan.initialize(parsed.data);
    await stored.close();
    plan.destroy();
    if (!init.ok) return init;
    this.record(id, parsed.data, true);
    return ok(id);
  }

  /** Notes a plan's current title (after a rename, or a title that arrived from a teammate). */
  noteTitle(id: string, title: string): void {
    const entry = this.plans.get(id);
    if (entry && entry.get('title') !== title) this.record(id, title, false);
  }

  /** Registers a plan that came from elsewhere (an imported or merged file). */
  adoptPlan(id: string, title: string): void {
    this.record(id, title, !this.plans.has(id));
  }

  /** Renames a plan in its own document and in the list. */
  async renamePlan(id: string, title: string, actor: string): Promise<Result<void>> {
    const parsed = titleSchema.safeParse(title);
    if (!parsed.success) return fail(problemsFromZod(parsed.error, title, ['title']));
    if (!this.plans.has(id)) return fail([{ path: '', message: `no plan with id "${id}"` }]);
    const plan = new PlanDocument({ actor, planId: id });
    const stored = persistLocally(plan);
    await stored.whenLoaded;
    const renamed = plan.commands.setPlanMeta({ title: parsed.data });
    await stored.close();
    plan.destroy();
    if (!renamed.ok) return renamed;
    this.record(id, parsed.data, false);
    return ok(undefined);
  }

  /** Deletes a plan and its stored data for good. */
  async deletePlan(id: string): Promise<Result<void>> {
    if (!this.plans.has(id)) return fail([{ path: '', message: `no plan with id "${id}"` }]);
    await deleteLocalPlan(id);
    this.doc.transact(() => this.plans.delete(id));
    return ok(undefined);
  }

  /** True when the list has a plan with this id. */
  has(id: string): boolean {
    return this.plans.has(id);
  }

  /** Stops storing the list. */
  async close(): Promise<void> {
    await this.persistence.destroy();
    this.doc.destroy();
  }

  private record(id: string, title: string, created: boolean): void {
    const now = this.clock().toISOString();
    this.doc.transact(() => {
      let entry = this.plans.get(id);
      if (!entry) {
        entry = new Y.Map<unknown>();
        this.plans.set(id, entry);
      }
      entry.set('title', title);
      if (created || !entry.has('createdAt')) entry.set('createdAt', now);
      entry.set('updatedAt', now);
    });
  }

  private readSummaries(): readonly PlanSummary[] {
    const list: PlanSummary[] = [];
    for (const [id, entry] of this.plans.entries()) {
      const parsed = summarySchema.safeParse(entry instanceof Y.Map ? entry.toJSON() : entry);
      if (parsed.success) list.push(Object.freeze({ id, ...parsed.data }));
    }
    list.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1));
    return Object.freeze(list);
  }
}
