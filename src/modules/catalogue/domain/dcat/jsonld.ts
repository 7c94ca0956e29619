// JSON-LD written from the same triples as the Turtle, so the two can never drift apart: one node object per
// subject, predicates, classes and datatypes abbreviated with the inline @context (nothing remote to fetch),
// literals as value objects that keep their language tag or datatype.
import type { Quad } from 'n3';
import { buildDcatGraph, ownNamespace } from './graph.js';
import { compactIri, prefixesFor } from './prefixes.js';
import type { DcatCatalogueInfo, DcatDatasetInput, DcatOptions } from './types.js';
import { NS } from './vocabulary.js';

/** A JSON-LD value: a plain string, a node reference, or a tagged / typed literal. */
export type JsonLdValue =
  | string
  | { '@id': string }
  | { '@value': string; '@language': string }
  | { '@value': string; '@type': string };

/** One node object of the @graph. */
export type JsonLdNode = { '@id': string; '@type'?: string | string[] } & {
  [predicate: string]: JsonLdValue | JsonLdValue[] | string[] | undefined;
};

/** A JSON-LD document with an inline context. */
export interface JsonLdDocument {
  '@context': Record<string, string>;
  '@graph': JsonLdNode[];
}

const RDF_TYPE = `${NS.rdf}type`;
const XSD_STRING = `${NS.xsd}string`;

// A single value is written bare, as JSON-LD compaction would; several stay an array.
function one<T>(values: T[]): T | T[] {
  return values.length === 1 ? (values[0] as T) : values;
}

/** Converts triples to a JSON-LD document with `prefixes` as its inline @context. */
export function quadsToJsonLd(quads: readonly Quad[], prefixes: Record<string, string>): JsonLdDocument {
  const nodes = new Map<string, { types: string[]; props: Map<string, JsonLdValue[]> }>();
  // Predicates, classes and datatypes repeat for every dataset: abbreviate each once.
  const compacted = new Map<string, string>();
  const compact = (iri: string): string => {
    let short = compacted.get(iri);
    if (short === undefined) compacted.set(iri, (short = compactIri(iri, prefixes)));
    return short;
  };
  for (const q of quads) {
    const subject = q.subject.value;
    let node = nodes.get(subject);
    if (!node) nodes.set(subject, (node = { types: [], props: new Map() }));
    if (q.predicate.value === RDF_TYPE) {
      node.types.push(compact(q.object.value));
      continue;
    }
    const key = compact(q.predicate.value);
    const o = q.object;
    // Node references keep the full IRI: "lang:ZHO" is a valid compact IRI, but a consumer that reads the
    // JSON without a JSON-LD processor would take "lang:" for a URI scheme.
    const value: JsonLdValue =
      o.termType !== 'Literal'
        ? { '@id': o.value }
        : o.language
          ? { '@value': o.value, '@language': o.language }
          : o.datatype.value === XSD_STRING
            ? o.value
            : { '@value': o.value, '@type': compact(o.datatype.value) };
    const list = node.props.get(key);
    if (list) list.push(value);
    else node.props.set(key, [value]);
  }
  const graph: JsonLdNode[] = [...nodes].map(([id, { types, props }]) => {
    const node: JsonLdNode = { '@id': id };
    if (types.length > 0) node['@type'] = one(types);
    for (const [key, values] of props) node[key] = one(values);
    return node;
  });
  return { '@context': { ...prefixes }, '@graph': graph };
}

/** Serializes the catalogue as DCAT-AP 3 JSON-LD with an inline @context. */
export function toJsonLd(
  info: DcatCatalogueInfo,
  datasets: readonly DcatDatasetInput[],
  options: DcatOptions = {},
): JsonLdDocument {
  return quadsToJsonLd(buildDcatGraph(info, datasets, options), prefixesFor(ownNamespace(info)));
}

/**
 * The JSON-LD as text, with <, >, & and the line separators escaped so the document can also be embedded in
 * an HTML <script type="application/ld+json"> without a </script> in a title closing it early.
 */
export function toJsonLdText(
  info: DcatCatalogueInfo,
  datasets: readonly DcatDatasetInput[],
  options: DcatOptions = {},
): string {
  return JSON.stringify(toJsonLd(info, datasets, options)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
