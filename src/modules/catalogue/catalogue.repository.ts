import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type {
  CatalogueTables,
  PolicyRow,
  ResourceFileRow,
  ResourceRow,
  SearchTermRow,
  VersionRow,
} from './tables.js';
import type { ResourceState, VersionState } from './domain/resource/index.js';

function q(tx: AnyTx): Kysely<CatalogueTables> {
  return tx as unknown as Kysely<CatalogueTables>;
}

// Postings are fetched for at most this many terms per statement, well under both engines' parameter limits.
const TERM_CHUNK = 500;

/** Catalogue SQL. */
export const catalogueRepo = {
  async insertResource(tx: AnyTx, row: ResourceRow): Promise<void> {
    await q(tx).insertInto('catalogue_resources').values(row).execute();
  },
  async updateResource(tx: AnyTx, id: string, patch: Partial<ResourceRow>): Promise<void> {
    await q(tx).updateTable('catalogue_resources').set(patch).where('id', '=', id).execute();
  },
  async resource(tx: AnyTx, id: string): Promise<ResourceRow | undefined> {
    return q(tx).selectFrom('catalogue_resources').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async resourceByCode(tx: AnyTx, code: string): Promise<ResourceRow | undefined> {
    return q(tx).selectFrom('catalogue_resources').selectAll().where('code', '=', code).executeTakeFirst();
  },
  /** The next free sequence for a classification and provider (the unique constraint settles races). */
  async nextSeq(tx: AnyTx, classCode: string, orgId: string): Promise<number> {
    const r = await q(tx)
      .selectFrom('catalogue_resources')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('class_code', '=', classCode)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },
  /** Resources matching simple column filters; the service applies search and facets on top. */
  async resources(
    tx: AnyTx,
    f: { statuses?: ResourceState[]; orgId?: string; ids?: string[]; published?: boolean },
  ): Promise<ResourceRow[]> {
    let query = q(tx).selectFrom('catalogue_resources').selectAll();
    if (f.statuses) query = query.where('status', 'in', f.statuses);
    if (f.orgId) query = query.where('org_id', '=', f.orgId);
    if (f.ids) {
      if (f.ids.length === 0) return [];
      query = query.where('id', 'in', f.ids);
    }
    if (f.published) query = query.where('published_version', 'is not', null);
    return query.orderBy('code').execute();
  },
  async insertVersion(tx: AnyTx, row: VersionRow): Promise<void> {
    await q(tx).insertInto('catalogue_versions').values(row).execute();
  },
  /** Updates a version only while it is in one of the given states (optimistic state check). */
  async updateVersion(
    tx: AnyTx,
    resourceId: string,
    version: number,
    from: VersionState[],
    patch: Partial<VersionRow>,
  ): Promise<boolean> {
    const r = await q(tx)
      .updateTable('catalogue_versions')
      .set(patch)
      .where('resource_id', '=', resourceId)
      .where('version', '=', version)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async version(tx: AnyTx, resourceId: string, version: number): Promise<VersionRow | undefined> {
    return q(tx)
      .selectFrom('catalogue_versions')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .where('version', '=', version)
      .executeTakeFirst();
  },
  async versions(tx: AnyTx, resourceId: string): Promise<VersionRow[]> {
    return q(tx)
      .selectFrom('catalogue_versions')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .orderBy('version')
      .execute();
  },
  /** Published documents of many resources at once (for exports and presenters). */
  async publishedDocs(tx: AnyTx, resources: ResourceRow[]): Promise<Map<string, VersionRow>> {
    const out = new Map<string, VersionRow>();
    const keyed = resources.filter((r) => r.published_version !== null);
    for (let i = 0; i < keyed.length; i += TERM_CHUNK) {
      const part = keyed.slice(i, i + TERM_CHUNK);
      const rows = await q(tx)
        .selectFrom('catalogue_versions')
        .selectAll()
        .where('status', '=', 'published')
        .where(
          'resource_id',
          'in',
          part.map((r) => r.id),
        )
        .execute();
      for (const r of rows) out.set(r.resource_id, r);
    }
    return out;
  },
  /** Versions waiting for the bureau, oldest first. */
  async submitted(tx: AnyTx): Promise<VersionRow[]> {
    return q(tx)
      .selectFrom('catalogue_versions')
      .selectAll()
      .where('status', '=', 'submitted')
      .orderBy('submitted_at')
      .execute();
  },
  async policy(tx: AnyTx): Promise<PolicyRow | undefined> {
    return q(tx).selectFrom('catalogue_policy').selectAll().where('id', '=', 'current').executeTakeFirst();
  },
  async savePolicy(tx: AnyTx, row: PolicyRow, previousRevision: number | null): Promise<boolean> {
    if (previousRevision === null) {
      await q(tx).insertInto('catalogue_policy').values(row).execute();
      return true;
    }
    const r = await q(tx)
      .updateTable('catalogue_policy')
      .set({ doc: row.doc, revision: row.revision, updated_by: row.updated_by, updated_at: row.updated_at })
      .where('id', '=', 'current')
      .where('revision', '=', previousRevision)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async replaceTerms(tx: AnyTx, resourceId: string, rows: SearchTermRow[]): Promise<void> {
    await q(tx).deleteFrom('catalogue_search_terms').where('resource_id', '=', resourceId).execute();
    for (let i = 0; i < rows.length; i += 200)
      await q(tx)
        .insertInto('catalogue_search_terms')
        .values(rows.slice(i, i + 200))
        .execute();
  },
  async deleteTerms(tx: AnyTx, resourceId: string): Promise<void> {
    await q(tx).deleteFrom('catalogue_search_terms').where('resource_id', '=', resourceId).execute();
  },
  async postings(tx: AnyTx, terms: string[]): Promise<SearchTermRow[]> {
    const out: SearchTermRow[] = [];
    for (let i = 0; i < terms.length; i += TERM_CHUNK) {
      const part = terms.slice(i, i + TERM_CHUNK);
      out.push(
        ...(await q(tx).selectFrom('catalogue_search_terms').selectAll().where('term', 'in', part).execute()),
      );
    }
    return out;
  },
  async insertStoredFile(tx: AnyTx, digest: string, size: number, encrypted: boolean, at: string) {
    const exists = await q(tx)
      .selectFrom('catalogue_files')
      .select('digest')
      .where('digest', '=', digest)
      .executeTakeFirst();
    if (!exists)
      await q(tx)
        .insertInto('catalogue_files')
        .values({ digest, size, encrypted: encrypted ? 1 : 0, created_at: at })
        .execute();
  },
  async storedFile(tx: AnyTx, digest: string) {
    return q(tx).selectFrom('catalogue_files').selectAll().where('digest', '=', digest).executeTakeFirst();
  },
  async attachFile(tx: AnyTx, row: ResourceFileRow): Promise<void> {
    await q(tx)
      .deleteFrom('catalogue_resource_files')
      .where('resource_id', '=', row.resource_id)
      .where('name', '=', row.name)
      .execute();
    await q(tx).insertInto('catalogue_resource_files').values(row).execute();
  },
  async files(tx: AnyTx, resourceId: string): Promise<ResourceFileRow[]> {
    return q(tx)
      .selectFrom('catalogue_resource_files')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .orderBy('name')
      .execute();
  },
  async file(tx: AnyTx, resourceId: string, name: string): Promise<ResourceFileRow | undefined> {
    return q(tx)
      .selectFrom('catalogue_resource_files')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .where('name', '=', name)
      .executeTakeFirst();
  },
};
