// The value an issue carries into quarantine. Quarantine is read by stewards and operators who may not be
// entitled to personal data in the clear, so personal and secret items are masked; a partial mask keeps enough
// of the shape (length, first and last characters) to find the row and see what went wrong.
import { masking, type Item } from '../../../catalogue/index.js';
import { cellText } from './normalise.js';

/** Longest issue value, in characters (code points): enough to recognise a value, not to copy a document. */
export const ISSUE_VALUE_MAX = 200;

/** Computes an issue's value from a cell's raw and normalised text. */
export type IssueValueFn = (raw: unknown, normalised: string | null) => string | null;

type MaskSpec = masking.MaskSpec;

const ALL_STARS: MaskSpec = { kind: 'keep', first: 0, last: 0 };

/** Masks that need nothing from outside: partial ones and the generalisations that read the value alone. */
function usableOffline(spec: MaskSpec): boolean {
  return (
    masking.isPartialSpec(spec) ||
    spec.kind === 'clear' ||
    spec.kind === 'dateToYear' ||
    spec.kind === 'region'
  );
}

/**
 * The mask for an item's issue values, or null to show the value. Keyed masks (pseudonym, hash) need a grant's
 * key and null shows nothing useful, so those fall back to the PII kind's partial default; the result is never
 * weaker than that default, and a secret item never shows a value in the clear.
 */
export function quarantineMask(item: Pick<Item, 'piiKind' | 'secret' | 'defaultMask'>): MaskSpec | null {
  if (item.piiKind === null && !item.secret) return null;
  const floor = item.piiKind !== null ? masking.defaultMaskFor(item.piiKind) : ALL_STARS;
  let chosen = usableOffline(item.defaultMask) ? masking.strongerMask(item.defaultMask, floor) : floor;
  if (!usableOffline(chosen)) chosen = floor;
  if (item.secret && chosen.kind === 'clear') chosen = ALL_STARS;
  return chosen.kind === 'clear' ? null : chosen;
}

function truncate(s: string): string {
  if (s.length <= ISSUE_VALUE_MAX) return s;
  return Array.from(s).slice(0, ISSUE_VALUE_MAX).join(''); // by code point, never splitting a surrogate pair
}

function textOf(v: unknown): string | null {
  return cellText(v) ?? null;
}

/** Compiles the issue-value function of an item (masked if personal or secret, else raw and truncated). */
export function issueValueFor(item: Pick<Item, 'piiKind' | 'secret' | 'defaultMask'>): IssueValueFn {
  const spec = quarantineMask(item);
  if (spec === null) {
    return (raw) => {
      const t = textOf(raw);
      return t === null ? null : truncate(t);
    };
  }
  const stars = masking.compileMask(ALL_STARS);
  const mask = masking.compileMask(spec);
  return (raw, normalised) => {
    const t = normalised ?? textOf(raw)?.trim() ?? null;
    if (t === null || t === '') return null;
    const input = truncate(t);
    try {
      const out = mask(input);
      return out === null ? null : truncate(String(out));
    } catch {
      // A mask must never fall back to showing the value.
      const out = stars(input);
      return out === null ? null : String(out);
    }
  };
}
