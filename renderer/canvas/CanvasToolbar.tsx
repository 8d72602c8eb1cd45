import type { ReactNode } from 'react';
import type { NodeKind } from '../../shared/model';
import { CREATABLE_KINDS } from './nodeCreation';

const ICONS: Readonly<Record<NodeKind, string>> = {
  feature: '★',
  workstream: '▭',
  task: '▢',
  milestone: '◆',
  gate: '⬡',
  risk: '⚠',
  decision: '⚖',
  artifact: '▤',
};

/** The canvas toolbar: one button per node kind, fit view, search, and whatever the plan view adds. */
export function CanvasToolbar({ onCreate, onFitView, onSearch, children }: { onCreate(kind: NodeKind): void; onFitView(): void; onSearch(): void; children?: ReactNode }) {
  return (
    <div className="canvas__toolbar" role="toolbar" aria-label="Canvas tools">
      {CREATABLE_KINDS.map((k) => (
        <button key={k.kind} type="button" aria-label={`Add ${k.label.toLowerCase()}`} title={`Add ${k.label.toLowerCase()} (${k.key})`} onClick={() => onCreate(k.kind)}>
          <span aria-hidden="true">{ICONS[k.kind]}</span> {k.label}
        </button>
      ))}
      <span className="canvas__toolbar-gap" />
      <button type="button" aria-label="Find on canvas" title="Find on canvas (Ctrl+F)" onClick={onSearch}>
        Find
      </button>
      <button type="button" aria-label="Fit plan to view" title="Fit plan to view (Shift+1)" onClick={onFitView}>
        Fit
      </button>
      {children}
    </div>
  );
}
