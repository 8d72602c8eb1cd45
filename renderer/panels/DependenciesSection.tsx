import { useMemo } from 'react';
import type { Dependency, PlanNode } from '../../shared/model';
import { usePlan } from '../app/planContext';

/**
 * A node's dependencies both ways, each a button that selects it. On a large plan the canvas
 * draws dependencies in bulk, where no line can take the keyboard's focus; this list is how
 * the keyboard reaches every one, on a plan of any size.
 */
export function DependenciesSection({ node }: { node: PlanNode }) {
  const { snapshot, selection } = usePlan();
  const title = (id: string) => snapshot.nodes.get(id)?.title ?? id;
  const { dependsOn, blocks } = useMemo(() => {
    const into: Dependency[] = [];
    const out: Dependency[] = [];
    for (const edge of snapshot.edges.values()) {
      if (edge.target === node.id) into.push(edge);
      else if (edge.source === node.id) out.push(edge);
    }
    const byOtherEnd = (end: 'source' | 'target') => (a: Dependency, b: Dependency) =>
      (snapshot.nodes.get(a[end])?.title ?? '').localeCompare(snapshot.nodes.get(b[end])?.title ?? '') || (a.id < b.id ? -1 : 1);
    return { dependsOn: into.sort(byOtherEnd('source')), blocks: out.sort(byOtherEnd('target')) };
  }, [snapshot.edges, snapshot.nodes, node.id]);
  if (!dependsOn.length && !blocks.length) return null;

  const entries = (label: string, edges: readonly Dependency[], other: 'source' | 'target') =>
    edges.length > 0 && (
      <>
        <h4 className="inspector__minor">{label}</h4>
        <ul className="inspector__list" aria-label={`${label} ${node.title}`}>
          {edges.map((edge) => (
            <li key={edge.id}>
              <button type="button" className="link" aria-label={`Select dependency ${title(edge.source)} → ${title(edge.target)}`} onClick={() => selection.set([], [edge.id])}>
                {title(edge[other])}
              </button>
              {edge.type && <span className="muted"> · {edge.type}</span>}
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <section className="inspector__section" aria-label="Dependencies">
      <h3 className="inspector__subtitle">Dependencies</h3>
      {entries('Depends on', dependsOn, 'source')}
      {entries('Blocks', blocks, 'target')}
    </section>
  );
}
