// Per-recipient watermarks (docs/watermarks.md): which of a few equally valid renderings of a cell a grant
// receives, chosen per (grant, record, item) by a keyed pseudo-random function, so a leaked copy can be traced
// to the grant it was delivered under. A carrier never changes a value a decision could depend on:
//   - mask: one more of the characters a partial mask would show is hidden (the result is stronger than the
//     grant's mask, hence than the policy minimum the grant already respects);
//   - text / number / date: only for items the provider declared watermark-tolerant — an invisible
//     zero-width space inside the text, the last decimal place ±1, the date ±1 day.
// Pure functions: the caller derives the per-record seed (watermarker.ts); the trace reuses `variants`.

/** The zero-width space the text carrier inserts. */
export const ZWSP = '\u200b';

/** How a cell carries the watermark. */
export type CarrierKind = 'mask' | 'text' | 'number' | 'date';

/** A delivered cell value. */
export type Cell = string | number | boolean | null;

/** One carrier item of a grant: its code, its kind, and its slot (stable per grant) in the record's seed. */
export interface Carrier {
  code: string;
  kind: CarrierKind;
  slot: number;
  /** number carriers: the item's declared scale (decimal places), else the value's own. */
  scale: number | null;
}

// Characters a mask shows that may be hidden as well: letters and digits (any script). Separators, '@' and
// the mask character itself stay, so the shape of the value (groups, domain) is unchanged.
const HIDEABLE = /[\p{L}\p{N}]/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_SCALE = 6;
/** Fewer than two renderings carry nothing, so such cells are left as the mask made them. */
const MIN_VARIANTS = 2;

/**
 * The renderings a cell may take, the base first only when the base is itself a rendering (numbers and dates
 * keep their value as one of three; masks and text always change). Empty when the cell carries nothing.
 */
export function variants(kind: CarrierKind, base: Cell, scale: number | null = null): Cell[] {
  const out = rawVariants(kind, base, scale);
  return out.length >= MIN_VARIANTS ? out : [];
}

function rawVariants(kind: CarrierKind, base: Cell, scale: number | null): Cell[] {
  if (base === null || typeof base === 'boolean') return [];
  switch (kind) {
    case 'mask': {
      if (typeof base !== 'string') return [];
      const chars = [...base];
      const shown = chars.flatMap((c, i) => (c !== '*' && HIDEABLE.test(c) ? [i] : []));
      return shown.map((i) => chars.map((c, j) => (j === i ? '*' : c)).join(''));
    }
    case 'text': {
      if (typeof base !== 'string' || base.includes(ZWSP)) return [];
      const chars = [...base];
      // Interior positions only: tools trim the ends of a cell.
      return chars.slice(1).map((_, i) => [...chars.slice(0, i + 1), ZWSP, ...chars.slice(i + 1)].join(''));
    }
    case 'number': {
      if (typeof base !== 'number' || !Number.isFinite(base)) return [];
      const s = Math.min(scale ?? decimals(base), MAX_SCALE);
      const f = 10 ** s;
      const units = Math.round(base * f);
      if (!Number.isSafeInteger(units + 1) || !Number.isSafeInteger(units - 1)) return [];
      return [units - 1, units, units + 1].map((u) => Number((u / f).toFixed(s)));
    }
    case 'date': {
      const m = typeof base === 'string' ? DATE.exec(base) : null;
      if (!m) return [];
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      if (new Date(t).toISOString().slice(0, 10) !== base) return [];
      return [-1, 0, 1].map((d) => new Date(t + d * 86_400_000).toISOString().slice(0, 10));
    }
  }
}

function decimals(n: number): number {
  const s = String(n);
  if (s.includes('e')) return 0;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Carrier slots a 16-byte seed block serves (4 bytes each). */
export const SLOTS_PER_BLOCK = 4;

/** The index (0 ≤ i < n) a seed selects for a slot: 4 bytes per slot, 4 slots per 16-byte seed block. */
export function pick(seedBlock: Uint8Array, slot: number, n: number): number {
  const o = (slot % SLOTS_PER_BLOCK) * 4;
  const x =
    ((seedBlock[o]! << 24) | (seedBlock[o + 1]! << 16) | (seedBlock[o + 2]! << 8) | seedBlock[o + 3]!) >>> 0;
  // The modulo bias is below n / 2^32 (≤ 2^-24 for any real cell): negligible beside the 1/n it bounds.
  return x % n;
}

/** The cell a grant receives: the variant its seed selects, or the base when the cell carries nothing. */
export function carry(c: Carrier, base: Cell, seedBlock: (block: number) => Uint8Array): Cell {
  const v = variants(c.kind, base, c.scale);
  if (!v.length) return base;
  return v[pick(seedBlock(Math.floor(c.slot / SLOTS_PER_BLOCK)), c.slot, v.length)]!;
}
