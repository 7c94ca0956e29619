import {
  AppError,
  authorize,
  can,
  conflict,
  flag,
  forbidden,
  isDutyRole,
  isUniqueViolation,
  newId,
  notFound,
  ORG_ROLES,
  parseInput,
  requireUser,
  scopeOf,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import { roleSetProblem } from './domain/duties.js';
import { hashPassword } from './domain/password.js';
import { inTx, type IdentityDeps } from './identity.deps.js';
import {
  assignRoleSchema,
  createUserSchema,
  listQuerySchema,
  resetPasswordSchema,
  updateUserSchema,
  type CreateUserInput,
  type UpdateUserInput,
} from './identity.schemas.js';
import { organisationsRepo } from './organisations.repository.js';
import { presentUser, type User } from './presenters.js';
import { usersRepo as repo } from './users.repository.js';

/** Users, their roles and separation of duties. */
export class UsersService {
  constructor(private readonly deps: IdentityDeps) {}

  /** Creates a user in an organisation; roles given here need the right to assign them. */
  async create(ctx: RequestContext, input: CreateUserInput): Promise<User> {
    const v = parseInput(createUserSchema, input);
    authorize(ctx, 'user.write', v.orgId);
    const roles = [...new Set(v.roles ?? [])] as Role[];
    for (const r of roles) this.assertMayAssign(ctx, r, v.orgId);
    const passwordHash = await hashPassword(v.password);
    return inTx(this.deps, async (tx) => {
      const org = await organisationsRepo.get(tx, v.orgId);
      if (!org) throw notFound('Organisation');
      const problem = roleSetProblem(roles, flag(org.is_operator));
      if (problem) throw new AppError('CONFLICT', problem, { rule: 'separation-of-duties', field: 'roles' });
      if (await repo.byUsername(tx, v.username)) throw conflict('This username is taken.', 'username');
      const now = this.deps.clock.now().toISOString();
      const row = {
        id: newId(),
        org_id: v.orgId,
        username: v.username,
        display_name: v.displayName,
        email: v.email ?? null,
        phone: v.phone ?? null,
        password_hash: passwordHash,
        status: 'active',
        failed_logins: 0,
        locked_until: null,
        totp_secret_enc: null,
        totp_enabled: 0,
        totp_last_step: null,
        created_at: now,
        updated_at: now,
      };
      try {
        await repo.insert(tx, row);
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('This username is taken.', 'username');
        throw e;
      }
      for (const r of roles) await repo.addRole(tx, row.id, r, now, ctx.actor.id);
      const user = this.present(row, [...roles].sort());
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.user.create',
        subjectType: 'user',
        subjectId: row.id,
        orgId: row.org_id,
        change: user,
        details: { roles: roles.join(',') },
      });
      return user;
    });
  }

  /** One user, if the actor may see them. */
  async get(ctx: RequestContext, id: string): Promise<User> {
    authorize(ctx, 'user.read');
    const row = await repo.get(this.deps.db.kysely, id);
    // Outside the actor's scope a user is simply not found: no hint that the id exists.
    if (!row || !can(ctx, 'user.read', row.org_id)) throw notFound('User');
    return this.present(row, await repo.roles(this.deps.db.kysely, id));
  }

  /** The logged-in user's own record (every user may read themselves). */
  async self(ctx: RequestContext): Promise<User> {
    requireUser(ctx);
    const row = await repo.get(this.deps.db.kysely, ctx.actor.id!);
    if (!row) throw notFound('User');
    return this.present(row, await repo.roles(this.deps.db.kysely, row.id));
  }

  /** Users the actor may see, optionally of one organisation. */
  async list(ctx: RequestContext, query: unknown = {}): Promise<User[]> {
    authorize(ctx, 'user.read');
    const q = parseInput(listQuerySchema, query);
    const orgId = scopeOf(ctx, 'user.read') === 'platform' ? q.orgId : (ctx.actor.orgId ?? '-');
    const rows = await repo.list(this.deps.db.kysely, { orgId, q: q.q, limit: q.limit, offset: q.offset });
    const roles = await repo.rolesOf(
      this.deps.db.kysely,
      rows.map((r) => r.id),
    );
    return rows.map((r) => this.present(r, roles.get(r.id) ?? []));
  }

  /** Users per role, for the overview. */
  async statsByRole(ctx: RequestContext): Promise<{ role: string; n: number }[]> {
    authorize(ctx, 'user.read');
    return repo.countByRole(this.deps.db.kysely);
  }

  /** Changes a user's profile or status; disabling ends their sessions. */
  async update(ctx: RequestContext, id: string, input: UpdateUserInput): Promise<User> {
    const v = parseInput(updateUserSchema, input);
    return inTx(this.deps, async (tx) => {
      const before = await this.loadForWrite(tx, ctx, id);
      if (v.status === 'disabled' && id === ctx.actor.id)
        throw new AppError('UNPROCESSABLE', 'You cannot disable yourself.');
      const now = this.deps.clock.now().toISOString();
      const patch = {
        ...(v.displayName !== undefined && { display_name: v.displayName }),
        ...(v.email !== undefined && { email: v.email }),
        ...(v.phone !== undefined && { phone: v.phone }),
        ...(v.status !== undefined && { status: v.status }),
        updated_at: now,
      };
      await repo.update(tx, id, patch);
      if (v.status === 'disabled') await repo.revokeUserSessions(tx, id, now);
      const roles = await repo.roles(tx, id);
      const after = this.present({ ...before, ...patch }, roles);
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.user.update',
        subjectType: 'user',
        subjectId: id,
        orgId: before.org_id,
        change: { before: this.present(before, roles), after },
        details: { status: after.status },
      });
      return after;
    });
  }

  /** Sets a new password (administrator reset); clears lockout and ends the user's sessions. */
  async resetPassword(ctx: RequestContext, id: string, input: unknown): Promise<void> {
    const v = parseInput(resetPasswordSchema, input);
    const hash = await hashPassword(v.password);
    await inTx(this.deps, async (tx) => {
      const u = await this.loadForWrite(tx, ctx, id);
      const now = this.deps.clock.now().toISOString();
      await repo.update(tx, id, {
        password_hash: hash,
        failed_logins: 0,
        locked_until: null,
        updated_at: now,
      });
      await repo.revokeUserSessions(tx, id, now);
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.user.password.reset',
        subjectType: 'user',
        subjectId: id,
        orgId: u.org_id,
      });
    });
  }

  /** Lifts a lockout after failed logins. */
  async unlock(ctx: RequestContext, id: string): Promise<User> {
    return inTx(this.deps, async (tx) => {
      const u = await this.loadForWrite(tx, ctx, id);
      const now = this.deps.clock.now().toISOString();
      await repo.update(tx, id, { failed_logins: 0, locked_until: null, updated_at: now });
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.user.unlock',
        subjectType: 'user',
        subjectId: id,
        orgId: u.org_id,
      });
      return this.present(
        { ...u, failed_logins: 0, locked_until: null, updated_at: now },
        await repo.roles(tx, id),
      );
    });
  }

  /** Grants a role, refusing separation-of-duties violations. */
  async assignRole(ctx: RequestContext, id: string, input: unknown): Promise<User> {
    const { role } = parseInput(assignRoleSchema, input);
    return inTx(this.deps, async (tx) => {
      const u = await repo.get(tx, id);
      if (!u) {
        this.assertMayAssign(ctx, role, null);
        throw notFound('User');
      }
      this.assertMayAssign(ctx, role, u.org_id);
      if (id === ctx.actor.id) throw forbidden('changing your own roles');
      const org = await organisationsRepo.get(tx, u.org_id);
      const current = (await repo.roles(tx, id)) as Role[];
      if (current.includes(role)) throw conflict(`The user already holds ${role}.`, 'role');
      const problem = roleSetProblem([...current, role], flag(org?.is_operator ?? 0));
      if (problem) throw new AppError('CONFLICT', problem, { rule: 'separation-of-duties', field: 'role' });
      const now = this.deps.clock.now().toISOString();
      await repo.addRole(tx, id, role, now, ctx.actor.id);
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.user.role.grant',
        subjectType: 'user',
        subjectId: id,
        orgId: u.org_id,
        change: { role },
        details: { role },
      });
      return this.present(u, [...current, role].sort());
    });
  }

  /** Removes a role; the user's sessions end so the change takes effect at once. */
  async removeRole(ctx: RequestContext, id: string, role: string): Promise<User> {
    const { role: r } = parseInput(assignRoleSchema, { role });
    return inTx(this.deps, async (tx) => {
      const u = await repo.get(tx, id);
      this.assertMayAssign(ctx, r, u?.org_id ?? null);
      if (!u) throw notFound('User');
      if (id === ctx.actor.id) throw forbidden('changing your own roles');
      if ((await repo.removeRole(tx, id, r)) === 0) throw notFound('Role assignment');
      const now = this.deps.clock.now().toISOString();
      await repo.revokeUserSessions(tx, id, now);
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.user.role.revoke',
        subjectType: 'user',
        subjectId: id,
        orgId: u.org_id,
        change: { role: r },
        details: { role: r },
      });
      return this.present(u, await repo.roles(tx, id));
    });
  }

  // The lockout flag is judged by the platform clock, like the lockout itself.
  private present(row: Parameters<typeof presentUser>[0], roles: string[]): User {
    return presentUser(row, roles, this.deps.clock.now());
  }

  private async loadForWrite(tx: Parameters<typeof repo.get>[0], ctx: RequestContext, id: string) {
    const u = await repo.get(tx, id);
    authorize(ctx, 'user.write', u?.org_id ?? null);
    if (!u) throw notFound('User');
    // Duty holders are administered by secadmin-assigned sysadmins only, never by department admins.
    if (scopeOf(ctx, 'user.write') !== 'platform' && (await repo.roles(tx, id)).some(isDutyRole))
      throw forbidden('user.write');
    return u;
  }

  /** secadmin assigns any role; a department's org_admin assigns department roles in its own organisation. */
  private assertMayAssign(ctx: RequestContext, role: Role, orgId: string | null): void {
    if (can(ctx, 'role.assign')) return;
    const orgRole = (ORG_ROLES as readonly string[]).includes(role) && role !== 'org_admin';
    if (orgRole && orgId !== null && can(ctx, 'role.assign.org', orgId)) return;
    authorize(ctx, 'role.assign');
  }
}
