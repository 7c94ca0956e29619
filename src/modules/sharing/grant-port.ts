import type { AnyTx, RequestContext } from '../../kernel/index.js';
import type { FilterJson } from '../datastore/index.js';

// The seam between the review workflow (applications, reviews, mediation) and grants: a decision to share
// asks the grants service to check a proposed scope against the request and the policy and to issue the
// grant, in the decision's transaction. Kept as a small interface so each side is built and tested alone.

/** What a part of an application asked for: the ceiling of any grant issued for it. */
export interface PartRequest {
  applicationId: string;
  partId: string;
  resourceId: string;
  providerOrgId: string;
  consumerOrgId: string;
  /** Item codes requested. */
  items: string[];
  methods: string[];
  /** Requested validity, calendar days from the decision's local date. */
  durationDays: number;
  /** API clients of the consumer named by the application. */
  clientIds: string[];
  purpose: string;
}

/** A checked, normalised grant scope (docs/sharing.md "Grants"). */
export interface GrantScope {
  items: { code: string; mask: unknown }[];
  loosenReasons: Record<string, string>;
  rowFilter: FilterJson | null;
  methods: string[];
  rateLimitPerMinute: number | null;
  dailyRowQuota: number | null;
  validFrom: string;
  validUntil: string;
  clientIds: string[];
  ipRanges: string[];
  purpose: string;
  /**
   * Verification answers name the supplied items that did not match (issue 8 §2, "if the grant allows").
   * Absent in grants issued before the flag existed: false.
   */
  verifyDetail?: boolean;
}

/** What the review workflow needs from grants. */
export interface GrantPort {
  /**
   * Checks a proposed scope (unknown input from an approver or mediator; `'defaults'` for 无条件共享: the
   * requested items with their default masks, no filter, the requested methods and duration) against the
   * request and the level policy; throws a 422 AppError naming the field when it breaks a rule.
   */
  checkScope(tx: AnyTx, req: PartRequest, proposed: unknown): Promise<GrantScope>;
  /** Issues the grant for a checked scope in the caller's transaction; records `sharing.grant.issue`. */
  issue(tx: AnyTx, ctx: RequestContext, req: PartRequest, scope: GrantScope): Promise<{ grantId: string }>;
  /** Grants issued for the parts of an application (for its detail view). */
  forApplication(
    tx: AnyTx,
    applicationId: string,
  ): Promise<{ grantId: string; partId: string; status: string }[]>;
}
