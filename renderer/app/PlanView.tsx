import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PlanDocument, PlanLibrary } from '../../shared/doc';
import { analysePlan, describeCycle } from '../../shared/planning';
import { PlanCanvas } from '../canvas/PlanCanvas';
import { Inspector } from '../panels/Inspector';
import { ExportDialog } from '../panels/ExportDialog';
import { PersonasPanel } from '../panels/PersonasPanel';
import { exportFormats } from './exportFormats';
import { BoardView } from '../views/BoardView';
import { MatrixView } from '../views/MatrixView';
import { TimelineView } from '../views/TimelineView';
import { SessionsView } from '../views/sessions/SessionsView';
import { ReflectionView } from '../views/reflection/ReflectionView';
import { stringifyPlanJson, toPlanJson } from '../../shared/model';
import { exposeBenchHooks } from './benchHooks';
import { ImportPlanButton } from './ImportPlanButton';
import { SyncDialog } from './SyncDialog';
import { SyncIndicator } from './SyncIndicator';
import { usePeers, usePlanSync, useSyncStatus } from './usePlanSync';
import { fileNameFor, platform } from './platform';
import { PlanProvider, type PlanContextValue, type PlanViewName } from './planContext';
import { SelectionStore } from './selection';
import { navigate } from './useHashRoute';
import { snapshotProblemMessage, usePlanDocument, usePlanSnapshot } from './usePlanDocument';

/** One open plan: loading, refused, or shown. */
export function PlanView({ planId, library }: { planId: string; library: PlanLibrary }) {
  const open = usePlanDocument(planId);
  if (open.state === 'loading') return <p className="centered muted">Opening plan…</p>;
  if (open.state === 'error') {
    return (
      <main className="centered">
        <p role="alert" className="error">
          This plan cannot be opened: {open.message}
        </p>
        <button type="button" onClick={() => navigate({ view: 'list' })}>
          Back to plans
        </button>
      </main>
    );
  }
  return <OpenPlanView plan={open.plan} library={library} />;
}

