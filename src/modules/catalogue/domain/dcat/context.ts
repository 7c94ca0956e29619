// The state one export run threads through the describers: the triple collector, the deployment's IRIs,
// our own namespace and the scope. Kept separate so each describer file stays small and testable.
import type { GraphBuilder } from './graph-builder.js';
import type { Iris } from './iri.js';
import type { DcatScope } from './types.js';
import type { OwnTerm } from './vocabulary.js';

/** Everything a describer needs. */
export interface ExportContext {
  g: GraphBuilder;
  iris: Iris;
  /** Full IRI of a term in our own namespace. */
  own: (term: OwnTerm) => string;
  scope: DcatScope;
  /** Licence IRI of 无条件开放 data. */
  licence: string;
}

/**
 * Links `subject` to a vocabulary IRI and types that IRI. The DCAT-AP shapes check ranges with sh:class, which
 * only looks at rdf:type triples in the data graph; without these the export would fail validation unless the
 * consumer also loaded every EU authority table.
 */
export function typedLink(
  ctx: ExportContext,
  subject: string,
  predicate: string,
  object: string,
  ...classes: string[]
): void {
  ctx.g.link(subject, predicate, object);
  ctx.g.type(object, ...classes);
}

/** Adds an xsd:integer / xsd:boolean value in our namespace when present. */
export function ownValue(
  ctx: ExportContext,
  subject: string,
  term: OwnTerm,
  value: number | boolean | null,
): void {
  if (value === null) return;
  const type = typeof value === 'boolean' ? 'boolean' : 'integer';
  ctx.g.add(subject, ctx.own(term), ctx.g.typed(String(value), type));
}
