import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';

/** What a canvas node shows; computed outside so the component never reads the whole plan. */
export interface PlanNodeData extends Record<string, unknown> {
  readonly title: string;
  readonly kind: string;
  readonly status?: string;
  readonly ownerName?: string;
  readonly ownerColour?: string;
  readonly critical: boolean;
  readonly blocked: boolean;
  readonly slack: number | null;
}

export type PlanFlowNode = Node<PlanNodeData, 'plan'>;

/** A node card: kind, title, owner colour, status badge, critical and blocked marks. */
export const PlanNodeCard = memo(function PlanNodeCard({ data, selected }: NodeProps<PlanFlowNode>) {
  const classes = ['plan-node', `plan-node--${data.kind}`];
  if (data.critical) classes.push('plan-node--critical');
  if (data.blocked) classes.push('plan-node--blocked');
  if (selected) classes.push('plan-node--selected');
  return (
    <div
      className={classes.join(' ')}
      style={data.ownerColour ? { borderLeftColor: data.ownerColour } : undefined}
      title={data.slack !== null ? `Slack: ${data.slack} days` : undefined}
      data-status={data.status}
    >
      <Handle type="target" position={Position.Left} />
      <div className="plan-node__kind">{data.kind}</div>
      <div className="plan-node__title">{data.title}</div>
      <div className="plan-node__meta">
        {data.status && <span className={`badge badge--${data.status}`}>{data.status}</span>}
        {data.ownerName && <span className="plan-node__owner">{data.ownerName}</span>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
