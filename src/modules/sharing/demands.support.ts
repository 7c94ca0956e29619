import {
  AppError,
  authorize,
  newId,
  notFound,
  scopeOf,
  type AnyTx,
  type FieldIssue,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import { remainingWorkingDays } from '../calendar/index.js';
import {
  presentDemand,
  presentDemandHistory,
  type Demand,
  type DemandHistoryEntry,
  type Sla,
} from './demands.presenters.js';
import { demandsRepo as repo } from './demands.repository.js';
import type { DemandRow } from './demands.tables.js';
import type { SharingDeps } from './sharing.deps.js';

// What every demand use case shares: who may see a demand, how a transition is recorded (history row and
// evidence event in the caller's transaction), and how a demand is shown with its deadline's SLA.

/** A demand with its history, as `GET /demands/:id` and every transition answer. */
export type DemandView = Demand & { history: DemandHistoryEntry[] };

/** 422 with one violation per problem. */
export function demandRejected(violations: FieldIssue[]): AppError {
  return new AppError('UNPROCESSABLE', 'The demand cannot be processed as asked.', { violations });
}

/** The organisations a demand names (for the directory's names). */
export function demandOrgIds(d: DemandRow): string[] {
  return [d.consumer_org_id, d.suggested_org_id, d.provider_org_id].filter((x): x is string => x !== null);
}

/** The demand if the caller is a party (or a platform reader); 404 otherwise, 403 without `sharing.read`. */
export async function visibleDemand(ctx: RequestContext, tx: AnyTx, id: string): Promise<DemandRow> {
  authorize(ctx, 'sharing.read', ctx.actor.orgId);
  const d = await repo.get(tx, id);
  const party = d && (d.consumer_org_id === ctx.actor.orgId || d.provider_org_id === ctx.actor.orgId);
  if (!d || !(party || scopeOf(ctx, 'sharing.read') === 'platform')) throw notFound('Demand');
  return d;
}

/** Records a transition: a history row (with the note people wrote) and its evidence event. */
export async function recordDemand(
  deps: SharingDeps,
  tx: AnyTx,
  ctx: RequestContext,
  id: string,
  orgId: string,
  action: string,
  note: string | null,
  change: unknown,
  details: Record<string, string | number | boolean | null>,
): Promise<void> {
  await repo.addHistory(tx, {
    id: newId(),
    demand_id: id,
    at: deps.clock.now().toISOString(),
    action,
    actor_kind: ctx.actor.kind,
    actor_id: ctx.actor.id,
    actor_org_id: ctx.actor.orgId,
    note,
  });
  await deps.audit.record(tx, ctx, { action, subjectType: 'demand', subjectId: id, orgId, change, details });
}

/** SLA of a routed demand's answer deadline (null when no deadline runs). */
export async function demandSla(
  deps: SharingDeps,
  tx: AnyTx,
  d: DemandRow,
): Promise<{ state: Sla; workingDaysLeft: number } | null> {
  if (d.status !== 'routed' || !d.due_at) return null;
  const r = remainingWorkingDays(await deps.calendar.calendar(tx), deps.clock.now(), d.due_at);
  return { state: r.overdue ? 'red' : r.days <= 1 ? 'amber' : 'green', workingDaysLeft: r.days };
}

/** A demand with its SLA and history. */
export async function showDemand(deps: SharingDeps, tx: AnyTx, d: DemandRow): Promise<DemandView> {
  const orgs = await deps.directory.organisations(tx, demandOrgIds(d));
  const history = await repo.history(tx, d.id);
  return {
    ...presentDemand(d, orgs, await demandSla(deps, tx, d)),
    history: history.map(presentDemandHistory),
  };
}

/** What a demand notification says and to whom. */
export interface DemandNotice {
  type: string;
  title: string;
  body?: string;
  /** The organisation whose webhooks hear of it. */
  orgId?: string;
  roles: { role: Role; orgId?: string }[];
  data?: Record<string, unknown>;
}

/** Notifies about a demand inside the caller's transaction. */
export async function notifyDemand(deps: SharingDeps, tx: AnyTx, id: string, n: DemandNotice): Promise<void> {
  await deps.notifications.notify(tx, {
    type: n.type,
    title: n.title,
    ...(n.body && { body: n.body }),
    subjectType: 'demand',
    subjectId: id,
    link: `/sharing/demands/${id}`,
    ...(n.orgId && { orgId: n.orgId }),
    recipients: { roles: n.roles },
    data: { demandId: id, ...n.data },
  });
}
