import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../../../../shared/planning';
import { whenMs, workingDaysBetweenTimes } from '../../../../shared/planning/reflection';
import { isoMs } from '../../../../shared/planning/reflection/activityLog';

const DAY_MS = 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe('workingDaysBetweenTimes', () => {
  it('counts 24 weekday hours as a day and nothing on a weekend', () => {
    expect(workingDaysBetweenTimes(at('2025-03-03T12:00:00Z'), at('2025-03-04T12:00:00Z'))).toBe(1);
    expect(workingDaysBetweenTimes(at('2025-03-03T09:00:00Z'), at('2025-03-03T15:00:00Z'))).toBe(0.25);
    // Friday noon to Monday noon: half of Friday and half of Monday.
    expect(workingDaysBetweenTimes(at('2025-03-07T12:00:00Z'), at('2025-03-10T12:00:00Z'))).toBe(1);
    // Entirely on a weekend.
    expect(workingDaysBetweenTimes(at('2025-03-08T01:00:00Z'), at('2025-03-09T23:00:00Z'))).toBe(0);
    // Saturday to Monday noon: only Monday's half counts.
    expect(workingDaysBetweenTimes(at('2025-03-08T12:00:00Z'), at('2025-03-10T12:00:00Z'))).toBe(0.5);
    // Backwards is negative.
    expect(workingDaysBetweenTimes(at('2025-03-04T12:00:00Z'), at('2025-03-03T12:00:00Z'))).toBe(-1);
  });

  it('reads time zones: 20:00 at +02:00 is 18:00 UTC', () => {
    expect(workingDaysBetweenTimes(at('2025-03-03T00:00:00Z'), at('2025-03-04T20:00:00+02:00'))).toBe(1.75);
  });

  it('agrees with the calendar between midnights, before 1970 too', () => {
    const day = fc.integer({ min: Date.UTC(1950, 0, 1) / DAY_MS, max: Date.UTC(2150, 0, 1) / DAY_MS });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const da = new Date(a * DAY_MS).toISOString().slice(0, 10);
        const db = new Date(b * DAY_MS).toISOString().slice(0, 10);
        expect(workingDaysBetweenTimes(a * DAY_MS, b * DAY_MS)).toBe(workingDaysBetween(da, db));
      }),
    );
  });

  it('adds up over a split: from a to b plus b to c is a to c', () => {
    const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(time, time, time, (a, b, c) => {
        expect(workingDaysBetweenTimes(a, b) + workingDaysBetweenTimes(b, c)).toBeCloseTo(workingDaysBetweenTimes(a, c), 9);
      }),
    );
  });
});

describe('whenMs', () => {
  it('reads a date as its first moment, or with endOfDay the next midnight', () => {
    expect(whenMs('2025-03-05')).toBe(at('2025-03-05T00:00:00Z'));
    expect(whenMs('2025-03-05', true)).toBe(at('2025-03-06T00:00:00Z'));
    expect(whenMs('2025-03-05T10:00:00+01:00', true)).toBe(at('2025-03-05T09:00:00Z'));
    expect(whenMs('not a date')).toBeNaN();
  });
});

describe('isoMs', () => {
  it('reads what toISOString writes exactly as Date.parse does, from year 1000 to 9999', () => {
    const time = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) });
    fc.assert(
      fc.property(time, fc.boolean(), (ms, withMillis) => {
        const iso = new Date(ms).toISOString();
        const text = withMillis ? iso : `${iso.slice(0, 19)}Z`;
        expect(isoMs(text)).toBe(Date.parse(text));
      }),
    );
  });

  it('hands anything else to Date.parse: offsets, other precisions, nonsense', () => {
    for (const text of ['2025-03-04T20:00:00+02:00', '2025-03-04T20:00:00.5Z', '2025-03-04T20:00:00.123456Z', '2025-13-04T20:00:00.000Z', '2025-0x-04T20:00:00.000Z', 'garbage']) {
      expect(isoMs(text)).toEqual(Date.parse(text));
    }
  });
});
