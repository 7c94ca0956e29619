import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';

interface CalendarTables {
  calendar_years: { year: number; data: string; updated_at: string; updated_by: string | null };
}

function q(tx: AnyTx): Kysely<CalendarTables> {
  return tx as unknown as Kysely<CalendarTables>;
}

/** Calendar year SQL. */
export const calendarRepo = {
  async all(
    tx: AnyTx,
  ): Promise<{ year: number; data: string; updated_at: string; updated_by: string | null }[]> {
    return q(tx).selectFrom('calendar_years').selectAll().orderBy('year').execute();
  },
  /** Changes whenever a year is loaded or replaced: count and latest update time. */
  async version(tx: AnyTx): Promise<string> {
    const r = await q(tx)
      .selectFrom('calendar_years')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
      .executeTakeFirst();
    return `${Number(r?.n ?? 0)}:${String(r?.latest ?? '')}`;
  },
  async upsert(tx: AnyTx, year: number, data: string, at: string, by: string | null): Promise<void> {
    await q(tx)
      .insertInto('calendar_years')
      .values({ year, data, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column('year').doUpdateSet({ data, updated_at: at, updated_by: by }))
      .execute();
  },
};
