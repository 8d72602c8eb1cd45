import { useState } from 'react';
import { useCanvasActions } from './canvasActions';

/** A node's title, or an input editing it in place (Enter commits, Escape cancels). */
export function InlineTitle({ id, title, editing, className }: { id: string; title: string; editing: boolean; className: string }) {
  const actions = useCanvasActions();
  const [draft, setDraft] = useState(title);
  if (!editing) return <div className={className}>{title}</div>;
  return (
    <input
      className={`${className} nodrag`}
      aria-label="Title"
      autoFocus
      defaultValue={title}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') actions.commitTitle(id, draft);
        else if (e.key === 'Escape') actions.cancelEditing();
      }}
      onBlur={() => actions.commitTitle(id, draft)}
    />
  );
}
