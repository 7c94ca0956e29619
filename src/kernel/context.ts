import type { Role } from './access.js';

// Every service method takes a RequestContext: who acts, for which organisation, in which request. The
// transport builds it from a verified token; services never trust anything else.

export type ActorKind = 'user' | 'client' | 'system' | 'anonymous';

/** The authenticated party behind a call. */
export interface Actor {
  kind: ActorKind;
  /** User id (kind 'user'), client id (kind 'client'), or a label such as 'bootstrap' (kind 'system'). */
  id: string | null;
  orgId: string | null;
  roles: readonly Role[];
  /** Scopes of an API client token. */
  scopes: readonly string[];
  /** Session id for users, so logout can end it. */
  sessionId?: string;
  /** True when the session passed a TOTP check. */
  mfa: boolean;
}

/** Per-request context passed to every service call. */
export interface RequestContext {
  requestId: string;
  actor: Actor;
  ip?: string;
  userAgent?: string;
}

/** The context of an unauthenticated caller. */
export function anonymousContext(requestId: string, ip?: string): RequestContext {
  return {
    requestId,
    actor: { kind: 'anonymous', id: null, orgId: null, roles: [], scopes: [], mfa: false },
    ip,
  };
}

/** The context of the platform acting on its own (bootstrap, jobs); never reachable from a transport. */
export function systemContext(label: string, requestId: string): RequestContext {
  return { requestId, actor: { kind: 'system', id: label, orgId: null, roles: [], scopes: [], mfa: true } };
}
