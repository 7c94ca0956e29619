import { createHash } from 'node:crypto';
import {
  AppError,
  isRole,
  newId,
  parseInput,
  randomToken,
  type Actor,
  type AnyTx,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import { requiresTotp } from './domain/duties.js';
import { hashPassword, passwordProblems, verifyPassword } from './domain/password.js';
import { matchTotp, newTotpSecret, totpUri } from './domain/totp.js';
import { inTx, type IdentityDeps } from './identity.deps.js';
import {
  changePasswordSchema,
  loginSchema,
  refreshSchema,
  totpConfirmSchema,
  totpEnrollSchema,
} from './identity.schemas.js';
import { openSecret, sealSecret } from './key-custody.js';
import { organisationsRepo } from './organisations.repository.js';
import { signToken, verifyToken } from './tokens.js';
import type { UserRow } from './tables.js';
import { usersRepo as repo } from './users.repository.js';

// Sessions for people: password (+ TOTP for the three duties) → short-lived access JWT + rotating refresh
// token. Failed attempts lock the account; refresh-token reuse ends the whole session family.

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
const ENROLL_TTL_SECONDS = 600;
// Verifying against this keeps a login for an unknown user as slow as for a known one (no user probing).
const DUMMY_HASH = hashPassword('dummy-password-for-timing-A1!');

/** What a successful login or refresh returns. */
export interface SessionTokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  user: { id: string; username: string; displayName: string; orgId: string; roles: string[] };
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Login, refresh, logout, TOTP enrolment and token verification for users. */
export class AuthService {
  constructor(private readonly deps: IdentityDeps) {}

  /** Password (+ TOTP) login. */
  async login(ctx: RequestContext, input: unknown): Promise<SessionTokens> {
    const v = parseInput(loginSchema, input);
    const now = this.deps.clock.now();
    const user = await repo.byUsername(this.deps.db.kysely, v.username);
    if (!user) {
      await verifyPassword(v.password, await DUMMY_HASH);
      throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
    }
    if (user.locked_until && user.locked_until > now.toISOString()) {
      throw new AppError(
        'LOCKED',
        'Too many failed attempts: the account is locked. Try later or ask an administrator.',
        {
          lockedUntil: user.locked_until,
        },
      );
    }
    const passwordOk = await verifyPassword(v.password, user.password_hash);
    const org = await organisationsRepo.get(this.deps.db.kysely, user.org_id);
    if (!passwordOk || user.status !== 'active' || org?.status !== 'active') {
      if (!passwordOk) await this.recordFailure(ctx, user, 'password');
      throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
    }
    const roles = (await repo.roles(this.deps.db.kysely, user.id)).filter(isRole);
    let mfa = false;
    if (user.totp_enabled === 1 && user.totp_secret_enc) {
      if (!v.totpCode)
        throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app.');
      const step = matchTotp(
        openSecret(this.deps.keyring, `totp:${user.id}`, user.totp_secret_enc),
        v.totpCode,
        now,
      );
      // Claiming the step is one conditional UPDATE, so concurrent logins cannot both spend the same code.
      if (step === null || !(await repo.claimTotpStep(this.deps.db.kysely, user.id, step))) {
        await this.recordFailure(ctx, user, 'totp');
        throw new AppError('UNAUTHENTICATED', 'The authenticator code is wrong or was already used.');
      }
      mfa = true;
    } else if (requiresTotp(roles)) {
      const enrollmentToken = await signToken(
        this.deps.keyring,
        { sub: user.id, kind: 'totp-enroll', org: user.org_id },
        ENROLL_TTL_SECONDS,
        now,
      );
      throw new AppError(
        'TOTP_ENROLLMENT_REQUIRED',
        'Your role requires a second factor: enrol an authenticator app first.',
        {
          enrollmentToken,
        },
      );
    }
    return inTx(this.deps, async (tx) => {
      await repo.update(tx, user.id, { failed_logins: 0, locked_until: null });
      return this.openSession(tx, ctx, user, roles, mfa, null);
    });
  }

  /** Exchanges a refresh token for new tokens; a reused token revokes its whole family. */
  async refresh(ctx: RequestContext, input: unknown): Promise<SessionTokens> {
    const { refreshToken } = parseInput(refreshSchema, input);
    const now = this.deps.clock.now().toISOString();
    return inTx(this.deps, async (tx) => {
      const s = await repo.sessionByRefreshHash(tx, sha256(refreshToken));
      if (!s) throw new AppError('UNAUTHENTICATED', 'Invalid refresh token.');
      if (s.revoked_at) {
        await repo.revokeFamily(tx, s.family_id, now);
        await this.deps.audit.record(tx, ctx, {
          action: 'identity.session.reuse',
          subjectType: 'session',
          subjectId: s.id,
          details: { family: s.family_id },
        });
        return null;
      }
      if (s.expires_at <= now)
        throw new AppError('UNAUTHENTICATED', 'The session has expired; log in again.');
      const user = await repo.get(tx, s.user_id);
      if (!user || user.status !== 'active') throw new AppError('UNAUTHENTICATED', 'Invalid refresh token.');
      // A disabled organisation ends its users' access: no new tokens from old sessions either.
      if ((await organisationsRepo.get(tx, user.org_id))?.status !== 'active')
        throw new AppError('UNAUTHENTICATED', 'Invalid refresh token.');
      const roles = (await repo.roles(tx, user.id)).filter(isRole);
      // A duty granted since login needs the second factor: refreshing cannot carry a weaker session over.
      if (requiresTotp(roles) && s.mfa !== 1) {
        throw new AppError(
          'TOTP_REQUIRED',
          'Your role requires a second factor: log in again with your authenticator code.',
        );
      }
      await repo.revokeSession(tx, s.id, now);
      return this.openSession(tx, ctx, user, roles, s.mfa === 1, s.family_id);
    }).then((r) => {
      // The family revocation above must commit before we refuse, hence the null round-trip.
      if (!r)
        throw new AppError(
          'UNAUTHENTICATED',
          'This refresh token was already used; the session has been ended.',
        );
      return r;
    });
  }

  /** Ends the caller's session. */
  async logout(ctx: RequestContext): Promise<void> {
    const sid = ctx.actor.sessionId;
    if (ctx.actor.kind !== 'user' || !sid) throw new AppError('UNAUTHENTICATED', 'Authentication required.');
    await inTx(this.deps, async (tx) => {
      await repo.revokeSession(tx, sid, this.deps.clock.now().toISOString());
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.session.end',
        subjectType: 'session',
        subjectId: sid,
      });
    });
  }

  /** Starts TOTP enrolment: a new secret, stored sealed and not yet active. */
  async enrollTotp(ctx: RequestContext, input: unknown): Promise<{ secret: string; otpauthUri: string }> {
    const { enrollmentToken } = parseInput(totpEnrollSchema, input);
    const user = await this.enrollmentUser(enrollmentToken);
    const secret = newTotpSecret();
    await inTx(this.deps, async (tx) => {
      await repo.update(tx, user.id, {
        totp_secret_enc: sealSecret(this.deps.keyring, `totp:${user.id}`, secret),
        totp_enabled: 0,
      });
      await this.deps.audit.record(
        tx,
        { ...ctx, actor: userActor(user, [], false) },
        {
          action: 'identity.user.totp.enroll',
          subjectType: 'user',
          subjectId: user.id,
          orgId: user.org_id,
        },
      );
    });
    return { secret, otpauthUri: totpUri(secret, user.username) };
  }

  /** Completes TOTP enrolment with a first valid code. */
  async confirmTotp(ctx: RequestContext, input: unknown): Promise<void> {
    const v = parseInput(totpConfirmSchema, input);
    const user = await this.enrollmentUser(v.enrollmentToken);
    if (!user.totp_secret_enc) throw new AppError('UNPROCESSABLE', 'Start enrolment first.');
    const step = matchTotp(
      openSecret(this.deps.keyring, `totp:${user.id}`, user.totp_secret_enc),
      v.totpCode,
      this.deps.clock.now(),
    );
    if (step === null) throw new AppError('UNAUTHENTICATED', 'The authenticator code is wrong.');
    await inTx(this.deps, async (tx) => {
      await repo.update(tx, user.id, { totp_enabled: 1, totp_last_step: step });
      await this.deps.audit.record(
        tx,
        { ...ctx, actor: userActor(user, [], false) },
        {
          action: 'identity.user.totp.confirm',
          subjectType: 'user',
          subjectId: user.id,
          orgId: user.org_id,
        },
      );
    });
  }

  /** Changes the caller's own password. */
  async changePassword(ctx: RequestContext, input: unknown): Promise<void> {
    const v = parseInput(changePasswordSchema, input);
    if (ctx.actor.kind !== 'user' || !ctx.actor.id)
      throw new AppError('UNAUTHENTICATED', 'Authentication required.');
    const user = await repo.get(this.deps.db.kysely, ctx.actor.id);
    if (!user || !(await verifyPassword(v.currentPassword, user.password_hash))) {
      throw new AppError('VALIDATION_FAILED', 'The current password is wrong.', {
        fields: [{ field: 'currentPassword', code: 'WRONG', message: 'the current password is wrong' }],
      });
    }
    if (passwordProblems(v.newPassword)) throw new AppError('VALIDATION_FAILED', 'Weak password.');
    const hash = await hashPassword(v.newPassword);
    await inTx(this.deps, async (tx) => {
      await repo.update(tx, user.id, {
        password_hash: hash,
        updated_at: this.deps.clock.now().toISOString(),
      });
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.user.password.change',
        subjectType: 'user',
        subjectId: user.id,
        orgId: user.org_id,
      });
    });
  }

  /** Turns a bearer token into an actor: verifies it, then checks the session, user and roles are still live. */
  async authenticateUser(token: string): Promise<Actor> {
    const claims = await verifyToken(this.deps.keyring, token, this.deps.clock.now());
    if (claims.kind !== 'user' || !claims.sid) throw new AppError('UNAUTHENTICATED', 'Invalid access token.');
    const db = this.deps.db.kysely;
    const [session, user, org] = await Promise.all([
      repo.session(db, claims.sid),
      repo.get(db, claims.sub),
      organisationsRepo.get(db, claims.org),
    ]);
    // Disabling a user or their organisation takes effect at once, not when the access token expires.
    if (
      !session ||
      session.revoked_at ||
      !user ||
      user.status !== 'active' ||
      org?.id !== user.org_id ||
      org.status !== 'active'
    ) {
      throw new AppError('UNAUTHENTICATED', 'The session has ended; log in again.');
    }
    const roles = (await repo.roles(db, user.id)).filter(isRole);
    // A duty granted after this session began still needs the second factor: no silent upgrade.
    if (requiresTotp(roles) && session.mfa !== 1) {
      throw new AppError(
        'TOTP_REQUIRED',
        'Your role requires a second factor: log in again with your authenticator code.',
      );
    }
    return userActor(user, roles, session.mfa === 1, session.id);
  }

  private async enrollmentUser(token: string): Promise<UserRow> {
    const claims = await verifyToken(this.deps.keyring, token, this.deps.clock.now());
    if (claims.kind !== 'totp-enroll') throw new AppError('UNAUTHENTICATED', 'Invalid enrolment token.');
    const user = await repo.get(this.deps.db.kysely, claims.sub);
    if (!user || user.status !== 'active') throw new AppError('UNAUTHENTICATED', 'Invalid enrolment token.');
    if (user.totp_enabled === 1) throw new AppError('CONFLICT', 'A second factor is already enrolled.');
    return user;
  }

  private async openSession(
    tx: AnyTx,
    ctx: RequestContext,
    user: UserRow,
    roles: Role[],
    mfa: boolean,
    /** The family of the refreshed session; null for a login, whose session starts its own family. */
    familyId: string | null,
  ): Promise<SessionTokens> {
    const now = this.deps.clock.now();
    const refreshToken = randomToken(32);
    const sid = newId();
    const family = familyId ?? sid;
    await repo.insertSession(tx, {
      id: sid,
      user_id: user.id,
      refresh_hash: sha256(refreshToken),
      family_id: family,
      mfa: mfa ? 1 : 0,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.deps.config.refreshTokenTtlSeconds * 1000).toISOString(),
      revoked_at: null,
      ip: ctx.ip ?? null,
    });
    await this.deps.audit.record(
      tx,
      { ...ctx, actor: userActor(user, roles, mfa, sid) },
      {
        action: familyId === null ? 'identity.session.start' : 'identity.session.refresh',
        subjectType: 'session',
        subjectId: sid,
        orgId: user.org_id,
        details: { mfa },
      },
    );
    const ttl = this.deps.config.accessTokenTtlSeconds;
    const accessToken = await signToken(
      this.deps.keyring,
      { sub: user.id, kind: 'user', org: user.org_id, sid, mfa },
      ttl,
      now,
    );
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ttl,
      refreshToken,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        orgId: user.org_id,
        roles,
      },
    };
  }

  private async recordFailure(
    ctx: RequestContext,
    user: UserRow,
    factor: 'password' | 'totp',
  ): Promise<void> {
    const now = this.deps.clock.now();
    await inTx(this.deps, async (tx) => {
      const fresh = await repo.get(tx, user.id);
      const failures = (fresh?.failed_logins ?? 0) + 1;
      const lock = failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
      await repo.update(tx, user.id, {
        failed_logins: lock ? 0 : failures,
        ...(lock && { locked_until: lock }),
      });
      await this.deps.audit.record(tx, ctx, {
        action: lock ? 'identity.user.lock' : 'identity.login.fail',
        subjectType: 'user',
        subjectId: user.id,
        orgId: user.org_id,
        details: { factor, failures },
      });
    });
  }
}

/** The actor for a user row. */
export function userActor(user: UserRow, roles: Role[], mfa: boolean, sessionId?: string): Actor {
  return {
    kind: 'user',
    id: user.id,
    orgId: user.org_id,
    roles,
    scopes: [],
    mfa,
    ...(sessionId && { sessionId }),
  };
}
