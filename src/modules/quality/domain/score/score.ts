// Quality scores (pure). Six dimensions, each 0..1, from what the store and the last load say:
// - completeness: share of non-null values over the items (required items count double);
// - validity: share of live rows without a warning on the item, and of read rows not rejected in the last load;
// - uniqueness: share of read rows of the last load not rejected as duplicates;
// - consistency: share of live rows without a cross-field warning (ID vs birth date, gender); informational
//   findings (ID region vs 户籍地) do not count;
// - timeliness: freshness against the update cycle — 1 within the period, falling linearly to 0 at three periods;
// - accuracy: 1 until the objection loop (数据异议) reports confirmed errors, then the share of records without one.
// The resource score is the mean of the dimensions × 100, rounded to one decimal.

/** Update cycles and their periods in hours (irregular: no freshness expectation). */
export const CYCLE_HOURS: Record<string, number | null> = {
  realtime: 1,
  daily: 24,
  weekly: 24 * 7,
  monthly: 24 * 31,
  quarterly: 24 * 92,
  halfyearly: 24 * 183,
  yearly: 24 * 366,
  irregular: null,
};

/** What a rule contributes: its item(s) and the dimension it speaks to. */
export interface RuleFacts {
  id: string;
  items: string[];
  dimension: 'validity' | 'uniqueness' | 'consistency' | 'informational';
}

/** Inputs of a scorecard. */
export interface ScoreInput {
  items: readonly { name: string; nullable: boolean; primaryKey: boolean }[];
  rules: readonly RuleFacts[];
  rows: number;
  nonNull: Readonly<Record<string, number>>;
  /** Live rows carrying each warning rule id. */
  flagged: ReadonlyMap<string, number>;
  lastJob: { read: number; rejected: number; duplicates: number } | null;
  lastLoadedAt: string | null;
  updateCycle: string;
  now: Date;
  /** Records with a confirmed error (from the objection loop); 0 until it exists. */
  confirmedErrors?: number;
}

export const DIMENSIONS = [
  'completeness',
  'validity',
  'uniqueness',
  'consistency',
  'timeliness',
  'accuracy',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A computed scorecard. */
export interface Scorecard {
  score: number;
  rows: number;
  dimensions: Record<Dimension, number>;
  items: { item: string; completeness: number; validity: number; consistency: number }[];
  freshness: {
    lastLoadedAt: string | null;
    ageHours: number | null;
    periodHours: number | null;
    overdue: boolean;
  };
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const share = (bad: number, all: number) => (all <= 0 ? 1 : Math.max(0, 1 - bad / all));

/** Computes the scorecard. */
export function computeScorecard(input: ScoreInput): Scorecard {
  const { rows } = input;
  const flaggedFor = (item: string, dim: RuleFacts['dimension']) =>
    input.rules
      .filter((r) => r.dimension === dim && r.items.includes(item))
      .reduce((n, r) => n + (input.flagged.get(r.id) ?? 0), 0);
  const items = input.items.map((i) => ({
    item: i.name,
    completeness: round(rows === 0 ? 1 : (input.nonNull[i.name] ?? 0) / rows),
    validity: round(share(flaggedFor(i.name, 'validity'), rows)),
    consistency: round(share(flaggedFor(i.name, 'consistency'), rows)),
  }));
  const weight = (i: { nullable: boolean; primaryKey: boolean }) => (i.nullable && !i.primaryKey ? 1 : 2);
  const totalWeight = input.items.reduce((n, i) => n + weight(i), 0);
  const completeness =
    totalWeight === 0
      ? 1
      : input.items.reduce((n, i, k) => n + weight(i) * items[k]!.completeness, 0) / totalWeight;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1);
  const lastRejectShare = input.lastJob
    ? share(input.lastJob.rejected - input.lastJob.duplicates, input.lastJob.read)
    : 1;
  const validity = mean(items.map((i) => i.validity)) * lastRejectShare;
  const uniqueness = input.lastJob ? share(input.lastJob.duplicates, input.lastJob.read) : 1;
  const consistencyBad = input.rules
    .filter((r) => r.dimension === 'consistency')
    .reduce((n, r) => n + (input.flagged.get(r.id) ?? 0), 0);
  const consistency = share(consistencyBad, rows);
  const period = CYCLE_HOURS[input.updateCycle] ?? null;
  const age = input.lastLoadedAt
    ? (input.now.getTime() - new Date(input.lastLoadedAt).getTime()) / 3_600_000
    : null;
  let timeliness = 1;
  if (period !== null)
    timeliness = age === null ? 0 : age <= period ? 1 : Math.max(0, 1 - (age - period) / (2 * period));
  if (period === null && age === null) timeliness = 0;
  const accuracy = share(input.confirmedErrors ?? 0, rows);
  const dimensions = {
    completeness: round(completeness),
    validity: round(validity),
    uniqueness: round(uniqueness),
    consistency: round(consistency),
    timeliness: round(timeliness),
    accuracy: round(accuracy),
  };
  return {
    score: Math.round(mean(Object.values(dimensions)) * 1000) / 10,
    rows,
    dimensions,
    items,
    freshness: {
      lastLoadedAt: input.lastLoadedAt,
      ageHours: age === null ? null : round(age, 1),
      periodHours: period,
      overdue: period !== null && (age === null || age > period),
    },
  };
}
