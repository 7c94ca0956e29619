// Collects the export's triples grouped by subject (so the Turtle writer can nest them and JSON-LD gets one
// node object per subject), drops duplicates (an organisation that publishes ten datasets is described once),
// and guards the two things a serializer cannot fix afterwards: malformed IRIs and unpaired UTF-16 surrogates.
import { DataFactory, type Literal, type NamedNode, type Quad } from 'n3';
import { assertIri } from './iri.js';
import { wellFormed } from './unicode.js';
import { NS } from './vocabulary.js';

/** An object of a triple: an IRI or a literal. */
export type Obj = NamedNode | Literal;

/** Mutable triple collector; subjects keep the order they were first used in. */
export class GraphBuilder {
  private readonly bySubject = new Map<string, { quads: Quad[]; seen: Set<string> }>();
  // A catalogue of thousands of datasets repeats the same predicates and vocabulary IRIs over and over;
  // checking and building each once keeps the export linear in its size.
  private readonly nodes = new Map<string, NamedNode>();

  /** An IRI term, checked. */
  iri(value: string): NamedNode {
    let node = this.nodes.get(value);
    if (!node) this.nodes.set(value, (node = DataFactory.namedNode(assertIri(value))));
    return node;
  }

  /** A language-tagged literal. */
  text(value: string, lang: 'zh' | 'en'): Literal {
    return DataFactory.literal(wellFormed(value), lang);
  }

  /** A plain (xsd:string) literal. */
  plain(value: string): Literal {
    return DataFactory.literal(wellFormed(value));
  }

  /** A literal with an XML Schema datatype (`dateTime`, `integer`, `boolean` …). */
  typed(value: string, xsdType: string): Literal {
    return DataFactory.literal(value, DataFactory.namedNode(`${NS.xsd}${xsdType}`));
  }

  /** Adds one triple; a null object (an optional value that is absent) adds nothing. */
  add(subject: string, predicate: string, object: Obj | null): void {
    if (object === null) return;
    let entry = this.bySubject.get(subject);
    if (!entry) this.bySubject.set(subject, (entry = { quads: [], seen: new Set() }));
    // n3's term ids are unambiguous: "lexical"@lang, "lexical"^^<type>, or the bare IRI.
    const key = `${predicate} ${object.id}`;
    if (entry.seen.has(key)) return;
    entry.seen.add(key);
    entry.quads.push(DataFactory.quad(this.iri(subject), this.iri(predicate), object));
  }

  /** Adds a triple whose object is an IRI. */
  link(subject: string, predicate: string, object: string | null): void {
    if (object !== null) this.add(subject, predicate, this.iri(object));
  }

  /** Adds an rdf:type triple. */
  type(subject: string, ...classes: string[]): void {
    for (const c of classes) this.link(subject, `${NS.rdf}type`, c);
  }

  /** The triples, grouped by subject; subjects sort by `rank` (lower first), then by first use. */
  quads(rank: (subject: string) => number = () => 0): Quad[] {
    return [...this.bySubject.entries()]
      .map(([subject, { quads }], order) => ({ r: rank(subject), order, quads }))
      .sort((a, b) => a.r - b.r || a.order - b.order)
      .flatMap((e) => e.quads);
  }
}
