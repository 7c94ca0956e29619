import {
  AppError,
  authorize,
  conflict,
  fieldError,
  flag,
  getProfile,
  isUniqueViolation,
  keyFingerprint,
  newId,
  notFound,
  parseInput,
  parsePublicKey,
  regionName,
  requireUser,
  scopeOf,
  toFlag,
  type AnyTx,
  type KeyPairInfo,
  type ProfileName,
  type RequestContext,
} from '../../kernel/index.js';
import { inTx, type IdentityDeps } from './identity.deps.js';
import {
  createOrganisationSchema,
  listQuerySchema,
  registerKeySchema,
  rotateKeySchema,
  updateOrganisationSchema,
  type CreateOrganisationInput,
  type UpdateOrganisationInput,
} from './identity.schemas.js';
import { wrapPrivateKey } from './key-custody.js';
import { organisationsRepo as repo } from './organisations.repository.js';
import { presentOrganisation, presentOrgKey, type Organisation, type OrgKey } from './presenters.js';
import type { OrgKeyRow } from './tables.js';

const PROFILES: ProfileName[] = ['intl', 'sm'];
const PURPOSES = ['signing', 'encryption'] as const;

/** A newly generated key, with its private half shown exactly once. */
export interface GeneratedKey extends OrgKey {
  privateKeyPem: string;
  privateKeyHex: string | null;
}

