import { useStore, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { InlineTitle } from './InlineTitle';
import { zoomedOut } from './levelOfDetail';

/** What a workstream lane shows. */
export interface WorkstreamData extends Record<string, unknown> {
  readonly title: string;
  readonly leadName?: string;
  readonly leadColour?: string;
  readonly progress: number;
  readonly status: 'on-track' | 'at-risk' | 'complete';
  readonly editing: boolean;
}

export type WorkstreamFlowNode = Node<WorkstreamData, 'workstream'>;

/** A workstream lane: a box behind its tasks, with its title, lead and roll-up. */
export const WorkstreamNode = memo(function WorkstreamNode({ id, data, selected }: NodeProps<WorkstreamFlowNode>) {
  // Zoomed out, the lane's dashed rounded border is drawn plain (canvas.css): the same at that size, far cheaper to paint.
  const simple = useStore(zoomedOut);
  return (
    <div className={`workstream-node${selected ? ' workstream-node--selected' : ''}${simple ? ' workstream-node--lod' : ''}`} style={data.leadColour ? { borderTopColor: data.leadColour } : undefined}>
      <div className="workstream-node__header">
        <InlineTitle id={id} title={data.title} editing={data.editing} className="workstream-node__title" />
        {data.leadName && <span className="muted">lead {data.leadName}</span>}
        <span className={`health health--${data.status}`}>{data.progress}%</span>
      </div>
    </div>
  );
});
