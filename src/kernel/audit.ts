import { hash } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { authorize } from './access.js';
import { AUDIT_EVENT_COLUMNS, AUDIT_SALT_COLUMNS, type StoredAuditEvent } from './audit-columns.js';
import { systemClock, type Clock } from './clock.js';
import type { RequestContext } from './context.js';
import type { AnyTx, Engine, EngineMigration } from './db/index.js';
import { engineOf, preparedOnPostgres, tsType } from './db/index.js';
import { newId, poolRandom } from './ids.js';
import { canonicalJson } from './jcs.js';

// The audit port: every state change records an event in the same transaction as the change. An event names
// who did what to which subject, and carries only a salted digest of the change — never personal data in
// clear. The salt stays with the platform so an entitled party given the object and its salt can recompute
// the digest. Rows are append-only (enforced by triggers on both engines). The evidence module later builds
// the Merkle log over these rows.

/** What a service reports about one state change. */
export interface AuditEventInput {
  /** Dotted verb, e.g. 'identity.user.create'. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The organisation the change concerns (for routing and split views). */
  orgId?: string | null;
  /** The change itself; only its salted digest is stored. Must contain no secrets. */
  change?: unknown;
  /** Small non-personal metadata kept in clear (codes, ids, counts). */
  details?: Record<string, string | number | boolean | null>;
}

/** The stored form of an event, as the auditor sees it. */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  requestId: string;
  actorKind: string;
  actorId: string | null;
  actorOrgId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  orgId: string | null;
  changeDigest: string | null;
  digestAlg: string;
  details: Record<string, unknown>;
}

/** Records audit events inside the caller's transaction. */
export interface AuditPort {
  record(tx: AnyTx, ctx: RequestContext, event: AuditEventInput, at?: Date): Promise<string>;
}

interface AuditTables {
  audit_events: StoredAuditEvent;
  audit_salts: { event_id: string; salt: string };
}

// One buffer for salt ‖ JCS: the one-shot digest over it costs about half of a Hash object with two updates
// (measured 1.2 against 2.2 µs for a typical change), and batched appends take one digest per event.
let digestInput = Buffer.allocUnsafe(4096);

/** H(salt ‖ JCS(object)) in hex — the salted digest a court can recompute with public tools. */
export function saltedDigest(hashName: 'sha256' | 'sm3', salt: Buffer, object: unknown): string {
  const jcs = canonicalJson(object);
  const max = salt.length + 3 * jcs.length;
  // A change too large for the shared buffer gets one of its own (not kept: a rare large change must not pin
  // its size in memory).
  if (max > digestInput.length && max <= 65_536) digestInput = Buffer.allocUnsafe(max);
  const buf = max <= digestInput.length ? digestInput : Buffer.allocUnsafe(max);
  salt.copy(buf, 0);
  const n = buf.write(jcs, salt.length, 'utf8');
  return hash(hashName, buf.subarray(0, salt.length + n), 'hex');
}

// The port's two inserts as fixed texts, not built per call: building and compiling them with the query builder
// was about a quarter of a single audited change on SQLite (a transaction with one event went from 0.49–0.50 to
// 0.57–0.63 of a raw autocommit insert, A/B in docs/evidence-benchmarks.md). Both engines then find the statement
// by its text (SQLite's statement cache, a named prepared statement on PostgreSQL). The evidence module reads these
// texts back when it captures the port's rows.

/** `insert into table (columns) values (…)` with `?` placeholders, and its PostgreSQL form (prepared). */
function fixedInsert(table: string, columns: readonly string[]): { sqlite: string; postgres: string } {
  const head = `insert into ${table} (${columns.join(', ')}) values `;
  return {
    sqlite: `${head}(${columns.map(() => '?').join(', ')})`,
    postgres: preparedOnPostgres(`${head}(${columns.map((_, i) => `$${i + 1}`).join(', ')})`),
  };
}

const INSERT_EVENT = fixedInsert('audit_events', AUDIT_EVENT_COLUMNS);
const INSERT_SALT = fixedInsert('audit_salts', AUDIT_SALT_COLUMNS);

/**
 * The audit_events row the port writes for an event, in AUDIT_EVENT_COLUMNS order (its insert's columns). The
 * evidence module's batches build their rows with it too.
 */
export function auditEventRow(
  ctx: RequestContext,
  e: AuditEventInput,
  at: Date,
  id: string,
  digest: string | null,
  hashName: string,
): unknown[] {
  return [
    id,
    at.toISOString(),
    ctx.requestId,
    ctx.actor.kind,
    ctx.actor.id,
    ctx.actor.orgId,
    e.action,
    e.subjectType,
    e.subjectId,
    e.orgId ?? null,
    digest,
    hashName,
    auditDetailsText(e.details),
  ];
}

/** The table-backed audit port; events are stamped by the platform clock, like the changes they record. */
export function createAuditPort(hashName: 'sha256' | 'sm3', clock: Clock = systemClock): AuditPort {
  return {
    async record(tx, ctx, e, at = clock.now()) {
      const engine = engineOf(tx);
      const id = newId(at.getTime());
      let digest: string | null = null;
      if (e.change !== undefined) {
        const salt = poolRandom(16);
        digest = saltedDigest(hashName, salt, e.change);
        await tx.executeQuery(CompiledQuery.raw(INSERT_SALT[engine], [id, salt.toString('hex')]));
      }
      await tx.executeQuery(
        CompiledQuery.raw(INSERT_EVENT[engine], auditEventRow(ctx, e, at, id, digest, hashName)),
      );
      return id;
    },
  };
}

