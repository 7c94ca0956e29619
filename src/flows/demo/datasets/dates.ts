// Date arithmetic on YYYY-MM-DD strings via whole UTC day numbers, so no time zone can move a birth date by a day.

const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / MS_PER_DAY;
}

/** YYYY-MM-DD of a day number. */
export function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The same month and day `years` later (negative: earlier); 29 February becomes 28 February in other years. */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  let md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (md === '02-29' && !leap) md = '02-28';
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** Whole years between a birth date and `asOf` (both YYYY-MM-DD; string order is date order). */
export function ageOn(birth: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4));
  return asOf.slice(5) >= birth.slice(5) ? years : years - 1;
}

/** True for a real calendar date written as YYYY-MM-DD (so 2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dateOf(dayOf(s)) === s;
}
