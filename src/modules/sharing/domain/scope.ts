// Checking a proposed grant scope against what the part requested, the resource's items and the level policy
// (docs/sharing.md "Grants"). Pure: the service loads the resource, the policy, the clients and today's local
// date, then asks this file. Every broken rule becomes one violation with the field path the approver's
// console shows (`scope.items[1].mask`), so a single 422 lists everything to fix.
import type { FieldIssue } from '../../../kernel/index.js';
import { ipEntryProblem } from '../../identity/index.js';
import {
  FORMAT_METHODS,
  masking,
  type Item,
  type Method,
  type PolicyTable,
  type ResourceDoc,
} from '../../catalogue/index.js';
import { FilterInvalid, filterItemsOf, filterToJson, parseFilter } from '../../datastore/index.js';
import type { GrantScope, PartRequest } from '../grant-port.js';
import { defaultGrantMask, judgeMask, loosens } from './grant-masks.js';

/** The scope as an approver writes it, after its shape was checked (grants.schemas.ts). */
export interface ScopeInput {
  items: { code: string; mask?: unknown }[];
  loosenReasons: Record<string, string>;
  rowFilter?: unknown;
  methods?: string[];
  rateLimitPerMinute: number | null;
  dailyRowQuota: number | null;
  validFrom?: string;
  validUntil?: string;
  clientIds?: string[];
  ipRanges: string[];
  purpose?: string;
  verifyDetail?: boolean;
}

/** What the check needs besides the input. */
export interface ScopeFacts {
  req: Pick<PartRequest, 'items' | 'methods' | 'durationDays' | 'clientIds' | 'purpose'>;
  doc: Pick<ResourceDoc, 'format' | 'items'>;
  policy: PolicyTable;
  /** The decision's local (Asia/Shanghai) date. */
  today: string;
}

/** The outcome: a normalised scope when there are no violations. */
export type ScopeCheck = { ok: true; scope: GrantScope } | { ok: false; violations: FieldIssue[] };

/** Methods that deliver to a machine and therefore need a bound API client. */
export const CLIENT_METHODS: readonly string[] = ['api', 'subscription', 'verification'];

/** The date `days` calendar days after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last valid day of a grant of `durationDays` starting on `from` (validity dates are inclusive). */
export function lastValidDay(from: string, durationDays: number): string {
  return addDays(from, durationDays - 1);
}

/** Methods the resource's format and the level policy of every given item allow (the strictest wins). */
export function allowedMethods(
  doc: Pick<ResourceDoc, 'format'>,
  items: Item[],
  policy: PolicyTable,
): Method[] {
  return FORMAT_METHODS[doc.format].filter((m) =>
    items.every((i) => policy.levels[i.nationalLevel].methods.includes(m)),
  );
}

/** The scope of 无条件共享: requested items with default masks, no filter, requested methods and duration. */
export function defaultScopeInput(req: ScopeFacts['req']): ScopeInput {
  return {
    items: req.items.map((code) => ({ code })),
    loosenReasons: {},
    rowFilter: null,
    methods: [...req.methods],
    rateLimitPerMinute: null,
    dailyRowQuota: null,
    clientIds: [...req.clientIds],
    ipRanges: [],
    purpose: req.purpose,
    verifyDetail: false,
  };
}

