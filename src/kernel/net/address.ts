import { isIP } from 'node:net';

// IP address classification for the checks against server-side request forgery (the sources' connection
// guard, webhook targets). Pure code, exhaustively tested: such a check is only as good as its parser. IPv6
// forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4
// 2002::/16) are judged by the IPv4 address inside, because that is where the packets can end up.

/** A parsed address: 4 or 16 bytes. */
export interface Ip {
  family: 4 | 6;
  bytes: Uint8Array;
}

/** What kind of network an address belongs to; only 'public' is reachable without an allow-list entry. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unspecified'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'reserved';

function parseV4(s: string): Uint8Array {
  return Uint8Array.from(s.split('.').map(Number));
}

function parseV6(s: string): Uint8Array {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const [a, b, c, d] = parseV4(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}${(((a ?? 0) << 8) | (b ?? 0)).toString(16)}:${(((c ?? 0) << 8) | (d ?? 0)).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const h = head ? head.split(':') : [];
  const r = rest === undefined ? null : rest ? rest.split(':') : [];
  const groups = r === null ? h : [...h, ...Array<string>(8 - h.length - r.length).fill('0'), ...r];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    bytes[i * 2] = v >> 8;
    bytes[i * 2 + 1] = v & 0xff;
  });
  return bytes;
}

/** Parses an IPv4 or IPv6 literal (brackets and a %zone are allowed); null when it is not one. */
export function parseIp(raw: string): Ip | null {
  const s = raw.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const v = isIP(s);
  if (v === 4) return { family: 4, bytes: parseV4(s) };
  if (v === 6) return { family: 6, bytes: parseV6(s) };
  return null;
}

const startsWith = (b: Uint8Array, prefix: number[]): boolean => prefix.every((x, i) => b[i] === x);

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or null. */
export function embeddedV4(ip: Ip): Ip | null {
  if (ip.family === 4) return null;
  const b = ip.bytes;
  const zeros = (n: number): boolean => b.subarray(0, n).every((x) => x === 0);
  if (zeros(10) && b[10] === 0xff && b[11] === 0xff) return { family: 4, bytes: b.slice(12) }; // ::ffff:0:0/96
  if (zeros(12) && !(zeros(15) && (b[15] === 0 || b[15] === 1))) return { family: 4, bytes: b.slice(12) }; // ::/96
  if (startsWith(b, [0, 0x64, 0xff, 0x9b]) && b.subarray(4, 12).every((x) => x === 0))
    return { family: 4, bytes: b.slice(12) }; // 64:ff9b::/96
  if (startsWith(b, [0x20, 0x02])) return { family: 4, bytes: b.slice(2, 6) }; // 2002::/16
  return null;
}

/** The address with an IPv4-mapped IPv6 form reduced to plain IPv4 (for comparisons and CIDR matching). */
export function normalizeIp(ip: Ip): Ip {
  const b = ip.bytes;
  if (ip.family === 6 && b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff)
    return { family: 4, bytes: b.slice(12) };
  return ip;
}

function classifyV4(b: Uint8Array): AddressKind {
  const [a = 0, c = 0, d = 0] = b;
  if (a === 0) return 'unspecified'; // 0.0.0.0/8: "this network" — 0.0.0.0 reaches the local host
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return 'private';
  if (a === 169 && c === 254) return 'link-local';
  if (a === 100 && c >= 64 && c <= 127) return 'carrier-grade NAT';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved'; // 240/4 and the broadcast address
  if (a === 192 && c === 0 && (d === 0 || d === 2)) return 'reserved'; // 192.0.0/24, 192.0.2/24
  if (a === 198 && (c === 18 || c === 19 || (c === 51 && d === 100))) return 'reserved';
  if (a === 203 && c === 0 && d === 113) return 'reserved';
  return 'public';
}

/** The kind of network an IP address belongs to. */
export function classifyIp(ip: Ip): AddressKind {
  if (ip.family === 4) return classifyV4(ip.bytes);
  const b = ip.bytes;
  if (b.every((x) => x === 0)) return 'unspecified';
  if (b.subarray(0, 15).every((x) => x === 0) && b[15] === 1) return 'loopback';
  const v4 = embeddedV4(ip);
  if (v4) return classifyV4(v4.bytes);
  const [x = 0, y = 0] = b;
  if ((x & 0xfe) === 0xfc) return 'private'; // fc00::/7 unique local
  if (x === 0xfe && (y & 0xc0) === 0x80) return 'link-local'; // fe80::/10
  if (x === 0xfe && (y & 0xc0) === 0xc0) return 'private'; // fec0::/10 (deprecated site-local)
  if (x === 0xff) return 'multicast';
  if (startsWith(b, [0, 0x64, 0xff, 0x9b, 0, 1])) return 'private'; // 64:ff9b:1::/48 local-use NAT64
  if (startsWith(b, [0x20, 0x01, 0x0d, 0xb8])) return 'reserved'; // documentation
  if (startsWith(b, [0x01, 0, 0, 0, 0, 0, 0, 0])) return 'reserved'; // 100::/64 discard
  return 'public';
}

/** The kind of network of an address literal; throws when it is not an IP address. */
export function classifyAddress(address: string): AddressKind {
  const ip = parseIp(address);
  if (!ip) throw new RangeError(`not an IP address: ${address}`);
  return classifyIp(ip);
}

/** A network in CIDR notation (a bare address is a /32 or /128). */
export interface Cidr {
  ip: Ip;
  prefix: number;
}

/** Parses "10.0.0.0/8", "fd00::/8", or a bare address; null when malformed. */
export function parseCidr(s: string): Cidr | null {
  const [addr = '', bits, extra] = s.trim().split('/');
  if (extra !== undefined) return null;
  const parsed = parseIp(addr);
  if (!parsed) return null;
  const ip = normalizeIp(parsed);
  const max = parsed.family === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  let prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return null;
  if (parsed.family === 6 && ip.family === 4) prefix = Math.max(0, prefix - 96); // ::ffff:a.b.c.d/120 → /24
  return { ip, prefix };
}

/** True when the address lies in the network (an IPv4-mapped IPv6 address matches IPv4 networks). */
export function cidrContains(c: Cidr, address: Ip): boolean {
  const ip = normalizeIp(address);
  if (ip.family !== c.ip.family) return false;
  const full = Math.floor(c.prefix / 8);
  for (let i = 0; i < full; i++) if (ip.bytes[i] !== c.ip.bytes[i]) return false;
  const rest = c.prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((ip.bytes[full] ?? 0) & mask) === ((c.ip.bytes[full] ?? 0) & mask);
}

/** True when two addresses are the same (IPv4-mapped IPv6 equals its IPv4 address). */
export function sameIp(a: Ip, b: Ip): boolean {
  const x = normalizeIp(a);
  const y = normalizeIp(b);
  return x.family === y.family && x.bytes.every((v, i) => v === y.bytes[i]);
}
