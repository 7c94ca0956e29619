import { newId, type AnyTx, type RequestContext } from '../../kernel/index.js';
import { grantsRepo as repo } from './grants.repository.js';
import type { GrantRow, GrantStatus } from './grants.tables.js';
import type { SharingDeps } from './sharing.deps.js';

// One way for a grant to change status, whoever asks (an approver, the bureau, the catalogue listener, the
// expiry sweep): the row moves only from an expected status, the history keeps the reason, the evidence
// event and the epoch bump commit with it (so every process's access cache drops the grant), and both
// parties hear of it.

/** A status change of a grant. */
export interface GrantTransition {
  to: GrantStatus;
  from: GrantStatus[];
  /** Evidence action, e.g. 'sharing.grant.suspend'. */
  action: string;
  reason: string | null;
  /** Small non-personal metadata for the evidence leaf (e.g. what caused an automatic suspension). */
  details?: Record<string, string | number | boolean | null>;
}

const TITLES: Record<GrantStatus, string> = {
  active: '授权已恢复',
  suspended: '授权已暂停',
  revoked: '授权已撤销',
  expired: '授权已到期',
};

/** Applies a transition in the caller's transaction; false when the grant was not in `from` (nothing done). */
export async function transitionGrant(
  deps: SharingDeps,
  tx: AnyTx,
  ctx: RequestContext,
  grant: GrantRow,
  t: GrantTransition,
): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  const moved = await repo.setStatus(tx, grant.id, t.from, {
    status: t.to,
    status_reason: t.reason,
    updated_at: now,
  });
  if (!moved) return false;
  await repo.addHistory(tx, {
    id: newId(),
    grant_id: grant.id,
    at: now,
    action: t.action,
    actor_kind: ctx.actor.kind,
    actor_id: ctx.actor.id,
    reason: t.reason,
  });
  await deps.audit.record(tx, ctx, {
    action: t.action,
    subjectType: 'grant',
    subjectId: grant.id,
    orgId: grant.provider_org_id,
    ...(t.reason !== null && { change: { reason: t.reason } }),
    details: {
      from: grant.status,
      to: t.to,
      resourceId: grant.resource_id,
      consumerOrg: grant.consumer_org_id,
      ...t.details,
    },
  });
  await repo.bumpEpoch(tx);
  await notifyParties(deps, tx, grant, `sharing.grant.${t.to}`, TITLES[t.to], t.reason);
  return true;
}

/** Tells the consumer organisation's consumers and the provider's approvers about a grant. */
export async function notifyParties(
  deps: SharingDeps,
  tx: AnyTx,
  grant: Pick<GrantRow, 'id' | 'consumer_org_id' | 'provider_org_id' | 'resource_id'>,
  type: string,
  title: string,
  body: string | null,
): Promise<void> {
  await deps.notifications.notify(tx, {
    type,
    title,
    ...(body && { body }),
    subjectType: 'grant',
    subjectId: grant.id,
    link: `/sharing/grants/${grant.id}`,
    orgId: grant.consumer_org_id,
    recipients: {
      roles: [
        { role: 'consumer', orgId: grant.consumer_org_id },
        { role: 'approver', orgId: grant.provider_org_id },
      ],
    },
    data: { grantId: grant.id, resourceId: grant.resource_id },
  });
}
