import { z } from 'zod';
import {
  AppError,
  DUTY_ROLES,
  notFound,
  newId,
  OPERATOR_ROLES,
  parseInput,
  requireUser,
  type AnyTx,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import type { NotificationsService } from '../notifications/index.js';
import { alertsRepo as repo } from './alerts.repository.js';
import type { AlertsDeps } from './alerts.deps.js';
import type { AlertRow, AlertStatus, Severity } from './tables.js';

// One alert service for the platform: overdue deadlines, split views of the log, anomalies and the like are
// raised here, routed to the inboxes of the responsible role (and to the concerned organisation's webhooks),
// acknowledged and resolved by that role. A repeat of an open alert (same dedup key) counts an occurrence
// instead of flooding inboxes.

export const SEVERITIES = ['info', 'warning', 'critical'] as const;

/** What a module raises. */
export interface RaiseAlert {
  severity: Severity;
  /** The module raising it, e.g. 'calendar', 'sharing', 'protection'. */
  source: string;
  /** Dotted kind, e.g. 'calendar.provisional'. */
  type: string;
  title: string;
  detail?: string;
  subjectType: string;
  subjectId: string;
  /** The organisation concerned: department roles see only their organisation's alerts. */
  orgId?: string | null;
  responsibleRole: Role;
  dedupKey?: string;
}

export const alertQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
  severity: z.enum(SEVERITIES).optional(),
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const resolveSchema = z.strictObject({ resolution: z.string().trim().min(1).max(2000) });

// Platform-level roles see all alerts addressed to them; department roles only their organisation's.
const PLATFORM_ROLES: string[] = [...DUTY_ROLES, ...OPERATOR_ROLES];
const ORG_SCOPED = ['org_admin', 'steward', 'approver', 'consumer', 'analyst'];

/** An alert as people see it. */
export function presentAlert(r: AlertRow) {
  return {
    id: r.id,
    severity: r.severity,
    source: r.source,
    type: r.type,
    title: r.title,
    detail: r.detail,
    subject: { type: r.subject_type, id: r.subject_id },
    orgId: r.org_id,
    responsibleRole: r.responsible_role,
    occurrences: r.occurrences,
    status: r.status,
    raisedAt: r.raised_at,
    lastSeenAt: r.last_seen_at,
    acknowledged: r.acknowledged_at ? { at: r.acknowledged_at, by: r.acknowledged_by } : null,
    resolved: r.resolved_at ? { at: r.resolved_at, by: r.resolved_by, resolution: r.resolution } : null,
  };
}
export type Alert = ReturnType<typeof presentAlert>;

/** Raising, routing, acknowledging and resolving alerts. */
export class AlertsService {
  constructor(
    private readonly deps: AlertsDeps,
    private readonly notifications: NotificationsService,
  ) {}

  /** Raises an alert inside the caller's transaction (internal; the raiser's context is recorded). */
  async raise(tx: AnyTx, ctx: RequestContext, a: RaiseAlert): Promise<Alert> {
    const now = this.deps.clock.now().toISOString();
    if (a.dedupKey) {
      const open = await repo.openByKey(tx, a.dedupKey);
      if (open) {
        const severity = rank(a.severity) > rank(open.severity) ? a.severity : open.severity;
        await repo.update(tx, open.id, ['open', 'acknowledged'], {
          occurrences: open.occurrences + 1,
          last_seen_at: now,
          severity,
        });
        return presentAlert({ ...open, occurrences: open.occurrences + 1, last_seen_at: now, severity });
      }
    }
    const row: AlertRow = {
      id: newId(),
      severity: a.severity,
      source: a.source,
      type: a.type,
      title: a.title,
      detail: a.detail ?? null,
      subject_type: a.subjectType,
      subject_id: a.subjectId,
      org_id: a.orgId ?? null,
      responsible_role: a.responsibleRole,
      dedup_key: a.dedupKey ?? null,
      occurrences: 1,
      status: 'open',
      raised_at: now,
      last_seen_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      resolved_by: null,
      resolution: null,
    };
    await repo.insert(tx, row);
    await this.deps.audit.record(tx, ctx, {
      action: 'alerts.alert.raise',
      subjectType: 'alert',
      subjectId: row.id,
      orgId: row.org_id,
      details: {
        severity: row.severity,
        type: row.type,
        role: row.responsible_role,
        about: `${row.subject_type}:${row.subject_id}`,
      },
    });
    const orgScoped = ORG_SCOPED.includes(row.responsible_role);
    await this.notifications.notify(tx, {
      type: `alert.${row.severity}`,
      title: row.title,
      ...(row.detail && { body: row.detail }),
      subjectType: 'alert',
      subjectId: row.id,
      link: `/alerts/${row.id}`,
      orgId: row.org_id,
      recipients: {
        roles: [{ role: a.responsibleRole, ...(orgScoped && row.org_id && { orgId: row.org_id }) }],
      },
      data: { alertId: row.id, severity: row.severity, type: row.type, source: row.source },
    });
    return presentAlert(row);
  }

  /** Alerts visible to the caller (by responsible role; auditors read all). */
  async list(ctx: RequestContext, query: unknown = {}): Promise<Alert[]> {
    requireUser(ctx);
    const q = parseInput(alertQuery, query);
    const all = ctx.actor.roles.includes('auditor');
    const roles = ctx.actor.roles.filter((r) => PLATFORM_ROLES.includes(r) || ORG_SCOPED.includes(r));
    if (!all && roles.length === 0) return [];
    const rows = await repo.list(this.deps.db.kysely, {
      roles: all ? null : roles,
      orgId: ctx.actor.orgId,
      orgScopedRoles: ORG_SCOPED,
      status: q.status,
      severity: q.severity,
      before: q.before,
      limit: q.limit,
    });
    return rows.map(presentAlert);
  }

  /** One visible alert. */
  async get(ctx: RequestContext, id: string): Promise<Alert> {
    requireUser(ctx);
    const row = await repo.get(this.deps.db.kysely, id);
    if (!row || !(this.responsible(ctx, row) || ctx.actor.roles.includes('auditor'))) throw notFound('Alert');
    return presentAlert(row);
  }

  /** The responsible role takes the alert on. */
  async acknowledge(ctx: RequestContext, id: string): Promise<Alert> {
    return this.transition(ctx, id, ['open'], 'acknowledged', 'alerts.alert.acknowledge', (now) => ({
      acknowledged_at: now,
      acknowledged_by: ctx.actor.id,
    }));
  }

  /** The responsible role closes the alert with a resolution note. */
  async resolve(ctx: RequestContext, id: string, input: unknown): Promise<Alert> {
    const { resolution } = parseInput(resolveSchema, input);
    return this.transition(ctx, id, ['open', 'acknowledged'], 'resolved', 'alerts.alert.resolve', (now) => ({
      resolved_at: now,
      resolved_by: ctx.actor.id,
      resolution,
    }));
  }

  private responsible(ctx: RequestContext, row: AlertRow): boolean {
    if (!ctx.actor.roles.includes(row.responsible_role as Role)) return false;
    return !ORG_SCOPED.includes(row.responsible_role) || row.org_id === ctx.actor.orgId;
  }

  private async transition(
    ctx: RequestContext,
    id: string,
    from: AlertStatus[],
    to: AlertStatus,
    action: string,
    patch: (now: string) => Partial<AlertRow>,
  ): Promise<Alert> {
    requireUser(ctx);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const row = await repo.get(tx, id);
      if (!row || !(this.responsible(ctx, row) || ctx.actor.roles.includes('auditor')))
        throw notFound('Alert');
      if (!this.responsible(ctx, row))
        throw new AppError('FORBIDDEN', `Only ${row.responsible_role} handles this alert.`);
      const now = this.deps.clock.now().toISOString();
      const p = { ...patch(now), status: to };
      if (!(await repo.update(tx, id, from, p)))
        throw new AppError('CONFLICT', `The alert is already ${row.status}.`);
      await this.deps.audit.record(tx, ctx, {
        action,
        subjectType: 'alert',
        subjectId: id,
        orgId: row.org_id,
        details: { from: row.status, to },
      });
      return presentAlert({ ...row, ...p });
    });
  }
}

function rank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
