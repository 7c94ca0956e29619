import { z } from 'zod';
import {
  AppError,
  DUTY_ROLES,
  newId,
  parseInput,
  randomToken,
  text,
  type RequestContext,
} from '../../kernel/index.js';
import { hashPassword } from './domain/password.js';
import { newTotpSecret } from './domain/totp.js';
import { inTx, type IdentityDeps } from './identity.deps.js';
import { createOrganisationSchema } from './identity.schemas.js';
import { sealSecret } from './key-custody.js';
import type { OrganisationsService } from './organisations.service.js';
import { usersRepo } from './users.repository.js';

// First start: on an empty database only, create the operator organisation (the data bureau) and the three
// separated duties — sysadmin, secadmin, auditor — each with a password and an enrolled TOTP secret. This is
// the one place where users appear without an administrator, so it refuses to run twice and is recorded as
// evidence like everything else.

const bootstrapSchema = z.strictObject({
  operator: createOrganisationSchema.omit({ isOperator: true, parentId: true }),
  users: z
    .array(
      z.strictObject({
        role: z.enum(DUTY_ROLES),
        username: z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z][a-z0-9._-]{2,39}$/),
        displayName: text(50),
        password: z.string().min(10).max(200).optional(),
        totpSecret: z
          .string()
          .regex(/^[A-Z2-7]{16,64}$/)
          .optional(),
      }),
    )
    .length(3)
    .refine((u) => new Set(u.map((x) => x.role)).size === 3, {
      message: 'one user for each of sysadmin, secadmin, auditor',
    }),
});
export type BootstrapInput = z.input<typeof bootstrapSchema>;

/** Credentials created by bootstrap, shown once. */
export interface BootstrapResult {
  operatorOrgId: string;
  users: { username: string; role: string; password: string; totpSecret: string; userId: string }[];
}

/** One-time platform bootstrap. */
export class BootstrapService {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly orgs: OrganisationsService,
  ) {}

  /** True when no user exists yet. */
  async isEmpty(): Promise<boolean> {
    return (await usersRepo.count(this.deps.db.kysely)) === 0;
  }

  /** Creates the operator and the three duties; refuses when any user exists. */
  async run(ctx: RequestContext, input: BootstrapInput): Promise<BootstrapResult> {
    if (ctx.actor.kind !== 'system')
      throw new AppError('FORBIDDEN', 'Bootstrap runs only from the command line on a new platform.');
    const v = parseInput(bootstrapSchema, input);
    const prepared = await Promise.all(
      v.users.map(async (u) => {
        const password = u.password ?? `Or-${randomToken(12)}`;
        return {
          ...u,
          password,
          hash: await hashPassword(password),
          totpSecret: u.totpSecret ?? newTotpSecret(),
        };
      }),
    );
    return inTx(this.deps, async (tx) => {
      if ((await usersRepo.count(tx)) > 0) {
        throw new AppError('CONFLICT', 'The platform is already bootstrapped (users exist).');
      }
      const org = await this.orgs.insert(tx, ctx, { ...v.operator, isOperator: true });
      const now = this.deps.clock.now().toISOString();
      const out: BootstrapResult['users'] = [];
      for (const u of prepared) {
        const id = newId();
        await usersRepo.insert(tx, {
          id,
          org_id: org.id,
          username: u.username,
          display_name: u.displayName,
          email: null,
          phone: null,
          password_hash: u.hash,
          status: 'active',
          failed_logins: 0,
          locked_until: null,
          totp_secret_enc: sealSecret(this.deps.keyring, `totp:${id}`, u.totpSecret),
          totp_enabled: 1,
          totp_last_step: null,
          created_at: now,
          updated_at: now,
        });
        await usersRepo.addRole(tx, id, u.role, now, null);
        await this.deps.audit.record(tx, ctx, {
          action: 'identity.bootstrap.user',
          subjectType: 'user',
          subjectId: id,
          orgId: org.id,
          change: { username: u.username, role: u.role },
          details: { role: u.role },
        });
        out.push({
          username: u.username,
          role: u.role,
          password: u.password,
          totpSecret: u.totpSecret,
          userId: id,
        });
      }
      return { operatorOrgId: org.id, users: out };
    });
  }
}
