// Verification answers only yes or no, but many questions can still enumerate a register ("is 3301061980
// 0101001X a resident? …002X? …003X?"). Two signals raise an alert (the caller decides whom to tell):
// sequential probing — many subjects whose values of one item, read as numbers, lie next to each other —
// and volume — a grant's verified subjects in a day crossing a threshold.

/** How many subjects of a call must form near-consecutive runs before it looks like enumeration. */
export const SEQUENTIAL_MIN_SUBJECTS = 10;
/** The share of a call's values that must sit in near-consecutive runs. */
export const SEQUENTIAL_SHARE = 0.5;
/** Two values are neighbours when their numeric parts differ by at most this much. */
export const SEQUENTIAL_GAP = 10;

/** The numeric body of an identifier: its digits, without a trailing check character (GB 11643's X too). */
function numericBody(v: string | number | boolean): bigint | null {
  const text = String(v).trim().toUpperCase().replace(/X$/, '');
  const digits = text.replace(/\D/g, '');
  return digits.length >= 4 && digits.length <= 30 ? BigInt(digits) : null;
}

/** The item whose values look enumerated, or null: for each item, the share of values with a close neighbour. */
export function sequentialItem(
  subjects: readonly Record<string, string | number | boolean>[],
): string | null {
  if (subjects.length < SEQUENTIAL_MIN_SUBJECTS) return null;
  const items = new Set(subjects.flatMap((s) => Object.keys(s)));
  for (const item of items) {
    const nums = subjects
      .map((s) => (s[item] === undefined ? null : numericBody(s[item])))
      .filter((n): n is bigint => n !== null)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (nums.length < SEQUENTIAL_MIN_SUBJECTS) continue;
    let close = 0;
    for (let i = 0; i < nums.length; i++) {
      const prev = i > 0 ? nums[i]! - nums[i - 1]! : null;
      const next = i + 1 < nums.length ? nums[i + 1]! - nums[i]! : null;
      const gap = BigInt(SEQUENTIAL_GAP);
      if ((prev !== null && prev <= gap) || (next !== null && next <= gap)) close++;
    }
    if (close >= Math.max(SEQUENTIAL_MIN_SUBJECTS, SEQUENTIAL_SHARE * nums.length)) return item;
  }
  return null;
}