/** Checks a shaped scope input against the request, the resource and the policy. */
export function checkScopeRules(input: ScopeInput, f: ScopeFacts): ScopeCheck {
  const violations: FieldIssue[] = [];
  const bad = (field: string, code: string, message: string) => violations.push({ field, code, message });
  const byCode = new Map(f.doc.items.map((i) => [i.code, i]));
  const requested = new Set(f.req.items);

  // Items and masks.
  const items: GrantScope['items'] = [];
  const granted: Item[] = [];
  const seen = new Set<string>();
  const loosenReasons: Record<string, string> = {};
  input.items.forEach((entry, n) => {
    const field = `scope.items[${n}]`;
    const item = byCode.get(entry.code);
    if (seen.has(entry.code)) return bad(`${field}.code`, 'DUPLICATE', 'names an item already granted');
    seen.add(entry.code);
    if (!requested.has(entry.code))
      return bad(
        `${field}.code`,
        'NOT_REQUESTED',
        'was not requested: a grant is never wider than the request',
      );
    if (!item) return bad(`${field}.code`, 'UNKNOWN_ITEM', 'is not an item of the resource');
    if (item.effectiveShareType === 'none')
      return bad(`${field}.code`, 'NOT_SHAREABLE', 'is 不予共享 (share type none) and can never be granted');
    let mask: masking.MaskSpec;
    if (entry.mask === undefined || entry.mask === null) mask = defaultGrantMask(item, f.policy);
    else {
      const parsed = masking.maskSpecSchema.safeParse(entry.mask);
      if (!parsed.success) return bad(`${field}.mask`, 'INVALID_MASK', 'is not a valid mask specification');
      mask = masking.resolveMaskSpec(parsed.data);
    }
    const reason = input.loosenReasons[entry.code];
    const problem = judgeMask(mask, item, f.policy, reason !== undefined);
    if (problem) return bad(`${field}.mask`, problem.code, problem.message);
    // Only a reason that explains an actual loosening is kept with the grant.
    if (reason !== undefined && loosens(mask, item)) loosenReasons[entry.code] = reason;
    items.push({ code: entry.code, mask });
    granted.push(item);
  });
  // A file resource without items is granted whole (its files), with no items.
  if (input.items.length === 0 && !(f.doc.format === 'file' && f.doc.items.length === 0))
    bad('scope.items', 'TOO_SMALL', 'must grant at least one item');

  // Row filter: the provider's own, so it may name any item of the resource.
  let rowFilter: GrantScope['rowFilter'] = null;
  if (input.rowFilter !== undefined && input.rowFilter !== null) {
    try {
      const parsed = parseFilter(input.rowFilter, filterItemsOf(f.doc.items), { path: 'scope.rowFilter' });
      rowFilter = filterToJson(parsed);
    } catch (e) {
      if (!(e instanceof FilterInvalid)) throw e;
      violations.push(...e.issues);
    }
  }

  // Methods.
  const allowed = allowedMethods(f.doc, granted, f.policy);
  const methods = [...new Set(input.methods ?? f.req.methods)];
  methods.forEach((m, n) => {
    if (!f.req.methods.includes(m)) bad(`scope.methods[${n}]`, 'NOT_REQUESTED', `${m} was not requested`);
    else if (!(allowed as string[]).includes(m))
      bad(
        `scope.methods[${n}]`,
        'NOT_ALLOWED',
        `${m} is not allowed for this resource's format or the level of a granted item`,
      );
  });
  if (methods.length === 0) bad('scope.methods', 'TOO_SMALL', 'must allow at least one method');

  // Validity: inside [today, today + durationDays).
  const validFrom = input.validFrom ?? f.today;
  const maxUntil = lastValidDay(f.today, f.req.durationDays);
  const validUntil = input.validUntil ?? maxUntil;
  if (validFrom < f.today) bad('scope.validFrom', 'BEFORE_DECISION', `must not be before ${f.today}`);
  if (validUntil > maxUntil)
    bad('scope.validUntil', 'BEYOND_REQUEST', `must not be after ${maxUntil} (the requested duration)`);
  if (validUntil < validFrom) bad('scope.validUntil', 'BEFORE_START', 'must not be before validFrom');

  // Clients and IP ranges.
  const clientIds = [...new Set(input.clientIds ?? f.req.clientIds)];
  clientIds.forEach((c, n) => {
    if (!f.req.clientIds.includes(c))
      bad(`scope.clientIds[${n}]`, 'NOT_REQUESTED', "is not one of the application's clients");
  });
  if (clientIds.length === 0 && methods.some((m) => CLIENT_METHODS.includes(m)))
    bad('scope.clientIds', 'TOO_SMALL', 'api, subscription and verification need at least one client');
  input.ipRanges.forEach((r, n) => {
    const p = ipEntryProblem(r);
    if (p) bad(`scope.ipRanges[${n}]`, 'INVALID_IP_RANGE', p);
  });

  const verifyDetail = input.verifyDetail === true;
  if (verifyDetail && !methods.includes('verification'))
    bad(
      'scope.verifyDetail',
      'NEEDS_VERIFICATION',
      'only a grant with the verification method can name mismatches',
    );

  if (violations.length > 0) return { ok: false, violations };
  return {
    ok: true,
    scope: {
      items,
      loosenReasons,
      rowFilter,
      methods,
      rateLimitPerMinute: input.rateLimitPerMinute,
      dailyRowQuota: input.dailyRowQuota,
      validFrom,
      validUntil,
      clientIds,
      ipRanges: [...new Set(input.ipRanges)],
      purpose: input.purpose ?? f.req.purpose,
      verifyDetail,
    },
  };
}
