import { anonymousContext, newId, type RequestContext } from '../../kernel/index.js';
import type { Platform } from '../../server/platform.js';
import { DEMO_PASSWORD } from './demo-city.data.js';

/** A demo user's session as a service context: logged in through the real login, like a console user. */
export async function sessionOf(p: Platform, username: string): Promise<RequestContext> {
  const t = await p.identity.auth.login(anonymousContext(newId(), '127.0.0.1'), {
    username,
    password: DEMO_PASSWORD,
  });
  return {
    requestId: newId(),
    ip: '127.0.0.1',
    actor: await p.identity.authenticate(t.accessToken, '127.0.0.1'),
  };
}
