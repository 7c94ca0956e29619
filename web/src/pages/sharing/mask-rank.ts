import type { MaskSpec } from '../../api/catalogue';

// The masking library's ranking (docs/masking.md "Ranking"), mirrored so the decision form can say at once
// whether a chosen mask is stronger or weaker than the item's default and ask for a loosening reason. The
// server checks the same rule with its own ranking and has the last word (a 422 names the item).

const PARTIAL: Record<string, (s: MaskSpec) => { shown: number; hidden: number }> = {
  name: () => ({ shown: 1, hidden: 1 }),
  mobile: () => ({ shown: 7, hidden: 4 }),
  landline: () => ({ shown: 6, hidden: 5 }),
  plate: () => ({ shown: 4, hidden: 3 }),
  bankCard: () => ({ shown: 8, hidden: 8 }),
  email: () => ({ shown: Infinity, hidden: 1 }),
  address: (s) => ({ shown: Infinity, hidden: num(s.hideLast, 8) }),
  idNumber: (s) => {
    const shown = num(s.keepFirst, 1) + num(s.keepLast, 2);
    return { shown, hidden: 15 - shown };
  },
  keep: (s) => ({ shown: num(s.first, 0) + num(s.last, 0), hidden: 1 }),
};

const TIER: Record<string, number> = { clear: 0, pseudonym: 3, hash: 4, null: 5 };

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v : fallback;
}

function coarseness(s: MaskSpec): number {
  if (s.kind === 'dateToYear') return 1;
  if (s.kind === 'region') return s.to === 'city' ? 2 : 4;
  if (s.kind === 'ageBand') return s.width === 5 ? 2 : s.width === 10 ? 3 : 4;
  return 0;
}

function sortKey(s: MaskSpec): [number, number, number] {
  const partial = PARTIAL[s.kind];
  if (partial) {
    const p = partial(s);
    return [1, -p.shown, p.hidden];
  }
  if (s.kind === 'dateToYear' || s.kind === 'region' || s.kind === 'ageBand') return [2, coarseness(s), 0];
  return [TIER[s.kind] ?? 0, 0, 0];
}

/** Negative when a is weaker than b, 0 when equally strong, positive when stronger. */
export function compareMasks(a: MaskSpec, b: MaskSpec): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] ?? 0) < (kb[i] ?? 0) ? -1 : 1;
  return 0;
}
