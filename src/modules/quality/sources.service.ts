import { z } from 'zod';
import {
  authorize,
  conflict,
  CryptoError,
  fieldError,
  getProfile,
  newId,
  notFound,
  parseInput,
  text,
  type RequestContext,
} from '../../kernel/index.js';
import type { QualityDeps } from './quality.deps.js';
import { qualityRepo as repo } from './quality.repository.js';
import {
  createConnectionGuard,
  httpJsonSource,
  pgSource,
  type ConnectionGuard,
  type RecordSource,
} from './sources/index.js';
import type { SourceRow } from './tables.js';

// Source connections are registered by secadmin, never typed in by stewards: a steward picks a registered
// source for a job. Credentials are sealed under a key derived from the keyring's master secret and never
// shown again. Every registration and every run passes the connection guard: the platform's own database is
// always refused, loopback and private addresses only when the operator's allow-list names them.

const LABEL = 'orderly/quality-sources/v1';
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a column name');

const pgConfig = z.strictObject({
  kind: z.literal('postgres'),
  name: text(100),
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1).max(63),
  user: z.string().trim().min(1).max(63),
  password: z.string().max(1000).optional(),
  ssl: z.boolean().default(false),
  /** One SELECT; ORDER BY a unique key makes a full pull resumable exactly. */
  query: z
    .string()
    .trim()
    .min(1)
    .max(20_000)
    .regex(/^\s*(select|with)\b/i, 'must be a SELECT'),
  incrementalColumn: identifier.optional(),
});
const httpConfig = z.strictObject({
  kind: z.literal('http'),
  name: text(100),
  url: z.url().max(2000),
  itemsPath: z.string().max(200).default(''),
  pagination: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({
      kind: z.literal('page'),
      pageParam: z.string().min(1).max(50),
      sizeParam: z.string().min(1).max(50).optional(),
      size: z.number().int().min(1).max(10_000),
      startAt: z.number().int().min(0).optional(),
    }),
    z.strictObject({
      kind: z.literal('cursor'),
      cursorParam: z.string().min(1).max(50),
      nextCursorPath: z.string().min(1).max(200),
    }),
  ]),
  maxPages: z.number().int().min(1).max(1_000_000).optional(),
  /** Request headers (e.g. an API key): sealed like a password. */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(4000)).optional(),
});
export const sourceSchema = z.discriminatedUnion('kind', [pgConfig, httpConfig]);

/** A source as listed (no secrets, ever). */
export function presentSource(r: SourceRow) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    config: JSON.parse(r.config) as Record<string, unknown>,
    hasSecret: r.secret !== null,
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** Registering and opening remote sources. */
export class SourcesService {
  private readonly guard: ConnectionGuard;
  private readonly profile;

  constructor(private readonly deps: QualityDeps) {
    this.profile = getProfile(deps.cryptoProfile);
    this.guard = createConnectionGuard({
      platformDb: platformDb(deps.db.description),
      allowList: deps.sourceAllowList,
    });
  }

  private key(masterId: string): Buffer {
    const secret = this.deps.keyring.secrets('master').find((s) => s.id === masterId);
    if (!secret) throw new CryptoError('the master secret of a source is missing');
    return this.profile.hmac(secret.value, LABEL).subarray(0, 32);
  }

