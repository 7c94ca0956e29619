// The checks an application must pass at submission (docs/sharing.md "Refused at submission"). Pure: the
// service loads the published documents, the policy table and the clients, and this function names every
// problem at once, each with the field path the console highlights.
import {
  FORMAT_METHODS,
  type Method,
  type NationalLevel,
  type PolicyTable,
  type ResourceDoc,
} from '../../catalogue/index.js';

/** Methods that deliver to a machine and so need at least one API client of the consumer. */
export const CLIENT_METHODS: readonly string[] = ['api', 'subscription', 'verification'];

/** One problem with a submitted application. */
export interface Violation {
  field: string;
  code:
    | 'RESOURCE_NOT_PUBLISHED'
    | 'OWN_RESOURCE'
    | 'DUPLICATE_RESOURCE'
    | 'ITEM_UNKNOWN'
    | 'ITEMS_REQUIRED'
    | 'SHARE_TYPE_NONE'
    | 'METHOD_FORMAT'
    | 'METHOD_LEVEL'
    | 'DURATION'
    | 'CLIENT_NOT_ACTIVE'
    | 'CLIENT_REQUIRED'
    | 'DOCUMENT_UNKNOWN'
    | 'NEEDS_PREREVIEW';
  message: string;
}

/** A published resource as the checks see it. */
export interface PublishedResource {
  orgId: string;
  status: string;
  doc: ResourceDoc;
}

/** What the consumer asked for (already shape-checked at the edge). */
export interface SubmissionInput {
  durationDays: number;
  clientIds: string[];
  documents: { digest: string }[];
  /** `index` is the part's position in the application (defaults to its position here). */
  parts: { resourceId: string; items: string[]; methods: string[]; index?: number }[];
}

/** Everything the checks compare the input with. */
export interface SubmissionContext {
  consumerOrgId: string;
  maxDurationDays: number;
  table: PolicyTable;
  /** Published resources by id (absent: not published or unknown). */
  resources: ReadonlyMap<string, PublishedResource>;
  /** API clients by id (absent: unknown). */
  clients: ReadonlyMap<string, { orgId: string; status: string }>;
  /** Digests of documents the consumer organisation uploaded. */
  documents: ReadonlySet<string>;
}

/** The methods every given level allows (the strictest level wins: intersection). */
export function methodsAllowedByLevels(table: PolicyTable, levels: Iterable<NationalLevel>): Method[] {
  let allowed: Method[] | null = null;
  for (const l of levels) {
    const m = table.levels[l].methods;
    allowed = allowed === null ? [...m] : allowed.filter((x) => m.includes(x));
  }
  return allowed ?? [];
}

/** Every problem with the submission (empty when it may go to review). */
export function checkSubmission(input: SubmissionInput, c: SubmissionContext): Violation[] {
  const out: Violation[] = [];
  const add = (field: string, code: Violation['code'], message: string) => out.push({ field, code, message });
  if (input.durationDays > c.maxDurationDays)
    add('durationDays', 'DURATION', `at most ${c.maxDurationDays} days may be requested`);
  input.clientIds.forEach((id, i) => {
    const cl = c.clients.get(id);
    if (!cl || cl.orgId !== c.consumerOrgId || cl.status !== 'active')
      add(
        `clientIds[${i}]`,
        'CLIENT_NOT_ACTIVE',
        'must be an active API client of the applying organisation',
      );
  });
  input.documents.forEach((d, i) => {
    if (!c.documents.has(d.digest))
      add(
        `documents[${i}].digest`,
        'DOCUMENT_UNKNOWN',
        'upload the document first (POST /sharing/documents)',
      );
  });
  const seen = new Set<string>();
  input.parts.forEach((part, p) => {
    const at = `parts[${part.index ?? p}]`;
    if (seen.has(part.resourceId)) {
      add(`${at}.resourceId`, 'DUPLICATE_RESOURCE', 'each resource may appear in one part only');
      return;
    }
    seen.add(part.resourceId);
    const r = c.resources.get(part.resourceId);
    if (!r || r.status !== 'published') {
      add(`${at}.resourceId`, 'RESOURCE_NOT_PUBLISHED', 'the resource is not published');
      return;
    }
    if (r.orgId === c.consumerOrgId) {
      add(`${at}.resourceId`, 'OWN_RESOURCE', 'an organisation does not apply for its own resource');
      return;
    }
    // Only a file resource without items is asked for with none: its files are delivered whole.
    if (part.items.length === 0 && !(r.doc.format === 'file' && r.doc.items.length === 0))
      add(`${at}.items`, 'ITEMS_REQUIRED', 'name at least one item of the resource');
    const byCode = new Map(r.doc.items.map((i) => [i.code, i]));
    const levels = new Set<NationalLevel>();
    part.items.forEach((code, i) => {
      const item = byCode.get(code);
      if (!item) return add(`${at}.items[${i}]`, 'ITEM_UNKNOWN', `the resource has no item ${code}`);
      if (item.effectiveShareType === 'none')
        add(`${at}.items[${i}]`, 'SHARE_TYPE_NONE', `item ${code} is 不予共享 and cannot be requested`);
      levels.add(item.nationalLevel);
    });
    const byFormat = FORMAT_METHODS[r.doc.format] as readonly string[];
    const byLevel = methodsAllowedByLevels(c.table, levels) as string[];
    part.methods.forEach((m, i) => {
      if (!byFormat.includes(m))
        add(`${at}.methods[${i}]`, 'METHOD_FORMAT', `a ${r.doc.format} resource cannot be delivered by ${m}`);
      else if (levels.size && !byLevel.includes(m))
        add(
          `${at}.methods[${i}]`,
          'METHOD_LEVEL',
          `the level policy forbids ${m} for the requested items (allowed: ${byLevel.join(', ') || 'none'})`,
        );
    });
    if (part.methods.some((m) => CLIENT_METHODS.includes(m)) && input.clientIds.length === 0)
      add(`${at}.methods`, 'CLIENT_REQUIRED', 'api, subscription and verification need at least one client');
  });
  return out;
}

/** True when every requested item is 无条件共享 (the platform approves the part by itself). */
export function isUnconditional(doc: ResourceDoc, codes: readonly string[]): boolean {
  // A file resource without items: its own share type decides.
  if (codes.length === 0)
    return doc.format === 'file' && doc.items.length === 0 && doc.share.type === 'unconditional';
  const byCode = new Map(doc.items.map((i) => [i.code, i]));
  return codes.every((c) => byCode.get(c)?.effectiveShareType === 'unconditional');
}

/** The item names of the requested codes (the catalogue's policy functions take names). */
export function namesOf(doc: ResourceDoc, codes: readonly string[]): string[] {
  return doc.items.filter((i) => codes.includes(i.code)).map((i) => i.name);
}
