import type { CompiledGrant } from '../sharing/index.js';
import { compileRowMasks, type MaskKeys, type MaskedRow } from './domain/row-masks.js';
import { carryCell, Watermarker } from './watermarker.js';

// The grant's masks compiled for a field list, shared by every reader that hands out values (records pages,
// change feeds, pushed changes, packages), so a value leaves the platform masked — and watermarked for its
// recipient grant (docs/watermarks.md) — the same way whichever door it takes.

/** Masks a row's values (by item name) into what the grant's caller receives (by item code). */
export type RowMasker = (values: Record<string, unknown>, rowKey: string) => MaskedRow;

/** What masking and watermarking need of a grant (a package's render worker gets only this, as data). */
export type MaskedGrant = Pick<CompiledGrant, 'grantId' | 'items' | 'masks' | 'tolerant'>;

/** Compiled maskers per grant (weakly, beside the cached compiled grant) and field list. */
export class GrantMaskers {
  private readonly cache = new WeakMap<MaskedGrant, Map<string, RowMasker>>();
  private readonly refKeys = new WeakMap<CompiledGrant, Uint8Array>();
  readonly watermarks: Watermarker;

  constructor(readonly keys: MaskKeys) {
    this.watermarks = new Watermarker(keys);
  }

  /** The masker of a grant's fields; `now` is the time age bands count at. */
  masker(g: MaskedGrant, fields: readonly string[], now: Date): RowMasker {
    // Age bands count at the request time, so they are compiled per call; everything else is cached.
    const timed = fields.some((f) => (g.masks.get(f) as { kind?: string }).kind === 'ageBand');
    if (timed) return this.compile(g, fields, now);
    let byFields = this.cache.get(g);
    if (!byFields) this.cache.set(g, (byFields = new Map<string, RowMasker>()));
    const key = fields.join(',');
    let m = byFields.get(key);
    if (!m) byFields.set(key, (m = this.compile(g, fields, now)));
    return m;
  }

  private compile(g: MaskedGrant, fields: readonly string[], now: Date): RowMasker {
    const items = fields.map((code) => ({
      code,
      name: g.items.find((i) => i.code === code)!.name,
      mask: g.masks.get(code)!,
    }));
    const mask = compileRowMasks(g.grantId, items, this.keys, now);
    const wanted = new Set(fields);
    const carriers = this.watermarks.carriers(g).filter((c) => wanted.has(c.code));
    if (!carriers.length) return (values) => mask(values);
    const seeds = this.watermarks.seeds(g);
    return (values, rowKey) => {
      const out = mask(values);
      const seed = seeds(rowKey);
      for (const c of carriers) out[c.code] = carryCell(c, out[c.code] ?? null, seed);
      return out;
    };
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
