import type { AnyTx } from '../../kernel/index.js';
import type { BatchWriter } from '../evidence/index.js';
import { accessRepo, type AccessRow } from './access.repository.js';
import { usageRepo } from './usage.repository.js';

// The access row and usage counters of exchange calls, written for a whole group-commit batch at once: one
// multi-row insert of access rows and one upsert per grant and day, instead of two statements per event. The
// hot path's cost per event is mostly statements (each compiled and run), so this is where batching pays.

/** Counters of a grant's day. */
export interface Usage {
  calls: number;
  rows: number;
  subjects: number;
}

/** One call's share: its access row (the event id is filled in) and what it adds to the day's usage. */
export interface AccessWork {
  row: Omit<AccessRow, 'event_id'>;
  day: string;
  usage: Usage;
  /** Set by the writer: the grant's day totals right after this call (its place in the batch's order). */
  after?: Usage;
}

/** The batch writer of exchange access rows and usage. */
export const accessBatch: BatchWriter<AccessWork> = {
  async write(tx: AnyTx, items) {
    await accessRepo.insertMany(
      tx,
      items.map((i) => ({ ...i.data.row, event_id: i.eventId })),
    );
    const byDay = new Map<string, AccessWork[]>();
    for (const { data } of items) {
      const k = `${data.row.grant_id}|${data.day}`;
      let list = byDay.get(k);
      if (!list) byDay.set(k, (list = []));
      list.push(data);
    }
    for (const list of byDay.values()) {
      const sum = list.reduce(
        (s, w) => ({
          calls: s.calls + w.usage.calls,
          rows: s.rows + w.usage.rows,
          subjects: s.subjects + w.usage.subjects,
        }),
        { calls: 0, rows: 0, subjects: 0 },
      );
      let after = await usageRepo.add(tx, list[0]!.row.grant_id, list[0]!.day, sum);
      // Walk back from the total so each call knows the counters as they stood right after it.
      for (let i = list.length - 1; i >= 0; i--) {
        const w = list[i]!;
        w.after = after;
        after = {
          calls: after.calls - w.usage.calls,
          rows: after.rows - w.usage.rows,
          subjects: after.subjects - w.usage.subjects,
        };
      }
    }
  },
};
