import { useMemo, useState } from 'react';
import { usePlan } from '../app/planContext';

const MAX_RESULTS = 12;

/** Find nodes by title (Ctrl+F): Enter or a click focuses a match on the canvas. */
export function CanvasSearch({ onFocusNode, onClose }: { onFocusNode(id: string): void; onClose(): void }) {
  const { snapshot } = usePlan();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const found = [];
    for (const n of snapshot.nodes.values()) {
      if (n.title.toLowerCase().includes(q)) found.push(n);
      if (found.length >= 200) break;
    }
    return found.sort((a, b) => a.title.localeCompare(b.title));
  }, [query, snapshot.nodes]);

  return (
    <div className="canvas__search" role="search">
      <input
        autoFocus
        type="search"
        aria-label="Find on canvas"
        placeholder="Find a node by title"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') onClose();
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, Math.max(0, matches.length - 1)));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && matches[active]) onFocusNode(matches[active]!.id);
        }}
      />
      {query.trim() && <span className="muted">{matches.length ? `${matches.length} found` : 'nothing found'}</span>}
      {matches.length > 0 && (
        <ul role="listbox" aria-label="Matches">
          {matches.slice(0, MAX_RESULTS).map((n, i) => (
            <li key={n.id} role="option" aria-selected={i === active} onMouseDown={(e) => e.preventDefault()} onClick={() => onFocusNode(n.id)}>
              {n.title} <span className="muted">{n.kind}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
