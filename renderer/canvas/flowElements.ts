import { Position as Side, type Edge, type NodeHandle } from '@xyflow/react';
import { personaColour, type Dependency, type PlanNode, type PlanSnapshot, type Position } from '../../shared/model';
import type { PlanAnalysis, WorkstreamRollup } from '../../shared/planning';
import type { PlanFlowNode } from './PlanNodeCard';
import type { WorkstreamFlowNode } from './WorkstreamNode';

/** Card sizes the canvas lays out with (the CSS gives cards this width). */
export const CARD_WIDTH = 190;
export const CARD_HEIGHT = 88;
/** A card's size, handed to React Flow before it is drawn (the CSS fixes it). */
const CARD_SIZE = Object.freeze({ width: CARD_WIDTH, height: CARD_HEIGHT });
/** React Flow's handle: 6 px square (border included), centred on the card's side. */
export const HANDLE_SIZE = 6;
/**
 * Where a card's handles sit, handed to React Flow with the size: a card that scrolls into
 * view is then complete as given, so React Flow neither reads its handles back from the DOM
 * (a forced layout per card) nor re-runs every node's absolute position for each batch of
 * cards mounted while panning. Must match the handles PlanNodeCard draws and the CSS.
 */
const CARD_HANDLES: NodeHandle[] = [
  { type: 'target', position: Side.Left, x: -HANDLE_SIZE / 2, y: CARD_HEIGHT / 2 - HANDLE_SIZE / 2, width: HANDLE_SIZE, height: HANDLE_SIZE },
  { type: 'source', position: Side.Right, x: CARD_WIDTH - HANDLE_SIZE / 2, y: CARD_HEIGHT / 2 - HANDLE_SIZE / 2, width: HANDLE_SIZE, height: HANDLE_SIZE },
];
/** Lanes have no handles: saying so up front spares measuring them. */
const NO_HANDLES: NodeHandle[] = [];
const GROUP_PADDING = 28;
const GROUP_HEADER = 36;
const EMPTY_GROUP = { width: 320, height: 160 };

/** A workstream lane's box on the canvas, derived from its own position and its members. */
export interface GroupBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where a node is drawn when it has no stored position yet: a plain grid, until auto-layout runs. */
export function fallbackPosition(index: number): Position {
  return { x: (index % 8) * 240, y: Math.floor(index / 8) * 140 };
}

/** The workstream each node belongs to (nearest workstream ancestor), for every node that has one. */
export function workstreamMembership(nodes: ReadonlyMap<string, PlanNode>): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of nodes.values()) {
    if (n.kind === 'workstream') continue;
    const seen = new Set<string>();
    let at = n.parent !== undefined ? nodes.get(n.parent) : undefined;
    while (at && !seen.has(at.id)) {
      if (at.kind === 'workstream') {
        out.set(n.id, at.id);
        break;
      }
      seen.add(at.id);
      at = at.parent !== undefined ? nodes.get(at.parent) : undefined;
    }
  }
  return out;
}

/**
 * Each workstream's box: large enough for its stored position and every member card, so a
 * lane always contains its tasks. Members are measured at their stored positions (not while
 * dragged), so a task dragged out of its lane can leave it.
 */
export function groupBoxes(nodes: ReadonlyMap<string, PlanNode>, membership: ReadonlyMap<string, string>, positionOf: (n: PlanNode) => Position): Map<string, GroupBox> {
  const bounds = new Map<string, { minX: number; minY: number; maxX: number; maxY: number }>();
  for (const n of nodes.values()) {
    if (n.kind !== 'workstream') continue;
    const p = positionOf(n);
    bounds.set(n.id, { minX: p.x, minY: p.y, maxX: p.x + EMPTY_GROUP.width, maxY: p.y + EMPTY_GROUP.height });
  }
  for (const [id, ws] of membership) {
    const b = bounds.get(ws);
    const n = nodes.get(id);
    if (!b || !n) continue;
    const p = positionOf(n);
    b.minX = Math.min(b.minX, p.x - GROUP_PADDING);
    b.minY = Math.min(b.minY, p.y - GROUP_PADDING - GROUP_HEADER);
    b.maxX = Math.max(b.maxX, p.x + CARD_WIDTH + GROUP_PADDING);
    b.maxY = Math.max(b.maxY, p.y + CARD_HEIGHT + GROUP_PADDING);
  }
  const out = new Map<string, GroupBox>();
  for (const [id, b] of bounds) out.set(id, { x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY });
  return out;
}

