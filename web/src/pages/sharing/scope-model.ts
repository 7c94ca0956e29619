import type { Item, MaskSpec, Method, PolicyState } from '../../api/catalogue';
import { maskFromKey, maskKey, MASK_PRESETS } from '../catalogue/vocab';
import { EMPTY_FILTER, filterOf, type FilterDraft } from './filter-editor';
import { compareMasks } from './mask-rank';
import type { Application, GrantScopeInput, Part } from './types';

// The decision form's scope as typed, and the grant scope it sends. Items start as requested with their
// default masks; everything else starts at what the application asked for, so an approver only narrows.

export interface ScopeDraft {
  /** Per requested item: granted or not, and the chosen mask ('' = the catalogue default). */
  items: Record<string, { on: boolean; mask: string }>;
  loosen: Record<string, string>;
  filter: FilterDraft;
  methods: Method[];
  validFrom: string;
  validUntil: string;
  rate: string;
  quota: string;
  clientIds: string[];
  ipRanges: string;
  purpose: string;
  verifyDetail: boolean;
}

/** The starting scope: everything the part asked for, defaults elsewhere. Validity starts empty: the server
 * then grants from the decision's local date to the end of the requested duration — its own clock and
 * calendar decide, not the browser's. */
export function initialScope(app: Application, part: Part): ScopeDraft {
  return {
    items: Object.fromEntries(part.items.map((c) => [c, { on: true, mask: '' }])),
    loosen: {},
    filter: EMPTY_FILTER,
    methods: [...part.methods],
    validFrom: '',
    validUntil: '',
    rate: '',
    quota: '',
    clientIds: [...app.clientIds],
    ipRanges: '',
    purpose: app.purpose,
    verifyDetail: false,
  };
}

/** How a chosen mask compares with the item's default: stronger, weaker (needs a reason) or the default. */
export type MaskRelation = 'default' | 'stronger' | 'weaker' | 'same';

export function maskRelation(item: Item, chosen: string): MaskRelation {
  if (!chosen) return 'default';
  const c = compareMasks(maskFromKey(chosen), item.defaultMask);
  return c > 0 ? 'stronger' : c < 0 ? 'weaker' : 'same';
}

/** The weakest mask the level policy allows for an item, if it sets one. */
export function requiredMask(item: Item, policy: PolicyState | undefined): MaskSpec | null {
  if (!item.piiKind || !policy) return null;
  return policy.table.levels[item.nationalLevel].requiredMasks[item.piiKind] ?? null;
}

/** The masks offered for an item: the presets and its default, each marked when below the policy minimum. */
export function maskOptions(item: Item, policy: PolicyState | undefined): { key: string; below: boolean }[] {
  const min = requiredMask(item, policy);
  const keys = [...new Set([maskKey(item.defaultMask), ...MASK_PRESETS.map(maskKey)])];
  return keys.map((key) => ({ key, below: !!min && compareMasks(maskFromKey(key), min) < 0 }));
}

const optInt = (s: string): number | null => {
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isInteger(n) ? n : null;
};

/** The scope to send, or null when the row filter's JSON does not parse. */
export function toScope(d: ScopeDraft, items: readonly Item[]): GrantScopeInput | null {
  const filter = filterOf(d.filter, items);
  if (!filter.ok) return null;
  const granted = Object.entries(d.items).filter(([, v]) => v.on);
  return {
    items: granted.map(([code, v]) => (v.mask ? { code, mask: maskFromKey(v.mask) } : { code })),
    loosenReasons: Object.fromEntries(
      granted
        .filter(([code]) => (d.loosen[code] ?? '').trim())
        .map(([code]) => [code, (d.loosen[code] ?? '').trim()]),
    ),
    rowFilter: filter.value,
    methods: d.methods,
    rateLimitPerMinute: optInt(d.rate),
    dailyRowQuota: optInt(d.quota),
    ...(d.validFrom && { validFrom: d.validFrom }),
    ...(d.validUntil && { validUntil: d.validUntil }),
    clientIds: d.clientIds,
    ipRanges: d.ipRanges
      .split(/[\s,，]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    purpose: d.purpose.trim(),
    // Only meaningful with verification; sent only then, so the server never has to refuse a stale tick.
    verifyDetail: d.verifyDetail && d.methods.includes('verification'),
  };
}

/** Index of an item in the scope sent (the server's scope.items[i] paths), or -1. */
export function scopeIndex(d: ScopeDraft, code: string): number {
  return Object.entries(d.items)
    .filter(([, v]) => v.on)
    .findIndex(([c]) => c === code);
}
