// Every IRI the export mints. Turtle cannot escape a space, quote or angle bracket inside <…> (and the n3
// writer would emit a broken document if asked to), so each IRI is checked here before it becomes a term,
// and every piece that comes from data is percent-encoded first.
import { wellFormed } from './unicode.js';

/** Characters that may not appear in a Turtle IRIREF besides controls and space (RDF 1.1 Turtle §6.4). */
const NOT_IN_IRI = new Set([...'<>"{}|^`\\'].map((c) => c.charCodeAt(0)));

/** Throws unless `iri` is absolute and writable as a Turtle IRIREF. */
export function assertIri(iri: string): string {
  for (let i = 0; i < iri.length; i++) {
    const c = iri.charCodeAt(i);
    if (c <= 0x20 || NOT_IN_IRI.has(c)) throw new RangeError(`not an absolute IRI: ${JSON.stringify(iri)}`);
  }
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(iri))
    throw new RangeError(`not an absolute IRI: ${JSON.stringify(iri)}`);
  return iri;
}

/** Validates a deployment's base URL (an http(s) origin, optionally with a path) and drops a trailing slash. */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RangeError(`baseUrl is not a URL: ${JSON.stringify(baseUrl)}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username)
    throw new RangeError(`baseUrl must be a plain http(s) URL: ${JSON.stringify(baseUrl)}`);
  return assertIri(`${url.origin}${url.pathname}`.replace(/\/+$/, ''));
}

/** Percent-encodes one path segment (codes are already safe; this keeps a bad one from forging a path). */
export function segment(value: string): string {
  return encodeURIComponent(wellFormed(value));
}

/** The IRIs of one deployment, derived from its base URL. */
export interface Iris {
  base: string;
  catalog: string;
  dataset(code: string): string;
  org(uscc: string): string;
  region(code: string): string;
  classScheme: string;
  classConcept(code: string): string;
  dataUrl(code: string, fileType: string): string;
  packageUrl(code: string): string;
  apiEndpoint(code: string): string;
}

/** Builds the IRI scheme documented in docs/dcat-export.md. */
export function irisFor(baseUrl: string): Iris {
  const base = normaliseBaseUrl(baseUrl);
  const open = (code: string) => `${base}/api/v1/open/resources/${segment(code)}`;
  return {
    base,
    catalog: `${base}/api/v1/catalogue/dcat#catalog`,
    dataset: (code) => `${base}/catalogue/resources/${segment(code)}`,
    org: (uscc) => `${base}/orgs/${segment(uscc)}`,
    region: (code) => `${base}/regions/${segment(code)}`,
    classScheme: `${base}/catalogue/classification`,
    classConcept: (code) => `${base}/catalogue/classification/${segment(code)}`,
    dataUrl: (code, fileType) => `${open(code)}/data?format=${segment(fileType)}`,
    packageUrl: (code) => `${open(code)}/package`,
    apiEndpoint: (code) => `${open(code)}/data`,
  };
}

/** A mailto: IRI for an e-mail address (RFC 6068), or null when it has no usable @. */
export function mailtoIri(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  return `mailto:${segment(email.slice(0, at))}@${segment(email.slice(at + 1))}`;
}

/**
 * A tel: IRI (RFC 3966) for a phone number as stewards type it in China: 0571-87654321, 13800138000,
 * +86 571 8765 4321, 12345, with an optional extension (转 123 / 分机 123 / ext 123). Numbers with a trunk
 * prefix or a mobile number become global (+86); short service numbers keep a +86 phone-context. Returns null
 * when the text is not a phone number, so the caller can keep it as a note instead of minting a bad IRI.
 */
export function telIri(phone: string): string | null {
  const text = phone.normalize('NFKC').trim();
  const ext = /\s*(?:转|分机|ext\.?|x)\s*(\d{1,8})$/i.exec(text);
  const main = ext ? text.slice(0, ext.index) : text;
  if (!/^\+?[\d\s().-]+$/.test(main)) return null;
  const digits = main.replace(/\D/g, '');
  const suffix = ext ? `;ext=${ext[1] ?? ''}` : '';
  if (main.startsWith('+')) {
    if (digits.length < 6 || digits.length > 15) return null;
    // Keep the caller's grouping as visual separators; RFC 3966 allows only '-' '.' '(' ')'.
    const grouped = main
      .slice(1)
      .trim()
      .replace(/[\s.()]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '');
    return `tel:+${grouped}${suffix}`;
  }
  if (/^0[1-9]\d{8,10}$/.test(digits)) return `tel:+86-${digits.slice(1)}${suffix}`;
  if (/^1[3-9]\d{9}$/.test(digits)) return `tel:+86-${digits}${suffix}`;
  if (/^\d{3,8}$/.test(digits)) return `tel:${digits}${suffix};phone-context=+86`;
  return null;
}
