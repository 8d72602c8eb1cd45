import * as Y from 'yjs';
import { newId, type ActivityEntry, type ActivityKind } from '../model';
import type { PlanTypes } from './layout';
import { ACTIVITY_ORIGIN } from './origins';

/** Task fields whose every change the retrospective needs, and the log kind each becomes. */
const TRACKED_TASK_FIELDS: Readonly<Record<string, ActivityKind>> = { status: 'status', owner: 'owner', estimateDays: 'estimate' };

/**
 * Other node kinds a coordination session reports on ("new artifacts", "contract updates",
 * "new risks"), the one field of each whose changes are logged as `status` entries, and the
 * value that field stands for when unset. The existing kinds are reused rather than new ones
 * added, so a teammate on an older build still reads the log; the node's kind tells them apart.
 */
const TRACKED_STATE_FIELDS: Readonly<Record<string, { readonly field: string; readonly unset: string }>> = {
  artifact: { field: 'status', unset: 'draft' },
  risk: { field: 'state', unset: 'open' },
};

/**
 * A field of an entity map removed in this transaction. `get` sees nothing once the map is
 * deleted (its fields are deleted with it), but their content stays until the transaction
 * is cleaned up, after observers run.
 */
function removedField(map: Y.Map<unknown>, key: string): unknown {
  return map._map.get(key)?.content.getContent().at(-1);
}

type LogValue = string | number | null;
const asLogValue = (v: unknown): LogValue => (typeof v === 'string' || typeof v === 'number' ? v : null);

/**
 * Appends to the activity log whatever this user's edits (and undos) did to tasks and
 * handoffs: creation, removal, status, owner, estimate; and the creation and status (state)
 * changes of artifacts and risks. Remote edits are not logged here;
 * the teammate who made them logged them. The log is outside the undo scope: an undo is
 * itself a change, logged as one, so the history stays append-only.
 */
export function recordActivity(
  doc: Y.Doc,
  types: PlanTypes,
  isOwnEdit: (origin: unknown) => boolean,
  actor: () => string,
  clock: () => Date,
): () => void {
  const onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
    if (!isOwnEdit(tr.origin)) return;
    const entries: Omit<ActivityEntry, 'id' | 'at' | 'actor'>[] = [];
    for (const event of events) {
      if (event.target === types.tables.nodes) {
        for (const [id, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
          if (change.action === 'add') {
            const task = types.tables.nodes.get(id);
            const tracked = TRACKED_STATE_FIELDS[String(task?.get('kind'))];
            if (task && tracked) {
              entries.push({ kind: 'created', entity: id, to: asLogValue(task.get(tracked.field) ?? tracked.unset) });
              continue;
            }
            if (task?.get('kind') !== 'task') continue;
            entries.push({ kind: 'created', entity: id, to: asLogValue(task.get('status') ?? 'todo') });
            for (const [field, kind] of Object.entries(TRACKED_TASK_FIELDS)) {
              if (field !== 'status' && task.has(field)) entries.push({ kind, entity: id, from: null, to: asLogValue(task.get(field)) });
            }
          } else if (change.action === 'delete') {
            const old = change.oldValue;
            if (old instanceof Y.Map && removedField(old, 'kind') !== 'task') continue;
            entries.push({ kind: 'removed', entity: id });
          }
        }
      } else if (event.path.length === 1 && event.target instanceof Y.Map && event.target.get('kind') === 'task') {
        const id = event.path[0] as string;
        for (const [field, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
          const kind = TRACKED_TASK_FIELDS[field];
          if (!kind) continue;
          // An unset status is "todo"; logging it as such keeps the status timeline gap-free.
          const unset = field === 'status' ? 'todo' : null;
          entries.push({ kind, entity: id, from: asLogValue(change.oldValue ?? unset), to: asLogValue(event.target.get(field) ?? unset) });
        }
      } else if (event.path.length === 1 && event.target instanceof Y.Map) {
        const tracked = TRACKED_STATE_FIELDS[String(event.target.get('kind'))];
        const change = tracked && (event as Y.YMapEvent<unknown>).changes.keys.get(tracked.field);
        if (tracked && change) {
          entries.push({ kind: 'status', entity: event.path[0] as string, from: asLogValue(change.oldValue ?? tracked.unset), to: asLogValue(event.target.get(tracked.field) ?? tracked.unset) });
        }
      }
    }
    append(entries);
  };

  const onHandoffs = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
    if (!isOwnEdit(tr.origin)) return;
    const entries: Omit<ActivityEntry, 'id' | 'at' | 'actor'>[] = [];
    for (const event of events) {
      if (event.target === types.tables.handoffs) {
        for (const [id, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
          if (change.action === 'add') entries.push({ kind: 'handoff', entity: id, from: null, to: asLogValue(types.tables.handoffs.get(id)?.get('status') ?? 'pending') });
          else if (change.action === 'delete') entries.push({ kind: 'handoff', entity: id, to: 'removed' });
        }
      } else if (event.path.length === 1 && event.target instanceof Y.Map) {
        const change = (event as Y.YMapEvent<unknown>).changes.keys.get('status');
        if (change) entries.push({ kind: 'handoff', entity: event.path[0] as string, from: asLogValue(change.oldValue ?? 'pending'), to: asLogValue(event.target.get('status') ?? 'pending') });
      }
    }
    append(entries);
  };

  // Entries written in the same millisecond (a task created and started at once) are put in
  // order by id when the log is read, so ids begin with this counter: write order survives.
  let written = 0;
  const entryId = () => `act-${(written++).toString(36).padStart(7, '0')}${newId('').slice(1)}`;

  function append(entries: Omit<ActivityEntry, 'id' | 'at' | 'actor'>[]): void {
    if (!entries.length) return;
    const at = clock().toISOString();
    const who = actor();
    const records = entries.map((e) => Object.freeze({ id: entryId(), at, actor: who, ...e }));
    doc.transact(() => types.activity.push(records), ACTIVITY_ORIGIN);
  }

  types.tables.nodes.observeDeep(onNodes);
  types.tables.handoffs.observeDeep(onHandoffs);
  return () => {
    types.tables.nodes.unobserveDeep(onNodes);
    types.tables.handoffs.unobserveDeep(onHandoffs);
  };
}
