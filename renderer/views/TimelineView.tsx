import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { PlanNode } from '../../shared/model';
import { WORK_DAYS_PER_WEEK, addWorkingDays, workingDaysBetween, workstreamOf, type ScheduledItem } from '../../shared/planning';
import { usePlan, useSelection } from '../app/planContext';

const ROW_HEIGHT = 28;
const DAY_WIDTH = 24;
const LABEL_WIDTH = 240;

type Row = { readonly type: 'group'; readonly key: string; readonly title: string; readonly note?: string } | { readonly type: 'item'; readonly key: string; readonly item: ScheduledItem };
type Grouping = 'workstream' | 'persona';

/** A Gantt chart of the computed schedule, grouped by workstream or persona, critical bars marked. */
export function TimelineView() {
  const { snapshot, analysis, today, selection } = usePlan();
  const selected = useSelection();
  const [grouping, setGrouping] = useState<Grouping>('workstream');
  const schedule = analysis.schedule;

  const rows = useMemo<Row[]>(() => {
    if (!schedule.ok) return [];
    const groups = new Map<string, ScheduledItem[]>();
    const groupOf = (n: PlanNode): string => {
      if (grouping === 'persona') return n.kind === 'task' && n.owner ? n.owner : '';
      return workstreamOf(snapshot.nodes, n) ?? '';
    };
    for (const item of schedule.items) {
      const key = groupOf(snapshot.nodes.get(item.id)!);
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(item);
    }
    const titleOf = (key: string) =>
      key === '' ? (grouping === 'persona' ? 'Unassigned' : 'No workstream') : grouping === 'persona' ? (snapshot.personas.get(key)?.name ?? key) : (snapshot.nodes.get(key)?.title ?? key);
    const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : titleOf(a).localeCompare(titleOf(b))));
    const out: Row[] = [];
    const overloaded = new Map<string, number[]>();
    for (const b of analysis.load.bottlenecks) (overloaded.get(b.persona) ?? overloaded.set(b.persona, []).get(b.persona)!).push(b.week + 1);
    for (const key of keys) {
      const weeks = grouping === 'persona' ? overloaded.get(key) : undefined;
      out.push({ type: 'group', key: `g:${key}`, title: titleOf(key), note: weeks ? `overloaded in week${weeks.length > 1 ? 's' : ''} ${weeks.join(', ')}` : undefined });
      const items = groups.get(key)!.sort((a, b) => a.earlyStart - b.earlyStart || a.title.localeCompare(b.title));
      for (const item of items) out.push({ type: 'item', key: item.id, item });
    }
    return out;
  }, [schedule, snapshot.nodes, snapshot.personas, grouping, analysis.load]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });

  if (!schedule.ok) return <p className="centered muted">No timeline while the dependencies form a cycle.</p>;

  const start = snapshot.meta.timelineStart;
  const todayOffset = start ? workingDaysBetween(start, today) : null;
  const days = Math.max(schedule.projectDays, todayOffset ?? 0, 5) + 5;
  const width = LABEL_WIDTH + days * DAY_WIDTH;
  const weeks = Math.ceil(days / WORK_DAYS_PER_WEEK);
  const visible = virtual.getVirtualItems();
  const rowIndex = new Map<string, number>();
  for (const v of visible) {
    const r = rows[v.index]!;
    if (r.type === 'item') rowIndex.set(r.item.id, v.index);
  }
  const arrows = [...snapshot.edges.values()].flatMap((e) => {
    const s = rowIndex.get(e.source);
    const t = rowIndex.get(e.target);
    if (s === undefined || t === undefined) return [];
    const from = schedule.byId.get(e.source)!;
    const to = schedule.byId.get(e.target)!;
    const x1 = LABEL_WIDTH + from.earlyFinish * DAY_WIDTH;
    const x2 = LABEL_WIDTH + to.earlyStart * DAY_WIDTH;
    const y1 = s * ROW_HEIGHT + ROW_HEIGHT / 2;
    const y2 = t * ROW_HEIGHT + ROW_HEIGHT / 2;
    const critical = schedule.criticalEdges.has(e.id);
    return [<path key={e.id} d={`M${x1},${y1} C${x1 + 12},${y1} ${x2 - 12},${y2} ${x2},${y2}`} className={critical ? 'timeline__arrow timeline__arrow--critical' : 'timeline__arrow'} markerEnd="url(#timeline-arrowhead)" />];
  });

  return (
    <div className="timeline">
      <div className="toolbar" role="toolbar" aria-label="Timeline options">
        <label>
          Group by{' '}
          <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
            <option value="workstream">Workstream</option>
            <option value="persona">Persona</option>
          </select>
        </label>
        <span className="muted">
          {schedule.projectDays} working days
          {start ? `, ${start} to ${addWorkingDays(start, Math.max(0, Math.ceil(schedule.projectDays) - 1))}` : ''}
        </span>
      </div>
      <div ref={scroller} className="timeline__body">
        <div className="timeline__scale" style={{ width }}>
          {Array.from({ length: weeks }, (_, w) => (
            <span key={w} style={{ left: LABEL_WIDTH + w * WORK_DAYS_PER_WEEK * DAY_WIDTH, width: WORK_DAYS_PER_WEEK * DAY_WIDTH }}>
              {start ? addWorkingDays(start, w * WORK_DAYS_PER_WEEK) : `Week ${w + 1}`}
            </span>
          ))}
        </div>
        <div className="timeline__rows" style={{ height: virtual.getTotalSize(), width, position: 'relative' }} role="list" aria-label="Schedule">
          {visible.map((v) => {
            const r = rows[v.index]!;
            if (r.type === 'group') {
              return (
                <div key={r.key} className="timeline__group" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                  {r.title}
                  {r.note && <span className="timeline__overload"> · {r.note}</span>}
                </div>
              );
            }
            const { item } = r;
            const classes = ['timeline__bar', `timeline__bar--${item.kind}`];
            if (item.critical) classes.push('timeline__bar--critical');
            if (selected.nodes.has(item.id)) classes.push('timeline__bar--selected');
            return (
              <div key={r.key} role="listitem" className="timeline__row" data-node-id={item.id} style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                <span className="timeline__label" title={item.title}>
                  {item.title}
                </span>
                <button
                  type="button"
                  className={classes.join(' ')}
                  style={{ left: LABEL_WIDTH + item.earlyStart * DAY_WIDTH, width: Math.max(item.duration * DAY_WIDTH, 10) }}
                  title={`${item.title}: day ${item.earlyStart}–${item.earlyFinish}, slack ${item.slack}${item.critical ? ', critical' : ''}`}
                  aria-label={`${item.title}${item.critical ? ' (critical)' : ''}`}
                  onClick={() => selection.set([item.id])}
                />
              </div>
            );
          })}
          <svg className="timeline__arrows" width={width} height={virtual.getTotalSize()} aria-hidden="true">
            <defs>
              <marker id="timeline-arrowhead" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                <path d="M0,0 L8,4 L0,8 z" />
              </marker>
            </defs>
            {arrows}
          </svg>
          {todayOffset !== null && todayOffset >= 0 && (
            <div className="timeline__today" style={{ left: LABEL_WIDTH + todayOffset * DAY_WIDTH }} title={`Today, ${today}`} aria-label="Today" />
          )}
        </div>
      </div>
    </div>
  );
}
