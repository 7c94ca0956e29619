import { sql, type Kysely } from 'kysely';
import type { Engine, EngineMigration } from '../../../kernel/index.js';
import { bigintType, tsType } from '../../../kernel/index.js';

// Identity tables. Flags are integer 0/1 and JSON is text on both engines (docs/adr/0002).

/** The identity module's migrations. */
export const identityMigrations: EngineMigration[] = [
  {
    name: '20261129_0100_identity',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text')
        .addColumn('uscc', 'text', (c) => c.notNull().unique())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.references('organisations.id'))
        .addColumn('is_operator', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('contact_name', 'text')
        .addColumn('contact_phone', 'text')
        .addColumn('contact_email', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('org_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('alg', 'text', (c) => c.notNull())
        .addColumn('public_pem', 'text', (c) => c.notNull())
        .addColumn('public_hex', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('private_enc', 'text')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('retired_at', ts)
        .execute();
      await db.schema
        .createIndex('org_keys_org')
        .on('org_keys')
        .columns(['org_id', 'purpose', 'profile'])
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', ts)
        .addColumn('totp_secret_enc', 'text')
        .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('totp_last_step', 'integer')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_org').on('users').columns(['org_id']).execute();
      await db.schema
        .createTable('user_roles')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('granted_at', ts, (c) => c.notNull())
        .addColumn('granted_by', 'text')
        .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('refresh_hash', 'text', (c) => c.notNull().unique())
        .addColumn('family_id', 'text', (c) => c.notNull())
        .addColumn('mfa', 'integer', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('expires_at', ts, (c) => c.notNull())
        .addColumn('revoked_at', ts)
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('sessions_family').on('sessions').columns(['family_id']).execute();
      await db.schema
        .createTable('api_clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('auth_method', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text')
        .addColumn('public_pem', 'text')
        .addColumn('public_alg', 'text')
        .addColumn('ip_allow', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('api_clients_org').on('api_clients').columns(['org_id']).execute();
      // Client-assertion ids seen, so a captured assertion cannot be replayed before it expires.
      await db.schema
        .createTable('client_assertion_jtis')
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('jti', 'text', (c) => c.notNull())
        .addColumn('expires_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('client_assertion_jtis_pk', ['client_id', 'jti'])
        .execute();
    },
  },
  {
    name: '20261129_1300_identity_epoch',
    // Bumped with every change to a client or an organisation, so per-process token caches notice it.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      await db.schema
        .createTable('identity_epoch')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('epoch', bigintType(engine), (c) => c.notNull())
        .execute();
      await sql`INSERT INTO identity_epoch (id, epoch) VALUES ('clients', 0)`.execute(db);
    },
  },
];