/** Organisations (部门/单位) and their key pairs. */
export class OrganisationsService {
  constructor(
    private readonly deps: IdentityDeps,
    /** Called after an organisation changed (the client-token cache drops what it holds). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Registers an organisation (sysadmin); generates its key pairs in both profiles unless told not to. */
  async create(ctx: RequestContext, input: CreateOrganisationInput): Promise<Organisation> {
    authorize(ctx, 'org.write');
    const v = parseInput(createOrganisationSchema, input);
    return inTx(this.deps, async (tx) => {
      if (await repo.byUscc(tx, v.uscc))
        throw conflict('An organisation with this USCC already exists.', 'uscc');
      if (v.parentId && !(await repo.get(tx, v.parentId)))
        throw fieldError('parentId', 'NOT_FOUND', 'parent organisation not found');
      if (v.isOperator && (await this.operatorExists(tx))) {
        throw conflict('An operator organisation already exists.', 'isOperator');
      }
      return this.insert(tx, ctx, v);
    });
  }

  /** Inserts a validated organisation inside an open transaction (used by bootstrap as well). */
  async insert(
    tx: AnyTx,
    ctx: RequestContext,
    v: ReturnType<typeof createOrganisationSchema.parse>,
  ): Promise<Organisation> {
    const now = this.deps.clock.now().toISOString();
    const row = {
      id: newId(),
      name: v.name,
      short_name: v.shortName ?? null,
      uscc: v.uscc,
      region_code: v.regionCode,
      level: v.level,
      parent_id: v.parentId ?? null,
      is_operator: toFlag(v.isOperator ?? false),
      contact_name: v.contactName ?? null,
      contact_phone: v.contactPhone ?? null,
      contact_email: v.contactEmail ?? null,
      status: 'active',
      created_at: now,
      updated_at: now,
    };
    try {
      await repo.insert(tx, row);
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('An organisation with this USCC already exists.', 'uscc');
      throw e;
    }
    const org = presentOrganisation(row);
    await this.deps.audit.record(tx, ctx, {
      action: 'identity.org.create',
      subjectType: 'organisation',
      subjectId: row.id,
      orgId: row.id,
      change: org,
      details: { level: row.level, regionCode: row.region_code },
    });
    if ((v.keys ?? 'generate') === 'generate') {
      for (const profile of PROFILES)
        for (const purpose of PURPOSES) await this.generateKey(tx, ctx, row.id, purpose, profile);
    }
    return org;
  }

  /** Changes an organisation's attributes (sysadmin). */
  async update(ctx: RequestContext, id: string, input: UpdateOrganisationInput): Promise<Organisation> {
    authorize(ctx, 'org.write');
    const v = parseInput(updateOrganisationSchema, input);
    return inTx(this.deps, async (tx) => {
      const before = await repo.get(tx, id);
      if (!before) throw notFound('Organisation');
      if (v.parentId) {
        if (v.parentId === id)
          throw fieldError('parentId', 'CYCLE', 'an organisation cannot be its own parent');
        if (!(await repo.get(tx, v.parentId)))
          throw fieldError('parentId', 'NOT_FOUND', 'parent organisation not found');
      }
      if (v.status === 'disabled' && flag(before.is_operator)) {
        throw new AppError('UNPROCESSABLE', 'The operator organisation cannot be disabled.');
      }
      const patch = {
        ...(v.name !== undefined && { name: v.name }),
        ...(v.shortName !== undefined && { short_name: v.shortName }),
        ...(v.regionCode !== undefined && { region_code: v.regionCode }),
        ...(v.level !== undefined && { level: v.level }),
        ...(v.parentId !== undefined && { parent_id: v.parentId }),
        ...(v.contactName !== undefined && { contact_name: v.contactName }),
        ...(v.contactPhone !== undefined && { contact_phone: v.contactPhone }),
        ...(v.contactEmail !== undefined && { contact_email: v.contactEmail }),
        ...(v.status !== undefined && { status: v.status }),
        updated_at: this.deps.clock.now().toISOString(),
      };
      await repo.update(tx, id, patch);
      const after = presentOrganisation({ ...before, ...patch });
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.org.update',
        subjectType: 'organisation',
        subjectId: id,
        orgId: id,
        change: { before: presentOrganisation(before), after },
      });
      return after;
    }).finally(() => this.onChange());
  }

  /** One organisation, if the actor may see it. */
  async get(ctx: RequestContext, id: string): Promise<Organisation> {
    authorize(ctx, 'org.read', id);
    const row = await repo.get(this.deps.db.kysely, id);
    if (!row) throw notFound('Organisation');
    return presentOrganisation(row);
  }

  /** The actor's own organisation (every user may read it). */
  async own(ctx: RequestContext): Promise<Organisation> {
    requireUser(ctx);
    const row = await repo.get(this.deps.db.kysely, ctx.actor.orgId ?? '-');
    if (!row) throw notFound('Organisation');
    return presentOrganisation(row);
  }

  /** Organisations the actor may see (all for platform roles; the own one otherwise). */
  async list(ctx: RequestContext, query: unknown = {}): Promise<Organisation[]> {
    authorize(ctx, 'org.read');
    const q = parseInput(listQuerySchema, query);
    const all = scopeOf(ctx, 'org.read') === 'platform';
    const rows = await repo.list(this.deps.db.kysely, {
      q: q.q,
      onlyId: all ? undefined : (ctx.actor.orgId ?? '-'),
      limit: q.limit,
      offset: q.offset,
    });
    return rows.map(presentOrganisation);
  }

  /** Counts for the overview (organisations by level). */
  async statsByLevel(ctx: RequestContext): Promise<{ level: string; n: number }[]> {
    authorize(ctx, 'org.read');
    return repo.countByLevel(this.deps.db.kysely);
  }

  /** Counts for the overview (organisations by region). */
  async statsByRegion(
    ctx: RequestContext,
  ): Promise<{ regionCode: string; regionName: string | null; n: number }[]> {
    authorize(ctx, 'org.read');
    const rows = await repo.countByRegion(this.deps.db.kysely);
    return rows.map((r) => ({
      regionCode: r.regionCode,
      regionName: regionName(r.regionCode) ?? null,
      n: r.n,
    }));
  }

  /** All keys (active and retired) of an organisation: public parts only. */
  async keys(ctx: RequestContext, orgId: string): Promise<OrgKey[]> {
    authorize(ctx, 'org.key.read', orgId);
    if (!(await repo.get(this.deps.db.kysely, orgId))) throw notFound('Organisation');
    return (await repo.keys(this.deps.db.kysely, orgId)).map(presentOrgKey);
  }

  /** Registers a public key generated outside the platform; the previous active key of that kind retires. */
  async registerKey(ctx: RequestContext, orgId: string, input: unknown): Promise<OrgKey> {
    authorize(ctx, 'org.key.write', orgId);
    const v = parseInput(registerKeySchema, input);
    if (!v.publicKeyPem && !v.publicKeyHex)
      throw fieldError('publicKeyPem', 'REQUIRED', 'give publicKeyPem or publicKeyHex');
    let info;
    try {
      info = parsePublicKey({
        pem: v.publicKeyPem,
        hex: v.publicKeyHex,
        alg: v.publicKeyHex ? 'SM2' : undefined,
      });
    } catch (e) {
      throw fieldError(
        'publicKeyPem',
        'INVALID_KEY',
        e instanceof Error ? e.message : 'not a supported public key',
      );
    }
    const want = expectedAlg(v.profile, v.purpose);
    if (info.alg !== want)
      throw fieldError(
        'publicKeyPem',
        'WRONG_ALG',
        `a ${v.profile} ${v.purpose} key must be ${want}, got ${info.alg}`,
      );
    return inTx(this.deps, async (tx) => {
      if (!(await repo.get(tx, orgId))) throw notFound('Organisation');
      const row = await this.replaceKey(tx, ctx, orgId, v.purpose, v.profile, {
        alg: info.alg,
        public_pem: info.publicPem,
        public_hex: info.publicHex ?? null,
        fingerprint: keyFingerprint(info),
        private_enc: null,
        origin: 'registered',
      });
      return presentOrgKey(row);
    });
  }

  /** Generates a new key pair of a kind, retiring the old one; the private key is returned once. */
  async rotateKey(ctx: RequestContext, orgId: string, input: unknown): Promise<GeneratedKey> {
    authorize(ctx, 'org.key.write', orgId);
    const v = parseInput(rotateKeySchema, input);
    return inTx(this.deps, async (tx) => {
      if (!(await repo.get(tx, orgId))) throw notFound('Organisation');
      return this.generateKey(tx, ctx, orgId, v.purpose, v.profile);
    });
  }

  private async generateKey(
    tx: AnyTx,
    ctx: RequestContext,
    orgId: string,
    purpose: 'signing' | 'encryption',
    profileName: ProfileName,
  ): Promise<GeneratedKey> {
    const profile = getProfile(profileName);
    const pair: KeyPairInfo =
      purpose === 'signing' ? profile.generateSigningKeyPair() : profile.generateEncryptionKeyPair();
    const id = newId();
    const row = await this.replaceKey(
      tx,
      ctx,
      orgId,
      purpose,
      profileName,
      {
        alg: pair.alg,
        public_pem: pair.publicPem,
        public_hex: pair.publicHex ?? null,
        fingerprint: keyFingerprint(pair),
        private_enc: wrapPrivateKey(this.deps.keyring, id, pair),
        origin: 'generated',
      },
      id,
    );
    return { ...presentOrgKey(row), privateKeyPem: pair.privatePem, privateKeyHex: pair.privateHex ?? null };
  }

  private async replaceKey(
    tx: AnyTx,
    ctx: RequestContext,
    orgId: string,
    purpose: string,
    profile: string,
    key: Pick<OrgKeyRow, 'alg' | 'public_pem' | 'public_hex' | 'fingerprint' | 'private_enc' | 'origin'>,
    id = newId(),
  ): Promise<OrgKeyRow> {
    const now = this.deps.clock.now().toISOString();
    const old = await repo.activeKey(tx, orgId, purpose, profile);
    if (old) await repo.retireKey(tx, old.id, now);
    const row: OrgKeyRow = {
      id,
      org_id: orgId,
      purpose,
      profile,
      ...key,
      status: 'active',
      created_at: now,
      retired_at: null,
    };
    await repo.insertKey(tx, row);
    await this.deps.audit.record(tx, ctx, {
      action: old ? 'identity.org.key.rotate' : 'identity.org.key.create',
      subjectType: 'org_key',
      subjectId: id,
      orgId,
      change: {
        fingerprint: key.fingerprint,
        purpose,
        profile,
        alg: key.alg,
        origin: key.origin,
        retired: old?.id ?? null,
      },
      details: { fingerprint: key.fingerprint, purpose, profile, origin: key.origin },
    });
    return row;
  }

  private async operatorExists(tx: AnyTx): Promise<boolean> {
    return (await repo.operator(tx)) !== undefined;
  }
}

function expectedAlg(profile: ProfileName, purpose: 'signing' | 'encryption'): string {
  if (profile === 'sm') return 'SM2';
  return purpose === 'signing' ? 'Ed25519' : 'X25519';
}
