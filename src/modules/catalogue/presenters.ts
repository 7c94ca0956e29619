import type { DirectoryOrg } from '../identity/index.js';
import type { ResourceDoc, VersionDiff } from './domain/resource/index.js';
import type { ResourceRow, VersionRow } from './tables.js';

/** The provider as shown beside a resource. */
export function presentProvider(org: DirectoryOrg | undefined, orgId: string) {
  return { id: orgId, name: org?.name ?? null, uscc: org?.uscc ?? null };
}

/** A row of a resource list (no items: lists stay small). */
export function presentSummary(r: ResourceRow, org: DirectoryOrg | undefined, summary: string | null) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    summary,
    provider: presentProvider(org, r.org_id),
    status: r.status,
    category: r.category,
    classCode: r.class_code,
    level: r.level,
    shareType: r.share_type,
    openType: r.open_type,
    format: r.format,
    updateCycle: r.update_cycle,
    publishedVersion: r.published_version,
    latestVersion: r.latest_version,
    firstPublishedAt: r.first_published_at,
    lastPublishedAt: r.last_published_at,
    updatedAt: r.updated_at,
  };
}
export type ResourceSummary = ReturnType<typeof presentSummary>;

/** A version's metadata. */
export function presentVersionMeta(v: VersionRow) {
  return {
    version: v.version,
    status: v.status,
    createdAt: v.created_at,
    createdBy: v.created_by,
    updatedAt: v.updated_at,
    submittedAt: v.submitted_at,
    reviewedAt: v.reviewed_at,
    reviewedBy: v.reviewed_by,
    reviewComment: v.review_comment,
    publishedAt: v.published_at,
    diff: v.diff ? (JSON.parse(v.diff) as VersionDiff) : null,
  };
}
export type VersionMeta = ReturnType<typeof presentVersionMeta>;

/** A whole resource: identity, lifecycle, and the document of the version shown. */
export function presentResource(
  r: ResourceRow,
  org: DirectoryOrg | undefined,
  shown: VersionRow,
  pending: VersionRow | null,
) {
  const doc = JSON.parse(shown.doc) as ResourceDoc;
  return {
    id: r.id,
    code: r.code,
    provider: presentProvider(org, r.org_id),
    status: r.status,
    version: shown.version,
    versionStatus: shown.status,
    publishedVersion: r.published_version,
    latestVersion: r.latest_version,
    firstPublishedAt: r.first_published_at,
    lastPublishedAt: r.last_published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    withdrawn: r.withdrawn_at ? { at: r.withdrawn_at, reason: r.withdrawn_reason } : null,
    /** A newer version in the works (only shown to those who may see drafts). */
    pending: pending ? presentVersionMeta(pending) : null,
    ...doc,
  };
}
export type Resource = ReturnType<typeof presentResource>;
