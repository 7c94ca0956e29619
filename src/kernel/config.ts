import path from 'node:path';
import { z } from 'zod';

// All configuration comes from the environment (ORDERLY_*), parsed once and validated, so a typo fails at
// start with a clear message instead of misbehaving later.

const schema = z.object({
  ORDERLY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  ORDERLY_HOST: z.string().default('127.0.0.1'),
  ORDERLY_DATA_DIR: z.string().default('./data'),
  ORDERLY_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ORDERLY_CRYPTO_PROFILE: z.enum(['intl', 'sm']).default('intl'),
  ORDERLY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ORDERLY_ACCESS_TOKEN_TTL: z.coerce.number().int().min(30).max(86400).default(900),
  ORDERLY_REFRESH_TOKEN_TTL: z.coerce
    .number()
    .int()
    .min(300)
    .default(7 * 86400),
  ORDERLY_PUBLIC_URL: z.string().optional(),
  /** Hosts, IPs or CIDRs that registered data sources may reach even if loopback or private. */
  ORDERLY_SOURCE_ALLOW: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ORDERLY_WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  ORDERLY_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  // Days a grant's consumer may still read changes (docs/subscriptions.md).
  ORDERLY_CHANGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  ORDERLY_LEDGER_NAME: z
    .string()
    .regex(/^[^\s+]+$/, 'no spaces or "+"')
    .optional(),
  ORDERLY_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  ORDERLY_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  cryptoProfile: 'intl' | 'sm';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  publicUrl: string;
  trustProxy: boolean;
  /** Allow webhook targets on loopback/private addresses (intranet deployments, tests). */
  webhookAllowPrivate: boolean;
  sourceAllowList: string[];
  webhookMaxAttempts: number;
  /** Days a grant's consumer may still read changes. */
  changeRetentionDays: number;
  /** Name of the evidence log (its checkpoint origin); fixed when the log is created. */
  ledgerName: string;
  /** Minimum time between checkpoints while leaves arrive. */
  checkpointIntervalMs: number;
}

/** Reads and validates configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.ORDERLY_PORT,
    host: e.ORDERLY_HOST,
    dataDir: path.resolve(e.ORDERLY_DATA_DIR),
    databaseUrl: e.ORDERLY_DATABASE_URL,
    cryptoProfile: e.ORDERLY_CRYPTO_PROFILE,
    logLevel: e.ORDERLY_LOG_LEVEL,
    accessTokenTtlSeconds: e.ORDERLY_ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: e.ORDERLY_REFRESH_TOKEN_TTL,
    publicUrl: e.ORDERLY_PUBLIC_URL ?? `http://localhost:${e.ORDERLY_PORT}`,
    trustProxy: e.ORDERLY_TRUST_PROXY,
    webhookAllowPrivate: e.ORDERLY_WEBHOOK_ALLOW_PRIVATE,
    sourceAllowList: e.ORDERLY_SOURCE_ALLOW,
    webhookMaxAttempts: e.ORDERLY_WEBHOOK_MAX_ATTEMPTS,
    changeRetentionDays: e.ORDERLY_CHANGE_RETENTION_DAYS,
    ledgerName:
      e.ORDERLY_LEDGER_NAME ??
      `${new URL(e.ORDERLY_PUBLIC_URL ?? `http://localhost:${e.ORDERLY_PORT}`).host}/ledger`,
    checkpointIntervalMs: e.ORDERLY_CHECKPOINT_INTERVAL_MS,
  };
}
