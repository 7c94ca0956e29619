import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type { AlertRow, AlertStatus, AlertTables, Severity } from './tables.js';

function q(tx: AnyTx): Kysely<AlertTables> {
  return tx as unknown as Kysely<AlertTables>;
}

/** Alert SQL. */
export const alertsRepo = {
  async insert(tx: AnyTx, row: AlertRow): Promise<void> {
    await q(tx).insertInto('alerts').values(row).execute();
  },
  async get(tx: AnyTx, id: string): Promise<AlertRow | undefined> {
    return q(tx).selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async openByKey(tx: AnyTx, key: string): Promise<AlertRow | undefined> {
    return q(tx)
      .selectFrom('alerts')
      .selectAll()
      .where('dedup_key', '=', key)
      .where('status', '!=', 'resolved')
      .executeTakeFirst();
  },
  async update(tx: AnyTx, id: string, from: AlertStatus[], patch: Partial<AlertRow>): Promise<boolean> {
    const r = await q(tx)
      .updateTable('alerts')
      .set(patch)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async list(
    tx: AnyTx,
    f: {
      roles: string[] | null;
      orgId: string | null;
      orgScopedRoles: string[];
      status?: AlertStatus;
      severity?: Severity;
      before?: string;
      limit: number;
    },
  ): Promise<AlertRow[]> {
    let query = q(tx).selectFrom('alerts').selectAll();
    // The caller guarantees at least one applicable role when roles is not null.
    if (f.roles) {
      const platformRoles = f.roles.filter((r) => !f.orgScopedRoles.includes(r));
      const orgRoles = f.roles.filter((r) => f.orgScopedRoles.includes(r));
      // Platform roles see every alert addressed to them; department roles only their organisation's.
      query = query.where((eb) =>
        eb.or([
          ...(platformRoles.length ? [eb('responsible_role', 'in', platformRoles)] : []),
          ...(orgRoles.length && f.orgId
            ? [eb.and([eb('responsible_role', 'in', orgRoles), eb('org_id', '=', f.orgId)])]
            : []),
        ]),
      );
    }
    if (f.status) query = query.where('status', '=', f.status);
    if (f.severity) query = query.where('severity', '=', f.severity);
    if (f.before) query = query.where('id', '<', f.before);
    return query.orderBy('id', 'desc').limit(f.limit).execute();
  },
};
