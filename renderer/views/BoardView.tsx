import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState, type DragEvent } from 'react';
import { formatProblems, personaColour, taskStatus, type TaskNode, type TaskStatus } from '../../shared/model';
import { workstreamOf, type WorkstreamRollup } from '../../shared/planning';
import { usePlan } from '../app/planContext';

const STATUSES: readonly { status: TaskStatus; label: string }[] = [
  { status: 'todo', label: 'To do' },
  { status: 'active', label: 'Active' },
  { status: 'blocked', label: 'Blocked' },
  { status: 'done', label: 'Done' },
];
const NO_WORKSTREAM = '';
const DRAG_TYPE = 'application/x-baton-task';

interface Lane {
  readonly id: string;
  readonly title: string;
  readonly columns: Readonly<Record<TaskStatus, readonly TaskNode[]>>;
  readonly count: number;
}

/**
 * Kanban: a swimlane per workstream, a column per status; dragging a card changes its status,
 * and so do the arrow keys on a focused card (left and right: the column before or after).
 */
export function BoardView() {
  const { snapshot, plan, analysis } = usePlan();
  const [error, setError] = useState<string | null>(null);
  const lanes = useMemo(() => {
    const byLane = new Map<string, Record<TaskStatus, TaskNode[]>>();
    const laneOf = (id: string) => byLane.get(id) ?? byLane.set(id, { todo: [], active: [], blocked: [], done: [] }).get(id)!;
    for (const n of snapshot.nodes.values()) if (n.kind === 'workstream') laneOf(n.id);
    for (const n of snapshot.nodes.values()) {
      if (n.kind !== 'task') continue;
      laneOf(workstreamOf(snapshot.nodes, n) ?? NO_WORKSTREAM)[taskStatus(n)].push(n);
    }
    const out: Lane[] = [];
    for (const [id, columns] of byLane) {
      for (const list of Object.values(columns)) list.sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
      const count = Object.values(columns).reduce((sum, l) => sum + l.length, 0);
      if (id === NO_WORKSTREAM && count === 0) continue;
      out.push({ id, title: id === NO_WORKSTREAM ? 'No workstream' : snapshot.nodes.get(id)!.title, columns, count });
    }
    return out.sort((a, b) => (a.id === NO_WORKSTREAM ? 1 : b.id === NO_WORKSTREAM ? -1 : a.title.localeCompare(b.title)));
  }, [snapshot.nodes]);

  const rollups = useMemo(() => new Map(analysis.rollups.workstreams.map((w) => [w.id, w])), [analysis.rollups]);
  const scroller = useRef<HTMLDivElement>(null);
  // The card moved by keyboard: it mounts afresh in its new column, and takes the focus there.
  const focusAfterMove = useRef<string | null>(null);
  const virtual = useVirtualizer({
    count: lanes.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => 48 + Math.min(6, Math.max(...STATUSES.map((s) => lanes[i]!.columns[s.status].length), 1)) * 64,
    overscan: 3,
  });

  /** Whether the card now sits in `status`'s column (moved, or there already). */
  function moveTo(taskId: string, status: TaskStatus): boolean {
    const task = snapshot.nodes.get(taskId);
    if (task?.kind !== 'task') return false;
    if (taskStatus(task) === status) return true;
    const result = plan.commands.updateNode(taskId, { status });
    setError(result.ok ? null : formatProblems(result.error));
    return result.ok;
  }

  function moveBy(taskId: string, from: TaskStatus, step: -1 | 1) {
    const next = STATUSES[STATUSES.findIndex((s) => s.status === from) + step];
    if (!next) return;
    focusAfterMove.current = taskId;
    if (!moveTo(taskId, next.status)) focusAfterMove.current = null;
  }

  return (
    <div className="board">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="board__head" aria-hidden="true">
        <span />
        {STATUSES.map((s) => (
          <span key={s.status}>{s.label}</span>
        ))}
      </div>
      <div ref={scroller} className="board__body">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const lane = lanes[v.index]!;
            return (
              <section
                key={lane.id || 'none'}
                ref={virtual.measureElement}
                data-index={v.index}
                className="board__lane"
                aria-label={`Workstream ${lane.title}`}
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <h2 className="board__lane-title">
                  {lane.title} <span className="muted">({lane.count})</span>
                  {rollups.get(lane.id) && <LaneHealth rollup={rollups.get(lane.id)!} />}
                </h2>
                {STATUSES.map((s) => (
                  <BoardColumn
                    key={s.status}
                    laneTitle={lane.title}
                    status={s.status}
                    label={s.label}
                    tasks={lane.columns[s.status]}
                    personas={snapshot.personas}
                    blocked={analysis.blocking}
                    onDropTask={moveTo}
                    onStepTask={moveBy}
                    focusAfterMove={focusAfterMove}
                  />
                ))}
              </section>
            );
          })}
        </div>
      </div>
    </div>
  );
}

const HEALTH_LABEL = { 'on-track': 'on track', 'at-risk': 'at risk', complete: 'complete' } as const;

/** A workstream's progress and status from the engine's roll-up. */
function LaneHealth({ rollup }: { rollup: WorkstreamRollup }) {
  return (
    <span className={`health health--${rollup.status}`} title={`${rollup.done} of ${rollup.tasks} tasks done`}>
      {rollup.progress}% · {HEALTH_LABEL[rollup.status]}
    </span>
  );
}

interface BoardColumnProps {
  readonly laneTitle: string;
  readonly status: TaskStatus;
  readonly label: string;
  readonly tasks: readonly TaskNode[];
  readonly personas: ReturnType<typeof usePlan>['snapshot']['personas'];
  readonly blocked: ReturnType<typeof usePlan>['analysis']['blocking'];
  onDropTask(taskId: string, status: TaskStatus): void;
  onStepTask(taskId: string, from: TaskStatus, step: -1 | 1): void;
  readonly focusAfterMove: { current: string | null };
}

const BoardColumn = memo(function BoardColumn({ laneTitle, status, label, tasks, personas, blocked, onDropTask, onStepTask, focusAfterMove }: BoardColumnProps) {
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const id = event.dataTransfer.getData(DRAG_TYPE);
    if (id) onDropTask(id, status);
  };
  return (
    <div
      className={`board__column${over ? ' board__column--over' : ''}`}
      role="list"
      aria-label={`${laneTitle}: ${label}`}
      data-status={status}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {tasks.map((t) => {
        const owner = t.owner ? personas.get(t.owner) : undefined;
        return (
          <div
            key={t.id}
            role="listitem"
            className={`board__card${blocked.get(t.id)?.blocked ? ' board__card--blocked' : ''}`}
            draggable
            tabIndex={0}
            aria-keyshortcuts="ArrowLeft ArrowRight"
            aria-description={`${label}. Left and right arrows move it to the column before or after.`}
            data-node-id={t.id}
            ref={(el) => {
              if (el && focusAfterMove.current === t.id) {
                focusAfterMove.current = null;
                el.focus();
              }
            }}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
              e.preventDefault();
              onStepTask(t.id, status, e.key === 'ArrowLeft' ? -1 : 1);
            }}
            style={owner ? { borderLeftColor: personaColour(owner) } : undefined}
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, t.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
          >
            <span className="board__card-title">{t.title}</span>
            <span className="muted">
              {owner?.name ?? 'Unassigned'}
              {t.estimateDays !== undefined ? ` · ${t.estimateDays} d` : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
});
