import {
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  ViewportPortal,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import type { NodeMove } from '../../shared/doc';
import { formatProblems, type NodeKind, type PlanSnapshot, type Position } from '../../shared/model';
import { layoutAll } from '../../shared/planning';
import { usePlan, useSelection } from '../app/planContext';
import { CanvasActionsContext, type CanvasActions } from './canvasActions';
import { CanvasBackground } from './CanvasBackground';
import { copyFragment, FRAGMENT_MIME, prepareFragment, readFragment, type CopiedFragment } from './canvasClipboard';
import { CanvasSearch } from './CanvasSearch';
import { CanvasToolbar } from './CanvasToolbar';
import { cardPositions, drawEdges, drawsEdgesInBulk, edgeAt, EMPTY_DRAWING, type EdgeDrawing } from './edgeBatch';
import { EdgeLayer } from './EdgeLayer';
import { CARD_HEIGHT, CARD_WIDTH, fallbackPosition, groupBoxes, newFlowCaches, toFlowEdges, toFlowNodes, workstreamAt, workstreamMembership } from './flowElements';
import { CREATABLE_KINDS, newNodeAt } from './nodeCreation';
import { PaneContextMenu } from './PaneContextMenu';
import { PlanNodeCard } from './PlanNodeCard';
import { WorkstreamNode } from './WorkstreamNode';
import './canvas.css';

const NODE_TYPES: NodeTypes = { plan: PlanNodeCard, workstream: WorkstreamNode };
const NUDGE = 10;
/** React Flow's minimap follows every node on every viewport change; past this many it costs frames. */
const MINIMAP_MAX_NODES = 1_000;
/** Fitting never zooms in past 100 %: a plan of one card should not fill the screen. */
const FIT_VIEW_OPTIONS = { maxZoom: 1 };
const NUDGE_LARGE = 50;

/** React Flow's edges of a plan whose edges the canvas draws itself (edgeBatch.ts). */
const NO_EDGES: Edge[] = [];

/** What was last copied in this window, for paste when the system clipboard is out of reach. */
let lastCopied: CopiedFragment | null = null;

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Stored positions of every node (grid fallback for unplaced ones), as the canvas shows them. */
function storedPositions(snapshot: PlanSnapshot): Map<string, Position> {
  const out = new Map<string, Position>();
  let i = 0;
  for (const n of snapshot.nodes.values()) out.set(n.id, n.position ?? fallbackPosition(i++));
  return out;
}

/** The plan on a React Flow canvas: create, edit, connect, move, select, copy and paste, search. */
export function PlanCanvas({ extraTools }: { extraTools?: React.ReactNode }) {
  return (
    <ReactFlowProvider>
      <CanvasSurface extraTools={extraTools} />
    </ReactFlowProvider>
  );
}

function CanvasSurface({ extraTools }: { extraTools?: React.ReactNode }) {
  const { plan, snapshot, analysis, selection, sync, peers } = usePlan();
  const peerSelections = useMemo(() => {
    const out = new Map<string, string>();
    for (const peer of peers) for (const id of peer.selection) if (!out.has(id)) out.set(id, peer.colour);
    return out;
  }, [peers]);
  const selected = useSelection();
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const [caches] = useState(newFlowCaches);
  const [dragging, setDragging] = useState<Map<string, Position> | null>(null);
  const dragStart = useRef<Map<string, Position> | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(() => new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; at: Position } | null>(null);
  const [searching, setSearching] = useState(false);
  const latest = useRef({ snapshot, selected });
  latest.current = { snapshot, selected };

  const say = useCallback((message: string | null) => setNotice(message), []);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(t);
  }, [notice]);

  const inputs = { snapshot, analysis, selectedNodes: selected.nodes, selectedEdges: selected.edges, dragging, editingId, measured, peerSelections };
  const nodes = useMemo(() => toFlowNodes(inputs, caches), [snapshot, analysis, selected, dragging, editingId, measured, peerSelections, caches]);
  const previousEdges = useRef<Edge[]>([]);
  const bulk = drawsEdgesInBulk(snapshot);
  const edges = useMemo(() => {
    if (bulk) return NO_EDGES;
    // Same edge objects in the same order: hand back the same array, so React Flow does not
    // rebuild its lookup of every edge after an edit that touched none.
    const next = toFlowEdges(inputs, caches);
    const prev = previousEdges.current;
    if (next.length === prev.length && next.every((e, i) => e === prev[i])) return prev;
    previousEdges.current = next;
    return next;
  }, [snapshot.edges, snapshot.nodes, analysis.schedule, selected, caches, bulk]);
  const previousDrawing = useRef<EdgeDrawing>(EMPTY_DRAWING);
  const drawing = useMemo(() => {
    if (!bulk) return EMPTY_DRAWING;
    const critical = analysis.schedule.ok ? analysis.schedule.criticalEdges : new Set<string>();
    previousDrawing.current = drawEdges(snapshot.edges.values(), cardPositions(nodes), critical, selected.edges, previousDrawing.current);
    return previousDrawing.current;
  }, [bulk, nodes, snapshot.edges, analysis.schedule, selected.edges]);
  const latestDrawing = useRef(drawing);
  latestDrawing.current = drawing;

  /**
   * A click on the pane or a lane that lands on a bulk-drawn edge selects it, as a click on a
   * React Flow edge would (modifier keys add to the selection); one that misses clears the
   * selected edges, as React Flow does. Applied after React Flow's own handling of the click,
   * which deselects the nodes.
   */
  const clickEdges = useCallback(
    (event: ReactMouseEvent, onLane: boolean) => {
      if (!latestDrawing.current.ids.length) return;
      const hit = edgeAt(latestDrawing.current, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      if (onLane && !hit) return;
      const adding = event.shiftKey || event.metaKey || event.ctrlKey;
      const before = selection.get();
      queueMicrotask(() => {
        if (!hit) selection.set(selection.get().nodes, []);
        else if (adding) selection.set(before.nodes, new Set([...before.edges, hit]));
        else selection.set([], [hit]);
      });
    },
    [flow, selection],
  );

  const report = useCallback((result: { ok: boolean; error?: unknown }) => {
    if (!result.ok) say(formatProblems(result.error as Parameters<typeof formatProblems>[0]));
    return result.ok;
  }, [say]);

  const actions = useMemo<CanvasActions>(
    () => ({
      startEditing: (id) => setEditingId(id),
      commitTitle: (id, title) => {
        setEditingId((current) => (current === id ? null : current));
        const node = latest.current.snapshot.nodes.get(id);
        const trimmed = title.trim();
        if (!node || !trimmed || trimmed === node.title) return;
        report(plan.commands.updateNode(id, { title: trimmed }));
      },
      cancelEditing: () => setEditingId(null),
    }),
    [plan, report],
  );

  /** The flow position at the middle of the visible canvas, staggered so new nodes don't stack. */
  const viewCentre = useCallback((): Position => {
    const rect = wrapper.current?.getBoundingClientRect();
    const centre = rect ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
    const stagger = (latest.current.snapshot.nodes.size % 6) * 24;
    return { x: centre.x - CARD_WIDTH / 2 + stagger, y: centre.y - CARD_HEIGHT / 2 + stagger };
  }, [flow]);

  const createNode = useCallback(
    (kind: NodeKind, at?: Position) => {
      const { snapshot: snap, selected: sel } = latest.current;
      const input = newNodeAt(snap, kind, at ?? viewCentre(), sel.nodes);
      const created = plan.commands.addNode(input);
      if (!report(created) || !created.ok) return;
      selection.set([created.value]);
      setEditingId(created.value);
      // A new node the user cannot see cannot be named: bring it into view.
      const pos = input.position;
      const rect = wrapper.current?.getBoundingClientRect();
      if (pos && rect) {
        const topLeft = flow.flowToScreenPosition(pos);
        const bottomRight = flow.flowToScreenPosition({ x: pos.x + CARD_WIDTH, y: pos.y + CARD_HEIGHT });
        const inside = topLeft.x >= rect.left && topLeft.y >= rect.top && bottomRight.x <= rect.right && bottomRight.y <= rect.bottom;
        if (!inside) void flow.setCenter(pos.x + CARD_WIDTH / 2, pos.y + CARD_HEIGHT / 2, { zoom: flow.getZoom() });
      }
    },
    [flow, plan, report, selection, viewCentre],
  );

  const removeSelected = useCallback(() => {
    const { nodes: ns, edges: es } = latest.current.selected;
    if (!ns.size && !es.size) return;
    const snap = latest.current.snapshot;
    if (report(plan.commands.removeElements({ nodes: [...ns].filter((id) => snap.nodes.has(id)), edges: [...es].filter((id) => snap.edges.has(id)) }))) selection.clear();
  }, [plan, report, selection]);

  const insertCopy = useCallback(
    (fragment: CopiedFragment) => {
      const prepared = prepareFragment(fragment, latest.current.snapshot);
      if (report(plan.commands.insertFragment(prepared.fragment))) selection.set(prepared.newIds);
    },
    [plan, report, selection],
  );

  /** Moves the selection by a delta; a selected workstream takes its members along. */
  const nudge = useCallback(
    (dx: number, dy: number) => {
      const snap = latest.current.snapshot;
      const positions = storedPositions(snap);
      const membership = workstreamMembership(snap.nodes);
      const ids = new Set<string>();
      for (const id of latest.current.selected.nodes) {
        if (!snap.nodes.has(id)) continue;
        ids.add(id);
        if (snap.nodes.get(id)!.kind === 'workstream') for (const [member, ws] of membership) if (ws === id) ids.add(member);
      }
      if (!ids.size) return;
      report(plan.commands.moveNodes([...ids].map((id) => ({ id, position: { x: positions.get(id)!.x + dx, y: positions.get(id)!.y + dy } }))));
    },
    [plan, report],
  );

  const [layingOut, setLayingOut] = useState(false);
  const runAutoLayout = useCallback(async () => {
    const snap = latest.current.snapshot;
    setLayingOut(true);
    try {
      const moves = await layoutAll(snap.nodes.values(), snap.edges.values());
      // Only nodes still in the plan: a teammate may have removed one while layout ran.
      const current = latest.current.snapshot.nodes;
      if (report(plan.commands.moveNodes(moves.filter((m) => current.has(m.id))))) void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 250 });
    } finally {
      setLayingOut(false);
    }
  }, [flow, plan, report]);

  const focusNode = useCallback(
    (id: string) => {
      const node = flow.getNode(id);
      if (!node) return;
      selection.set([id]);
      const width = node.measured?.width ?? CARD_WIDTH;
      const height = node.measured?.height ?? CARD_HEIGHT;
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 250 });
    },
    [flow, selection],
  );

  // Keyboard: creation keys, delete, duplicate, select all, nudge, edit, search, fit view.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Canvas keys act on the canvas: not while typing, nor while a control elsewhere has focus.
      if (isTyping(event.target)) return;
      if (!(event.target === document.body || (event.target instanceof Node && wrapper.current?.contains(event.target)))) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key;
      const sel = latest.current.selected;
      if (mod && key.toLowerCase() === 'f') {
        event.preventDefault();
        setSearching(true);
      } else if (mod && key.toLowerCase() === 'a') {
        event.preventDefault();
        selection.set(latest.current.snapshot.nodes.keys());
      } else if (mod && key.toLowerCase() === 'd') {
        event.preventDefault();
        const fragment = copyFragment(latest.current.snapshot, sel.nodes);
        if (fragment) insertCopy(fragment);
      } else if (mod && key.toLowerCase() === 'c') {
        lastCopied = copyFragment(latest.current.snapshot, sel.nodes) ?? lastCopied;
      } else if (mod && key.toLowerCase() === 'v') {
        // The paste event brings the system clipboard; if none comes (no permission), use ours.
        pasteFallback.current = setTimeout(() => lastCopied && insertCopy(lastCopied), 30);
      } else if (mod || event.altKey) {
        return;
      } else if (key === 'Delete' || key === 'Backspace') {
        event.preventDefault();
        removeSelected();
      } else if (key.startsWith('Arrow') && sel.nodes.size) {
        event.preventDefault();
        const step = event.shiftKey ? NUDGE_LARGE : NUDGE;
        nudge(key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0, key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0);
      } else if (key === 'Enter' && sel.nodes.size === 1) {
        event.preventDefault();
        setEditingId([...sel.nodes][0]!);
      } else if (key === 'Escape') {
        setSearching(false);
        setMenu(null);
        selection.clear();
      } else if (key.toLowerCase() === 'l' && !event.shiftKey) {
        event.preventDefault();
        void runAutoLayout();
      } else if (key === '!' || (event.shiftKey && key === '1')) {
        void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 250 });
      } else if (!event.shiftKey) {
        const kind = CREATABLE_KINDS.find((k) => k.key.toLowerCase() === key.toLowerCase());
        if (kind) {
          event.preventDefault();
          createNode(kind.kind);
        }
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const fragment = copyFragment(latest.current.snapshot, latest.current.selected.nodes);
      if (!fragment || !event.clipboardData) return;
      lastCopied = fragment;
      const text = JSON.stringify(fragment);
      event.clipboardData.setData(FRAGMENT_MIME, text);
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const text = event.clipboardData?.getData(FRAGMENT_MIME) || event.clipboardData?.getData('text/plain') || '';
      const fragment = readFragment(text);
      if (!fragment) return;
      clearTimeout(pasteFallback.current);
      event.preventDefault();
      insertCopy(fragment);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [createNode, flow, insertCopy, nudge, removeSelected, runAutoLayout, selection]);
  const pasteFallback = useRef<ReturnType<typeof setTimeout>>(undefined);

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      let nextSelection: Set<string> | null = null;
      let moved: Map<string, Position> | null = null;
      let sized: Map<string, { width: number; height: number }> | null = null;
      const snap = latest.current.snapshot;
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) {
          sized ??= new Map();
          sized.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        } else if (c.type === 'select') {
          // The store, not the last render: node and edge changes of one click arrive back to back.
          nextSelection ??= new Set(selection.get().nodes);
          if (c.selected) nextSelection.add(c.id);
          else nextSelection.delete(c.id);
        } else if (c.type === 'position' && c.dragging && c.position) {
          if (!dragStart.current) {
            // Start positions as drawn: lane boxes for workstreams, stored positions for cards.
            dragStart.current = new Map(flow.getNodes().map((n) => [n.id, n.position]));
          }
          moved ??= new Map(dragging ?? []);
          moved.set(c.id, c.position);
          if (snap.nodes.get(c.id)?.kind === 'workstream') {
            const start = dragStart.current.get(c.id)!;
            const dx = c.position.x - start.x;
            const dy = c.position.y - start.y;
            for (const [member, ws] of workstreamMembership(snap.nodes)) {
              const from = dragStart.current.get(member);
              if (ws === c.id && from) moved.set(member, { x: from.x + dx, y: from.y + dy });
            }
          }
        }
      }
      if (nextSelection) selection.set(nextSelection, selection.get().edges);
      if (moved) setDragging(moved);
      if (sized) {
        const updates = sized;
        setMeasured((old) => {
          let next: Map<string, { width: number; height: number }> | null = null;
          for (const [id, size] of updates) {
            const prev = old.get(id);
            if (prev && prev.width === size.width && prev.height === size.height) continue;
            next ??= new Map(old);
            next.set(id, size);
          }
          return next ?? old;
        });
      }
    },
    [dragging, flow, selection],
  );

  const onNodeDragStop = useCallback(() => {
    const start = dragStart.current;
    const moved = dragging;
    dragStart.current = null;
    setDragging(null);
    if (!start || !moved || !moved.size) return;
    const snap = latest.current.snapshot;
    const stored = storedPositions(snap);
    const membership = workstreamMembership(snap.nodes);
    const boxes = groupBoxes(snap.nodes, membership, (n) => stored.get(n.id)!);
    const draggedLanes = new Set([...moved.keys()].filter((id) => snap.nodes.get(id)?.kind === 'workstream'));
    const moves: NodeMove[] = [];
    for (const [id, position] of moved) {
      const node = snap.nodes.get(id);
      if (!node) continue;
      if (node.kind === 'workstream') {
        // The lane is drawn at its box; its stored position moves by the same amount.
        const from = start.get(id)!;
        const own = stored.get(id)!;
        moves.push({ id, position: { x: own.x + position.x - from.x, y: own.y + position.y - from.y } });
        continue;
      }
      const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
      const laneOwner = membership.get(id);
      if (laneOwner && draggedLanes.has(laneOwner)) {
        moves.push({ id, position: rounded });
        continue;
      }
      if (node.kind === 'feature') {
        moves.push({ id, position: rounded });
        continue;
      }
      // Dropping a card into a lane makes it a member; dropping it outside every lane takes it out.
      const lane = workstreamAt(boxes, { x: rounded.x + CARD_WIDTH / 2, y: rounded.y + CARD_HEIGHT / 2 }, draggedLanes);
      const parentKind = node.parent !== undefined ? snap.nodes.get(node.parent)?.kind : undefined;
      if (lane && lane !== laneOwner) moves.push({ id, position: rounded, parent: lane });
      else if (!lane && laneOwner && parentKind === 'workstream') {
        const laneParent = snap.nodes.get(laneOwner)?.parent;
        moves.push({ id, position: rounded, parent: laneParent ?? null });
      } else moves.push({ id, position: rounded });
    }
    report(plan.commands.moveNodes(moves));
  }, [dragging, plan, report]);

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let next: Set<string> | null = null;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        next ??= new Set(selection.get().edges);
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      if (next) selection.set(selection.get().nodes, next);
    },
    [selection],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const result = plan.commands.connectTasks({ source: connection.source, target: connection.target });
      if (result.ok) say(null);
      else say(`Dependency refused: ${formatProblems(result.error).replace(/^target: /, '')}`);
    },
    [plan, say],
  );

  const onPaneContextMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent) => {
      event.preventDefault();
      const rect = wrapper.current!.getBoundingClientRect();
      setMenu({ x: event.clientX - rect.left, y: event.clientY - rect.top, at: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) });
    },
    [flow],
  );

  return (
    <CanvasActionsContext.Provider value={actions}>
      <div className="canvas" ref={wrapper}>
        <CanvasToolbar onCreate={(kind) => createNode(kind)} onFitView={() => void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 250 })} onSearch={() => setSearching(true)}>
          <button type="button" aria-label="Auto-layout" title="Auto-layout: left to right, workstreams as lanes (L)" disabled={layingOut} onClick={() => void runAutoLayout()}>
            {layingOut ? 'Laying out…' : 'Auto-layout'}
          </button>
          {extraTools}
        </CanvasToolbar>
        {searching && <CanvasSearch onFocusNode={focusNode} onClose={() => setSearching(false)} />}
        {notice && (
          <div role="alert" className="canvas__notice">
            {notice}
            <button type="button" aria-label="Dismiss" onClick={() => setNotice(null)}>
              ×
            </button>
          </div>
        )}
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          onNodeDoubleClick={(_, node) => setEditingId(node.id)}
          onPaneContextMenu={onPaneContextMenu}
          onPaneClick={(event) => {
            setMenu(null);
            clickEdges(event, false);
          }}
          onNodeClick={bulk ? (event, node) => node.type === 'workstream' && clickEdges(event, true) : undefined}
          onMouseMove={sync ? (event) => sync.setCursor(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })) : undefined}
          onMouseLeave={sync ? () => sync.setCursor(null) : undefined}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
          fitView
          fitViewOptions={FIT_VIEW_OPTIONS}
          onlyRenderVisibleElements
          minZoom={0.05}
          proOptions={{ hideAttribution: true }}
        >
          <CanvasBackground />
          <Controls />
          {nodes.length <= MINIMAP_MAX_NODES && <MiniMap pannable zoomable />}
          {bulk && <EdgeLayer drawing={drawing} />}
          <ViewportPortal>
            {peers.map(
              (p) =>
                p.cursor && (
                  <div key={p.clientId} className="peer-cursor" style={{ left: p.cursor.x, top: p.cursor.y, background: p.colour }} aria-label={`${p.name}'s pointer`}>
                    {p.name}
                  </div>
                ),
            )}
          </ViewportPortal>
        </ReactFlow>
        {menu && (
          <PaneContextMenu
            x={menu.x}
            y={menu.y}
            onCreate={(kind) => {
              createNode(kind, menu.at);
              setMenu(null);
            }}
            onClose={() => setMenu(null)}
          />
        )}
      </div>
    </CanvasActionsContext.Provider>
  );
}
