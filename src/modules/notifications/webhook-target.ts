import { classifyAddress, parseIp, type HostLookup } from '../../kernel/index.js';
import { webhookUrlProblem } from './domain/url-policy.js';

// Registration can only judge a webhook URL's text; a host name may resolve to an internal address (or be
// re-pointed there later). So each delivery resolves the name first and refuses when any address it
// resolves to is not public. Node's fetch then resolves the name again: a DNS-rebinding attacker who
// controls a public name could still win that race (pinning the address needs undici's Agent as a direct
// dependency) — the residual risk, the same as for HTTP sources (docs/sources.md).

/** Why a delivery must not go to this URL now, or null; `allowPrivate` skips the address checks. */
export async function webhookTargetProblem(
  url: string,
  allowPrivate: boolean,
  lookup: HostLookup,
): Promise<string | null> {
  const text = webhookUrlProblem(url, allowPrivate);
  if (text || allowPrivate) return text;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (parseIp(host)) return null;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host);
  } catch (e) {
    return `cannot resolve ${host} (${e instanceof Error && 'code' in e ? String(e.code) : 'lookup failed'})`;
  }
  if (addresses.length === 0) return `${host} has no addresses`;
  for (const { address } of addresses) {
    const kind = parseIp(address) ? classifyAddress(address) : 'unusable';
    if (kind !== 'public') return `${host} resolves to ${address}, a ${kind} address`;
  }
  return null;
}
