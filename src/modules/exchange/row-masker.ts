import type { CompiledGrant } from '../sharing/index.js';
import { compileRowMasks, type MaskKeys, type MaskedRow } from './domain/row-masks.js';

// The grant's masks compiled for a field list, shared by every reader that hands out values (records pages,
// change feeds, pushed changes), so a value leaves the platform masked the same way whichever door it takes.

/** Masks a row's values (by item name) into what the grant's caller receives (by item code). */
export type RowMasker = (values: Record<string, unknown>) => MaskedRow;

/** Compiled maskers per grant (weakly, beside the cached compiled grant) and field list. */
export class GrantMaskers {
  private readonly cache = new WeakMap<CompiledGrant, Map<string, RowMasker>>();
  private readonly refKeys = new WeakMap<CompiledGrant, Uint8Array>();

  constructor(private readonly keys: MaskKeys) {}

  /** The masker of a grant's fields; `now` is the time age bands count at. */
  masker(g: CompiledGrant, fields: readonly string[], now: Date): RowMasker {
    const items = fields.map((code) => ({
      code,
      name: g.items.find((i) => i.code === code)!.name,
      mask: g.masks.get(code)!,
    }));
    // Age bands count at the request time, so they are compiled per call; everything else is cached.
    const timed = items.some((i) => (i.mask as { kind?: string }).kind === 'ageBand');
    if (timed) return compileRowMasks(g.grantId, items, this.keys, now);
    let byFields = this.cache.get(g);
    if (!byFields) this.cache.set(g, (byFields = new Map<string, RowMasker>()));
    const key = fields.join(',');
    let m = byFields.get(key);
    if (!m) byFields.set(key, (m = compileRowMasks(g.grantId, items, this.keys, now)));
    return m;
  }

  /**
   * The grant's reference of a record: its store row key under a per-grant key. The row key is the same for
   * every reader of a resource; handing it out would let two grants' copies be joined on it — one with the ID
   * number in clear, one pseudonymised — which per-grant pseudonyms exist to prevent.
   */
  recordRef(g: CompiledGrant, rowKey: string): string {
    let k = this.refKeys.get(g);
    if (!k) {
      k = this.keys.hmac(this.keys.pseudonymSecret, `orderly/exchange/record-ref/v1|${g.grantId}`);
      this.refKeys.set(g, k);
    }
    return Buffer.from(this.keys.hmac(k, rowKey)).subarray(0, 16).toString('base64url');
  }
}
