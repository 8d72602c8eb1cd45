import * as Y from 'yjs';
import { fail, ok, type PlanSnapshot, type Result } from '../model';
import { recordActivity } from './activityRecorder';
import { createCommands, type PlanCommands } from './commands';
import { planTypes, type PlanTypes } from './layout';
import { CURRENT_SCHEMA_VERSION, isEmptyDoc, migrate } from './migrations';
import { LOAD_ORIGIN, localOrigin, REMOTE_ORIGIN, type Origin } from './origins';
import { SnapshotBuilder } from './snapshotBuilder';
import { createSharedTexts, PLAN_ID_KEY, SCHEMA_VERSION_KEY } from './layout';

/** Who is editing and how time is read: injected so tests and replays are deterministic. */
export interface PlanDocumentOptions {
  /** Name recorded in the activity log for this user's edits. */
  readonly actor: string;
  /** The Y.Doc guid; one per plan, the same on every replica. */
  readonly planId?: string;
  readonly clock?: () => Date;
}

/**
 * One plan: its Y.Doc, the commands that write it, the incremental snapshot that views read,
 * and this user's undo history. The only door to Yjs for the rest of Baton.
 */
export class PlanDocument {
  readonly ydoc: Y.Doc;
  readonly types: PlanTypes;
  readonly commands: PlanCommands;
  readonly origin: Origin;
  private actorName: string;
  private readonly builder: SnapshotBuilder;
  private readonly listeners = new Set<() => void>();
  private readonly undoManager: Y.UndoManager;
  private readonly stopRecording: () => void;
  /** Something listeners should hear about happened since they were last called. */
  private dirty = false;
  /** Inside undo()/redo(), which emit their own event after the transaction: notify once at the end. */
  private popping = 0;

  constructor(options: PlanDocumentOptions) {
    this.ydoc = new Y.Doc(options.planId ? { guid: options.planId } : {});
    this.types = planTypes(this.ydoc);
    this.actorName = options.actor;
    this.origin = localOrigin(options.actor);
    const clock = options.clock ?? (() => new Date());
    this.builder = new SnapshotBuilder(this.types);
    const { tables, meta, playbook, reflection } = this.types;
    // The activity log and broadcasts are outside the undo scope: history is never unwritten.
    this.undoManager = new Y.UndoManager([meta, ...Object.values(tables), playbook, reflection], {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 0,
    });
    this.stopRecording = recordActivity(
      this.ydoc,
      this.types,
      (origin) => origin === this.origin || origin === this.undoManager,
      () => this.actorName,
      clock,
    );
    this.commands = createCommands({ doc: this.ydoc, types: this.types, origin: this.origin, clock, snapshot: () => this.getSnapshot() });
    // One edit is several transactions (the edit, its activity entries) plus undo-stack events;
    // listeners hear about it once, after all of them, when the snapshot is final.
    this.ydoc.on('afterTransaction', this.onTransaction);
    this.ydoc.on('afterAllTransactions', this.onAllTransactions);
    this.undoManager.on('stack-item-added', this.markDirty);
    this.undoManager.on('stack-item-popped', this.markDirty);
  }

  /** The plan's id (the Y.Doc guid). */
  get planId(): string {
    return this.ydoc.guid;
  }

  /** The current snapshot; the same object until something changes (for useSyncExternalStore). */
  getSnapshot = (): PlanSnapshot => this.builder.snapshot;

  /** Calls `listener` after every change to the snapshot or the undo history; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The plan id stored inside the document (what a `.baton` copy of it says it is), if any. */
  get storedPlanId(): string | null {
    const id = this.types.meta.get(PLAN_ID_KEY);
    return typeof id === 'string' && /^[A-Za-z0-9_.:-]{1,200}$/.test(id) ? id : null;
  }

  /** Renames the user whose edits the activity log records from now on. */
  setActor(name: string): void {
    this.actorName = name;
  }

