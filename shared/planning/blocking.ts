import { taskStatus, type PlanSnapshot, type TaskNode } from '../model';

/** Why a task cannot proceed, and whom it holds up. */
export interface TaskBlocking {
  readonly id: string;
  /** Prerequisites (direct) that are not done yet. */
  readonly waitingOn: readonly string[];
  /** Dependents (direct) that wait for this task while it is not done. */
  readonly holdingUp: readonly string[];
  /** Blocked: a prerequisite is not done, or the status says blocked. */
  readonly blocked: boolean;
}

/** A dependency that crosses from one persona to another. */
export interface CrossPersonaDependency {
  readonly edge: string;
  readonly source: string;
  readonly target: string;
  /** The persona who must finish the prerequisite. */
  readonly blockingPersona: string;
  /** The persona who waits. */
  readonly blockedPersona: string;
  /** The prerequisite is done. */
  readonly resolved: boolean;
}

/** Per persona: tasks they own that are blocked, and tasks of theirs that hold others up. */
export interface PersonaBlocking {
  readonly persona: string;
  readonly blocked: readonly string[];
  readonly blocking: readonly string[];
}

const tasksOf = (snapshot: Pick<PlanSnapshot, 'nodes'>) => {
  const tasks = new Map<string, TaskNode>();
  for (const n of snapshot.nodes.values()) if (n.kind === 'task') tasks.set(n.id, n);
  return tasks;
};

/**
 * Whether each node counts as finished for its dependents: a task when done; a milestone or
 * gate when everything before it is finished (it has no status of its own); anything else
 * (a risk, a decision) never holds work up. Iterative, and a cycle counts as unfinished.
 */
function finishedNodes(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>): (id: string) => boolean {
  const preds = new Map<string, string[]>();
  for (const e of snapshot.edges.values()) (preds.get(e.target) ?? preds.set(e.target, []).get(e.target)!).push(e.source);
  const memo = new Map<string, boolean>();
  const finished = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const stack = [id];
    const onStack = new Set<string>([id]);
    while (stack.length) {
      const at = stack[stack.length - 1]!;
      const node = snapshot.nodes.get(at);
      if (!node || (node.kind !== 'task' && node.kind !== 'milestone' && node.kind !== 'gate')) {
        memo.set(at, true);
      } else if (node.kind === 'task') {
        memo.set(at, taskStatus(node) === 'done');
      } else {
        const pending = (preds.get(at) ?? []).find((p) => !memo.has(p));
        if (pending !== undefined && !onStack.has(pending)) {
          stack.push(pending);
          onStack.add(pending);
          continue;
        }
        // A predecessor still on the stack is a cycle: nothing on it can be finished.
        memo.set(at, pending === undefined && (preds.get(at) ?? []).every((p) => memo.get(p) === true));
      }
      stack.pop();
      onStack.delete(at);
    }
    return memo.get(id)!;
  };
  return finished;
}

/** Blocked and blocking for every task, by id. */
export function computeBlocking(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>): ReadonlyMap<string, TaskBlocking> {
  const tasks = tasksOf(snapshot);
  const finished = finishedNodes(snapshot);
  const waiting = new Map<string, string[]>();
  const holding = new Map<string, string[]>();
  for (const e of snapshot.edges.values()) {
    const source = snapshot.nodes.get(e.source);
    const target = tasks.get(e.target);
    if (!source || !target) continue;
    if (finished(source.id)) continue;
    (waiting.get(target.id) ?? waiting.set(target.id, []).get(target.id)!).push(source.id);
    if (source.kind === 'task' && taskStatus(target) !== 'done') (holding.get(source.id) ?? holding.set(source.id, []).get(source.id)!).push(target.id);
  }
  const out = new Map<string, TaskBlocking>();
  for (const t of tasks.values()) {
    const status = taskStatus(t);
    // A Set: two replicas that drew the same dependency offline merge into two parallel edges.
    const waitingOn = status === 'done' ? [] : [...new Set(waiting.get(t.id))].sort();
    out.set(t.id, {
      id: t.id,
      waitingOn,
      holdingUp: status === 'done' ? [] : [...new Set(holding.get(t.id))].sort(),
      blocked: status !== 'done' && (status === 'blocked' || waitingOn.length > 0),
    });
  }
  return out;
}

/** Dependencies whose prerequisite's owner differs from the dependent's owner, sorted by edge id. */
export function crossPersonaDependencies(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>): CrossPersonaDependency[] {
  const out: CrossPersonaDependency[] = [];
  for (const e of snapshot.edges.values()) {
    const s = snapshot.nodes.get(e.source);
    const t = snapshot.nodes.get(e.target);
    if (s?.kind !== 'task' || t?.kind !== 'task' || !s.owner || !t.owner || s.owner === t.owner) continue;
    out.push({ edge: e.id, source: s.id, target: t.id, blockingPersona: s.owner, blockedPersona: t.owner, resolved: taskStatus(s) === 'done' });
  }
  return out.sort((a, b) => (a.edge < b.edge ? -1 : 1));
}

/** Blocked and blocking tasks per persona (every persona of the plan appears). */
export function blockingByPersona(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges' | 'personas'>, blocking = computeBlocking(snapshot)): PersonaBlocking[] {
  const rows = new Map<string, { blocked: string[]; blocking: string[] }>();
  for (const id of [...snapshot.personas.keys()].sort()) rows.set(id, { blocked: [], blocking: [] });
  for (const b of blocking.values()) {
    const owner = (snapshot.nodes.get(b.id) as TaskNode | undefined)?.owner;
    const row = owner ? rows.get(owner) : undefined;
    if (!row) continue;
    if (b.blocked) row.blocked.push(b.id);
    if (b.holdingUp.length) row.blocking.push(b.id);
  }
  return [...rows].map(([persona, r]) => ({ persona, blocked: r.blocked.sort(), blocking: r.blocking.sort() }));
}
