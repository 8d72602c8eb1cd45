import { ViewportPortal } from '@xyflow/react';
import { memo } from 'react';
import type { EdgeDrawing } from './edgeBatch';
import './edgeLayer.css';

/**
 * The dependencies of a large plan, drawn in bulk (edgeBatch.ts) inside the viewport: above
 * the lanes, below the cards, as React Flow stacks its edges. Clicks pass through; the canvas
 * matches them against the curves.
 */
export const EdgeLayer = memo(function EdgeLayer({ drawing }: { drawing: EdgeDrawing }) {
  // Plain edges first, then critical and selected ones over them, across all patches.
  return (
    <ViewportPortal>
      <svg className="edge-layer" aria-hidden="true">
        {drawing.patches.map((p) => p.plain && <path key={`p${p.key}`} className="edge-layer__plain" d={p.plain} />)}
        {drawing.patches.map((p) => p.selected && <path key={`s${p.key}`} className="edge-layer__selected" d={p.selected} />)}
        {drawing.patches.map((p) => p.critical && <path key={`c${p.key}`} className="edge-layer__critical" d={p.critical} />)}
      </svg>
    </ViewportPortal>
  );
});
