import { pino, type Logger } from 'pino';

// Logs never carry secrets or personal data: known sensitive keys are redacted wherever they appear, and
// services log ids, never values.
const REDACT = [
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'clientSecret',
  'totp',
  'totpCode',
  'totpSecret',
  'privatePem',
  'privateHex',
  'assertion',
  'authorization',
  'cookie',
  'idNumber',
].flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

export type { Logger };

/** Creates the process logger. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'orderly' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream | undefined,
  );
}
