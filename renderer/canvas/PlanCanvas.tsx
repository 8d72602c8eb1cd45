import { Background, Controls, MiniMap, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useMemo } from 'react';
import type { PlanSnapshot } from '../../shared/model';

/** The plan's nodes and dependencies on a React Flow canvas. */
export function PlanCanvas({ snapshot }: { snapshot: PlanSnapshot }) {
  const nodes = useMemo<Node[]>(
    () =>
      [...snapshot.nodes.values()].map((n, i) => ({
        id: n.id,
        position: n.position ?? { x: (i % 8) * 220, y: Math.floor(i / 8) * 120 },
        data: { label: n.title },
      })),
    [snapshot.nodes],
  );
  const edges = useMemo<Edge[]>(() => [...snapshot.edges.values()].map((e) => ({ id: e.id, source: e.source, target: e.target })), [snapshot.edges]);
  return (
    <ReactFlow nodes={nodes} edges={edges} fitView onlyRenderVisibleElements proOptions={{ hideAttribution: true }}>
      <Background />
      <Controls />
      <MiniMap pannable zoomable />
    </ReactFlow>
  );
}
