import { useEffect, useRef } from 'react';
import type { NodeKind } from '../../shared/model';
import { CREATABLE_KINDS } from './nodeCreation';

/** The canvas's right-click menu: create a node of any kind where the click was. */
export function PaneContextMenu({ x, y, onCreate, onClose }: { x: number; y: number; onCreate(kind: NodeKind): void; onClose(): void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="context-menu" role="menu" aria-label="Add to canvas" style={{ left: x, top: y }} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      {CREATABLE_KINDS.map((k, i) => (
        <button key={k.kind} ref={i === 0 ? first : undefined} type="button" role="menuitem" onClick={() => onCreate(k.kind)}>
          Add {k.label.toLowerCase()} <kbd>{k.key}</kbd>
        </button>
      ))}
    </div>
  );
}
