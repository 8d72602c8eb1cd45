/**
 * The canvas bench's reference: a stock React Flow page that opens the same plan file the
 * same way a minimal local-first app would. A dropped interchange JSON file is parsed,
 * written into a Y.Doc (one Y.Map per node) kept in IndexedDB by y-indexeddb, and, once
 * stored, shown with default nodes and edges. No custom node types, no minimap, no panels.
 *
 * Switches for canvasProfile's experiments only (the bench never sets them):
 * `minimap=1` adds a MiniMap as Baton's; `chrome=1` adds Background, Controls and MiniMap as
 * Baton has them; `sized=1` gives every node its size and handle positions up front, so
 * React Flow need not mount a node to measure it; `provider=empty` wraps the canvas in a
 * ReactFlowProvider of its own, as Baton does (the store starts without nodes, which arrive
 * one commit later), and `provider=initial` gives that provider the nodes, edges and fit.
 */
import { Background, Controls, MiniMap, Position, ReactFlow, ReactFlowProvider, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

interface PlanFile {
  readonly nodes: readonly { id: string; title: string; position?: { x: number; y: number } }[];
  readonly edges: readonly { id: string; source: string; target: string }[];
}

interface Flow {
  readonly nodes: Node[];
  readonly edges: Edge[];
}

// The bench may size the canvas (e.g. to Baton's canvas box) with ?w=&h=; otherwise it fills the window.
const params = new URLSearchParams(window.location.search);
const size = { width: params.get('w') ? `${params.get('w')}px` : '100%', height: params.get('h') ? `${params.get('h')}px` : '100%' };
// Baton's canvas allows zooming out to 5 %, so fitting a large plan can reach the same zoom.
const minZoom = Number(params.get('minZoom') ?? 0.5);
const FIT_VIEW_OPTIONS = { maxZoom: 1 };
const chrome = params.get('chrome') === '1';
const minimap = chrome || params.get('minimap') === '1';
const provider = params.get('provider');
const sized = params.get('sized') === '1';
// A default node as the stylesheet draws it: 150 px wide, one line of 12 px text, target on top, source below.
const DEFAULT_SIZE = { width: 150, height: 36 };
const DEFAULT_HANDLES: NodeHandle[] = [
  { type: 'target', position: Position.Top, x: DEFAULT_SIZE.width / 2 - 3, y: -3, width: 6, height: 6 },
  { type: 'source', position: Position.Bottom, x: DEFAULT_SIZE.width / 2 - 3, y: DEFAULT_SIZE.height - 3, width: 6, height: 6 },
];

let opened = 0;

async function openPlan(file: File): Promise<Flow> {
  const plan = JSON.parse(await file.text()) as PlanFile;
  const doc = new Y.Doc();
  const nodes = doc.getMap<Y.Map<unknown>>('nodes');
  const edges = doc.getMap<Y.Map<unknown>>('edges');
  doc.transact(() => {
    for (const n of plan.nodes) {
      const node = new Y.Map<unknown>();
      node.set('title', n.title);
      node.set('position', n.position ?? { x: 0, y: 0 });
      nodes.set(n.id, node);
    }
    for (const e of plan.edges) {
      const edge = new Y.Map<unknown>();
      edge.set('source', e.source);
      edge.set('target', e.target);
      edges.set(e.id, edge);
    }
  });
  // Stored before it is shown, as a local-first app would: the plan survives a reload.
  const persistence = new IndexeddbPersistence(`reference-plan-${Date.now()}-${opened++}`, doc);
  await persistence.whenSynced;
  return {
    nodes: [...nodes.entries()].map(([id, n]) => ({
      id,
      position: n.get('position') as { x: number; y: number },
      data: { label: n.get('title') as string },
      ...(sized ? { measured: DEFAULT_SIZE, handles: DEFAULT_HANDLES } : {}),
    })),
    edges: [...edges.entries()].map(([id, e]) => ({ id, source: e.get('source') as string, target: e.get('target') as string })),
  };
}

function App() {
  const [flow, setFlow] = useState<Flow | null>(null);
  useEffect(() => {
    const onDragOver = (e: DragEvent) => e.preventDefault();
    const onDrop = async (e: DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) setFlow(await openPlan(file));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  if (!flow) {
    return (
      <div className="reference-canvas" style={size}>
        <p className="reference-waiting">Drop a plan file</p>
      </div>
    );
  }
  const canvas = (
    <ReactFlow nodes={flow.nodes} edges={flow.edges} onlyRenderVisibleElements fitView fitViewOptions={FIT_VIEW_OPTIONS} minZoom={minZoom}>
      {chrome && <Background />}
      {chrome && <Controls />}
      {minimap && <MiniMap pannable zoomable />}
    </ReactFlow>
  );
  return (
    <div className="reference-canvas" style={size}>
      {provider === 'empty' ? (
        <ReactFlowProvider>{canvas}</ReactFlowProvider>
      ) : provider === 'initial' ? (
        <ReactFlowProvider initialNodes={flow.nodes} initialEdges={flow.edges} fitView initialFitViewOptions={FIT_VIEW_OPTIONS} initialMinZoom={minZoom}>
          {canvas}
        </ReactFlowProvider>
      ) : (
        canvas
      )}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