/** The workstream whose box holds a point, the innermost (smallest) when boxes overlap. */
export function workstreamAt(boxes: ReadonlyMap<string, GroupBox>, point: Position, exclude: ReadonlySet<string>): string | null {
  let best: string | null = null;
  let bestArea = Infinity;
  for (const [id, b] of boxes) {
    if (exclude.has(id)) continue;
    if (point.x >= b.x && point.x <= b.x + b.width && point.y >= b.y && point.y <= b.y + b.height && b.width * b.height < bestArea) {
      best = id;
      bestArea = b.width * b.height;
    }
  }
  return best;
}

interface Cached<V> {
  readonly key: string;
  readonly value: V;
}

/** Caches of flow objects by plan entity, so unchanged entities keep their flow objects. */
export interface FlowCaches {
  readonly nodes: WeakMap<PlanNode, Cached<PlanFlowNode | WorkstreamFlowNode>>;
  readonly edges: WeakMap<Dependency, Cached<Edge>>;
}

/** New, empty caches. */
export const newFlowCaches = (): FlowCaches => ({ nodes: new WeakMap(), edges: new WeakMap() });

/** What the flow nodes depend on besides the plan. */
export interface FlowInputs {
  readonly snapshot: PlanSnapshot;
  readonly analysis: PlanAnalysis;
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  /** Positions of nodes being dragged (not committed yet). */
  readonly dragging: ReadonlyMap<string, Position> | null;
  readonly editingId: string | null;
  /**
   * Sizes React Flow measured, handed back on every node object: a node given without its
   * measured size counts as unmeasured, and its edges and minimap shape vanish until resized.
   */
  readonly measured: ReadonlyMap<string, { readonly width: number; readonly height: number }>;
  /** Nodes a teammate has selected, with that teammate's colour (presence). */
  readonly peerSelections: ReadonlyMap<string, string>;
}

/**
 * Plan nodes as React Flow nodes: workstreams as lanes behind their tasks, other nodes as
 * cards. A node whose entity, computed marks and selection are unchanged is the same object
 * as last time, so React Flow's memoized node components skip it.
 */
