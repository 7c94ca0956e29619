import type { CompiledGrant } from '../sharing/index.js';
import { compileRowMasks, type MaskKeys, type MaskedRow } from './domain/row-masks.js';
import { carryCell, Watermarker, type SeedBlocks } from './watermarker.js';

// The grant's masks compiled for a field list, shared by every reader that hands out values (records pages,
// change feeds, pushed changes, packages), so a value leaves the platform masked — and watermarked for its
// recipient grant (docs/watermarks.md) — the same way whichever door it takes.

/** A record as the store hands it out: its values by item name and its row key. */
export interface KeyedValues {
  key: string;
  values: Record<string, unknown>;
}

/** Masks rows' values (by item name) into what the grant's caller receives (by item code). */
export interface RowMasker {
  /** One record. */
  (values: Record<string, unknown>, rowKey: string): MaskedRow;
  /** Many records (a page), their watermark seeds derived in one batch: the same values as one by one. */
  rows(rows: readonly KeyedValues[]): MaskedRow[];
}

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
    if (!carriers.length)
      return Object.assign((values: Record<string, unknown>) => mask(values), {
        rows: (rows: readonly KeyedValues[]) => rows.map((r) => mask(r.values)),
      });
    const blocks = Watermarker.blocksFor(carriers);
    const marked = (values: Record<string, unknown>, seed: SeedBlocks): MaskedRow => {
      const out = mask(values);
      for (const c of carriers) out[c.code] = carryCell(c, out[c.code] ?? null, seed);
      return out;
    };
    return Object.assign(
      (values: Record<string, unknown>, rowKey: string) =>
        marked(values, this.watermarks.seeds(g, [rowKey], blocks)[0]!),
      {
        rows: (rows: readonly KeyedValues[]) => {
          const seeds = this.watermarks.seeds(
            g,
            rows.map((r) => r.key),
            blocks,
          );
          return rows.map((r, i) => marked(r.values, seeds[i]!));
        },
      },
    );
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
