import type { NewNode } from '../../shared/doc';
import type { NodeKind, PlanSnapshot, Position } from '../../shared/model';

/** Every kind the toolbar, the context menu and the shortcuts create, with its label and key. */
export const CREATABLE_KINDS: readonly { kind: NodeKind; label: string; key: string }[] = [
  { kind: 'feature', label: 'Feature', key: 'F' },
  { kind: 'workstream', label: 'Workstream', key: 'W' },
  { kind: 'task', label: 'Task', key: 'T' },
  { kind: 'milestone', label: 'Milestone', key: 'M' },
  { kind: 'gate', label: 'Quality gate', key: 'G' },
  { kind: 'risk', label: 'Risk', key: 'R' },
  { kind: 'decision', label: 'Decision', key: 'D' },
  { kind: 'artifact', label: 'Artifact', key: 'A' },
];

/** The title a new node starts with ("Task 3"), so it can be found before it is renamed. */
export function defaultTitle(snapshot: PlanSnapshot, kind: NodeKind): string {
  const label = CREATABLE_KINDS.find((k) => k.kind === kind)?.label ?? kind;
  let count = 0;
  for (const n of snapshot.nodes.values()) if (n.kind === kind) count++;
  return `${label} ${count + 1}`;
}

/**
 * A new node of `kind` at `at`. A task-like node created while one workstream (or a node in
 * one) is selected joins that workstream; a workstream joins the plan's only feature.
 */
export function newNodeAt(snapshot: PlanSnapshot, kind: NodeKind, at: Position, selected: ReadonlySet<string>): NewNode {
  const node: Record<string, unknown> = { kind, title: defaultTitle(snapshot, kind), position: { x: Math.round(at.x), y: Math.round(at.y) } };
  if (kind === 'workstream') {
    const features = [...snapshot.nodes.values()].filter((n) => n.kind === 'feature');
    if (features.length === 1) node.parent = features[0]!.id;
  } else if (kind !== 'feature' && selected.size === 1) {
    const only = snapshot.nodes.get([...selected][0]!);
    if (only?.kind === 'workstream') node.parent = only.id;
    else if (only?.parent !== undefined && snapshot.nodes.get(only.parent)?.kind === 'workstream') node.parent = only.parent;
  }
  if (typeof node.parent === 'string' && kind !== 'workstream') node.position = nextSlotInLane(snapshot, node.parent, at);
  return node as NewNode;
}

const SLOT_STEP_X = 240;

/** Where the next card of a lane goes: right of its rightmost member, on the first member's row. */
function nextSlotInLane(snapshot: PlanSnapshot, lane: string, fallback: Position): Position {
  let maxX = -Infinity;
  let rowY = Infinity;
  for (const n of snapshot.nodes.values()) {
    if (n.parent !== lane || !n.position) continue;
    maxX = Math.max(maxX, n.position.x);
    rowY = Math.min(rowY, n.position.y);
  }
  if (maxX > -Infinity) return { x: maxX + SLOT_STEP_X, y: rowY };
  const own = snapshot.nodes.get(lane)?.position;
  return own ? { x: own.x + 30, y: own.y + 70 } : { x: Math.round(fallback.x), y: Math.round(fallback.y) };
}
