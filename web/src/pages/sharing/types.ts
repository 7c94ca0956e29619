import type { MaskSpec, Method } from '../../api/catalogue';

// Every shape of the sharing API (docs/sharing.md) the console reads or sends, in one place: when the
// server's presenters change, this file and sharing-api.ts are what adapt.

export type ApplicationStatus = 'draft' | 'prereview' | 'review' | 'returned' | 'decided' | 'withdrawn';
export type PartStatus =
  'pending' | 'approved' | 'refused' | 'disputed' | 'upheld' | 'mediated' | 'withdrawn';
export type SlaState = 'green' | 'amber' | 'red' | 'paused';
export type StageKind = 'prereview' | 'provider' | 'mediation';
export type GrantStatus = 'active' | 'suspended' | 'revoked' | 'expired';
export type DemandStatus = 'open' | 'routed' | 'answered' | 'closed';
export type DemandAnswerKind = 'will_publish' | 'exists' | 'cannot';
/** `mine`: applications the caller's organisation is party to; `review`, `all`: the bureau's. */
export type ApplicationBox = 'mine' | 'review' | 'all';
export type GrantBox = 'consumer' | 'provider' | 'all';
export type DemandBox = 'consumer' | 'provider' | 'all';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'draft',
  'prereview',
  'review',
  'returned',
  'decided',
  'withdrawn',
];
export const GRANT_STATUSES: readonly GrantStatus[] = ['active', 'suspended', 'revoked', 'expired'];
export const DEMAND_STATUSES: readonly DemandStatus[] = ['open', 'routed', 'answered', 'closed'];

/** An organisation as the sharing presenters name it. */
export interface OrgRef {
  id: string;
  name: string | null;
}

/** A deadline clock of one stage (applications.presenters.ts presentStage); `sla` is null once closed. */
export interface Stage {
  stage: StageKind;
  partId: string | null;
  responsible: { orgId: string | null; role: string };
  workingDays: number;
  startedAt: string;
  dueAt: string;
  dueDate: string;
  pausedAt: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
  sla: SlaState | null;
  remainingWorkingDays: number | null;
}

/** What the SLA badge shows: a running or paused clock. */
export interface Sla {
  stage: StageKind | 'demand';
  state: SlaState;
  dueAt: string | null;
  remainingWorkingDays: number;
}

/** An uploaded supporting document (POST /sharing/documents). */
export interface SharingDocument {
  digest: string;
  name: string;
  size?: number;
}

export interface ExpectedVolume {
  callsPerDay?: number;
  rowsPerDay?: number;
}

/** One part of an application as the consumer sends it. */
export interface PartInput {
  resourceId: string;
  items: string[];
  methods: Method[];
}

/** The body of POST / PUT /applications. */
export interface ApplicationInput {
  title: string;
  purpose: string;
  basis: string;
  scenario: string;
  durationDays: number;
  expectedVolume?: ExpectedVolume;
  clientIds: string[];
  documents: { digest: string; name: string }[];
  parts: PartInput[];
  submit?: boolean;
}

/** The grant scope an approver (or the bureau mediating) sets; validity left out takes the server's default
 * (from the decision's local date to the end of the requested duration). */
export interface GrantScopeInput {
  items: { code: string; mask?: MaskSpec }[];
  loosenReasons: Record<string, string>;
  rowFilter: FilterNode | null;
  methods: Method[];
  rateLimitPerMinute: number | null;
  dailyRowQuota: number | null;
  validFrom?: string;
  validUntil?: string;
  clientIds: string[];
  ipRanges: string[];
  purpose: string;
  /** Verification answers name the mismatching items (only with the verification method). */
  verifyDetail?: boolean;
}

/** A scope as a grant carries it (items always have their effective mask, validity always set). */
export interface GrantScope extends Omit<GrantScopeInput, 'items' | 'validFrom' | 'validUntil'> {
  items: { code: string; mask: MaskSpec | null }[];
  validFrom: string;
  validUntil: string;
}

/** The filter language (docs/sharing.md, issue 7 §4): JSON predicates over item codes. */
export type FilterValue = string | number | boolean | null;
export type FilterNode =
  | { eq: { item: string; value: FilterValue } }
  | { ne: { item: string; value: FilterValue } }
  | { in: { item: string; values: FilterValue[] } }
  | { range: { item: string; min?: FilterValue; max?: FilterValue; exclusive?: boolean } }
  | { prefix: { item: string; value: string } }
  | { isNull: { item: string } }
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode };

/** One decision or event on an application (the timeline). */
export interface HistoryEntry {
  at: string;
  action: string;
  partId: string | null;
  actor: { kind: string; id: string | null };
  comment: string | null;
  details: Record<string, unknown>;
}