  /** secadmin registers a source; the guard runs now and again at every pull. */
  async register(ctx: RequestContext, input: unknown) {
    authorize(ctx, 'security.policy');
    const s = parseInput(sourceSchema, input);
    try {
      if (s.kind === 'postgres')
        await this.guard.checkPg({ host: s.host, port: s.port, database: s.database });
      else await this.guard.checkUrl(s.url);
    } catch (e) {
      throw fieldError(
        s.kind === 'postgres' ? 'host' : 'url',
        'REFUSED',
        e instanceof Error ? e.message : String(e),
      );
    }
    const id = newId();
    const secrets =
      s.kind === 'postgres'
        ? s.password
          ? { password: s.password }
          : null
        : s.headers
          ? { headers: s.headers }
          : null;
    const master = this.deps.keyring.currentSecret('master');
    const { password: _p, headers: _h, ...config } = s as typeof s & { password?: string; headers?: unknown };
    const now = this.deps.clock.now().toISOString();
    const row: SourceRow = {
      id,
      name: s.name,
      kind: s.kind,
      config: JSON.stringify(config),
      secret: secrets
        ? this.profile.encrypt(this.key(master.id), Buffer.from(JSON.stringify(secrets)), Buffer.from(id))
        : null,
      master_id: secrets ? master.id : null,
      status: 'active',
      created_by: ctx.actor.id!,
      created_at: now,
      updated_at: now,
    };
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      await repo.insertSource(tx, row);
      await this.deps.audit.record(tx, ctx, {
        action: 'quality.source.register',
        subjectType: 'quality_source',
        subjectId: id,
        details: { kind: s.kind, name: s.name },
      });
    });
    return presentSource(row);
  }

  /** Sources for stewards to pick from (no secrets). */
  async list(ctx: RequestContext) {
    if (!ctx.actor.roles.some((r) => r === 'secadmin' || r === 'steward')) authorize(ctx, 'security.policy');
    return (await repo.sources(this.deps.db.kysely)).filter((s) => s.status === 'active').map(presentSource);
  }

  /** secadmin disables a source (jobs can no longer use it). */
  async disable(ctx: RequestContext, id: string) {
    authorize(ctx, 'security.policy');
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const s = await repo.source(tx, id);
      if (!s) throw notFound('Source');
      if (s.status !== 'active') throw conflict('The source is already disabled.');
      await repo.updateSource(tx, id, {
        status: 'disabled',
        updated_at: this.deps.clock.now().toISOString(),
      });
      await this.deps.audit.record(tx, ctx, {
        action: 'quality.source.disable',
        subjectType: 'quality_source',
        subjectId: id,
      });
      return presentSource({ ...s, status: 'disabled' });
    });
  }

  /** The record source of a registered connection (internal: the runner opens it). */
  async open(sourceId: string, after: string | null): Promise<RecordSource> {
    const s = await repo.source(this.deps.db.kysely, sourceId);
    if (!s || s.status !== 'active') throw new Error('the source is gone or disabled');
    const config = JSON.parse(s.config) as z.output<typeof sourceSchema>;
    const secrets = s.secret
      ? (JSON.parse(
          this.profile.decrypt(this.key(s.master_id!), Buffer.from(s.secret), Buffer.from(s.id)).toString(),
        ) as {
          password?: string;
          headers?: Record<string, string>;
        })
      : {};
    if (config.kind === 'postgres')
      return pgSource(
        {
          host: config.host,
          port: config.port,
          database: config.database,
          user: config.user,
          ssl: config.ssl,
          ...(secrets.password && { password: secrets.password }),
        },
        {
          query: config.query,
          ...(config.incrementalColumn && {
            incremental: { column: config.incrementalColumn, ...(after && { after }) },
          }),
        },
        this.guard,
      );
    return httpJsonSource(
      {
        url: config.url,
        itemsPath: config.itemsPath,
        pagination: config.pagination,
        ...(config.maxPages && { maxPages: config.maxPages }),
        ...(secrets.headers && { headers: secrets.headers }),
      },
      this.guard,
    );
  }

  /** Whether a source pulls incrementally (then jobs continue from the last watermark). */
  async incremental(sourceId: string): Promise<boolean> {
    const s = await repo.source(this.deps.db.kysely, sourceId);
    return (
      !!s &&
      s.kind === 'postgres' &&
      !!(JSON.parse(s.config) as { incrementalColumn?: string }).incrementalColumn
    );
  }
}

// The platform's own database from the open handle's description (a URL without its password).
function platformDb(description: string): { host: string; port: number; database: string } | 'sqlite' {
  if (description.startsWith('sqlite:')) return 'sqlite';
  const u = new URL(description);
  return {
    host: u.hostname || 'localhost',
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}
