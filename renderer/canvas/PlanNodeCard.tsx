import { Handle, Position, useStore, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { countRender } from '../app/benchHooks';
import { InlineTitle } from './InlineTitle';
import { zoomedOut } from './levelOfDetail';

/** What a canvas card shows; computed outside so the component never reads the whole plan. */
export interface PlanNodeData extends Record<string, unknown> {
  readonly title: string;
  readonly kind: string;
  readonly status?: string;
  readonly ownerName?: string;
  readonly ownerColour?: string;
  readonly critical: boolean;
  readonly blocked: boolean;
  readonly slack: number | null;
  /** Pending handoffs of this task, as one short line. */
  readonly handoff?: string;
  readonly editing: boolean;
  /** A teammate has this node selected: their colour outlines it. */
  readonly peerColour?: string;
}

export type PlanFlowNode = Node<PlanNodeData, 'plan'>;

const KIND_LABEL: Readonly<Record<string, string>> = {
  feature: 'Feature',
  task: 'Task',
  milestone: 'Milestone',
  gate: 'Quality gate',
  risk: 'Risk',
  decision: 'Decision',
  artifact: 'Artifact',
};

/** A card: kind, title (editable in place), owner colour, status badge, critical, blocked and handoff marks. */
export const PlanNodeCard = memo(function PlanNodeCard({ id, data, selected }: NodeProps<PlanFlowNode>) {
  countRender(id);
  // Level of detail: a whole plan in view is thousands of cards; boxes paint far faster than
  // text, and a boolean selector re-renders a card only when the threshold is crossed.
  const simple = useStore(zoomedOut);
  const classes = ['plan-node', `plan-node--${data.kind}`];
  if (data.critical) classes.push('plan-node--critical');
  if (data.blocked) classes.push('plan-node--blocked');
  if (selected) classes.push('plan-node--selected');
  if (data.peerColour) classes.push('plan-node--peer-selected');
  const hover = [data.slack !== null ? `Slack: ${data.slack} days${data.critical ? ' (critical path)' : ''}` : '', data.blocked ? 'Blocked' : ''].filter(Boolean).join(' · ');
  if (simple && !data.editing) {
    return (
      <div className={`${classes.join(' ')} plan-node--lod`} style={data.ownerColour ? { borderLeftColor: data.ownerColour } : undefined} title={data.title} data-status={data.status}>
        <Handle type="target" position={Position.Left} />
        <Handle type="source" position={Position.Right} />
      </div>
    );
  }
  return (
    <div className={classes.join(' ')} style={{ ...(data.ownerColour ? { borderLeftColor: data.ownerColour } : {}), ...(data.peerColour ? { boxShadow: `0 0 0 3px ${data.peerColour}` } : {}) }} title={hover || undefined} data-status={data.status}>
      <Handle type="target" position={Position.Left} />
      <div className="plan-node__kind">{KIND_LABEL[data.kind] ?? data.kind}</div>
      <InlineTitle id={id} title={data.title} editing={data.editing} className="plan-node__title" />
      <div className="plan-node__meta">
        {data.status && <span className={`badge badge--${data.status}`}>{data.status}</span>}
        {data.ownerName && <span className="plan-node__owner">{data.ownerName}</span>}
      </div>
      {data.handoff && <div className="plan-node__handoff">↪ {data.handoff}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
