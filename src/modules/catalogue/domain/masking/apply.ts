// Applying a mask to one cell. compileMask checks the spec's needs (keys, asOf) once, so the exchange can
// compile a grant's masks up front and then mask rows while streaming without re-checking per value.
import {
  chinaDate,
  maskAgeBand,
  maskDateToYear,
  maskRegion,
  parseIsoDate,
  type DateParts,
} from './generalise.js';
import { keyedHashOf, MaskError, pseudonymOf, type HmacFn } from './keyed.js';
import { isPartialSpec, maskPartial } from './partial.js';
import { resolveMaskSpec, type MaskSpec } from './spec.js';
import { valueText } from './text.js';

/** A cell value before masking. */
export type MaskInput = string | number | null;
/** A cell value after masking. */
export type MaskOutput = string | number | null;
/** A compiled mask: one value in, the masked value out. */
export type Masker = (value: MaskInput) => MaskOutput;

/** What a mask may need from the caller; the caller derives keys (see derivePseudonymKey, deriveHashKey). */
export interface MaskContext {
  /** The crypto profile's HMAC; required by pseudonym and hash. */
  hmac?: HmacFn;
  /** The grant's pseudonym key; required by pseudonym. */
  pseudonymKey?: Uint8Array;
  /** The grant's hash key for this item; required by hash. */
  hashKey?: Uint8Array;
  /** The instant ages are counted at when an ageBand spec has no asOf of its own (the request time). */
  asOf?: Date;
}

function need<T>(value: T | undefined, what: string, kind: string): T {
  if (value === undefined) throw new MaskError(`the ${kind} mask needs ${what} in the mask context`);
  return value;
}

function keyed(fn: (text: string) => string): Masker {
  return (value) => {
    if (value === null) return null;
    const text = valueText(value);
    // An empty cell says only "empty", which one pseudonym for every empty cell would say as well.
    return text === '' ? '' : fn(text);
  };
}

// Values of any other type cannot arrive through the types, but rows come from databases and JSON: anything
// unexpected is withheld rather than passed through.
function nonNull(fn: (value: string | number) => MaskOutput): Masker {
  return (value) => {
    if (value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    return fn(value);
  };
}

function contextDay(at: Date | undefined): Required<DateParts> {
  const t = need(at, 'asOf (or an asOf in the spec)', 'ageBand');
  if (!Number.isFinite(t.getTime())) throw new MaskError('the ageBand mask got an invalid asOf');
  return chinaDate(t);
}

/** Compiles a spec into a masker; throws MaskError if the context lacks a key or date the spec needs. */
export function compileMask(input: MaskSpec, ctx: MaskContext = {}): Masker {
  const spec = resolveMaskSpec(input);
  if (isPartialSpec(spec)) return nonNull((v) => maskPartial(spec, v));
  switch (spec.kind) {
    case 'clear':
      return (value) => value;
    case 'null':
      return () => null;
    case 'dateToYear':
      return nonNull(maskDateToYear);
    case 'region':
      return nonNull((v) => maskRegion(spec, v));
    case 'ageBand': {
      // The spec's own asOf (a fixed release date) wins over the request time in the context.
      const asOf = spec.asOf !== undefined ? parseIsoDate(spec.asOf) : contextDay(ctx.asOf);
      const day = need(asOf, 'a valid asOf date', 'ageBand');
      return nonNull((v) => maskAgeBand(spec.width, v, day));
    }
    case 'pseudonym': {
      const hmac = need(ctx.hmac, 'hmac', 'pseudonym');
      const key = need(ctx.pseudonymKey, 'pseudonymKey', 'pseudonym');
      pseudonymOf(hmac, key, ''); // fails now, not on the first row, if the key is unusable
      return nonNull(keyed((t) => pseudonymOf(hmac, key, t)));
    }
    case 'hash': {
      const hmac = need(ctx.hmac, 'hmac', 'hash');
      const key = need(ctx.hashKey, 'hashKey', 'hash');
      keyedHashOf(hmac, key, '');
      return nonNull(keyed((t) => keyedHashOf(hmac, key, t)));
    }
    default:
      throw new MaskError(`unknown mask kind ${JSON.stringify((spec as { kind: unknown }).kind)}`);
  }
}

/** Masks one value: null stays null (every mask), the rest as docs/masking.md describes. */
export function applyMask(spec: MaskSpec, value: MaskInput, ctx: MaskContext = {}): MaskOutput {
  return compileMask(spec, ctx)(value);
}
