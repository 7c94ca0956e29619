import os from 'node:os';
import { domainToASCII } from 'node:url';
import {
  cidrContains,
  classifyIp,
  parseCidr,
  parseIp,
  sameIp,
  systemLookup,
  type Cidr,
  type HostLookup,
  type Ip,
  type ResolvedAddress,
} from '../../../kernel/index.js';
import { SourceError, SourceRefused } from './errors.js';

// Remote sources are registered by departments, so every connection is checked before it is made:
// - only http/https URLs, without credentials in them (use headers);
// - every address the host resolves to must be public, unless the allow-list names the host, the address
//   or a network containing it — loopback, private, link-local, unspecified (0.0.0.0 reaches this machine),
//   CGNAT, multicast and reserved ranges, also inside IPv4-mapped / NAT64 / 6to4 IPv6 forms;
// - a PostgreSQL connection to the platform's own database (same server, port and database name) is refused
//   even when allow-listed: "same server" also covers two different names for this machine (any loopback
//   address, 0.0.0.0, or an address of one of its interfaces).
// The PostgreSQL reader connects to the address checked here, so DNS cannot change between check and
// connect. Node's fetch resolves the name again (pinning would need undici's Agent as a direct dependency):
// a DNS-rebinding attacker who controls a public name could still win that race — the residual risk.

/** The parts of a PostgreSQL connection the guard judges. */
export interface PgTarget {
  host: string;
  port: number;
  database: string;
}

/** Checks remote sources before connecting; throws SourceRefused with the reason. */
export interface ConnectionGuard {
  /** Checks a PostgreSQL target; returns the address to connect to (connect to it, not to the name). */
  checkPg(conn: PgTarget): Promise<ResolvedAddress>;
  /** Checks an HTTP(S) URL; returns it parsed, with the addresses it resolved to. */
  checkUrl(url: string | URL): Promise<{ url: URL; addresses: ResolvedAddress[] }>;
}

/** Guard settings. */
export interface GuardOptions {
  /** The platform's own database ('sqlite': none on a PostgreSQL server). */
  platformDb?: { host: string; port: number; database: string } | 'sqlite';
  /** Host names (`*.example.org` allowed), IP addresses or CIDR networks allowed even if not public. */
  allowList: string[];
  /** DNS resolution (default: the system resolver, all addresses). */
  lookup?: HostLookup;
  /** This machine's interface addresses (default: os.networkInterfaces()). */
  localAddresses?: () => string[];
}

const interfaceAddresses = (): string[] =>
  Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));

function normalizeHost(host: string): string {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (parseIp(h) || !/[\u0080-\uFFFF]/.test(h)) return h;
  // internationalised names (中文域名) are compared and resolved in their punycode form, as URLs carry them
  const wildcard = h.startsWith('*.');
  const ascii = domainToASCII(wildcard ? h.slice(2) : h);
  return ascii ? `${wildcard ? '*.' : ''}${ascii}` : h;
}

/** Builds a guard; throws RangeError on a malformed allow-list entry. */
export function createConnectionGuard(opts: GuardOptions): ConnectionGuard {
  const nets: Cidr[] = [];
  const names: string[] = [];
  for (const raw of opts.allowList) {
    const entry = normalizeHost(raw);
    const net = parseCidr(entry);
    if (net) nets.push(net);
    else if (/^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(entry))
      names.push(entry);
    else throw new RangeError(`invalid allow-list entry: ${JSON.stringify(raw)}`);
  }
  const lookup = opts.lookup ?? systemLookup;
  const localAddresses = opts.localAddresses ?? interfaceAddresses;

  const nameAllowed = (host: string): boolean =>
    names.some((n) => (n.startsWith('*.') ? host.endsWith(n.slice(1)) : host === n));

  async function resolve(host: string): Promise<ResolvedAddress[]> {
    const literal = parseIp(host);
    if (literal) return [{ address: host, family: literal.family }];
    let found: ResolvedAddress[];
    try {
      found = await lookup(host);
    } catch (e) {
      const why = e instanceof Error && 'code' in e ? String(e.code) : 'lookup failed';
      throw new SourceError('REMOTE', `cannot resolve host ${JSON.stringify(host)} (${why})`);
    }
    if (found.length === 0) throw new SourceError('REMOTE', `host ${JSON.stringify(host)} has no addresses`);
    return found;
  }

  async function checkHost(rawHost: string): Promise<ResolvedAddress[]> {
    const host = normalizeHost(rawHost);
    if (host === '') throw new SourceRefused('the host is empty');
    const addrs = await resolve(host);
    const byName = nameAllowed(host);
    for (const a of addrs) {
      const ip = parseIp(a.address);
      if (!ip)
        throw new SourceRefused(`host ${JSON.stringify(host)} resolved to an unusable address ${a.address}`);
      const kind = classifyIp(ip);
      if (kind === 'public' || byName || nets.some((n) => cidrContains(n, ip))) continue;
      const via = host === a.address.toLowerCase() ? '' : ` (${host} resolves to it)`;
      throw new SourceRefused(
        `${a.address} is a ${kind} address${via}; such addresses are allowed only when the source allow-list names them`,
      );
    }
    return addrs;
  }

  function isLocal(ip: Ip): boolean {
    const kind = classifyIp(ip);
    if (kind === 'loopback' || kind === 'unspecified') return true;
    return localAddresses().some((a) => {
      const other = parseIp(a);
      return other !== null && sameIp(other, ip);
    });
  }

  async function samePlatformServer(addrs: ResolvedAddress[], platformHost: string): Promise<boolean> {
    // a Unix-socket platform connection means the database server runs on this machine
    const platformIps: Ip[] | 'local' = platformHost.startsWith('/')
      ? 'local'
      : (await resolve(normalizeHost(platformHost))).flatMap((a) => parseIp(a.address) ?? []);
    return addrs.some((a) => {
      const ip = parseIp(a.address);
      if (!ip) return false;
      if (platformIps === 'local') return isLocal(ip);
      return platformIps.some((p) => sameIp(p, ip) || (isLocal(p) && isLocal(ip)));
    });
  }

  return {
    async checkPg(conn) {
      if (conn.host.startsWith('/') || conn.host.includes('\\'))
        throw new SourceRefused(
          'connections through a Unix-domain socket are not allowed; give a host name or address',
        );
      if (!Number.isInteger(conn.port) || conn.port < 1 || conn.port > 65535)
        throw new SourceRefused(`invalid port ${conn.port}`);
      // pg would fall back to the user name: make the database explicit so the comparison below is sound
      if (conn.database.trim() === '') throw new SourceRefused('the database name is required');
      const addrs = await checkHost(conn.host);
      const p = opts.platformDb;
      if (
        p &&
        p !== 'sqlite' &&
        p.port === conn.port &&
        p.database.toLowerCase() === conn.database.toLowerCase() &&
        (await samePlatformServer(addrs, p.host))
      )
        throw new SourceRefused("the platform's own database cannot be used as a source");
      return addrs[0]!;
    },

    async checkUrl(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new SourceRefused('not a valid absolute URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new SourceRefused(
          `only http and https URLs are allowed, not ${url.protocol.replace(/:$/, '')}`,
        );
      if (url.username || url.password)
        throw new SourceRefused('credentials are not allowed in the URL; send them as headers');
      return { url, addresses: await checkHost(url.hostname) };
    },
  };
}
