// Checks the DCAT conformance tests run over a parsed graph: the DCAT-AP SHACL shapes (with ranges.ttl),
// the date literals the shapes ignore, the @zh tags, and a JSON-LD → RDF path that can fetch nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsonld, { type JsonLdDocument as JsonLdInput } from 'jsonld';
import { Parser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { isXsdDate, isXsdDateTime } from '../../src/modules/catalogue/domain/dcat/index.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/dcat-ap');
export const SHARED = path.resolve(import.meta.dirname, '../../../shared/testdata/dcat-ap');
export const SHAPE_FILES = ['dcat-ap-SHACL.ttl', 'ranges.ttl'] as const;

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;

/** Parses Turtle or N-Triples/N-Quads into quads. */
export function parseRdf(
  text: string,
  format: 'text/turtle' | 'application/n-quads' = 'text/turtle',
): Quad[] {
  return new Parser({ format }).parse(text);
}

/** The shapes graph from the copied fixtures: the core shapes, optionally with ranges.ttl. */
export function loadShapes(withRanges = true): Store {
  const store = new Store();
  for (const file of withRanges ? SHAPE_FILES : SHAPE_FILES.slice(0, 1))
    store.addQuads(parseRdf(readFileSync(path.join(FIXTURES, file), 'utf8')));
  return store;
}

/** One SHACL result, flattened for a readable failure message. */
export interface Violation {
  focus: string;
  path: string | undefined;
  constraint: string;
  value: string | undefined;
  shape: string;
  message: string;
}

/** Validates quads against a shapes graph; returns the results (empty when the graph conforms). */
export async function shaclViolations(shapes: Store, quads: readonly Quad[]): Promise<Violation[]> {
  const report = await new SHACLValidator(shapes).validate(new Store([...quads]));
  const violations = report.results.map((r) => ({
    focus: r.focusNode.value,
    path: r.path?.value,
    constraint: r.sourceConstraintComponent.value.replace('http://www.w3.org/ns/shacl#', 'sh:'),
    value: r.value?.value,
    shape: r.sourceShape.value.replace('https://semiceu.github.io/DCAT-AP/releases/3.0.1#', ''),
    message: r.message.map((m) => m.value).join('; '),
  }));
  if (report.conforms !== (violations.length === 0)) throw new Error('SHACL report contradicts itself');
  return violations;
}

/** Every xsd:date / xsd:dateTime literal that is not a real date (lexical form and calendar). */
export function invalidDates(quads: readonly Quad[]): string[] {
  const bad: string[] = [];
  for (const q of quads) {
    if (q.object.termType !== 'Literal') continue;
    const type = q.object.datatype.value;
    if (type === `${XSD}dateTime` && !isXsdDateTime(q.object.value))
      bad.push(`${q.object.value}^^xsd:dateTime`);
    if (type === `${XSD}date` && !isXsdDate(q.object.value)) bad.push(`${q.object.value}^^xsd:date`);
  }
  return bad;
}

/** Number of date / date-time literals (so a test can tell "all valid" from "none there"). */
export function dateLiteralCount(quads: readonly Quad[]): number {
  return quads.filter(
    (q) =>
      q.object.termType === 'Literal' &&
      (q.object.datatype.value === `${XSD}dateTime` || q.object.datatype.value === `${XSD}date`),
  ).length;
}

/** Literals that contain CJK characters but are not tagged @zh. */
export function untaggedChinese(quads: readonly Quad[]): string[] {
  const bad: string[] = [];
  for (const { predicate, object: o } of quads)
    if (o.termType === 'Literal' && CJK.test(o.value) && o.language !== 'zh')
      bad.push(`${predicate.value} ${JSON.stringify(o.value)}@${o.language || '-'}`);
  return bad;
}

/** Subjects typed with a class. */
export function subjectsOfType(quads: readonly Quad[], classIri: string): string[] {
  return [
    ...new Set(
      quads
        .filter(
          (q) =>
            q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' &&
            q.object.value === classIri,
        )
        .map((q) => q.subject.value),
    ),
  ];
}

/** Canonical, order-free lines of a graph without blank nodes (the export mints none). */
export function ntriples(quads: readonly Quad[]): string[] {
  const term = (t: Quad['object']): string =>
    t.termType === 'Literal'
      ? `${JSON.stringify(t.value)}${t.language ? `@${t.language}` : `^^<${t.datatype.value}>`}`
      : `<${t.value}>`;
  return quads.map((q) => `<${q.subject.value}> <${q.predicate.value}> ${term(q.object)} .`).sort();
}

/**
 * JSON-LD → RDF with jsonld.js, with a document loader that refuses every URL: the inline @context must be
 * all a consumer needs.
 */
export async function jsonLdToQuads(doc: object): Promise<Quad[]> {
  const nquads = await jsonld.toRDF(doc as JsonLdInput, {
    format: 'application/n-quads',
    documentLoader: (url: string) => Promise.reject(new Error(`the JSON-LD tried to fetch ${url}`)),
  });
  if (typeof nquads !== 'string') throw new Error('jsonld.toRDF did not return N-Quads');
  return parseRdf(nquads, 'application/n-quads');
}