/** One part: a resource of one provider with its items and methods, its decision and its current clock. */
export interface Part {
  id: string;
  resourceId: string;
  providerOrgId: string | null;
  /** The provider's registered name (public). */
  providerOrgName: string | null;
  items: string[];
  methods: Method[];
  status: PartStatus;
  unconditional: boolean;
  decision: {
    decision: string;
    by: string | null;
    at: string | null;
    reason: string | null;
    basis: string | null;
  } | null;
  dispute: { reason: string | null; at: string } | null;
  mediation: { decision: string; comment: string | null; by: string | null; at: string | null } | null;
  grantId: string | null;
  deadline: Stage | null;
  escalatedAt: string | null;
}

/** GET /applications/:id. */
export interface Application {
  id: string;
  title: string;
  purpose: string;
  basis: string;
  scenario: string;
  durationDays: number;
  expectedVolume: ExpectedVolume | null;
  clientIds: string[];
  documents: SharingDocument[];
  status: ApplicationStatus;
  consumerOrgId: string;
  consumerOrgName: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  submissions: number;
  decidedAt: string | null;
  returned: { from: string | null; comment: string | null; at: string } | null;
  withdrawReason: string | null;
  /** The bureau's pre-review clock, when there is one. */
  prereview: Stage | null;
  parts: Part[];
  deadlines: Stage[];
  history: HistoryEntry[];
  grants: { grantId: string; partId: string; status: GrantStatus }[];
}

/** A row of GET /applications. */
export interface ApplicationSummary {
  id: string;
  title: string;
  status: ApplicationStatus;
  consumerOrgId: string;
  consumerOrgName: string | null;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  parts: {
    id: string;
    resourceId: string;
    providerOrgId: string | null;
    providerOrgName: string | null;
    status: PartStatus;
  }[];
}

export type QueueKind = 'decide' | 'prereview' | 'mediate' | 'escalated';

/** What waits for the caller (GET /queue), soonest due first. */
export interface QueueEntry {
  kind: QueueKind;
  applicationId: string;
  title: string;
  consumerOrgId: string;
  consumerOrgName: string | null;
  applicationStatus: ApplicationStatus;
  partId: string | null;
  /** The part's resource (null for an application-wide pre-review). */
  resourceId: string | null;
  deadline: Stage;
}

/** One line of a grant's history. */
export interface GrantHistoryEntry {
  at: string;
  action: string;
  actor: { kind: string; id: string | null };
  reason: string | null;
}

/** The rows of GET /grants; GET /grants/:id adds the history. */
export interface Grant {
  id: string;
  applicationId: string;
  partId: string;
  resourceId: string;
  provider: OrgRef;
  consumer: OrgRef;
  status: GrantStatus;
  statusReason: string | null;
  scope: GrantScope;
  validFrom: string;
  validUntil: string;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  history?: GrantHistoryEntry[];
}

/** A demand (需求清单), as demands.presenters.ts shows it. */
export interface Demand {
  id: string;
  title: string;
  purpose: string;
  description: string | null;
  status: DemandStatus;
  consumer: OrgRef | null;
  suggestedOrg: OrgRef | null;
  /** The provider it was routed to. */
  provider: OrgRef | null;
  routedAt: string | null;
  deadline: { dueAt: string; dueDate: string; sla?: SlaState; workingDaysLeft?: number } | null;
  escalatedAt: string | null;
  answer: {
    kind: DemandAnswerKind;
    expectedDate?: string;
    resourceId?: string;
    reason?: string;
    comment?: string;
    at: string | null;
    by: string | null;
  } | null;
  closed: { at: string; by: string | null; reason: string | null } | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** GET /demands/:id: the demand with its history. */
export interface DemandWithHistory extends Demand {
  history: {
    at: string;
    action: string;
    actor: { kind: string; id: string | null; orgId: string | null };
    note: string | null;
  }[];
}

export interface DemandInput {
  title: string;
  purpose: string;
  description?: string;
  suggestedOrgId?: string;
}

export type DemandAnswerInput =
  | { answer: 'will_publish'; expectedDate: string }
  | { answer: 'exists'; resourceId: string }
  | { answer: 'cannot'; reason: string };

/** An API client of the caller's organisation (GET /api/v1/clients). */
export interface ApiClient {
  id: string;
  orgId: string;
  name: string;
  status: string;
}

/** A list answer. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** One access to granted data (GET /api/v1/exchange/access), newest first. */
export interface AccessEvent {
  eventId: string;
  at: string;
  grantId: string;
  resourceId: string;
  providerOrgId: string;
  consumerOrgId: string;
  method: string;
  caller: { kind: string; id: string | null };
  caseId: string | null;
  userRef: string | null;
  fields: string[];
  rows: number;
  subjects: number;
}