const VIEWS: readonly { name: PlanViewName; label: string; key: string }[] = [
  { name: 'canvas', label: 'Canvas', key: '1' },
  { name: 'matrix', label: 'Matrix', key: '2' },
  { name: 'board', label: 'Board', key: '3' },
  { name: 'timeline', label: 'Timeline', key: '4' },
  { name: 'sessions', label: 'Sessions', key: '5' },
  { name: 'reflection', label: 'Reflection', key: '6' },
];

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function OpenPlanView({ plan, library }: { plan: PlanDocument; library: PlanLibrary }) {
  const snapshot = usePlanSnapshot(plan);
  const [view, setView] = useState<PlanViewName>('canvas');
  const [exportError, setExportError] = useState<string | null>(null);
  const [personasOpen, setPersonasOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [selection] = useState(() => new SelectionStore());
  const today = new Date().toISOString().slice(0, 10);
  const analysis = useMemo(() => analysePlan(snapshot, today), [snapshot, today]);
  const sync = usePlanSync(plan, selection);
  const syncStatus = useSyncStatus(sync.connection);
  const peers = usePeers(sync.connection);
  const [sharing, setSharing] = useState(false);
  const context = useMemo<PlanContextValue>(
    () => ({ plan, snapshot, analysis, selection, today, sync: sync.connection, peers, showView: setView }),
    [plan, snapshot, analysis, selection, today, sync.connection, peers],
  );
  const title = snapshot.meta.title;
  const problems = snapshotProblemMessage(snapshot);
  const undoState = useSyncExternalStore(plan.subscribe, () => `${plan.canUndo}/${plan.canRedo}`);

  useEffect(() => exposeBenchHooks(plan), [plan]);
  // The list keeps a copy of the title so it can show plans without opening them.
  useEffect(() => library.noteTitle(plan.planId, title), [library, plan, title]);
  useEffect(() => {
    document.title = `${title} — Baton`;
    return () => void (document.title = 'Baton');
  }, [title]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (event.altKey && !mod) {
        const target = VIEWS.find((v) => v.key === event.key);
        if (target) {
          event.preventDefault();
          setView(target.name);
        }
        return;
      }
      if (!mod || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'e') {
        event.preventDefault();
        void exportRef.current();
        return;
      }
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        plan.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        plan.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [plan]);

  const exportRef = useRef(() => setExporting(true));

  const [canUndo, canRedo] = undoState.split('/').map((s) => s === 'true');
  const cycle = analysis.schedule.ok ? null : analysis.schedule.cycle;
  function selectCycle() {
    if (!cycle) return;
    const onCycle = new Set(cycle);
    const edges = [...snapshot.edges.values()].filter((e) => onCycle.has(e.source) && onCycle.has(e.target)).map((e) => e.id);
    selection.set(cycle, edges);
    setView('canvas');
  }

  return (
    <PlanProvider value={context}>
      <div className="plan-view">
        <header className="plan-view__header">
          <button type="button" onClick={() => navigate({ view: 'list' })} aria-label="Back to plans" title="Back to plans">
            ← Plans
          </button>
          <h1 className="plan-view__title">{title}</h1>
        <span className={`health health--${analysis.rollups.plan.status}`} title="Progress of the whole plan, weighted by estimate">
          {analysis.rollups.plan.progress}% · {analysis.rollups.plan.status.replace('-', ' ')}
        </span>
          <nav className="tabs" role="tablist" aria-label="Views">
            {VIEWS.map((v) => (
              <button key={v.name} type="button" role="tab" aria-selected={view === v.name} title={`${v.label} (Alt+${v.key})`} onClick={() => setView(v.name)}>
                {v.label}
              </button>
            ))}
          </nav>
          <span className="plan-view__actions">
            <SyncIndicator status={syncStatus} peers={peers} linked={sync.target !== null} onOpen={() => setSharing(true)} />
            <button type="button" aria-label="Share plan" title="Share plan: sync with teammates on the LAN or through a team server" onClick={() => setSharing(true)}>
              Share
            </button>
            <button type="button" aria-label="Personas" title="Personas: people and agents, roles, capacity, colours" aria-pressed={personasOpen} onClick={() => setPersonasOpen((o) => !o)}>
              Personas
            </button>
            <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => plan.undo()}>
              ↶
            </button>
            <button type="button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => plan.redo()}>
              ↷
            </button>
          </span>
        </header>
        {cycle && (
          <div role="alert" className="banner banner--error">
            The dependencies form a cycle, so there is no schedule: {describeCycle(cycle, snapshot.nodes)}.
            <button type="button" onClick={selectCycle}>
              Select cycle
            </button>
          </div>
        )}
        {exportError && (
          <div role="alert" className="banner banner--error">
            {exportError}
          </div>
        )}
        {problems && (
          <p role="status" className="warning">
            Some parts of this plan could not be read and are hidden: {problems}
          </p>
        )}
        <section className="plan-view__body" aria-label={VIEWS.find((v) => v.name === view)!.label}>
          {view === 'canvas' && (
            <div className="plan-view__main">
              <PlanCanvas
                extraTools={
                  <>
                    <ImportPlanButton library={library} onError={setExportError} label="Import" />
                    <button type="button" aria-label="Export plan" title="Export plan: documents, JSON, Mermaid, images, .baton (Ctrl+E)" onClick={() => setExporting(true)}>
                      Export
                    </button>
                  </>
                }
              />
              <Inspector />
            </div>
          )}
          {personasOpen && <PersonasPanel onClose={() => setPersonasOpen(false)} />}
          {sharing && (
            <SyncDialog planId={plan.planId} title={title} target={sync.target} status={syncStatus} onTarget={sync.setTarget} onClose={() => setSharing(false)} />
          )}
          {exporting && <ExportDialog title={title} formats={exportFormats(plan)} onClose={() => setExporting(false)} />}
          {view === 'matrix' && <MatrixView />}
          {view === 'board' && <BoardView />}
          {view === 'timeline' && <TimelineView />}
          {view === 'sessions' && <SessionsView />}
          {view === 'reflection' && <ReflectionView />}
        </section>
      </div>
    </PlanProvider>
  );
}