  /** Sets up a brand-new plan: current layout version and a title. */
  initialize(title: string): Result<void> {
    if (!isEmptyDoc(this.ydoc)) return fail([{ path: '', message: 'the plan already has content' }]);
    this.ydoc.transact(() => {
      this.types.meta.set(SCHEMA_VERSION_KEY, CURRENT_SCHEMA_VERSION);
      this.types.meta.set(PLAN_ID_KEY, this.planId);
      createSharedTexts(this.types);
    }, this.origin);
    const titled = this.commands.setPlanMeta({ title });
    // Creating the plan is not an edit the user can undo back to "Untitled".
    this.undoManager.clear();
    return titled;
  }

  /** Upgrades an old plan's layout; refuses one from a newer Baton. */
  migrate(): Result<{ from: number; to: number }, string> {
    return migrate(this.ydoc);
  }

  /** Undoes this user's last edit (never a teammate's). */
  undo(): boolean {
    return this.batched(() => this.undoManager.undo()) !== null;
  }

  /** Redoes this user's last undone edit. */
  redo(): boolean {
    return this.batched(() => this.undoManager.redo()) !== null;
  }

  get canUndo(): boolean {
    return this.undoManager.canUndo();
  }

  get canRedo(): boolean {
    return this.undoManager.canRedo();
  }

  /** The whole plan as one Yjs update (what `.baton` files and first syncs carry). */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.ydoc);
  }

  /** What this replica has seen, so a peer can send only what is missing. */
  encodeStateVector(): Uint8Array {
    return Y.encodeStateVector(this.ydoc);
  }

  /** The updates this replica has that a peer with `stateVector` lacks. */
  encodeDiff(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.ydoc, stateVector);
  }

  /**
   * Merges an update from a peer, a server or a file. Malformed bytes are refused before
   * anything is applied, so the plan stays exactly as it was.
   */
  applyUpdate(update: Uint8Array, origin: unknown = REMOTE_ORIGIN): Result<void> {
    try {
      Y.decodeUpdate(update);
    } catch (e) {
      return fail([{ path: '', message: `not a plan update: ${(e as Error).message || 'malformed bytes'}` }]);
    }
    try {
      Y.applyUpdate(this.ydoc, update, origin);
    } catch (e) {
      return fail([{ path: '', message: `could not apply the update: ${(e as Error).message}` }]);
    }
    return ok(undefined);
  }

  /**
   * Loads a whole plan into this new, empty document. Unlike applyUpdate it does not decode
   * the update once more beforehand to check it (a 5,000-task plan takes a few hundred
   * milliseconds per decode): bad data can only spoil this fresh document, which the caller
   * then discards. The error is Yjs's own description of what it could not read.
   */
  loadUpdate(update: Uint8Array, origin: unknown = LOAD_ORIGIN): Result<void, string> {
    try {
      Y.applyUpdate(this.ydoc, update, origin);
    } catch (e) {
      return fail((e as Error).message || 'malformed update');
    }
    return ok(undefined);
  }

  /** Calls `listener` with every update this document produces or receives; returns the unsubscribe. */
  onUpdate(listener: (update: Uint8Array, origin: unknown) => void): () => void {
    this.ydoc.on('update', listener);
    return () => this.ydoc.off('update', listener);
  }

  /** Stops observing; the document can no longer be used. */
  destroy(): void {
    this.stopRecording();
    this.ydoc.off('afterTransaction', this.onTransaction);
    this.ydoc.off('afterAllTransactions', this.onAllTransactions);
    this.undoManager.destroy();
    this.ydoc.destroy();
    this.listeners.clear();
  }

  private onTransaction = (transaction: Y.Transaction): void => {
    if (this.builder.apply(transaction)) this.dirty = true;
  };

  private onAllTransactions = (): void => {
    if (this.popping === 0) this.notify();
  };

  private markDirty = (): void => {
    this.dirty = true;
  };

  private batched<T>(fn: () => T): T {
    this.popping++;
    try {
      return fn();
    } finally {
      this.popping--;
      if (this.popping === 0) this.notify();
    }
  }

  private notify = (): void => {
    if (!this.dirty) return;
    this.dirty = false;
    for (const listener of this.listeners) listener();
  };
}
