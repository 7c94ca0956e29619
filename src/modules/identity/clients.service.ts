import { createHash, createPublicKey } from 'node:crypto';
import {
  AppError,
  authorize,
  can,
  fieldError,
  newId,
  notFound,
  parseInput,
  parsePublicKey,
  randomToken,
  scopeOf,
  timingSafeEqualHex,
  type Actor,
  type RequestContext,
} from '../../kernel/index.js';
import { assertionSubject, verifyAssertion } from './client-assertion.js';
import { ClientTokenCache, type CachedClient } from './client-token-cache.js';
import { clientsRepo as repo } from './clients.repository.js';
import { identityEpoch } from './epoch.repository.js';
import { ipAllowed } from './domain/ip-allow.js';
import { inTx, type IdentityDeps } from './identity.deps.js';
import {
  createClientSchema,
  listQuerySchema,
  tokenRequestSchema,
  updateClientSchema,
  type CreateClientInput,
  type UpdateClientInput,
} from './identity.schemas.js';
import { organisationsRepo } from './organisations.repository.js';
import { presentClient, type ApiClient } from './presenters.js';
import { signToken, verifyToken } from './tokens.js';

// API clients for system-to-system calls, bound to one organisation. They authenticate with a client
// assertion (RFC 7523, signed by their registered key) or a client secret, optionally only from listed IP
// ranges, and receive short-lived scoped access tokens.

const SECRET_PREFIX = 'ocs_';

function secretHash(secret: string): string {
  // Client secrets are 256-bit random values, so a fast hash is enough (no dictionary to resist).
  return createHash('sha256').update(secret).digest('hex');
}

