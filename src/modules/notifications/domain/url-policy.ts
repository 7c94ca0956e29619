import { classifyAddress, parseIp } from '../../../kernel/index.js';

// Webhook targets are outside systems: http(s) only, no credentials in the URL, and no loopback, private,
// link-local or unique-local addresses unless the operator allows them (a test or an intranet deployment),
// so a department cannot point the platform at its own internals.

/** The problem with a webhook URL, or null when it is acceptable. */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'must use https (or http)';
  if (u.username || u.password) return 'must not contain credentials';
  if (allowPrivate) return null;
  // A trailing dot names the same host ('localhost.' is localhost).
  const host = u.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point at this machine';
  if (parseIp(host) && classifyAddress(host) !== 'public')
    return 'must not point at a private or loopback address';
  // A name is judged again at each delivery by the addresses it resolves to (webhook-target.ts).
  return null;
}

/** True when an event type matches a subscription pattern ('*', 'alert.*', or exact). */
export function eventMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
