import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { taskStatus } from '../../shared/model';
import type { MatrixRow } from '../../shared/planning';
import { usePlan, useSelection } from '../app/planContext';
import { PersonaSelect } from '../panels/fields/PersonaSelect';

type SortKey = 'component' | 'dependsOn' | 'blocks' | 'critical' | 'slack' | 'status';
const COLUMNS: readonly { key: SortKey; label: string }[] = [
  { key: 'component', label: 'Component' },
  { key: 'dependsOn', label: 'Depends On' },
  { key: 'blocks', label: 'Blocks' },
  { key: 'critical', label: 'Critical Path' },
  { key: 'slack', label: 'Slack' },
  { key: 'status', label: 'Status' },
];
const ROW_HEIGHT = 34;

/** The dependency matrix: Component | Depends On | Blocks | Critical Path | Slack, sortable and filterable. */
export function MatrixView() {
  const { snapshot, analysis, selection, showView } = usePlan();
  const selected = useSelection();
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean } | null>(null);
  const [persona, setPersona] = useState('');
  const [workstream, setWorkstream] = useState('');
  const [query, setQuery] = useState('');
  const title = (id: string) => snapshot.nodes.get(id)?.title ?? id;
  const statusOf = (id: string) => {
    const n = snapshot.nodes.get(id);
    return n?.kind === 'task' ? taskStatus(n) : '';
  };

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = analysis.matrix.filter(
      (r) => (!persona || r.owner === persona) && (!workstream || r.workstream === workstream) && (!q || r.component.toLowerCase().includes(q)),
    );
    if (!sort) return filtered;
    const value = (r: MatrixRow): string | number => {
      switch (sort.key) {
        case 'component':
          return r.component.toLowerCase();
        case 'dependsOn':
          return r.dependsOn.length;
        case 'blocks':
          return r.blocks.length;
        case 'critical':
          return r.critical ? 1 : 0;
        case 'slack':
          return r.slack ?? Number.POSITIVE_INFINITY;
        case 'status':
          return statusOf(r.id);
      }
    };
    const dir = sort.ascending ? 1 : -1;
    return [...filtered].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      return (va < vb ? -1 : va > vb ? 1 : a.id < b.id ? -1 : 1) * dir;
    });
    // statusOf reads snapshot.nodes; analysis.matrix is recomputed with every snapshot, so it covers it.
  }, [analysis.matrix, persona, workstream, query, sort]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const workstreams = useMemo(() => [...snapshot.nodes.values()].filter((n) => n.kind === 'workstream').sort((a, b) => a.title.localeCompare(b.title)), [snapshot.nodes]);
  const personas = useMemo(() => [...snapshot.personas.values()].sort((a, b) => a.name.localeCompare(b.name)), [snapshot.personas]);

  function toggleSort(key: SortKey) {
    setSort((s) => (s?.key === key ? (s.ascending ? { key, ascending: false } : null) : { key, ascending: true }));
  }

  function openOnCanvas(id: string) {
    selection.set([id]);
    showView('canvas');
  }

  return (
    <div className="matrix">
      <div className="toolbar" role="toolbar" aria-label="Matrix filters">
        <label>
          Persona{' '}
          <PersonaSelect value={persona} personas={personas} emptyLabel="All" onChange={setPersona} />
        </label>
        <label>
          Workstream{' '}
          <select value={workstream} onChange={(e) => setWorkstream(e.target.value)}>
            <option value="">All</option>
            {workstreams.map((w) => (
              <option key={w.id} value={w.id}>
                {w.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Find <input type="search" value={query} placeholder="Component name" onChange={(e) => setQuery(e.target.value)} />
        </label>
        <span className="muted">
          {rows.length} of {analysis.matrix.length} components
        </span>
      </div>
      <div className="matrix__table" role="table" aria-label="Dependency matrix" aria-rowcount={rows.length + 1}>
        <div className="matrix__row matrix__row--head" role="row">
          {COLUMNS.map((c) => (
            <div key={c.key} role="columnheader" aria-sort={sort?.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
              <button type="button" className="link" onClick={() => toggleSort(c.key)} title={`Sort by ${c.label}`}>
                {c.label}
                {sort?.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
              </button>
            </div>
          ))}
        </div>
        <div ref={scroller} className="matrix__body" role="rowgroup">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const r = rows[v.index]!;
              const classes = ['matrix__row'];
              if (r.critical) classes.push('matrix__row--critical');
              if (r.inCycle) classes.push('matrix__row--cycle');
              if (selected.nodes.has(r.id)) classes.push('matrix__row--selected');
              return (
                <div
                  key={r.id}
                  role="row"
                  aria-rowindex={v.index + 2}
                  data-node-id={r.id}
                  className={classes.join(' ')}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => openOnCanvas(r.id)}
                  title="Show on the canvas"
                >
                  <div role="cell">{r.component}</div>
                  <div role="cell">{r.dependsOn.map(title).join(', ') || '—'}</div>
                  <div role="cell">{r.blocks.map(title).join(', ') || '—'}</div>
                  <div role="cell">{r.critical === null ? (r.inCycle ? 'Cycle' : '—') : r.critical ? 'Yes' : 'No'}</div>
                  <div role="cell">{r.slack === null ? '—' : r.slack}</div>
                  <div role="cell" data-status={statusOf(r.id)}>
                    {statusOf(r.id)}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