/** The response of the token endpoint (RFC 6749 §5.1). */
export interface ClientToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** API client registration and authentication. */
export class ClientsService {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly tokens = new ClientTokenCache(() => identityEpoch.read(deps.db.kysely)),
  ) {}

  /** Registers a client; a client_secret client receives its secret once in the response. */
  async create(
    ctx: RequestContext,
    input: CreateClientInput,
  ): Promise<ApiClient & { clientSecret?: string }> {
    const v = parseInput(createClientSchema, input);
    authorize(ctx, 'client.write', v.orgId);
    let publicPem: string | null = null;
    let publicAlg: string | null = null;
    if (v.authMethod === 'private_key_jwt' && v.publicKeyPem) {
      try {
        const k = parsePublicKey({ pem: v.publicKeyPem });
        publicPem = k.publicPem;
        publicAlg = k.alg;
      } catch {
        publicPem = null;
      }
      const ecP256 = !publicPem && isP256(v.publicKeyPem);
      if (ecP256) {
        publicPem = v.publicKeyPem.trim() + '\n';
        publicAlg = 'P-256';
      }
      if (!publicPem || publicAlg === 'X25519') {
        throw fieldError('publicKeyPem', 'INVALID_KEY', 'must be an Ed25519, P-256 or SM2 public key in PEM');
      }
    }
    const secret = v.authMethod === 'client_secret' ? SECRET_PREFIX + randomToken(32) : undefined;
    return inTx(this.deps, async (tx) => {
      if (!(await organisationsRepo.get(tx, v.orgId))) throw notFound('Organisation');
      const now = this.deps.clock.now().toISOString();
      const row = {
        id: newId(),
        org_id: v.orgId,
        name: v.name,
        auth_method: v.authMethod,
        secret_hash: secret ? secretHash(secret) : null,
        public_pem: publicPem,
        public_alg: publicAlg,
        ip_allow: JSON.stringify(v.ipAllow ?? []),
        scopes: JSON.stringify([...new Set(v.scopes)].sort()),
        status: 'active',
        created_at: now,
        updated_at: now,
      };
      await repo.insert(tx, row);
      const client = presentClient(row);
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.client.create',
        subjectType: 'api_client',
        subjectId: row.id,
        orgId: row.org_id,
        change: client,
        details: { authMethod: row.auth_method },
      });
      return secret ? { ...client, clientSecret: secret } : client;
    });
  }

  /** One client, if visible to the actor. */
  async get(ctx: RequestContext, id: string): Promise<ApiClient> {
    authorize(ctx, 'client.read');
    const row = await repo.get(this.deps.db.kysely, id);
    if (!row || !can(ctx, 'client.read', row.org_id)) throw notFound('API client');
    return presentClient(row);
  }

  /** Clients visible to the actor. */
  async list(ctx: RequestContext, query: unknown = {}): Promise<ApiClient[]> {
    authorize(ctx, 'client.read');
    const q = parseInput(listQuerySchema, query);
    const orgId = scopeOf(ctx, 'client.read') === 'platform' ? q.orgId : (ctx.actor.orgId ?? '-');
    return (await repo.list(this.deps.db.kysely, { orgId, limit: q.limit, offset: q.offset })).map(
      presentClient,
    );
  }

  /** Changes name, allow-list, scopes or status (disabling stops new tokens at once). */
  async update(ctx: RequestContext, id: string, input: UpdateClientInput): Promise<ApiClient> {
    const v = parseInput(updateClientSchema, input);
    return inTx(this.deps, async (tx) => {
      const before = await repo.get(tx, id);
      authorize(ctx, 'client.write', before?.org_id ?? null);
      if (!before) throw notFound('API client');
      const patch = {
        ...(v.name !== undefined && { name: v.name }),
        ...(v.ipAllow !== undefined && { ip_allow: JSON.stringify(v.ipAllow) }),
        ...(v.scopes !== undefined && { scopes: JSON.stringify([...new Set(v.scopes)].sort()) }),
        ...(v.status !== undefined && { status: v.status }),
        updated_at: this.deps.clock.now().toISOString(),
      };
      await repo.update(tx, id, patch);
      const after = presentClient({ ...before, ...patch });
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.client.update',
        subjectType: 'api_client',
        subjectId: id,
        orgId: before.org_id,
        change: { before: presentClient(before), after },
      });
      return after;
    }).finally(() => this.tokens.invalidate());
  }

  /** Issues a new secret for a client_secret client; the old one stops working at once. */
  async rotateSecret(ctx: RequestContext, id: string): Promise<{ clientId: string; clientSecret: string }> {
    return inTx(this.deps, async (tx) => {
      const row = await repo.get(tx, id);
      authorize(ctx, 'client.write', row?.org_id ?? null);
      if (!row) throw notFound('API client');
      if (row.auth_method !== 'client_secret')
        throw new AppError('UNPROCESSABLE', 'This client authenticates with a key, not a secret.');
      const secret = SECRET_PREFIX + randomToken(32);
      await repo.update(tx, id, {
        secret_hash: secretHash(secret),
        updated_at: this.deps.clock.now().toISOString(),
      });
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.client.secret.rotate',
        subjectType: 'api_client',
        subjectId: id,
        orgId: row.org_id,
      });
      return { clientId: id, clientSecret: secret };
    });
  }

  /** The client-credentials token endpoint. */
  async issueToken(ctx: RequestContext, form: unknown): Promise<ClientToken> {
    const v = parseInput(tokenRequestSchema, form);
    const now = this.deps.clock.now();
    const fail = (): never => {
      throw new AppError('UNAUTHENTICATED', 'Client authentication failed.');
    };
    let clientId: string;
    if (v.client_assertion) {
      if (!v.client_assertion_type)
        throw fieldError('client_assertion_type', 'REQUIRED', 'required with client_assertion');
      clientId = assertionSubject(v.client_assertion);
    } else if (v.client_id && v.client_secret) {
      clientId = v.client_id;
    } else {
      throw fieldError(
        'client_assertion',
        'REQUIRED',
        'give client_assertion or client_id and client_secret',
      );
    }
    return inTx(this.deps, async (tx) => {
      const client = await repo.get(tx, clientId);
      if (!client || client.status !== 'active') return fail();
      const org = await organisationsRepo.get(tx, client.org_id);
      if (org?.status !== 'active') return fail();
      if (v.client_assertion) {
        if (client.auth_method !== 'private_key_jwt' || !client.public_pem) return fail();
        const tokenUrl = `${this.deps.config.publicUrl}/api/v1/auth/token`;
        const claims = await verifyAssertion(
          v.client_assertion,
          client.public_pem,
          client.id,
          [tokenUrl, 'orderly'],
          now,
        );
        const fresh = await repo.useJti(
          tx,
          client.id,
          claims.jti,
          new Date(claims.exp * 1000).toISOString(),
          now.toISOString(),
        );
        if (!fresh) throw new AppError('UNAUTHENTICATED', 'This client assertion was already used.');
      } else {
        if (client.auth_method !== 'client_secret' || !client.secret_hash) return fail();
        if (!timingSafeEqualHex(secretHash(v.client_secret!), client.secret_hash)) return fail();
      }
      if (!ipAllowed(JSON.parse(client.ip_allow) as string[], ctx.ip)) {
        throw new AppError('FORBIDDEN', 'This client may not connect from this address.');
      }
      const allowed = JSON.parse(client.scopes) as string[];
      const asked = v.scope ? v.scope.split(/\s+/).filter(Boolean) : allowed;
      const extra = asked.filter((s) => !allowed.includes(s));
      if (extra.length)
        throw new AppError('FORBIDDEN', `Scope not allowed for this client: ${extra.join(' ')}.`);
      const scope = [...new Set(asked)].sort().join(' ');
      const ttl = this.deps.config.accessTokenTtlSeconds;
      const token = await signToken(
        this.deps.keyring,
        { sub: client.id, kind: 'client', org: client.org_id, scope },
        ttl,
        now,
      );
      await this.deps.audit.record(
        tx,
        {
          ...ctx,
          actor: {
            kind: 'client',
            id: client.id,
            orgId: client.org_id,
            roles: [],
            scopes: asked,
            mfa: false,
          },
        },
        {
          action: 'identity.client.token',
          subjectType: 'api_client',
          subjectId: client.id,
          orgId: client.org_id,
          details: { method: client.auth_method, scope },
        },
      );
      return { access_token: token, token_type: 'Bearer' as const, expires_in: ttl, scope };
    });
  }

  /**
   * Turns a client bearer token into an actor; the client and its organisation must still be active and the
   * IP allowed. Outcomes are cached per token (client-token-cache.ts): changes reach every process within
   * the epoch probe period.
   */
  async authenticateClient(token: string, ip: string | undefined): Promise<Actor> {
    const now = this.deps.clock.now().getTime();
    const { hit, generation } = await this.tokens.lookup(token);
    let c = hit;
    if (c && now >= c.expiresAt) {
      this.tokens.forget(token);
      throw new AppError('UNAUTHENTICATED', 'The access token has expired.');
    }
    if (!c) {
      c = await this.checkClientToken(token);
      this.tokens.store(token, c, generation);
    }
    if (!ipAllowed(c.ipAllow, ip))
      throw new AppError('FORBIDDEN', 'This client may not connect from this address.');
    return { kind: 'client', id: c.clientId, orgId: c.orgId, roles: [], scopes: c.scopes, mfa: false };
  }

  private async checkClientToken(token: string): Promise<CachedClient> {
    const claims = await verifyToken(this.deps.keyring, token, this.deps.clock.now());
    if (claims.kind !== 'client' || claims.exp === undefined)
      throw new AppError('UNAUTHENTICATED', 'Invalid access token.');
    const client = await repo.get(this.deps.db.kysely, claims.sub);
    if (!client || client.status !== 'active')
      throw new AppError('UNAUTHENTICATED', 'The client is disabled.');
    // Tokens of a disabled organisation's clients stop at once, as its users' do.
    if ((await organisationsRepo.get(this.deps.db.kysely, client.org_id))?.status !== 'active')
      throw new AppError('UNAUTHENTICATED', 'The client is disabled.');
    return {
      clientId: client.id,
      orgId: client.org_id,
      scopes: (claims.scope ?? '').split(' ').filter(Boolean),
      ipAllow: JSON.parse(client.ip_allow) as string[],
      expiresAt: claims.exp * 1000,
    };
  }
}

function isP256(pem: string): boolean {
  try {
    const k = createPublicKey(pem);
    return k.asymmetricKeyType === 'ec' && k.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}
