import { api } from './client';
import { ApiError } from './errors';
import { qs } from './query';

// The catalogue API (resources, versions, the bureau's review queue, the level policy and sample detection):
// the shapes the console reads (see /api/openapi.json) and one function per call.

export type NationalLevel = 'general1' | 'general2' | 'general3' | 'general4' | 'important' | 'core';
export type ProvincialLevel = 'L1' | 'L2' | 'L3' | 'L4';
export type ShareType = 'unconditional' | 'conditional' | 'none';
export type OpenType = 'open' | 'conditional' | 'closed';
export type OpenReason = 'law' | 'policy' | 'sensitive' | 'other';
export type Method = 'api' | 'package' | 'subscription' | 'verification' | 'sandbox';
export type Format = 'table' | 'file' | 'api';
export type Category = 'basic' | 'theme' | 'department';
export type UpdateCycle =
  'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'halfyearly' | 'yearly' | 'irregular';
export type DataType = 'string' | 'number' | 'date' | 'datetime' | 'timestamp' | 'boolean' | 'binary';
export type PiiKind =
  | 'name'
  | 'idNumber'
  | 'mobile'
  | 'landline'
  | 'address'
  | 'email'
  | 'bankCard'
  | 'plate'
  | 'birthDate'
  | 'uscc'
  | 'other';
export type ResourceStatus = 'draft' | 'submitted' | 'published' | 'withdrawn';
export type VersionStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'superseded' | 'discarded';

/** A mask specification as the masking library defines it: a kind and its parameters. */
export interface MaskSpec {
  kind: string;
  [param: string]: string | number | undefined;
}

export interface Provider {
  id: string;
  name: string | null;
  uscc: string | null;
}

/** A row of GET /catalogue/resources. */
export interface ResourceSummary {
  id: string;
  code: string;
  name: string;
  summary: string | null;
  provider: Provider;
  status: ResourceStatus;
  category: Category;
  classCode: string;
  level: NationalLevel;
  shareType: ShareType;
  openType: OpenType;
  format: Format;
  updateCycle: UpdateCycle;
  publishedVersion: number | null;
  latestVersion: number;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  updatedAt: string;
  score?: number | null;
}

export const FACETS = [
  'provider',
  'category',
  'shareType',
  'openType',
  'level',
  'format',
  'updateCycle',
] as const;
export type FacetName = (typeof FACETS)[number];

export interface FacetValue {
  value: string;
  label: string | null;
  count: number;
}

export interface SearchResult {
  total: number;
  items: ResourceSummary[];
  facets: Record<FacetName, FacetValue[]>;
}

export type SearchScope = 'published' | 'mine' | 'review';
export type SearchSort = 'relevance' | 'name' | 'published' | 'code';

/** The search request; facet filters hold several values each. */
export interface SearchParams {
  q?: string;
  scope?: SearchScope;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
  filters?: Partial<Record<FacetName, string[]>>;
}

/** A normalised 信息项. */
export interface Item {
  name: string;
  label: string;
  code: string;
  dataType: DataType;
  length: number | null;
  scale: number | null;
  nullable: boolean;
  primaryKey: boolean;
  piiKind: PiiKind | null;
  nationalLevel: NationalLevel;
  provincialLevel: ProvincialLevel;
  shareType: ShareType;
  effectiveShareType: ShareType;
  secret: boolean;
  defaultMask: MaskSpec;
  watermarkTolerant: boolean;
  description: string | null;
}

/** A normalised resource document (one version). */
export interface ResourceDoc {
  classification: { category: Category; item: string; catalog: string; detail: string | null; code: string };
  name: string;
  nameEn: string | null;
  summary: string;
  format: Format;
  items: Item[];
  share: { type: ShareType; condition: string | null; methods: Method[]; basis: string | null };
  open: { type: OpenType; condition: string | null; reason: { kind: OpenReason; text: string } | null };
  updateCycle: UpdateCycle;
  relatedCodes: string[];
  tags: string[];
  spatial: string | null;
  contact: { name: string; phone: string; email: string | null };
  level: NationalLevel;
  provincialLevel: ProvincialLevel;
}