export function toFlowNodes(input: FlowInputs, caches: FlowCaches): (PlanFlowNode | WorkstreamFlowNode)[] {
  const { snapshot, analysis, selectedNodes, dragging, editingId, measured, peerSelections } = input;
  const schedule = analysis.schedule;
  const stored = new Map<string, Position>();
  let index = 0;
  for (const n of snapshot.nodes.values()) stored.set(n.id, n.position ?? fallbackPosition(index++));
  const membership = workstreamMembership(snapshot.nodes);
  const boxes = groupBoxes(snapshot.nodes, membership, (n) => stored.get(n.id)!);
  const rollups = new Map<string, WorkstreamRollup>(analysis.rollups.workstreams.map((w) => [w.id, w]));
  const handoffNotes = new Map<string, string>();
  for (const h of snapshot.handoffs.values()) {
    if ((h.status ?? 'pending') !== 'pending') continue;
    const to = snapshot.personas.get(h.to)?.name ?? h.to;
    handoffNotes.set(h.task, handoffNotes.has(h.task) ? `${handoffNotes.get(h.task)}, ${to}` : `handoff to ${to}`);
  }

  const groups: WorkstreamFlowNode[] = [];
  const cards: PlanFlowNode[] = [];
  for (const n of snapshot.nodes.values()) {
    const isSelected = selectedNodes.has(n.id);
    const override = dragging?.get(n.id);
    if (n.kind === 'workstream') {
      const box = boxes.get(n.id)!;
      const rollup = rollups.get(n.id);
      const lead = n.lead ? snapshot.personas.get(n.lead) : undefined;
      const size = measured.get(n.id) ?? { width: box.width, height: box.height };
      const key = `${box.x},${box.y},${box.width},${box.height}|${isSelected}|${rollup?.progress}|${rollup?.status}|${lead?.name}|${editingId === n.id}|${size?.width},${size?.height}`;
      const cached = caches.nodes.get(n);
      if (!override && cached?.key === key) {
        groups.push(cached.value as WorkstreamFlowNode);
        continue;
      }
      const value: WorkstreamFlowNode = {
        id: n.id,
        type: 'workstream',
        position: override ?? { x: box.x, y: box.y },
        selected: isSelected,
        zIndex: -1,
        style: { width: box.width, height: box.height },
        measured: size,
        handles: NO_HANDLES,
        data: {
          title: n.title,
          leadName: lead?.name,
          leadColour: lead ? personaColour(lead) : undefined,
          progress: rollup?.progress ?? 0,
          status: rollup?.status ?? 'on-track',
          editing: editingId === n.id,
        },
      };
      if (!override) caches.nodes.set(n, { key, value });
      groups.push(value);
      continue;
    }
    const item = schedule.ok ? schedule.byId.get(n.id) : undefined;
    const owner = 'owner' in n && n.owner ? snapshot.personas.get(n.owner) : undefined;
    const blocked = analysis.blocking.get(n.id)?.blocked ?? false;
    const handoff = handoffNotes.get(n.id);
    const position = override ?? stored.get(n.id)!;
    const size = measured.get(n.id) ?? CARD_SIZE;
    const peerColour = peerSelections.get(n.id);
    const key = `${position.x},${position.y}|${item?.critical}|${item?.slack}|${blocked}|${isSelected}|${owner?.name}|${owner?.colour}|${handoff}|${editingId === n.id}|${size?.width},${size?.height}|${peerColour}`;
    const cached = caches.nodes.get(n);
    if (!override && cached?.key === key) {
      cards.push(cached.value as PlanFlowNode);
      continue;
    }
    const value: PlanFlowNode = {
      id: n.id,
      type: 'plan',
      position,
      selected: isSelected,
      measured: size,
      handles: CARD_HANDLES,
      data: {
        title: n.title,
        kind: n.kind,
        status: n.kind === 'task' ? (n.status ?? 'todo') : undefined,
        ownerName: owner?.name,
        ownerColour: owner ? personaColour(owner) : undefined,
        critical: item?.critical ?? false,
        blocked,
        slack: item ? item.slack : null,
        handoff,
        editing: editingId === n.id,
        peerColour,
      },
    };
    if (!override) caches.nodes.set(n, { key, value });
    cards.push(value);
  }
  // Lanes first so cards are drawn (and hit) above them.
  return [...groups, ...cards];
}

/** Dependencies as React Flow edges; critical ones marked, unchanged ones reused. */
export function toFlowEdges(input: FlowInputs, caches: FlowCaches): Edge[] {
  const schedule = input.analysis.schedule;
  const out: Edge[] = [];
  for (const e of input.snapshot.edges.values()) {
    if (!input.snapshot.nodes.has(e.source) || !input.snapshot.nodes.has(e.target)) continue;
    const critical = schedule.ok && schedule.criticalEdges.has(e.id);
    const isSelected = input.selectedEdges.has(e.id);
    const key = `${critical}|${isSelected}`;
    const cached = caches.edges.get(e);
    if (cached?.key === key) {
      out.push(cached.value);
      continue;
    }
    const value: Edge = {
      id: e.id,
      source: e.source,
      target: e.target,
      selected: isSelected,
      className: critical ? 'edge--critical' : undefined,
      data: { critical },
    };
    caches.edges.set(e, { key, value });
    out.push(value);
  }
  return out;
}
