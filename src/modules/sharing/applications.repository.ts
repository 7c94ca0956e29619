import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type {
  ApplicationRow,
  ApplicationStatus,
  ApplicationTables,
  DigestRow,
  DocumentRow,
  HistoryRow,
  PartRow,
  PartStatus,
  StageKind,
  StageRow,
} from './applications.tables.js';

function q(tx: AnyTx): Kysely<ApplicationTables> {
  return tx as unknown as Kysely<ApplicationTables>;
}

/** Filters of an application list; null org lists mean "no restriction". */
export interface ApplicationFilter {
  /** Applications of these consumer orgs or with a submitted part of these provider orgs. */
  partyOrgId?: string;
  /** Hide drafts of other organisations (platform readers). */
  draftsOfOrg?: string | null;
  ids?: string[];
  status?: ApplicationStatus;
  limit: number;
  offset: number;
}

/** Applications SQL (both engines; no dialect differences). */
export const applicationsRepo = {
  async insertApplication(tx: AnyTx, row: ApplicationRow): Promise<void> {
    await q(tx).insertInto('sharing_applications').values(row).execute();
  },
  async application(tx: AnyTx, id: string): Promise<ApplicationRow | undefined> {
    return q(tx).selectFrom('sharing_applications').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Updates when the status is one of `from` (optimistic: false when another change won). */
  async updateApplication(
    tx: AnyTx,
    id: string,
    from: ApplicationStatus[],
    patch: Partial<ApplicationRow>,
  ): Promise<boolean> {
    const r = await q(tx)
      .updateTable('sharing_applications')
      .set(patch)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async listApplications(
    tx: AnyTx,
    f: ApplicationFilter,
  ): Promise<{ rows: ApplicationRow[]; total: number }> {
    let base = q(tx).selectFrom('sharing_applications as a');
    if (f.partyOrgId) {
      const org = f.partyOrgId;
      base = base.where((eb) =>
        eb.or([
          eb('a.consumer_org_id', '=', org),
          eb.and([
            eb('a.submitted_at', 'is not', null),
            eb(
              'a.id',
              'in',
              eb
                .selectFrom('sharing_parts as p')
                .select('p.application_id')
                .where('p.provider_org_id', '=', org),
            ),
          ]),
        ]),
      );
    }
    if (f.draftsOfOrg !== undefined) {
      const org = f.draftsOfOrg;
      base = base.where((eb) =>
        eb.or([eb('a.status', '!=', 'draft'), ...(org ? [eb('a.consumer_org_id', '=', org)] : [])]),
      );
    }
    if (f.ids) base = f.ids.length ? base.where('a.id', 'in', f.ids) : base.where('a.id', '=', '');
    if (f.status) base = base.where('a.status', '=', f.status);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll('a').orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute();
    return { rows, total: Number(total.n) };
  },

  async insertPart(tx: AnyTx, row: PartRow): Promise<void> {
    await q(tx).insertInto('sharing_parts').values(row).execute();
  },
  /** Removes a draft's parts (a draft has no clocks or decisions that could refer to them). */
  async deleteParts(tx: AnyTx, applicationId: string): Promise<void> {
    await q(tx).deleteFrom('sharing_parts').where('application_id', '=', applicationId).execute();
  },
  async parts(tx: AnyTx, applicationIds: string[]): Promise<PartRow[]> {
    if (!applicationIds.length) return [];
    return q(tx)
      .selectFrom('sharing_parts')
      .selectAll()
      .where('application_id', 'in', applicationIds)
      .orderBy('application_id')
      .orderBy('seq')
      .execute();
  },
  async updatePart(tx: AnyTx, id: string, from: PartStatus[], patch: Partial<PartRow>): Promise<boolean> {
    const r = await q(tx)
      .updateTable('sharing_parts')
      .set(patch)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Parts of submitted, undecided work waiting for a provider organisation. */
  async pendingPartsOf(tx: AnyTx, providerOrgId: string): Promise<PartRow[]> {
    return q(tx)
      .selectFrom('sharing_parts as p')
      .innerJoin('sharing_applications as a', 'a.id', 'p.application_id')
      .selectAll('p')
      .where('p.provider_org_id', '=', providerOrgId)
      .where('p.status', '=', 'pending')
      .where('a.status', '=', 'review')
      .orderBy('p.id')
      .execute();
  },
  async partsWithStatus(tx: AnyTx, status: PartStatus): Promise<PartRow[]> {
    return q(tx).selectFrom('sharing_parts').selectAll().where('status', '=', status).execute();
  },

  async insertStage(tx: AnyTx, row: StageRow): Promise<void> {
    await q(tx).insertInto('sharing_stages').values(row).execute();
  },
  async stages(tx: AnyTx, applicationIds: string[]): Promise<StageRow[]> {
    if (!applicationIds.length) return [];
    return q(tx)
      .selectFrom('sharing_stages')
      .selectAll()
      .where('application_id', 'in', applicationIds)
      .orderBy('started_at')
      .orderBy('id')
      .execute();
  },
  async openStages(tx: AnyTx, applicationId: string): Promise<StageRow[]> {
    return q(tx)
      .selectFrom('sharing_stages')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('closed_at', 'is', null)
      .execute();
  },
  async updateStage(tx: AnyTx, id: string, patch: Partial<StageRow>): Promise<void> {
    await q(tx).updateTable('sharing_stages').set(patch).where('id', '=', id).execute();
  },
  /** Closes the open stage of a kind (for a part, or the application's pre-review when partId is null). */
  async closeStage(
    tx: AnyTx,
    applicationId: string,
    partId: string | null,
    stage: StageKind,
    at: string,
  ): Promise<void> {
    let u = q(tx)
      .updateTable('sharing_stages')
      .set({ closed_at: at })
      .where('application_id', '=', applicationId)
      .where('stage', '=', stage)
      .where('closed_at', 'is', null);
    u = partId === null ? u.where('part_id', 'is', null) : u.where('part_id', '=', partId);
    await u.execute();
  },
  /** Running stages past their due instant that have not been escalated yet (the sweep). */
  async overdueStages(tx: AnyTx, now: string, limit: number): Promise<StageRow[]> {
    return q(tx)
      .selectFrom('sharing_stages')
      .selectAll()
      .where('closed_at', 'is', null)
      .where('paused_at', 'is', null)
      .where('escalated_at', 'is', null)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .execute();
  },
  /** Marks a stage escalated once; false when another sweep got there first. */
  async markEscalated(tx: AnyTx, id: string, at: string): Promise<boolean> {
    const r = await q(tx)
      .updateTable('sharing_stages')
      .set({ escalated_at: at })
      .where('id', '=', id)
      .where('escalated_at', 'is', null)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Applications with an open escalated stage (the bureau's queue). */
  async escalatedOpenStages(tx: AnyTx): Promise<StageRow[]> {
    return q(tx)
      .selectFrom('sharing_stages')
      .selectAll()
      .where('closed_at', 'is', null)
      .where('escalated_at', 'is not', null)
      .execute();
  },
  async openStagesOfKind(tx: AnyTx, stage: StageKind): Promise<StageRow[]> {
    return q(tx)
      .selectFrom('sharing_stages')
      .selectAll()
      .where('closed_at', 'is', null)
      .where('stage', '=', stage)
      .execute();
  },

  async insertHistory(tx: AnyTx, row: HistoryRow): Promise<void> {
    await q(tx).insertInto('sharing_history').values(row).execute();
  },
  async history(tx: AnyTx, applicationId: string): Promise<HistoryRow[]> {
    return q(tx)
      .selectFrom('sharing_history')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('id')
      .execute();
  },

  async insertDigest(tx: AnyTx, row: DigestRow): Promise<void> {
    await q(tx).insertInto('sharing_digests').values(row).execute();
  },
  async digest(tx: AnyTx, digest: string): Promise<DigestRow | undefined> {
    return q(tx).selectFrom('sharing_digests').selectAll().where('digest', '=', digest).executeTakeFirst();
  },

  async document(tx: AnyTx, orgId: string, digest: string): Promise<DocumentRow | undefined> {
    return q(tx)
      .selectFrom('sharing_documents')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('digest', '=', digest)
      .executeTakeFirst();
  },
  async documentDigests(tx: AnyTx, orgId: string, digests: string[]): Promise<Set<string>> {
    if (!digests.length) return new Set();
    const rows = await q(tx)
      .selectFrom('sharing_documents')
      .select('digest')
      .where('org_id', '=', orgId)
      .where('digest', 'in', digests)
      .execute();
    return new Set(rows.map((r) => r.digest));
  },
  async insertDocument(tx: AnyTx, row: DocumentRow): Promise<void> {
    await q(tx).insertInto('sharing_documents').values(row).execute();
  },
};
