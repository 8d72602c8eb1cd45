import { Background, useStore } from '@xyflow/react';
import { zoomedOut } from './levelOfDetail';

/**
 * The dotted background, at the zoom levels where it can be seen. Its dots shrink and close
 * up with the zoom: below the detail zoom they are sub-pixel specks a few pixels apart,
 * tens of thousands of them repainted on every pan frame, and they show nothing.
 */
export function CanvasBackground() {
  const hidden = useStore(zoomedOut);
  return hidden ? null : <Background />;
}
