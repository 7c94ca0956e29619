import { BlockList, isIP } from 'node:net';

// Optional IP allow-lists for API clients: a list of addresses or CIDR ranges (IPv4 and IPv6). An empty list
// means any address.

/** Returns the problem with an allow-list entry, or null when it parses. */
export function ipEntryProblem(entry: string): string | null {
  const [addr, bits, extra] = entry.split('/');
  if (extra !== undefined || !addr) return 'must be an IP address or CIDR range';
  const family = isIP(addr);
  if (family === 0) return 'must be an IP address or CIDR range';
  if (bits !== undefined) {
    const n = Number(bits);
    const max = family === 4 ? 32 : 128;
    if (!/^\d+$/.test(bits) || n > max) return `prefix length must be 0..${max}`;
  }
  return null;
}

/** True when the address is allowed by the list (empty list allows all). */
export function ipAllowed(list: readonly string[], ip: string | undefined): boolean {
  if (list.length === 0) return true;
  if (!ip) return false;
  const addr = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(addr);
  if (family === 0) return false;
  const block = new BlockList();
  for (const e of list) {
    const [a, bits] = e.split('/') as [string, string | undefined];
    const t = isIP(a) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) block.addAddress(a, t);
    else block.addSubnet(a, Number(bits), t);
  }
  return block.check(addr, family === 6 ? 'ipv6' : 'ipv4');
}
