import { personaCapacity, type PlanSnapshot } from '../model';
import { WORK_DAYS_PER_WEEK } from './calendar';
import type { Schedule } from './criticalPath';

/** One persona's scheduled work per week against their capacity. */
export interface PersonaLoad {
  readonly persona: string;
  /** Days per week the persona can work. */
  readonly capacity: number;
  /** Scheduled days in each week of the project (index 0 is the first week). */
  readonly perWeek: readonly number[];
  readonly totalDays: number;
}

/** A week in which a persona has more work scheduled than capacity. */
export interface Bottleneck {
  readonly persona: string;
  readonly week: number;
  readonly days: number;
  readonly capacity: number;
}

/** Load per persona per week, and the overloaded weeks. */
export interface LoadReport {
  readonly weeks: number;
  readonly personas: readonly PersonaLoad[];
  readonly bottlenecks: readonly Bottleneck[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Spreads each owned task's scheduled days (early start to early finish) over the weeks it
 * spans and sums them per persona. A week whose load exceeds the persona's capacity is a
 * bottleneck. Personas without tasks appear with zero load.
 */
export function computeLoad(snapshot: Pick<PlanSnapshot, 'nodes' | 'personas'>, schedule: Schedule): LoadReport {
  if (!schedule.ok) return { weeks: 0, personas: [], bottlenecks: [] };
  const weeks = Math.max(1, Math.ceil(schedule.projectDays / WORK_DAYS_PER_WEEK));
  const loads = new Map<string, number[]>();
  for (const id of [...snapshot.personas.keys()].sort()) loads.set(id, new Array<number>(weeks).fill(0));
  for (const item of schedule.items) {
    const node = snapshot.nodes.get(item.id);
    if (node?.kind !== 'task' || !node.owner || item.duration === 0) continue;
    const perWeek = loads.get(node.owner);
    if (!perWeek) continue;
    const first = Math.floor(item.earlyStart / WORK_DAYS_PER_WEEK);
    const last = Math.min(weeks - 1, Math.floor((item.earlyFinish - 1e-9) / WORK_DAYS_PER_WEEK));
    for (let w = first; w <= last; w++) {
      const overlap = Math.min(item.earlyFinish, (w + 1) * WORK_DAYS_PER_WEEK) - Math.max(item.earlyStart, w * WORK_DAYS_PER_WEEK);
      if (overlap > 0) perWeek[w]! += overlap;
    }
  }
  const personas: PersonaLoad[] = [];
  const bottlenecks: Bottleneck[] = [];
  for (const [persona, perWeek] of loads) {
    const capacity = personaCapacity(snapshot.personas.get(persona)!);
    const rounded = perWeek.map(round);
    personas.push({ persona, capacity, perWeek: rounded, totalDays: round(perWeek.reduce((a, b) => a + b, 0)) });
    rounded.forEach((days, week) => days > capacity + 1e-9 && bottlenecks.push({ persona, week, days, capacity }));
  }
  return { weeks, personas, bottlenecks };
}