export interface ItemChange {
  name: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** What changed between two versions. */
export interface VersionDiff {
  itemsAdded: string[];
  itemsRemoved: string[];
  itemsRetyped: string[];
  itemsRestricted: string[];
  itemsChanged: ItemChange[];
  fieldsChanged: string[];
}

/** A version's metadata (GET …/versions). */
export interface VersionMeta {
  version: number;
  status: VersionStatus;
  createdAt: string;
  updatedAt?: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  diff: VersionDiff | null;
}

/** GET /catalogue/resources/:ref — identity, lifecycle and the document of the version shown. */
export interface Resource extends ResourceDoc {
  id: string;
  code: string;
  provider: Provider;
  status: ResourceStatus;
  version: number;
  versionStatus: VersionStatus;
  publishedVersion: number | null;
  latestVersion: number;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  withdrawn: { at: string; reason: string | null } | null;
  pending: VersionMeta | null;
}

/** One entry of the bureau's queue. */
export interface ReviewEntry {
  resource: ResourceSummary;
  version: number;
  submittedAt: string | null;
  name: string;
  level: NationalLevel;
  diff: VersionDiff;
}

export interface LevelPolicy {
  shareTypes: ShareType[];
  openTypes: OpenType[];
  methods: Method[];
  preferredMethods: Method[];
  requiredMasks: Partial<Record<PiiKind, MaskSpec>>;
  bureauReview: boolean;
}

export interface PolicyState {
  revision: number;
  table: {
    levels: Record<NationalLevel, LevelPolicy>;
    provincialToNational: Record<ProvincialLevel, NationalLevel>;
  };
  updatedAt?: string | null;
}

/** A breach of the level policy (details.violations[] of a 422). */
export interface PolicyViolation {
  field: string;
  code: string;
  message: string;
}

/** The violations carried by an error, if any. */
export function violationsOf(e: unknown): PolicyViolation[] {
  if (!(e instanceof ApiError)) return [];
  const d = e.details as { violations?: unknown } | null;
  return Array.isArray(d?.violations) ? (d.violations as PolicyViolation[]) : [];
}

export interface PiiSuggestion {
  kind: PiiKind;
  confidence: number;
  nationalLevel: NationalLevel;
  provincialLevel: ProvincialLevel;
  mask: MaskSpec;
  reason: string;
}

/** One column of a sample file, as POST /catalogue/detect reads it. */
export interface DetectedColumn {
  header: string;
  name: string;
  label: string;
  dataType: 'string' | 'number' | 'date' | 'datetime' | 'boolean';
  length: number | null;
  samples: number;
  suggestion: PiiSuggestion | null;
}

/** The document a steward sends (POST / PUT). Optional item fields take the server's defaults. */
export interface ItemInput {
  name: string;
  label: string;
  code?: string;
  dataType: DataType;
  length?: number;
  scale?: number;
  nullable?: boolean;
  primaryKey?: boolean;
  piiKind?: PiiKind | null;
  nationalLevel?: NationalLevel;
  provincialLevel?: ProvincialLevel;
  shareType?: ShareType;
  secret?: boolean;
  defaultMask?: MaskSpec;
  watermarkTolerant?: boolean;
  description?: string;
}

export interface ResourceInput {
  classification: { category: Category; item: string; catalog: string; detail?: string };
  name: string;
  nameEn?: string;
  summary: string;
  format: Format;
  items: ItemInput[];
  share: { type: ShareType; condition?: string; methods: Method[]; basis?: string };
  open: { type: OpenType; condition?: string; reason?: { kind: OpenReason; text: string } };
  updateCycle: UpdateCycle;
  relatedCodes: string[];
  tags: string[];
  spatial?: string;
  contact: { name: string; phone: string; email?: string };
}

const enc = encodeURIComponent;
const R = '/api/v1/catalogue/resources';

export const searchResources = (p: SearchParams) => {
  const f = p.filters ?? {};
  const list = (k: FacetName) => (f[k]?.length ? f[k].join(',') : undefined);
  return api<SearchResult>(
    'GET',
    `${R}${qs({
      q: p.q,
      scope: p.scope,
      sort: p.sort,
      limit: p.limit,
      offset: p.offset,
      provider: list('provider'),
      category: list('category'),
      shareType: list('shareType'),
      openType: list('openType'),
      level: list('level'),
      format: list('format'),
      updateCycle: list('updateCycle'),
    })}`,
  );
};
export const getResource = (ref: string) => api<Resource>('GET', `${R}/${enc(ref)}`);
export const createResource = (body: ResourceInput) => api<Resource>('POST', R, body);
export const updateResource = (id: string, body: ResourceInput) =>
  api<Resource>('PUT', `${R}/${enc(id)}`, body);
export const submitResource = (id: string) => api<Resource>('POST', `${R}/${enc(id)}/submit`);
export const reviewResource = (id: string, body: { decision: 'approve' | 'return'; comment?: string }) =>
  api<Resource>('POST', `${R}/${enc(id)}/review`, body);
export const withdrawResource = (id: string, reason: string) =>
  api<Resource>('POST', `${R}/${enc(id)}/withdraw`, { reason });
export const listVersions = (ref: string) => api<VersionMeta[]>('GET', `${R}/${enc(ref)}/versions`);
export const getVersion = (ref: string, n: number) =>
  api<VersionMeta & { doc: ResourceDoc }>('GET', `${R}/${enc(ref)}/versions/${n}`);
export const getDiff = (ref: string, from: number, to: number) =>
  api<VersionDiff>('GET', `${R}/${enc(ref)}/diff${qs({ from, to })}`);
export const getReviewQueue = () => api<ReviewEntry[]>('GET', '/api/v1/catalogue/review-queue');
export const getPolicy = () => api<PolicyState>('GET', '/api/v1/catalogue/policy');
export const detectSample = (csv: string) =>
  api<{ columns: DetectedColumn[] }>('POST', '/api/v1/catalogue/detect', { csv });
