// The prefixes both serializations abbreviate with; the JSON-LD @context is exactly this map, inline, so a
// consumer never has to fetch a remote context.
import { EU_NS, NS } from './vocabulary.js';

/** Prefix → namespace IRI, our own namespace under `orderly`. */
export function prefixesFor(ownNamespace: string): Record<string, string> {
  return { ...NS, ...EU_NS, orderly: ownNamespace };
}

const LOCAL = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Abbreviates an IRI as prefix:local when a prefix covers it with a plain local name; otherwise returns it. */
export function compactIri(iri: string, prefixes: Record<string, string>): string {
  let best: [string, string] | null = null;
  for (const [prefix, ns] of Object.entries(prefixes))
    if (iri.startsWith(ns) && LOCAL.test(iri.slice(ns.length)) && (!best || ns.length > best[1].length))
      best = [prefix, ns];
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}
