import { sql, type Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';

interface UsageRow {
  grant_id: string;
  day: string;
  calls: number;
  rows: number;
  subjects: number;
}
interface ExchangeTables {
  exchange_usage: UsageRow;
}

function q(tx: AnyTx): Kysely<ExchangeTables> {
  return tx as unknown as Kysely<ExchangeTables>;
}

/** Usage counters SQL. */
export const usageRepo = {
  /** The counters of a grant on a day (zeros when nothing was used). */
  async get(
    tx: AnyTx,
    grantId: string,
    day: string,
  ): Promise<{ calls: number; rows: number; subjects: number }> {
    const r = await q(tx)
      .selectFrom('exchange_usage')
      .select(['calls', 'rows', 'subjects'])
      .where('grant_id', '=', grantId)
      .where('day', '=', day)
      .executeTakeFirst();
    return r
      ? { calls: Number(r.calls), rows: Number(r.rows), subjects: Number(r.subjects) }
      : { calls: 0, rows: 0, subjects: 0 };
  },
  /** Adds to the counters (an upsert; both engines support ON CONFLICT … DO UPDATE); returns the new totals. */
  async add(
    tx: AnyTx,
    grantId: string,
    day: string,
    d: { calls: number; rows: number; subjects: number },
  ): Promise<{ calls: number; rows: number; subjects: number }> {
    const r = await q(tx)
      .insertInto('exchange_usage')
      .values({ grant_id: grantId, day, ...d })
      .onConflict((oc) =>
        oc.columns(['grant_id', 'day']).doUpdateSet({
          calls: sql`exchange_usage.calls + ${d.calls}`,
          rows: sql`exchange_usage.rows + ${d.rows}`,
          subjects: sql`exchange_usage.subjects + ${d.subjects}`,
        }),
      )
      .returning(['calls', 'rows', 'subjects'])
      .executeTakeFirstOrThrow();
    return { calls: Number(r.calls), rows: Number(r.rows), subjects: Number(r.subjects) };
  },
};