/**
 * The stored text of an event's details: its RFC 8785 form (after a JSON round trip, so whatever JSON makes of a
 * value — a Date's string, an undefined dropped — is what is stored). A leaf carries the details in that form, so
 * a stored text that already is it lets a verifier build the leaf without re-canonicalising (the evidence module's
 * full verification on SQLite builds leaf texts in SQL from the stored columns). Events stored before this form
 * was used hold JSON.stringify's text, which leaves derive the same way but more slowly.
 */
export function auditDetailsText(details: AuditEventInput['details']): string {
  if (!details) return '{}';
  // The usual case, a plain object of strings, finite numbers, booleans and nulls, is its own JSON round trip:
  // canonicalised directly (the round trip was 4 % of a batched append).
  if (typeof (details as { toJSON?: unknown }).toJSON !== 'function') {
    let plain = true;
    for (const k in details) {
      const v = details[k];
      if (!(typeof v === 'string' || typeof v === 'boolean' || v === null || Number.isFinite(v))) {
        plain = false;
        break;
      }
    }
    if (plain) return canonicalJson(details);
  }
  return canonicalJson(JSON.parse(JSON.stringify(details)));
}

/** Filters for reading the audit trail. */
export interface AuditQuery {
  action?: string;
  subjectId?: string;
  actorId?: string;
  orgId?: string;
  before?: string;
  limit: number;
}

/** Reads events newest first (the auditor's view; authorization is the caller's job). */
export async function queryAuditEvents(tx: AnyTx, q: AuditQuery): Promise<AuditEvent[]> {
  const db = tx as unknown as Kysely<AuditTables>;
  let query = db.selectFrom('audit_events').selectAll();
  if (q.action) query = query.where('action', '=', q.action);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.orgId) query = query.where('org_id', '=', q.orgId);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    requestId: r.request_id,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorOrgId: r.actor_org_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    orgId: r.org_id,
    changeDigest: r.change_digest,
    digestAlg: r.digest_alg,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

/** The auditor's read of the trail: authorizes, then queries. */
export async function readAuditTrail(ctx: RequestContext, tx: AnyTx, q: AuditQuery): Promise<AuditEvent[]> {
  authorize(ctx, 'audit.read');
  return queryAuditEvents(tx, q);
}

/** SQLite triggers that refuse updates and deletes of a table's rows with `message`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
async function sqliteAppendOnly(db: Kysely<{}>, table: string, message: string): Promise<void> {
  for (const [suffix, op] of [
    ['no_update', 'UPDATE'],
    ['no_delete', 'DELETE'],
  ] as const)
    await sql`CREATE TRIGGER ${sql.raw(`${table}_${suffix}`)} BEFORE ${sql.raw(op)} ON ${sql.table(table)}
      BEGIN SELECT RAISE(ABORT, ${sql.lit(message)}); END`.execute(db);
}

/** The kernel's own migrations: the audit trail. */
export const kernelMigrations: EngineMigration[] = [
  {
    name: '20261129_0001_kernel_audit',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('occurred_at', tsType(engine), (c) => c.notNull())
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_org_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text')
        .addColumn('change_digest', 'text')
        .addColumn('digest_alg', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_events_subject')
        .on('audit_events')
        .columns(['subject_id'])
        .execute();
      await db.schema
        .createIndex('audit_events_action')
        .on('audit_events')
        .columns(['action', 'id'])
        .execute();
      await db.schema
        .createTable('audit_salts')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('salt', 'text', (c) => c.notNull())
        .execute();
      // Append-only: the database itself refuses updates and deletes of events.
      if (engine === 'postgres') {
        await sql`CREATE FUNCTION orderly_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
          FOR EACH ROW EXECUTE FUNCTION orderly_append_only()`.execute(db);
      } else {
        await sqliteAppendOnly(db, 'audit_events', 'audit events are append-only');
      }
    },
  },
  {
    // Salts are evidence too: without its salt a change digest can no longer be checked by anyone.
    name: '20261129_0600_kernel_audit_salts_append_only',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      if (engine === 'postgres') {
        await sql`CREATE TRIGGER audit_salts_append_only BEFORE UPDATE OR DELETE ON audit_salts
          FOR EACH ROW EXECUTE FUNCTION orderly_append_only()`.execute(db);
      } else {
        await sqliteAppendOnly(db, 'audit_salts', 'audit salts are append-only');
      }
    },
  },
  {
    // SQLite: salts in one b-tree keyed by the event id (WITHOUT ROWID) instead of a rowid table plus its
    // primary key's index. Every audited change with a salt writes one page fewer at its commit, and a commit's
    // cost grows with its pages (about 13–16 µs a page of a ~230 µs single-row commit, measured; issue 4 §9).
    // Nothing reads salts by rowid. PostgreSQL's heap and index stay as they are.
    name: '20261130_1500_kernel_audit_salts_without_rowid',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      if (engine !== 'sqlite') return;
      await sql`CREATE TABLE audit_salts_v2 (event_id text PRIMARY KEY, salt text NOT NULL) WITHOUT ROWID`.execute(
        db,
      );
      await sql`INSERT INTO audit_salts_v2 (event_id, salt) SELECT event_id, salt FROM audit_salts`.execute(
        db,
      );
      await sql`DROP TABLE audit_salts`.execute(db);
      await sql`ALTER TABLE audit_salts_v2 RENAME TO audit_salts`.execute(db);
      await sqliteAppendOnly(db, 'audit_salts', 'audit salts are append-only');
    },
  },
];
