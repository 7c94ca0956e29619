import { conflict, forbidden, parseInput, scopeOf, type RequestContext } from '../../kernel/index.js';
import type { CellValue } from '../datastore/index.js';
import { SCORE_JOB } from '../quality/index.js';
import type { ObjectionsDeps } from './objections.deps.js';
import { objectionsRepo as repo } from './objections.repository.js';
import { objectionResolveSchema, type ObjectionResolve } from './objections.schemas.js';
import {
  moveObjection,
  notifyRaiser,
  recordStep,
  releaseRecords,
  showObjection,
  visibleObjection,
  type ObjectionView,
} from './objections.support.js';
import type { ObjectionRecordRow, ObjectionRow } from './objections.tables.js';
import { keyedDigest, objectionRejected } from './subjects.js';

// Resolving an accepted objection (docs/objections.md): the provider verifies and either corrects — each
// named record gets a new version through the data store's write path (change log entry, so subscribers
// receive it), validated with the resource's rules like a load — or dismisses it with a reason. Either way
// the disputed flag comes off (unless another accepted objection still holds the record), and corrected
// records count against the resource's accuracy.

type Corrections = Extract<ObjectionResolve, { outcome: 'corrected' }>['corrections'];

/** One checked correction: the record's full new values (by item name) and its warning flags. */
interface Prepared {
  ordinal: number;
  key: string;
  values: Record<string, CellValue>;
  flags: string[];
}

/** Corrections and dismissals. */
export class ResolveService {
  constructor(private readonly deps: ObjectionsDeps) {}

  /** The provider corrects (new record versions) or dismisses (reason) an accepted objection. */
  async resolve(ctx: RequestContext, id: string, input: unknown): Promise<ObjectionView> {
    const body = parseInput(objectionResolveSchema, input);
    const db = this.deps.db.kysely;
    const o = await visibleObjection(ctx, db, id);
    if (!scopeOf(ctx, 'objection.answer') || ctx.actor.orgId !== o.provider_org_id)
      throw forbidden('objection.answer');
    if (o.status !== 'accepted')
      throw conflict(`An objection that is ${o.status} cannot be resolved.`, 'status');
    if (body.outcome === 'dismissed') return this.dismiss(ctx, o, body.reason);
    const records = await repo.records(db, id);
    if (records.length && body.corrections.length === 0)
      throw objectionRejected([
        { field: 'corrections', code: 'REQUIRED', message: 'correct at least one named record' },
      ]);
    // Read and validated before the transaction: rules and the store's reads run on their own connection.
    const prepared = await this.prepare(o, records, body.corrections);
    return db.transaction().execute(async (tx) => {
      const now = this.deps.clock.now().toISOString();
      await moveObjection(this.deps, tx, o, ['accepted'], {
        status: 'corrected',
        outcome: 'corrected',
        reason: body.comment ?? null,
        resolved_at: now,
        resolved_by: ctx.actor.id,
        stage: null,
      });
      for (const [n, p] of prepared.entries()) {
        const rev = await this.deps.datastore.correct(
          tx,
          o.resource_id,
          p.key,
          p.values,
          p.flags,
          `objection:${o.id}`,
        );
        if (rev === null)
          throw objectionRejected([
            { field: `corrections[${n}]`, code: 'UNCHANGED', message: 'the values equal the current record' },
          ]);
        await repo.setCorrectedRev(tx, o.id, p.ordinal, rev);
      }
      const released = await releaseRecords(this.deps, tx, o);
      await recordStep(this.deps, tx, ctx, o, 'objection.correct', body.comment ?? null, {
        resourceId: o.resource_id,
        records: records.length,
        corrected: prepared.length,
        released,
        // The corrected values reach the log only as a keyed digest.
        correctionsDigest: prepared.length
          ? keyedDigest(this.deps.keyring, this.deps.cryptoProfile, body.corrections)
          : null,
      });
      // Accuracy (and consistency, when a cross-field warning went away) move with the next score.
      await this.deps.jobs.enqueue(tx, SCORE_JOB, { resourceId: o.resource_id });
      await notifyRaiser(this.deps, tx, o, 'objection.corrected', '数据异议已核实更正');
      return showObjection(this.deps, tx, ctx, (await repo.get(tx, id))!);
    });
  }

