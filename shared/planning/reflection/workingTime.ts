import { WORK_DAYS_PER_WEEK } from '../calendar';

// The reflection measures time the way the schedule counts it: a schedule day is one weekday
// on the calendar (calendar.ts), so a span of time counts every millisecond that falls on a
// Monday to Friday (UTC) and none on a weekend, and 24 such hours make one working day. A
// task active from Monday 12:00 to Tuesday 12:00 took 1 day; from Friday 12:00 to Monday
// 12:00 also 1 day. Estimates are in the same unit, so actual / planned compares like with like.

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date or ISO date-time as milliseconds since the epoch; NaN when unreadable. A bare date
 * (YYYY-MM-DD) stands for its whole day: with `endOfDay` the moment it ends (the next
 * midnight, UTC), otherwise the moment it starts.
 */
export function whenMs(when: string, endOfDay = false): number {
  if (DATE_ONLY.test(when)) {
    const start = Date.UTC(Number(when.slice(0, 4)), Number(when.slice(5, 7)) - 1, Number(when.slice(8, 10)));
    return endOfDay ? start + DAY_MS : start;
  }
  return Date.parse(when);
}

/**
 * Weekday milliseconds from a fixed Monday up to `ms`. 1970-01-01 was a Thursday, so day
 * index + 3 counts days from a Monday; floor division keeps it right before 1970 too.
 */
function weekdayMsUpTo(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const fromMonday = day + 3;
  const week = Math.floor(fromMonday / 7);
  const weekday = fromMonday - week * 7; // 0 = Monday ... 6 = Sunday
  const workDay = weekday < WORK_DAYS_PER_WEEK;
  return (week * WORK_DAYS_PER_WEEK + Math.min(weekday, WORK_DAYS_PER_WEEK)) * DAY_MS + (workDay ? ms - day * DAY_MS : 0);
}

/**
 * Working days (24 weekday hours each, fractional) from `from` to `to`, both in ms;
 * negative when `to` is earlier. Between two midnights it equals `workingDaysBetween`.
 */
export function workingDaysBetweenTimes(from: number, to: number): number {
  return (weekdayMsUpTo(to) - weekdayMsUpTo(from)) / DAY_MS;
}

/** Rounds away floating-point dust, as the schedule does (six decimals). */
export const clean = (n: number): number => Math.round(n * 1e6) / 1e6 + 0;
