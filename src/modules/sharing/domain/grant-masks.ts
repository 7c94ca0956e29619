// The masks rule of a grant (docs/sharing.md "Grants"): an item without a mask gets its catalogue default;
// an approver may strengthen at will, loosen below the default only with a recorded reason, and never go
// below the level policy's required minimum for the item's PII kind — not even with a reason, because the
// minimum is secadmin's rule, not the provider's to waive.
import { masking, type Item, type PolicyTable } from '../../catalogue/index.js';

type MaskSpec = masking.MaskSpec;

/** What a mask rule needs to know of an item. */
export type MaskedItem = Pick<Item, 'code' | 'defaultMask' | 'piiKind' | 'nationalLevel'>;

/** A broken mask rule. */
export interface MaskProblem {
  code: 'BELOW_POLICY_MINIMUM' | 'LOOSEN_REASON_REQUIRED';
  message: string;
}

/** The weakest mask the level policy allows for the item, or null when the policy asks for none. */
export function requiredMaskFor(item: MaskedItem, policy: PolicyTable): MaskSpec | null {
  if (!item.piiKind) return null;
  return policy.levels[item.nationalLevel]?.requiredMasks[item.piiKind] ?? null;
}

/** The mask an item gets when the scope names none: its default, raised to the policy minimum if needed. */
export function defaultGrantMask(item: MaskedItem, policy: PolicyTable): MaskSpec {
  const min = requiredMaskFor(item, policy);
  // A policy tightened after publication must not let the old default through.
  return min ? masking.strongerMask(masking.resolveMaskSpec(item.defaultMask), min) : item.defaultMask;
}

/** Judges a proposed mask for an item; null when it is allowed. */
export function judgeMask(
  spec: MaskSpec,
  item: MaskedItem,
  policy: PolicyTable,
  hasLoosenReason: boolean,
): MaskProblem | null {
  const min = requiredMaskFor(item, policy);
  if (min && !masking.atLeast(spec, min))
    return {
      code: 'BELOW_POLICY_MINIMUM',
      message: `is weaker than the minimum mask (${min.kind}) the level policy requires for ${item.piiKind ?? 'this'} items at ${item.nationalLevel}; no reason can waive it`,
    };
  if (!masking.atLeast(spec, item.defaultMask) && !hasLoosenReason)
    return {
      code: 'LOOSEN_REASON_REQUIRED',
      message: `is weaker than the item's default mask (${item.defaultMask.kind}); give loosenReasons.${item.code}`,
    };
  return null;
}

/** True when the mask is weaker than the item's default (the reason is then recorded with the grant). */
export function loosens(spec: MaskSpec, item: MaskedItem): boolean {
  return !masking.atLeast(spec, item.defaultMask);
}

/** True when the consumer sees the item in clear: only then may it filter or sort on it. */
export function isUnmasked(spec: MaskSpec): boolean {
  return spec.kind === 'clear';
}
