// Seeded randomness for the demo datasets. Every draw goes through a seeded faker (never Math.random), so a seed
// names exactly one set of files.
import { createHash } from 'node:crypto';
import { Faker, base, zh_CN } from '@faker-js/faker';
import { dateOf, dayOf } from './dates.js';

/** A zh_CN faker seeded for one named stream of one seed (so one dataset's size never shifts another's values). */
export function seededFaker(seed: number, stream: string): Faker {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(createHash('sha256').update(`${seed}/${stream}`).digest().readUInt32BE(0));
  return faker;
}

/** Small helpers over a seeded faker; all draws are deterministic given the faker's seed. */
export class Rng {
  constructor(readonly faker: Faker) {}

  /** Uniform in [0, 1). */
  next(): number {
    return this.faker.number.int(0xfffffffe) / 0xffffffff;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly; throws on an empty list because that is a bug in a fixed table. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet.charAt(this.int(0, alphabet.length - 1));
    return s;
  }
}

/** A fixed table of weighted values, drawn by binary search over cumulative weights. */
export class Weighted<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [value, weight] of entries) {
      if (!(weight > 0)) continue;
      sum += weight;
      this.values.push(value);
      this.cumulative.push(sum);
    }
    if (sum === 0) throw new RangeError('Weighted needs at least one positive weight');
    this.total = sum;
  }

  /** One value with probability proportional to its weight. */
  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}

/**
 * Chooses distinct row indices in [0, n) for each kind of deliberate error, so every kind appears an exact number
 * of times (a rate alone could give zero in a small test file). A row gets at most one kind.
 */
export function planPositions<K extends string>(
  rng: Rng,
  n: number,
  counts: readonly (readonly [K, number])[],
): Map<number, K> {
  const plan = new Map<number, K>();
  for (const [kind, count] of counts) {
    for (let placed = 0; placed < count && plan.size < n;) {
      const i = rng.int(0, n - 1);
      if (plan.has(i)) continue;
      plan.set(i, kind);
      placed++;
    }
  }
  return plan;
}

/** How many rows get an error kind: `rate` of n, but at least `min` once the file is big enough to hide them. */
export function errorCount(n: number, rate: number, min: number): number {
  const byRate = Math.round(n * rate);
  return n >= 200 ? Math.max(min, byRate) : Math.min(byRate, Math.floor(n / 20));
}

/** A uniformly random date in [from, to] (YYYY-MM-DD, inclusive). */
export function dateBetween(rng: Rng, from: string, to: string): string {
  return dateOf(rng.int(dayOf(from), dayOf(to)));
}

/** A money amount as a fixed two-decimal string (no float noise such as 0.30000000000000004). */
export function money(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** A bounded uniform sample of the items offered so far (reservoir sampling), so memory stays flat. */
export class Reservoir<T> {
  private readonly items: T[] = [];
  private seen = 0;

  constructor(private readonly size: number) {}

  /** Offers one item; every item offered so far is equally likely to be held. */
  offer(rng: Rng, item: T): void {
    this.seen++;
    if (this.items.length < this.size) this.items.push(item);
    else {
      const j = rng.int(0, this.seen - 1);
      if (j < this.size) this.items[j] = item;
    }
  }

  /** Removes and returns a random held item, or undefined if none is held. */
  take(rng: Rng): T | undefined {
    if (this.items.length === 0) return undefined;
    return this.items.splice(rng.int(0, this.items.length - 1), 1)[0];
  }
}
