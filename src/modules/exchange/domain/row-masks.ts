import type { BatchCmac } from '../../../kernel/index.js';
import { masking } from '../../catalogue/index.js';

// A grant's masks, compiled once per grant (the exchange caches them beside the compiled grant) and applied
// to every row while a page is built. Keys for pseudonyms and hashes are derived per grant (and item) from
// the keyring's secrets, so two grants never see the same pseudonym for one person (docs/masking.md).

/** The values a grant's caller receives for one row: item code → masked value. */
export type MaskedRow = Record<string, masking.MaskOutput | boolean>;

/** What masking needs from the platform. */
export interface MaskKeys {
  hmac: masking.HmacFn;
  pseudonymSecret: Uint8Array;
  digestSecret: Uint8Array;
  /** Keys the per-recipient watermark (docs/watermarks.md). */
  watermarkSecret: Uint8Array;
  /** The profile's CMAC (the watermark's per-record seeds). */
  cmac: (key: Uint8Array) => BatchCmac;
}

/** One projected item: where its value comes from and how it is masked. */
export interface ProjectedItem {
  code: string;
  name: string;
  mask: masking.MaskSpec;
}

/** Compiles the maskers of the projected items of a grant; `asOf` is the request time (age bands). */
export function compileRowMasks(
  grantId: string,
  items: readonly ProjectedItem[],
  keys: MaskKeys,
  asOf: Date,
): (values: Record<string, unknown>) => MaskedRow {
  const pseudonymKey = masking.derivePseudonymKey(keys.hmac, keys.pseudonymSecret, grantId);
  const maskers = items.map((i) => ({
    code: i.code,
    name: i.name,
    clear: masking.maskStrength(i.mask).tier === 'clear',
    mask: masking.compileMask(i.mask, {
      hmac: keys.hmac,
      pseudonymKey,
      hashKey: masking.deriveHashKey(keys.hmac, keys.digestSecret, grantId, i.code),
      asOf,
    }),
  }));
  return (values) => {
    const out: MaskedRow = {};
    for (const m of maskers) {
      const v = values[m.name];
      out[m.code] = m.clear && typeof v === 'boolean' ? v : m.mask(cell(v));
    }
    return out;
  };
}

// Stored cells are strings, numbers, booleans or null; masks take strings and numbers. A boolean goes out
// as itself when clear and is masked as its text otherwise, so no mask sees a type it was not written for.
function cell(v: unknown): masking.MaskInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return null;
}
