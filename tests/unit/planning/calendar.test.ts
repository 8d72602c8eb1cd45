import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingDays, WORK_DAYS_PER_WEEK, workingDaysBetween } from '../../../shared/planning';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;
/** Any date from 1990 to 2150. */
const dateArb = fc.integer({ min: Date.UTC(1990, 0, 1) / DAY_MS, max: Date.UTC(2150, 0, 1) / DAY_MS }).map((d) => iso(d * DAY_MS));

describe('addWorkingDays', () => {
  it('skips weekends: Friday + 1 is Monday', () => {
    expect(addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
    expect(addWorkingDays('2025-03-03', 4)).toBe('2025-03-07');
    expect(addWorkingDays('2025-03-03', 5)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-05', 3)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-07', 5)).toBe('2025-03-14');
    expect(addWorkingDays('2025-03-07', 6)).toBe('2025-03-17');
  });

  it('a start on a weekend moves to Monday first', () => {
    expect(addWorkingDays('2025-03-08', 0)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-09', 0)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-08', 1)).toBe('2025-03-11');
  });

  it('counts whole days only (a half day does not move the date)', () => {
    expect(addWorkingDays('2025-03-03', 2.5)).toBe('2025-03-05');
    expect(addWorkingDays('2025-03-07', 0.5)).toBe('2025-03-07');
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addWorkingDays('2024-12-31', 3)).toBe('2025-01-03');
    expect(addWorkingDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addWorkingDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addWorkingDays('2025-02-28', 1)).toBe('2025-03-03');
  });

  it('handles long plans by whole weeks: 10,000 working days are 2,000 weeks', () => {
    expect(addWorkingDays('2025-03-03', 10_000)).toBe(iso(Date.UTC(2025, 2, 3) + 2_000 * 7 * DAY_MS));
    expect(WORK_DAYS_PER_WEEK).toBe(5);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days from start up to, not including, end', () => {
    expect(workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(workingDaysBetween('2025-03-03', '2025-03-07')).toBe(4);
    expect(workingDaysBetween('2025-03-03', '2025-03-10')).toBe(5);
    // Backwards over a weekend is 0, not -0 (Object.is tells them apart, and so do the reflection's sums).
    expect(workingDaysBetween('2025-03-09', '2025-03-08')).toBe(0);
    expect(workingDaysBetween('2025-03-07', '2025-03-10')).toBe(1);
    expect(workingDaysBetween('2025-03-08', '2025-03-10')).toBe(0);
    expect(workingDaysBetween('2025-03-07', '2025-03-08')).toBe(1);
    expect(workingDaysBetween('2025-03-03', '2025-03-28')).toBe(19);
  });

  it('is negative when end is earlier', () => {
    expect(workingDaysBetween('2025-03-10', '2025-03-07')).toBe(-1);
    expect(workingDaysBetween('2025-03-28', '2025-03-03')).toBe(-19);
  });

  it('counts a whole year: 2025 has 261 working days, leap 2024 has 262', () => {
    expect(workingDaysBetween('2025-01-01', '2026-01-01')).toBe(261);
    expect(workingDaysBetween('2024-01-01', '2025-01-01')).toBe(262);
  });
});

describe('calendar properties', () => {
  it('adding n working days lands on a weekday exactly n working days later', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 5_000 }), (start, n) => {
        const end = addWorkingDays(start, n);
        expect(isWeekend(end)).toBe(false);
        expect(workingDaysBetween(start, end)).toBe(n);
        // One more working day is strictly later.
        expect(addWorkingDays(start, n + 1) > end).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('workingDaysBetween agrees with counting weekdays one by one, and is antisymmetric and additive', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -60, max: 60 }), fc.integer({ min: -60, max: 60 }), (a, d1, d2) => {
        const b = iso(Date.parse(`${a}T00:00:00Z`) + d1 * DAY_MS);
        const c = iso(Date.parse(`${b}T00:00:00Z`) + d2 * DAY_MS);
        let slow = 0;
        const [lo, hi] = d1 >= 0 ? [a, b] : [b, a];
        for (let ms = Date.parse(`${lo}T00:00:00Z`); ms < Date.parse(`${hi}T00:00:00Z`); ms += DAY_MS) if (!isWeekend(iso(ms))) slow++;
        // `+ 0` turns -0 into 0: zero working days counted backwards are still zero.
        const between = (x: string, y: string) => workingDaysBetween(x, y) + 0;
        expect(between(a, b)).toBe(d1 >= 0 ? slow : -slow + 0);
        expect(between(b, a)).toBe(-between(a, b) + 0);
        expect(between(a, c)).toBe(between(a, b) + between(b, c) + 0);
      }),
      { numRuns: 200 },
    );
  });
});
