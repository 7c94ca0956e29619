import { isIP } from 'node:net';

// Webhook targets are outside systems: http(s) only, no credentials in the URL, and no loopback, private,
// link-local or unique-local addresses unless the operator allows them (a test or an intranet deployment),
// so a department cannot point the platform at its own internals.

function privateV4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function privateV6(ip: string): boolean {
  const l = ip.toLowerCase();
  return (
    l === '::1' ||
    l === '::' ||
    l.startsWith('fc') ||
    l.startsWith('fd') ||
    l.startsWith('fe80') ||
    l.startsWith('::ffff:')
  );
}

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
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point at this machine';
  const v = isIP(host);
  if ((v === 4 && privateV4(host)) || (v === 6 && privateV6(host)))
    return 'must not point at a private or loopback address';
  return null;
}

/** True when an event type matches a subscription pattern ('*', 'alert.*', or exact). */
export function eventMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
