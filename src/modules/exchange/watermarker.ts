import { masking } from '../catalogue/index.js';
import type { MaskKeys } from './domain/row-masks.js';
import type { MaskedGrant } from './row-masker.js';
import type { BatchCmac } from '../../kernel/index.js';
import {
  carry,
  pick,
  SLOTS_PER_BLOCK,
  ZWSP,
  type Carrier,
  type CarrierKind,
  type Cell,
} from './domain/watermark.js';

// The keyed half of the watermark (docs/watermarks.md): which items of a grant carry it, and the per-record
// seed that chooses each cell's rendering. Delivery (row-masker.ts) and the trace use the same derivation:
//   grantKey  = HMAC(watermark secret, "orderly/watermark/v3|" ‖ grantId)
//   seed(b)   = CMAC(grantKey, rowKey ‖ "\0" ‖ b)       — 16 bytes: block b serves slots 4b … 4b+3
// A carrier's slot is its position among the grant's carriers, so a grant with up to four carriers needs one
// block per record. CMAC (AES-256, or SM4 under sm) rather than HMAC: a page's records are derived in one batch
// — a few native cipher calls for 1,000 records — where HMAC cost a call of about 3 µs per record.
// The row key is the store's key of the record, so a record gets the same rendering in every page, change
// and package of one grant (fetching it again reveals nothing new) and an independent one in another grant.

/** A record's seed blocks, by block number. */
export type SeedBlocks = (block: number) => Uint8Array;

const TOLERANT_KIND: Record<string, CarrierKind | undefined> = {
  string: 'text',
  number: 'number',
  date: 'date',
};

// The same letters and digits domain/watermark.ts lets a mask carrier hide.
const HIDEABLE = /[\p{L}\p{N}]/u;
const MIN_VARIANTS = 2;

/** Whether a code point (one `for…of` step of a string) may be hidden: ASCII decided without the regex. */
function hideable(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return HIDEABLE.test(ch);
}

/**
 * The cell a grant receives — exactly `carry` of domain/watermark.ts (the trace fits against its
 * `variants`) — without building every rendering to keep one: for mask and text carriers, the number of
 * renderings is counted and only the chosen one is built, and the seed is derived only when the cell has
 * at least two renderings, as `carry` does. Numbers and dates (three renderings) go through `carry` itself.
 */
export function carryCell(c: Carrier, base: Cell, seedBlock: (block: number) => Uint8Array): Cell {
  if (typeof base !== 'string' || (c.kind !== 'mask' && c.kind !== 'text')) return carry(c, base, seedBlock);
  if (c.kind === 'mask') {
    let n = 0;
    for (const ch of base) if (ch !== '*' && hideable(ch)) n++;
    if (n < MIN_VARIANTS) return base;
    const k = pick(seedBlock(Math.floor(c.slot / SLOTS_PER_BLOCK)), c.slot, n);
    // Hide the k-th shown character (indices below are UTF-16 offsets of code points).
    let i = 0;
    let at = 0;
    for (const ch of base) {
      if (ch !== '*' && hideable(ch) && i++ === k)
        return `${base.slice(0, at)}*${base.slice(at + ch.length)}`;
      at += ch.length;
    }
    return base;
  }
  if (base.includes(ZWSP)) return base;
  let points = 0;
  for (const _ of base) points++;
  const n = points - 1;
  if (n < MIN_VARIANTS) return base;
  const k = pick(seedBlock(Math.floor(c.slot / SLOTS_PER_BLOCK)), c.slot, n);
  // Rendering k puts the space after the first k + 1 code points.
  let at = 0;
  let seen = 0;
  for (const ch of base) {
    at += ch.length;
    if (++seen === k + 1) break;
  }
  return `${base.slice(0, at)}${ZWSP}${base.slice(at)}`;
}

/** Per-grant watermark keys and carriers, cached beside the compiled grant. */
export class Watermarker {
  private readonly macs = new WeakMap<MaskedGrant, BatchCmac>();
  private readonly carrierCache = new WeakMap<MaskedGrant, Carrier[]>();

  constructor(private readonly keys: MaskKeys) {}

  /**
   * The grant's carriers, in the grant's item order: partial masks, and clear items the provider declared
   * watermark-tolerant. The slot is the position among them — a function of the grant alone, not of the fields
   * a call asks for, so a record reads the same whichever fields are fetched.
   */
  carriers(g: MaskedGrant): Carrier[] {
    let cs = this.carrierCache.get(g);
    if (cs) return cs;
    cs = [];
    for (const item of g.items) {
      const tier = masking.maskStrength(g.masks.get(item.code)!).tier;
      const tolerant = g.tolerant.get(item.code);
      const kind = tier === 'partial' ? 'mask' : tier === 'clear' && tolerant && TOLERANT_KIND[item.dataType];
      if (kind) cs.push({ code: item.code, kind, slot: cs.length, scale: tolerant?.scale ?? null });
    }
    this.carrierCache.set(g, cs);
    return cs;
  }

  /** The seed blocks 0 … blocks − 1 of each record under a grant, derived in one batch. */
  seeds(g: MaskedGrant, rowKeys: readonly string[], blocks: number): SeedBlocks[] {
    let mac = this.macs.get(g);
    if (!mac) {
      mac = this.keys.cmac(this.keys.hmac(this.keys.watermarkSecret, `orderly/watermark/v3|${g.grantId}`));
      this.macs.set(g, mac);
    }
    const messages: Uint8Array[] = [];
    for (const k of rowKeys)
      for (let b = 0; b < blocks; b++) messages.push(Buffer.from(`${k}\0${b}`, 'utf8'));
    const tags = mac.tags(messages);
    return rowKeys.map((_, i) => (b) => {
      if (b >= blocks) throw new Error(`seed block ${b} was not derived`);
      const at = (i * blocks + b) * 16;
      return tags.subarray(at, at + 16);
    });
  }

  /** How many seed blocks a set of carriers reads. */
  static blocksFor(carriers: readonly Carrier[]): number {
    return carriers.reduce((n, c) => Math.max(n, Math.floor(c.slot / SLOTS_PER_BLOCK) + 1), 0);
  }
}
