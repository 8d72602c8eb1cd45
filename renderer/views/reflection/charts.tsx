import type { ReactElement } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FlowPoint } from '../../../shared/planning';
import { round1 } from './format';

// Charts are drawn without animation: the evidence is recomputed on every edit a teammate
// makes, and a bar that re-grows each time reads as a change that did not happen.

/** Colours of the status series, matching the board's badges. */
const STATUS_COLOURS = { todo: '#94a3b8', active: '#3b82f6', blocked: '#ef4444', done: '#22c55e' } as const;

/** A chart with a caption; the figure's name is what assistive technology reads, the tables beside it carry the numbers. */
export function ChartFigure({ label, summary, height = 220, children }: { label: string; summary: string; height?: number; children: ReactElement }) {
  return (
    <figure className="reflection-chart" aria-label={label}>
      <figcaption>
        <span className="reflection-chart__title">{label}</span> <span className="muted">{summary}</span>
      </figcaption>
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height }}>
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

const tooltipDays = (value: unknown) => (typeof value === 'number' ? `${round1(value)} d` : String(value));
const shortDate = (date: string) => date.slice(5);
/** Axis numbers that fit 40 pixels: 27,349 is 27.3k. */
const compact = (v: number) => (Math.abs(v) >= 1000 ? `${round1(v / 1000)}k` : String(round1(v)));

/** Burn-up: scope and done work in estimate days over time. */
export function BurnUpChart({ points }: { points: readonly FlowPoint[] }) {
  return (
    <LineChart data={points as FlowPoint[]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey="date" tickFormatter={shortDate} fontSize={11} minTickGap={16} />
      <YAxis fontSize={11} width={44} tickFormatter={compact} />
      <Tooltip formatter={tooltipDays} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {/* Dots only while there are few days to join: one day alone is a point, not a line. */}
      <Line type="stepAfter" dataKey="scopeDays" name="Scope (estimate days)" stroke="#64748b" strokeWidth={2} dot={points.length < 3} isAnimationActive={false} />
      <Line type="stepAfter" dataKey="doneDays" name="Done (estimate days)" stroke={STATUS_COLOURS.done} strokeWidth={2} dot={points.length < 3} isAnimationActive={false} />
    </LineChart>
  );
}

/** Cumulative flow: tasks per status, stacked, over time. */
export function CumulativeFlowChart({ points }: { points: readonly FlowPoint[] }) {
  return (
    <AreaChart data={points as FlowPoint[]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey="date" tickFormatter={shortDate} fontSize={11} minTickGap={16} />
      <YAxis fontSize={11} width={44} allowDecimals={false} tickFormatter={compact} />
      <Tooltip />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {(['done', 'blocked', 'active', 'todo'] as const).map((status) => (
        <Area
          key={status}
          type="stepAfter"
          dataKey={status}
          name={status === 'todo' ? 'To do' : status[0]!.toUpperCase() + status.slice(1)}
          stackId="flow"
          stroke={STATUS_COLOURS[status]}
          fill={STATUS_COLOURS[status]}
          fillOpacity={0.55}
          isAnimationActive={false}
        />
      ))}
    </AreaChart>
  );
}

/** One bar group per row: planned against actual days. */
export interface PlannedActualRow {
  readonly name: string;
  readonly planned: number;
  readonly actual: number;
}

/** Planned against actual days, one pair of bars per row (horizontal, so long names fit). */
export function PlannedActualChart({ rows, plannedLabel = 'Planned', actualLabel = 'Actual' }: { rows: readonly PlannedActualRow[]; plannedLabel?: string; actualLabel?: string }) {
  return (
    <BarChart data={rows as PlannedActualRow[]} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }} barGap={1}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
      <XAxis type="number" fontSize={11} tickFormatter={compact} />
      <YAxis type="category" dataKey="name" width={150} fontSize={11} tickFormatter={(t: string) => (t.length > 24 ? `${t.slice(0, 23)}…` : t)} />
      <Tooltip formatter={tooltipDays} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="planned" name={plannedLabel} fill="#94a3b8" isAnimationActive={false} />
      <Bar dataKey="actual" name={actualLabel} fill="#3b82f6" isAnimationActive={false} />
    </BarChart>
  );
}

/** One bar per row: blocked days. */
export function BlockedChart({ rows }: { rows: readonly { name: string; blocked: number }[] }) {
  return (
    <BarChart data={rows as { name: string; blocked: number }[]} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
      <XAxis type="number" fontSize={11} tickFormatter={compact} />
      <YAxis type="category" dataKey="name" width={150} fontSize={11} />
      <Tooltip formatter={tooltipDays} />
      <Bar dataKey="blocked" name="Blocked (working days)" fill="#ef4444" isAnimationActive={false} />
    </BarChart>
  );
}