  private async dismiss(ctx: RequestContext, o: ObjectionRow, reason: string): Promise<ObjectionView> {
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const now = this.deps.clock.now().toISOString();
      await moveObjection(this.deps, tx, o, ['accepted'], {
        status: 'dismissed',
        outcome: 'dismissed',
        reason,
        resolved_at: now,
        resolved_by: ctx.actor.id,
        stage: null,
      });
      const released = await releaseRecords(this.deps, tx, o);
      await recordStep(
        this.deps,
        tx,
        ctx,
        o,
        'objection.dismiss',
        reason,
        { resourceId: o.resource_id, released },
        { reason },
      );
      await notifyRaiser(this.deps, tx, o, 'objection.dismissed', '数据异议经核实不予更正', reason);
      return showObjection(this.deps, tx, ctx, (await repo.get(tx, o.id))!);
    });
  }

  /** Checks each correction against the named records, the items and the resource's rules (422 otherwise). */
  private async prepare(
    o: ObjectionRow,
    records: ObjectionRecordRow[],
    corrections: Corrections,
  ): Promise<Prepared[]> {
    const resource = await this.deps.catalogue.browse.published(o.resource_id);
    if (!resource) throw conflict('The resource is no longer published.');
    const items = resource.doc.items;
    const byCode = new Map(items.map((i) => [i.code, i]));
    const ordinal = new Map(records.map((r) => [r.record_key, r.ordinal]));
    const current = new Map(
      (await this.deps.datastore.records(o.resource_id, [...ordinal.keys()])).map((r) => [r.key, r]),
    );
    const problems: { field: string; code: string; message: string }[] = [];
    const seen = new Set<string>();
    const out: Prepared[] = [];
    for (const [n, c] of corrections.entries()) {
      const field = `corrections[${n}]`;
      const row = current.get(c.record);
      if (!ordinal.has(c.record) || seen.has(c.record) || !row) {
        const code = !ordinal.has(c.record) ? 'NOT_NAMED' : seen.has(c.record) ? 'DUPLICATE' : 'GONE';
        problems.push({
          field: `${field}.record`,
          code,
          message: 'must be a live record the objection names, once',
        });
        continue;
      }
      seen.add(c.record);
      const raw: Record<string, string | null> = {};
      for (const [name, v] of Object.entries(row.values)) raw[name] = v === null ? null : String(v);
      const touched = new Set<string>();
      let bad = false;
      for (const [code, v] of Object.entries(c.values)) {
        const item = byCode.get(code);
        if (!item || item.primaryKey) {
          bad = true;
          problems.push({
            field: `${field}.values.${code}`,
            code: item ? 'KEY_ITEM' : 'UNKNOWN_ITEM',
            message: item ? 'a key item cannot be corrected' : 'not an item of the resource',
          });
        } else {
          raw[item.name] = v === null ? null : String(v);
          touched.add(item.name);
        }
      }
      if (bad) continue;
      const checked = await this.deps.quality.scores.checkRecord(o.resource_id, items, raw);
      // Only what the correction touches can refuse it: a rule added since the load must not block fixing
      // another item. Untouched items keep their stored values exactly.
      const refused = checked.rejected.filter((r) => r.item.split('+').some((n) => touched.has(n)));
      const codeOf = new Map(items.map((i) => [i.name, i.code]));
      for (const r of refused)
        problems.push({
          field: `${field}.values.${r.item
            .split('+')
            .filter((n) => touched.has(n))
            .map((n) => codeOf.get(n) ?? n)
            .join('+')}`,
          code: 'INVALID',
          message: `${r.ruleId}: ${r.message}`,
        });
      if (refused.length) continue;
      const values = { ...row.values };
      for (const n of touched) values[n] = checked.values[n] ?? null;
      out.push({ ordinal: ordinal.get(c.record)!, key: c.record, values, flags: checked.flags });
    }
    if (problems.length) throw objectionRejected(problems);
    return out;
  }
}
