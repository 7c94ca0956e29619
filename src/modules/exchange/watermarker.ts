import { masking } from '../catalogue/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import type { MaskKeys } from './domain/row-masks.js';
import type { Carrier, CarrierKind } from './domain/watermark.js';

// The keyed half of the watermark (docs/watermarks.md): which items of a grant carry it, and the per-record
// seed that chooses each cell's rendering. Delivery (row-masker.ts) and the trace use the same derivation:
//   grantKey  = HMAC(watermark secret, "orderly/watermark/v1|" ‖ grantId)
//   seed(b)   = HMAC(grantKey, rowKey ‖ "\0" ‖ b)      — block b serves slots 8b … 8b+7
// The row key is the store's key of the record, so a record gets the same rendering in every page, change
// and package of one grant (fetching it again reveals nothing new) and an independent one in another grant.

const TOLERANT_KIND: Record<string, CarrierKind | undefined> = {
  string: 'text',
  number: 'number',
  date: 'date',
};

/** Per-grant watermark keys and carriers, cached beside the compiled grant. */
export class Watermarker {
  private readonly grantKeys = new WeakMap<CompiledGrant, Uint8Array>();
  private readonly carrierCache = new WeakMap<CompiledGrant, Carrier[]>();

  constructor(private readonly keys: MaskKeys) {}

  /**
   * The grant's carriers, in the grant's item order (the slot is the item's index, so it does not depend on
   * the fields a call asks for): partial masks, and clear items the provider declared watermark-tolerant.
   */
  carriers(g: CompiledGrant): Carrier[] {
    let cs = this.carrierCache.get(g);
    if (cs) return cs;
    cs = [];
    for (const [slot, item] of g.items.entries()) {
      const tier = masking.maskStrength(g.masks.get(item.code)!).tier;
      const tolerant = g.tolerant.get(item.code);
      const kind = tier === 'partial' ? 'mask' : tier === 'clear' && tolerant && TOLERANT_KIND[item.dataType];
      if (kind) cs.push({ code: item.code, kind, slot, scale: tolerant?.scale ?? null });
    }
    this.carrierCache.set(g, cs);
    return cs;
  }

  /** The seed blocks of a record under a grant (block 0 is computed once per record, others on demand). */
  seeds(g: CompiledGrant): (rowKey: string) => (block: number) => Uint8Array {
    let gk = this.grantKeys.get(g);
    if (!gk) {
      gk = this.keys.hmac(this.keys.watermarkSecret, `orderly/watermark/v1|${g.grantId}`);
      this.grantKeys.set(g, gk);
    }
    const key = gk;
    return (rowKey) => {
      const blocks: Uint8Array[] = [];
      return (b) => (blocks[b] ??= this.keys.hmac(key, `${rowKey}\0${b}`));
    };
  }
}
