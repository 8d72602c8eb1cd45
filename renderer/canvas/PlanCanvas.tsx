import { Background, Controls, MiniMap, ReactFlow, type Edge, type EdgeChange, type NodeChange, type NodeTypes } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { personaColour, type Dependency, type PlanNode } from '../../shared/model';
import { usePlan, useSelection } from '../app/planContext';
import { PlanNodeCard, type PlanFlowNode } from './PlanNodeCard';

const NODE_TYPES: NodeTypes = { plan: PlanNodeCard };

/**
 * Flow objects are rebuilt only for plan entities that changed (or whose computed marks
 * changed); every other node keeps its object, so React Flow's memoized nodes skip work.
 */
function useCachedMapping<K extends object, V>() {
  return useRef(new WeakMap<K, { key: string; value: V }>()).current;
}

/** Folds React Flow's select changes into a set of selected ids; the selection store is the truth. */
function applySelectChanges(changes: readonly (NodeChange | EdgeChange)[], current: ReadonlySet<string>, commit: (ids: Set<string>) => void): void {
  let next: Set<string> | null = null;
  for (const c of changes) {
    if (c.type !== 'select') continue;
    next ??= new Set(current);
    if (c.selected) next.add(c.id);
    else next.delete(c.id);
  }
  if (next) commit(next);
}

/** The plan's nodes and dependencies on a React Flow canvas. */
export function PlanCanvas() {
  const { snapshot, analysis, selection } = usePlan();
  const selected = useSelection();
  const nodeCache = useCachedMapping<PlanNode, PlanFlowNode>();
  const edgeCache = useCachedMapping<Dependency, Edge>();
  const schedule = analysis.schedule;

  const nodes = useMemo<PlanFlowNode[]>(() => {
    let i = 0;
    const out: PlanFlowNode[] = [];
    for (const n of snapshot.nodes.values()) {
      const item = schedule.ok ? schedule.byId.get(n.id) : undefined;
      const owner = n.kind === 'task' && n.owner ? snapshot.personas.get(n.owner) : undefined;
      const blocked = analysis.blocking.get(n.id)?.blocked ?? false;
      const isSelected = selected.nodes.has(n.id);
      const key = `${item?.critical ?? ''}|${item?.slack ?? ''}|${blocked}|${isSelected}|${owner?.name ?? ''}|${owner?.colour ?? ''}`;
      const cached = nodeCache.get(n);
      if (cached && cached.key === key) {
        out.push(cached.value);
        i++;
        continue;
      }
      const value: PlanFlowNode = {
        id: n.id,
        type: 'plan',
        position: n.position ?? { x: (i % 8) * 240, y: Math.floor(i / 8) * 140 },
        selected: isSelected,
        data: {
          title: n.title,
          kind: n.kind,
          status: n.kind === 'task' ? (n.status ?? 'todo') : undefined,
          ownerName: owner?.name,
          ownerColour: owner ? personaColour(owner) : undefined,
          critical: item?.critical ?? false,
          blocked,
          slack: item ? item.slack : null,
        },
      };
      nodeCache.set(n, { key, value });
      out.push(value);
      i++;
    }
    return out;
  }, [snapshot.nodes, snapshot.personas, schedule, analysis.blocking, selected, nodeCache]);

  const edges = useMemo<Edge[]>(() => {
    const out: Edge[] = [];
    for (const e of snapshot.edges.values()) {
      const critical = schedule.ok && schedule.criticalEdges.has(e.id);
      const isSelected = selected.edges.has(e.id);
      const key = `${critical}|${isSelected}`;
      const cached = edgeCache.get(e);
      if (cached && cached.key === key) {
        out.push(cached.value);
        continue;
      }
      const value: Edge = { id: e.id, source: e.source, target: e.target, selected: isSelected, animated: critical, className: critical ? 'edge--critical' : undefined };
      edgeCache.set(e, { key, value });
      out.push(value);
    }
    return out;
  }, [snapshot.edges, schedule, selected, edgeCache]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      fitView
      onlyRenderVisibleElements
      proOptions={{ hideAttribution: true }}
      nodesDraggable={false}
      onNodesChange={(changes) => applySelectChanges(changes, selection.get().nodes, (ids) => selection.set(ids, selection.get().edges))}
      onEdgesChange={(changes) => applySelectChanges(changes, selection.get().edges, (ids) => selection.set(selection.get().nodes, ids))}
    >
      <Background />
      <Controls />
      <MiniMap pannable zoomable />
    </ReactFlow>
  );
}
