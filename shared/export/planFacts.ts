import type { ListItem, Paragraph, PhrasingContent } from 'mdast';
import { taskStatus, type PlanSnapshot, type StatusBroadcast, type TaskNode } from '../model';
import { addWorkingDays, describeCycle } from '../planning';
import { byKeys, compareText, type ExportContext } from './exportContext';
import { fieldLabel, inline, list, text, type Inline } from './markdown';

// Small facts and phrasings shared by the persona-coordination and PACT exporters.

const DAY_MS = 86_400_000;

/**
 * A date or date-time as milliseconds since the epoch. A bare date (YYYY-MM-DD) stands for
 * its whole day: with `endOfDay` its last millisecond (UTC), otherwise its first.
 */
export function whenMs(when: string, endOfDay = false): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(when)) {
    const start = Date.UTC(Number(when.slice(0, 4)), Number(when.slice(5, 7)) - 1, Number(when.slice(8, 10)));
    return endOfDay ? start + DAY_MS - 1 : start;
  }
  return Date.parse(when);
}

/** A number as the app shows it: up to three decimals, no trailing zeros. */
export const num = (n: number): string => String(Math.round(n * 1000) / 1000);

/** `1 phase`, `2 phases`; `many` for irregular plurals. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${num(n)} ${n === 1 ? one : many}`;

/** A schedule offset in working days as the inspector shows it: `day 5 (2025-03-10)` when the plan has a start. */
export function scheduleDay(ctx: ExportContext, days: number): string {
  const start = ctx.snapshot.meta.timelineStart;
  return start ? `day ${num(days)} (${addWorkingDays(start, days)})` : `day ${num(days)}`;
}

/** Why the plan has no schedule, in words: its cycle named by titles. */
export function cycleNote(ctx: ExportContext): string {
  const { schedule } = ctx.analysis;
  return schedule.ok ? '' : `no schedule: the plan has a dependency cycle (${describeCycle(schedule.cycle, ctx.snapshot.nodes)})`;
}

/** `Word` from `word`; `problem-solving` becomes `Problem-solving`. */
export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** A list item `**Label**: value`, with optional nested items. */
export function field(label: string, value: Inline, nested?: readonly (ListItem | Inline)[]): ListItem {
  // Collaborative texts can be cleared to nothing: a blank value with nothing below says so.
  if (typeof value === 'string' && value.trim() === '' && !nested?.length) value = 'Not recorded';
  // An empty value (the items follow nested) leaves no trailing space to escape. A plain value
  // goes in one text with its ": " (the serializer would join the two texts anyway).
  const head = fieldLabel(label);
  const children: PhrasingContent[] = value === '' ? [head, text(':')] : typeof value === 'string' ? [head, text(`: ${value}`)] : [head, text(': '), ...inline(value)];
  const line: Paragraph = { type: 'paragraph', children };
  return { type: 'listItem', spread: false, children: nested && nested.length ? [line, list(nested)] : [line] };
}

/** What a task waits on (unfinished direct prerequisites), by title, then id. */
export function waitingOn(ctx: ExportContext, task: string): string[] {
  return [...(ctx.analysis.blocking.get(task)?.waitingOn ?? [])].sort(byKeys(ctx.nodeTitle, (id) => id));
}

/** Names joined with commas, or `fallback` when there are none. */
export const joined = (names: readonly string[], fallback = 'None'): string => (names.length ? names.join(', ') : fallback);

/**
 * When each task was last marked done, from the activity log (status entries whose new value
 * is `done`), in milliseconds and as written. Ties at the same moment go by entry id.
 */
export function doneTimes(snapshot: PlanSnapshot): Map<string, { ms: number; at: string }[]> {
  const out = new Map<string, { ms: number; at: string; id: string }[]>();
  for (const a of snapshot.activity) {
    if (a.kind !== 'status' || a.to !== 'done') continue;
    const list = out.get(a.entity) ?? out.set(a.entity, []).get(a.entity)!;
    list.push({ ms: whenMs(a.at), at: a.at, id: a.id });
  }
  for (const list of out.values()) list.sort((x, y) => x.ms - y.ms || compareText(x.id, y.id));
  return out;
}

/** Tasks whose status the activity log has recorded at all (these are judged by the log alone). */
export function tasksWithStatusLog(snapshot: PlanSnapshot): Set<string> {
  const out = new Set<string>();
  for (const a of snapshot.activity) if (a.kind === 'status') out.add(a.entity);
  return out;
}

/**
 * When a done task was finished: the last `-> done` in the activity log, else its own
 * `finishedAt` (plans imported from JSON carry no log), else undefined.
 */
export function finishedWhen(task: TaskNode, times: Map<string, { ms: number; at: string }[]>): string | undefined {
  if (taskStatus(task) !== 'done') return undefined;
  return times.get(task.id)?.at(-1)?.at ?? task.finishedAt;
}

/**
 * The latest status broadcast of each agent (by receive time, ties by broadcast id), sorted
 * by the agent's persona name, then agent id; independent of the order the log holds them.
 */
export function latestBroadcasts(ctx: ExportContext): StatusBroadcast[] {
  const latest = new Map<string, StatusBroadcast>();
  for (const b of ctx.snapshot.broadcasts) {
    const seen = latest.get(b.status.agent_id);
    const newer = !seen || whenMs(b.receivedAt) > whenMs(seen.receivedAt) || (whenMs(b.receivedAt) === whenMs(seen.receivedAt) && b.id > seen.id);
    if (newer) latest.set(b.status.agent_id, b);
  }
  return [...latest.values()].sort(
    byKeys(
      (b) => ctx.personaName(b.status.agent_id),
      (b) => b.status.agent_id,
    ),
  );
}
