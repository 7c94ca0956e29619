import {
  authorize,
  can,
  conflict,
  newId,
  notFound,
  scopeOf,
  type AnyTx,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import { remainingWorkingDays } from '../calendar/index.js';
import type { CellValue } from '../datastore/index.js';
import type { ObjectionsDeps } from './objections.deps.js';
import {
  presentHistory,
  presentObjection,
  presentRecord,
  type Objection,
  type ObjectionHistoryEntry,
  type ObjectionRecord,
  type Sla,
} from './objections.presenters.js';
import { objectionsRepo as repo } from './objections.repository.js';
import type { ObjectionRow } from './objections.tables.js';

// What every objection step shares: who may see an objection, how a step is recorded (history row and
// evidence event in the caller's transaction), notifications, and the detail view with its deadline's SLA.

/** An objection with its records and history, as `GET /objections/:id` and every step answer. */
export type ObjectionView = Objection & { records: ObjectionRecord[]; history: ObjectionHistoryEntry[] };

/** The objection if the caller's organisation is a party (or the caller reads platform-wide); 404 otherwise. */
export async function visibleObjection(ctx: RequestContext, tx: AnyTx, id: string): Promise<ObjectionRow> {
  authorize(ctx, 'objection.read', ctx.actor.orgId);
  const o = await repo.get(tx, id);
  const party = o && (o.raiser_org_id === ctx.actor.orgId || o.provider_org_id === ctx.actor.orgId);
  if (!o || !(party || scopeOf(ctx, 'objection.read') === 'platform')) throw notFound('Objection');
  return o;
}

/** Records a step: a history row (with the note people wrote) and its evidence event. */
export async function recordStep(
  deps: ObjectionsDeps,
  tx: AnyTx,
  ctx: RequestContext,
  o: Pick<ObjectionRow, 'id' | 'provider_org_id'>,
  action: string,
  note: string | null,
  details: Record<string, string | number | boolean | null>,
  change?: unknown,
): Promise<void> {
  await repo.addHistory(tx, {
    id: newId(),
    objection_id: o.id,
    at: deps.clock.now().toISOString(),
    action,
    actor_kind: ctx.actor.kind,
    actor_id: ctx.actor.id,
    actor_org_id: ctx.actor.orgId,
    note,
  });
  await deps.audit.record(tx, ctx, {
    action,
    subjectType: 'objection',
    subjectId: o.id,
    orgId: o.provider_org_id,
    ...(change !== undefined && { change }),
    details,
  });
}

/** SLA of the running deadline (null when none runs). */
export async function objectionSla(
  deps: ObjectionsDeps,
  tx: AnyTx,
  o: ObjectionRow,
): Promise<{ state: Sla; workingDaysLeft: number } | null> {
  if (!['raised', 'accepted'].includes(o.status) || !o.due_at) return null;
  const r = remainingWorkingDays(await deps.calendar.calendar(tx), deps.clock.now(), o.due_at);
  return { state: r.overdue ? 'red' : r.days <= 1 ? 'amber' : 'green', workingDaysLeft: r.days };
}

/** The provider's roles that answer objections. */
export function providerRoles(orgId: string): { role: Role; orgId: string }[] {
  return [
    { role: 'approver', orgId },
    { role: 'steward', orgId },
  ];
}

/** Notifies about an objection inside the caller's transaction. */
export async function notifyObjection(
  deps: ObjectionsDeps,
  tx: AnyTx,
  id: string,
  n: { type: string; title: string; body?: string; orgId?: string; roles: { role: Role; orgId?: string }[] },
): Promise<void> {
  await deps.notifications.notify(tx, {
    type: n.type,
    title: n.title,
    ...(n.body && { body: n.body }),
    subjectType: 'objection',
    subjectId: id,
    link: `/objections/${id}`,
    ...(n.orgId && { orgId: n.orgId }),
    recipients: { roles: n.roles },
    data: { objectionId: id },
  });
}

/**
 * An objection with its SLA, records and history. The provider's answering roles also see the records'
 * current values (their own data, to verify and correct), by item code; nobody else does.
 */
export async function showObjection(
  deps: ObjectionsDeps,
  tx: AnyTx,
  ctx: RequestContext,
  o: ObjectionRow,
): Promise<ObjectionView> {
  const orgs = await deps.directory.organisations(tx, [o.raiser_org_id, o.provider_org_id]);
  const records = await repo.records(tx, o.id);
  let values: Map<string, Record<string, CellValue>> | null = null;
  if (records.length && can(ctx, 'objection.answer', o.provider_org_id)) {
    const r = await deps.catalogue.browse.published(o.resource_id, tx);
    const code = new Map((r?.doc.items ?? []).map((i) => [i.name, i.code]));
    const stored = await deps.datastore.records(
      o.resource_id,
      records.map((x) => x.record_key),
      tx,
    );
    values = new Map(
      stored.map((s) => [
        s.key,
        Object.fromEntries(Object.entries(s.values).map(([k, v]) => [code.get(k) ?? k, v])),
      ]),
    );
  }
  return {
    ...presentObjection(o, orgs, await objectionSla(deps, tx, o)),
    records: records.map((x) => presentRecord(x, values ? (values.get(x.record_key) ?? null) : undefined)),
    history: (await repo.history(tx, o.id)).map(presentHistory),
  };
}

/** Moves an objection from one of `from` (409 from any other state, or when it changed meanwhile). */
export async function moveObjection(
  deps: ObjectionsDeps,
  tx: AnyTx,
  o: ObjectionRow,
  from: ObjectionRow['status'][],
  patch: Partial<ObjectionRow>,
): Promise<void> {
  if (!from.includes(o.status))
    throw conflict(`An objection that is ${o.status} cannot become ${patch.status ?? o.status}.`, 'status');
  const updated = await repo.update(tx, o.id, from, { ...patch, updated_at: deps.clock.now().toISOString() });
  if (!updated) throw conflict('The objection changed meanwhile; reload it.', 'status');
}

/**
 * Clears the disputed flag of an objection's records, except where another accepted objection still holds
 * the record. Returns how many rows were cleared.
 */
export async function releaseRecords(deps: ObjectionsDeps, tx: AnyTx, o: ObjectionRow): Promise<number> {
  const keys = (await repo.records(tx, o.id)).map((r) => r.record_key);
  const held = await repo.heldElsewhere(tx, o.resource_id, keys, o.id);
  const free = keys.filter((k) => !held.has(k));
  return deps.datastore.setDisputed(tx, o.resource_id, free, false, `objection:${o.id}`);
}

/** Tells the raiser's organisation: the bureau's reviewers when the bureau raised it, else its consumers. */
export async function notifyRaiser(
  deps: ObjectionsDeps,
  tx: AnyTx,
  o: ObjectionRow,
  type: string,
  title: string,
  body?: string,
): Promise<void> {
  const org = (await deps.directory.organisations(tx, [o.raiser_org_id])).get(o.raiser_org_id);
  const role: Role = org?.isOperator ? 'reviewer' : 'consumer';
  await notifyObjection(deps, tx, o.id, {
    type,
    title,
    ...(body && { body }),
    orgId: o.raiser_org_id,
    roles: [{ role, orgId: o.raiser_org_id }],
  });
}
