// How the reflection view writes its figures: days to one decimal, ratios as percentages, signs
// on differences, so a table and a chart tooltip say the same thing the same way.

/** Days to at most one decimal ("2.5 d"); a dash when unknown. */
export function days(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${round1(value)} d`;
}

/** A signed difference in days ("+1.5 d", "−0.5 d", "0 d"). */
export function signedDays(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const r = round1(value);
  return r > 0 ? `+${r} d` : r < 0 ? `−${Math.abs(r)} d` : '0 d';
}

/** A signed percentage ("+12%", "−40%"). */
export function signedPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const r = Math.round(value);
  return r > 0 ? `+${r}%` : r < 0 ? `−${Math.abs(r)}%` : '0%';
}

/** A 0–1 rate as a whole percentage ("75%"). */
export function rate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${Math.round(value * 100)}%`;
}

/** Actual over planned, said plainly: "1.25× planned (25% over)". */
export function accuracy(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const pct = Math.round((value - 1) * 100);
  return `${value.toFixed(2)}× planned${pct === 0 ? '' : pct > 0 ? ` (${pct}% over)` : ` (${-pct}% under)`}`;
}

/** One decimal, with no "-0". */
export const round1 = (value: number): number => Math.round(value * 10) / 10 + 0;
