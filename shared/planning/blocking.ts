import { taskStatus, type PlanNode, type PlanSnapshot, type TaskNode } from '../model';
import { compareText } from './sortedBy';

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

const NONE: readonly string[] = Object.freeze([]);

/**
 * Every node of the plan numbered in id order (so sorting numbers sorts ids), with each
 * node's prerequisites as a compressed row over the dependencies whose both ends exist.
 */
function numberedPlan(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>) {
  const nodes = [...snapshot.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) index.set(nodes[i]!.id, i);
  const from = new Int32Array(snapshot.edges.size);
  const to = new Int32Array(snapshot.edges.size);
  let m = 0;
  for (const e of snapshot.edges.values()) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) continue;
    from[m] = s;
    to[m++] = t;
  }
  const predStart = new Int32Array(nodes.length + 1);
  for (let k = 0; k < m; k++) predStart[to[k]! + 1]!++;
  for (let i = 0; i < nodes.length; i++) predStart[i + 1]! += predStart[i]!;
  const pred = new Int32Array(m);
  const fill = predStart.slice(0, nodes.length);
  // Filled in dependency order, so each row keeps the order the edges were drawn in.
  for (let k = 0; k < m; k++) pred[fill[to[k]!]!++] = from[k]!;
  return { nodes, predStart, pred, from: from.subarray(0, m), to: to.subarray(0, m) };
}

const UNKNOWN = 0;
const NOT_FINISHED = 1;
const FINISHED = 2;

/**
 * Whether each node counts as finished for its dependents: a task when done; a milestone or
 * gate when everything before it is finished (it has no status of its own); anything else
 * (a risk, a decision) never holds work up. Iterative, and a cycle counts as unfinished.
 */
function finishedNodes(plan: ReturnType<typeof numberedPlan>): Uint8Array {
  const { nodes, predStart, pred } = plan;
  const state = new Uint8Array(nodes.length);
  const onStack = new Uint8Array(nodes.length);
  const stack: number[] = [];
  for (let root = 0; root < nodes.length; root++) {
    if (state[root] !== UNKNOWN) continue;
    stack.push(root);
    onStack[root] = 1;
    while (stack.length) {
      const at = stack[stack.length - 1]!;
      const node = nodes[at]!;
      if (node.kind === 'task') state[at] = taskStatus(node) === 'done' ? FINISHED : NOT_FINISHED;
      else if (node.kind !== 'milestone' && node.kind !== 'gate') state[at] = FINISHED;
      else {
        // The first prerequisite not known yet; one still on the stack is a cycle, and
        // nothing on a cycle can be finished.
        let pending = -1;
        let allFinished = true;
        for (let k = predStart[at]!; k < predStart[at + 1]!; k++) {
          const p = pred[k]!;
          if (state[p] === UNKNOWN) {
            pending = p;
            break;
          }
          if (state[p] !== FINISHED) allFinished = false;
        }
        if (pending >= 0 && !onStack[pending]) {
          stack.push(pending);
          onStack[pending] = 1;
          continue;
        }
        state[at] = pending < 0 && allFinished ? FINISHED : NOT_FINISHED;
      }
      stack.pop();
      onStack[at] = 0;
    }
  }
  return state;
}

/** The ids of `list` (node numbers), sorted and each once, or the shared empty list. */
function idsOnce(nodes: readonly PlanNode[], list: number[] | undefined): readonly string[] {
  if (!list) return NONE;
  // Insertion sort: a task has a handful of prerequisites.
  for (let k = 1; k < list.length; k++) {
    const v = list[k]!;
    let at = k;
    while (at > 0 && list[at - 1]! > v) list[at] = list[--at]!;
    list[at] = v;
  }
  const out: string[] = [];
  for (let k = 0; k < list.length; k++) if (k === 0 || list[k] !== list[k - 1]) out.push(nodes[list[k]!]!.id);
  return out;
}

/** Blocked and blocking for every task, by id, in id order. */
export function computeBlocking(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>): ReadonlyMap<string, TaskBlocking> {
  const plan = numberedPlan(snapshot);
  const { nodes, from, to } = plan;
  const state = finishedNodes(plan);
  const done = (n: PlanNode) => n.kind === 'task' && taskStatus(n) === 'done';
  // Lists by node number; parallel edges (two replicas drew the same dependency offline)
  // repeat a number, which idsOnce drops.
  const waiting: (number[] | undefined)[] = new Array(nodes.length);
  const holding: (number[] | undefined)[] = new Array(nodes.length);
  for (let k = 0; k < from.length; k++) {
    const s = from[k]!;
    const t = to[k]!;
    const target = nodes[t]!;
    if (target.kind !== 'task' || state[s] === FINISHED) continue;
    (waiting[t] ??= []).push(s);
    if (nodes[s]!.kind === 'task' && !done(target)) (holding[s] ??= []).push(t);
  }
  const out = new Map<string, TaskBlocking>();
  for (let i = 0; i < nodes.length; i++) {
    const t = nodes[i]!;
    if (t.kind !== 'task') continue;
    const status = taskStatus(t);
    const waitingOn = status === 'done' ? NONE : idsOnce(nodes, waiting[i]);
    out.set(t.id, {
      id: t.id,
      waitingOn,
      holdingUp: status === 'done' ? NONE : idsOnce(nodes, holding[i]),
      blocked: status !== 'done' && (status === 'blocked' || waitingOn.length > 0),
    });
  }
  return out;
}

/**
 * Dependencies whose prerequisite's owner differs from the dependent's owner, in the order
 * people read them: by the dependent's title, then the prerequisite's, then edge id (code-unit
 * order). Sessions and exports list them so; sorting once here spares each of them a sort of
 * thousands of title pairs.
 */
export function crossPersonaDependencies(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>): CrossPersonaDependency[] {
  const out: CrossPersonaDependency[] = [];
  const targetTitles: string[] = [];
  const sourceTitles: string[] = [];
  for (const e of snapshot.edges.values()) {
    const s = snapshot.nodes.get(e.source);
    const t = snapshot.nodes.get(e.target);
    if (s?.kind !== 'task' || t?.kind !== 'task' || !s.owner || !t.owner || s.owner === t.owner) continue;
    out.push({ edge: e.id, source: s.id, target: t.id, blockingPersona: s.owner, blockedPersona: t.owner, resolved: taskStatus(s) === 'done' });
    targetTitles.push(t.title);
    sourceTitles.push(s.title);
  }
  // The keys sit in flat arrays beside the list, read by position: quicker than a key array per item.
  const order = out.map((_, i) => i);
  order.sort((a, b) => compareText(targetTitles[a]!, targetTitles[b]!) || compareText(sourceTitles[a]!, sourceTitles[b]!) || compareText(out[a]!.edge, out[b]!.edge));
  return order.map((i) => out[i]!);
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
