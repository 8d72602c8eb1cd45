import type { ReactFlowState } from '@xyflow/react';

/** Below this zoom a card's text is unreadable: cards draw as plain coloured boxes. */
export const DETAIL_ZOOM = 0.35;

/**
 * Whether the canvas draws without detail. Also while the first fit is pending: cards mount
 * at 100 % and would be laid out in full, then again as boxes.
 */
export const zoomedOut = (s: ReactFlowState): boolean => s.fitViewQueued || s.transform[2] < DETAIL_ZOOM;
