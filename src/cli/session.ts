import fs from 'node:fs';
import path from 'node:path';
import { AppError, newId, type RequestContext } from '../kernel/index.js';
import type { SessionTokens } from '../modules/identity/index.js';
import type { Platform } from '../server/platform.js';

// The CLI acts as a logged-in user: `orderly login` stores the tokens in a 0600 file beside the database, and
// every other command turns them back into a RequestContext through the same verification HTTP uses. A shell
// on the server is not a superuser.

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  username: string;
}

/** Where the CLI keeps its session for this data directory. */
export function sessionFile(dataDir: string): string {
  return process.env.ORDERLY_CLI_SESSION ?? path.join(dataDir, 'cli-session.json');
}

/** Saves tokens after login or refresh (owner-only permissions). */
export function saveSession(dataDir: string, t: SessionTokens): void {
  const file = sessionFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const body: StoredSession = {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    username: t.user.username,
  };
  fs.writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Forgets the stored session. */
export function clearSession(dataDir: string): void {
  fs.rmSync(sessionFile(dataDir), { force: true });
}

/** The logged-in user's context, refreshing an expired access token once. */
export async function cliContext(p: Platform): Promise<RequestContext> {
  const file = sessionFile(p.config.dataDir);
  if (!fs.existsSync(file))
    throw new AppError('UNAUTHENTICATED', 'Not logged in: run `orderly login` first.');
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSession;
  const base = { requestId: newId(), ip: '127.0.0.1', userAgent: 'orderly-cli' };
  try {
    const actor = await p.identity.authenticate(s.accessToken, base.ip);
    return { ...base, actor };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'UNAUTHENTICATED') throw e;
    const anon = {
      ...base,
      actor: { kind: 'anonymous' as const, id: null, orgId: null, roles: [], scopes: [], mfa: false },
    };
    const fresh = await p.identity.auth.refresh(anon, { refreshToken: s.refreshToken });
    saveSession(p.config.dataDir, fresh);
    return { ...base, actor: await p.identity.authenticate(fresh.accessToken, base.ip) };
  }
}
