import { AppError } from '../../kernel/index.js';
import { evaluate, type CellValue } from '../datastore/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import type { MaskedRow } from './domain/row-masks.js';
import {
  changeId,
  classify,
  encodeCursor,
  filterItemNames,
  settledPrefix,
  type ChangeOp,
} from './domain/change-feed.js';
import type { ExchangeDeps } from './exchange.deps.js';
import type { GrantMaskers } from './row-masker.js';

// A grant's change feed, read from the resource's record log (docs/subscriptions.md): each log entry is
// judged against the grant's row filter before and after it, so a record entering the filter is an insert and
// one leaving it a delete; values are projected and masked exactly as the records API masks them. Both the
// pull API and the push mover read through here, so the two can never disagree.

/** One change as a consumer receives it. */
export interface Change {
  id: string;
  op: ChangeOp;
  /** The record's reference for this grant (the same for every change of the record; never its key in clear). */
  key: string;
  rev: number;
  at: string;
  /** Masked, projected values; null for a delete. */
  values: MaskedRow | null;
}

/** A page of a feed: the changes and the log position to continue after. */
export interface FeedPage {
  changes: Change[];
  /** The log position the page read up to (the cursor to continue from). */
  next: number;
  /** Whether the page stopped at its limit (more entries may follow at once). */
  hasMore: boolean;
}

/** Default retention of changes a consumer may still read. */
export const DEFAULT_CHANGE_RETENTION_DAYS = 30;

/** Reads grants' change feeds. */
export class ChangeFeed {
  constructor(
    private readonly deps: ExchangeDeps,
    private readonly maskers: GrantMaskers,
  ) {}

  /** Where a grant's feed starts: the last log position written before the grant was issued. */
  async start(g: CompiledGrant): Promise<number> {
    return this.deps.datastore.lastSeqBefore(g.resourceId, g.activatedAt);
  }

  /** The latest log position of the grant's resource (where a consumer resumes after a re-sync). */
  async head(g: CompiledGrant): Promise<number> {
    return this.deps.datastore.lastSeqBefore(g.resourceId, null);
  }

  /** Up to `limit` log entries after `after`, as the grant's changes; 410 when they passed the retention. */
  async read(
    g: CompiledGrant,
    fields: readonly string[],
    after: number,
    limit: number,
    now: Date,
  ): Promise<FeedPage> {
    const names = new Map(g.items.map((i) => [i.code, i.name]));
    const filterNames = filterItemNames(g.rowFilter);
    // Decode only what the page returns and what the row filter reads: nothing else is decrypted.
    const decode = new Set([...fields.map((f) => names.get(f)!), ...filterNames]);
    const read = await this.deps.datastore.changes(g.resourceId, after, limit, undefined, decode);
    const entries = settledPrefix(read, after, now);
    const first = entries[0];
    if (first && first.at < this.horizon(now)) throw await this.gone(g);
    const keys = [...new Set(entries.map((e) => e.key))];
    // The version each key had just before this page: was the record inside the grant then?
    const before = await this.deps.datastore.versionsAsOf(g.resourceId, keys, after, undefined, filterNames);
    const inside = (values: Record<string, CellValue> | null) =>
      values !== null && (g.rowFilter === null || evaluate(g.rowFilter, values));
    const state = new Map(keys.map((k) => [k, inside(before.get(k)?.values ?? null)]));
    const mask = this.maskers.masker(g, fields, now);
    // A record under an accepted objection reads as disputed here as in every response (its state now).
    const disputed = await this.deps.datastore.disputedKeys(g.resourceId, keys);
    // The values of every entry that has some, masked as one batch (their watermark seeds together).
    const withValues = entries.filter((e) => e.values !== null);
    const maskedRows = mask.rows(withValues.map((e) => ({ key: e.key, values: e.values! })));
    const maskedOf = new Map(withValues.map((e, i) => [e, maskedRows[i]!]));
    const changes: Change[] = [];
    for (const e of entries) {
      const isIn = inside(e.values);
      const op = classify(state.get(e.key)!, isIn, e.op);
      state.set(e.key, isIn);
      if (!op) continue;
      changes.push({
        id: changeId(g.grantId, e.seq),
        op,
        key: this.maskers.recordRef(g, e.key),
        rev: e.rev,
        at: e.at,
        // A delete says only which record left: no values, not even the last ones.
        values:
          op === 'delete' ? null : { ...maskedOf.get(e)!, ...(disputed.has(e.key) && { _disputed: true }) },
      });
    }
    return { changes, next: entries.at(-1)?.seq ?? after, hasMore: entries.length === limit };
  }

  private horizon(now: Date): string {
    const days = this.deps.changeRetentionDays ?? DEFAULT_CHANGE_RETENTION_DAYS;
    return new Date(now.getTime() - days * 86_400_000).toISOString();
  }

  // The consumer missed changes the platform no longer hands out: it must take a fresh copy. Taking the head
  // cursor before reading the records means nothing falls between the copy and the feed.
  private async gone(g: CompiledGrant): Promise<AppError> {
    return new AppError(
      'GONE',
      'The cursor points before the retention of changes: read the records again, then follow the changes from the cursor given.',
      {
        reason: 'CURSOR_EXPIRED',
        resync: `/api/v1/exchange/grants/${g.grantId}/records`,
        cursor: encodeCursor(await this.head(g)),
      },
    );
  }
}
