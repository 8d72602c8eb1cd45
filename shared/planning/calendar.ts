/** Working days per week: the schedule counts working days, the calendar skips weekends. */
export const WORK_DAYS_PER_WEEK = 5;

const DAY_MS = 86_400_000;
const toUtc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isWeekend = (ms: number) => {
  const d = new Date(ms).getUTCDay();
  return d === 0 || d === 6;
};

/** The calendar date `days` working days after `start` (a start on a weekend moves to Monday). */
export function addWorkingDays(start: string, days: number): string {
  let ms = toUtc(start);
  while (isWeekend(ms)) ms += DAY_MS;
  let left = Math.floor(days);
  // Whole weeks first, so a 10,000-day plan does not loop day by day.
  ms += Math.floor(left / WORK_DAYS_PER_WEEK) * 7 * DAY_MS;
  left %= WORK_DAYS_PER_WEEK;
  while (left > 0) {
    ms += DAY_MS;
    if (!isWeekend(ms)) left--;
  }
  return fromUtc(ms);
}

/** Working days from `start` up to (not including) `end`; negative when `end` is earlier. */
export function workingDaysBetween(start: string, end: string): number {
  const a = toUtc(start);
  const b = toUtc(end);
  // 0 - x, not -x: two weekend days in reverse are 0 working days apart, never -0.
  if (b < a) return 0 - workingDaysBetween(end, start);
  const weeks = Math.floor((b - a) / (7 * DAY_MS));
  let count = weeks * WORK_DAYS_PER_WEEK;
  for (let ms = a + weeks * 7 * DAY_MS; ms < b; ms += DAY_MS) if (!isWeekend(ms)) count++;
  return count;
}
