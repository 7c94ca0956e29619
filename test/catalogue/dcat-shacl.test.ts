import { createHash } from 'node:crypto';
// DCAT-AP 3 conformance of the catalogue export (issue 5 §6, STANDARDS §9): both serializations, both
// scopes, validated with the official DCAT-AP 3.0.1 SHACL shapes plus ranges.ttl, and the checks the shapes
// leave out (real dates, @zh tags, dataset count). Shapes come from test/fixtures/dcat-ap (a copy of
// ../shared/testdata/dcat-ap, so a bare clone runs this too).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DataFactory, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDcatGraph,
  toJsonLdText,
  toTurtle,
  type DcatDatasetInput,
} from '../../src/modules/catalogue/domain/dcat/index.js';
import {
  allDatasets,
  datasetOf,
  docOf,
  enterprises,
  INFO,
  openDatasets,
  STATS,
} from '../../src/modules/catalogue/domain/dcat/examples.js';
import {
  dateLiteralCount,
  FIXTURES,
  invalidDates,
  jsonLdToQuads,
  loadShapes,
  ntriples,
  parseRdf,
  SHAPE_FILES,
  SHARED,
  shaclViolations,
  subjectsOfType,
  untaggedChinese,
  type Violation,
} from './dcat-support.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const OWN = `${INFO.baseUrl}/ns#`;

let shapes: ReturnType<typeof loadShapes>;
let coreShapes: ReturnType<typeof loadShapes>;

beforeAll(() => {
  shapes = loadShapes(true);
  coreShapes = loadShapes(false);
});

/** Asserts conformance, printing every violation when there are any. */
async function expectConforms(quads: readonly Quad[], withRanges = true): Promise<void> {
  const violations = await shaclViolations(withRanges ? shapes : coreShapes, quads);
  expect(violations, `SHACL violations:\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** The same without failing: for negative controls. */
async function violationsOf(quads: readonly Quad[], withRanges = true): Promise<Violation[]> {
  return shaclViolations(withRanges ? shapes : coreShapes, quads);
}

const scopes: { scope: 'open' | 'full'; datasets: () => DcatDatasetInput[] }[] = [
  { scope: 'open', datasets: openDatasets },
  { scope: 'full', datasets: allDatasets },
];

describe('shape fixtures', () => {
  // The copies must be the official shapes: compared byte for byte with ../shared when it is there, and
  // always against the digests of the official 3.0.1 files, so a clone without ../shared checks them too.
  it('are the official DCAT-AP 3.0.1 shapes', () => {
    const pinned: Record<string, string> = {
      'dcat-ap-SHACL.ttl': '990d3e42721de6a4be8cc338a7171559f195e62dea89c0b56531356b78cc026f',
      'ranges.ttl': 'a6eed0fae8d0f5ca977fe2098ca12081ac60b0efe1ddce802d5c08e49505ebcc',
    };
    for (const file of SHAPE_FILES) {
      const bytes = readFileSync(path.join(FIXTURES, file));
      expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(pinned[file]);
      if (existsSync(SHARED)) expect(bytes.equals(readFileSync(path.join(SHARED, file))), file).toBe(true);
    }
  });

  it('are live: a dataset without dct:title is a violation', async () => {
    const quads = buildDcatGraph(INFO, openDatasets()).filter(
      (q) => !(q.predicate.value === `${DCT}title` && q.subject.value.endsWith('-00001')),
    );
    const v = await violationsOf(quads);
    expect(v.some((x) => x.path === `${DCT}title` && x.constraint === 'sh:MinCountConstraintComponent')).toBe(
      true,
    );
  });
});

describe.each(scopes)('DCAT-AP 3 export, $scope scope', ({ scope, datasets }) => {
  it('Turtle parses and conforms to the shapes with ranges.ttl, and without it', async () => {
    const input = datasets();
    const t0 = performance.now();
    const quads = parseRdf(toTurtle(INFO, input, { scope }));
    const t1 = performance.now();
    await expectConforms(quads);
    const t2 = performance.now();
    await expectConforms(quads, false);
    console.info(
      `[dcat ${scope}] ${input.length} datasets, ${quads.length} triples: serialize+parse ${(t1 - t0).toFixed(0)} ms, SHACL (core+ranges) ${(t2 - t1).toFixed(0)} ms`,
    );
  });

  it('JSON-LD (inline context, nothing fetched) conforms and is the same graph as the Turtle', async () => {
    const input = datasets();
    const doc: unknown = JSON.parse(toJsonLdText(INFO, input, { scope }));
    expect(typeof (doc as { '@context': unknown })['@context']).toBe('object');
    const fromJsonLd = await jsonLdToQuads(doc as object);
    await expectConforms(fromJsonLd);
    expect(ntriples(fromJsonLd)).toEqual(ntriples(parseRdf(toTurtle(INFO, input, { scope }))));
  });

  it('has one dcat:Dataset per input, each linked from the catalogue', () => {
    const input = datasets();
    const quads = parseRdf(toTurtle(INFO, input, { scope }));
    const found = subjectsOfType(quads, `${DCAT}Dataset`);
    expect(found).toHaveLength(input.length);
    const linked = quads.filter((q) => q.predicate.value === `${DCAT}dataset`).map((q) => q.object.value);
    expect(new Set(linked)).toEqual(new Set(found));
    expect(subjectsOfType(quads, `${DCAT}Catalog`)).toHaveLength(1);
  });

  it('has only valid xsd:date / xsd:dateTime literals', () => {
    const input = datasets();
    const quads = parseRdf(toTurtle(INFO, input, { scope }));
    // catalogue modified + issued and modified of each dataset
    expect(dateLiteralCount(quads)).toBe(1 + 2 * input.length);
    expect(invalidDates(quads)).toEqual([]);
  });

  it('tags every Chinese literal @zh', () => {
    const quads = parseRdf(toTurtle(INFO, datasets(), { scope }));
    expect(quads.some((q) => q.object.termType === 'Literal' && q.object.language === 'zh')).toBe(true);
    expect(untaggedChinese(quads)).toEqual([]);
  });
});

describe('the checks the shapes leave out', () => {
  const dated = (value: string, type: 'date' | 'dateTime'): Quad =>
    DataFactory.quad(
      DataFactory.namedNode(`${INFO.baseUrl}/catalogue/resources/x`),
      DataFactory.namedNode(`${DCT}issued`),
      DataFactory.literal(value, DataFactory.namedNode(`${XSD}${type}`)),
    );

  it('catches impossible dates injected into a conforming graph (the shapes do not)', async () => {
    const good = buildDcatGraph(INFO, openDatasets());
    const poisoned = [...good, dated('2026-02-30', 'date'), dated('2026-13-01T00:00:00Z', 'dateTime')];
    // The negative control: SHACL alone lets them through…
    await expectConforms(poisoned);
    // …our checker does not.
    expect(invalidDates(poisoned)).toEqual(['2026-02-30^^xsd:date', '2026-13-01T00:00:00Z^^xsd:dateTime']);
  });

  it('refuses to serialize an impossible date rather than letting Date roll it over', () => {
    const d = datasetOf(docOf(enterprises), STATS, 9, { issued: '2026-02-30T00:00:00Z' });
    expect(() => toTurtle(INFO, [d])).toThrow(RangeError);
  });

  it('catches a Chinese literal without @zh', () => {
    const q = DataFactory.quad(
      DataFactory.namedNode(`${INFO.baseUrl}/x`),
      DataFactory.namedNode(`${DCT}title`),
      DataFactory.literal('人口'),
    );
    expect(untaggedChinese([q])).toHaveLength(1);
  });
});

describe('what ranges.ttl adds, and why the export types vocabulary IRIs', () => {
  const api = () => openDatasets().filter((d) => d.doc.format === 'api');

  it('ranges.ttl wants dcat:endpointURL typed rdfs:Resource; the core shapes do not', async () => {
    const quads = buildDcatGraph(INFO, api()).filter(
      (q) =>
        !(
          q.predicate.value === RDF_TYPE && q.object.value === 'http://www.w3.org/2000/01/rdf-schema#Resource'
        ),
    );
    await expectConforms(quads, false);
    const v = await violationsOf(quads);
    expect(v.map((x) => [x.path, x.constraint])).toEqual([
      [`${DCAT}endpointURL`, 'sh:ClassConstraintComponent'],
    ]);
  });

  it('even the core shapes check ranges with sh:class, so untyped EU vocabulary IRIs fail', async () => {
    const quads = buildDcatGraph(INFO, openDatasets()).filter(
      (q) => !(q.predicate.value === RDF_TYPE && q.subject.value.includes('/resource/authority/frequency/')),
    );
    const v = await violationsOf(quads, false);
    expect(v.length).toBeGreaterThan(0);
    expect(
      v.every((x) => x.path === `${DCT}accrualPeriodicity` && x.constraint === 'sh:ClassConstraintComponent'),
    ).toBe(true);
  });
});

describe('open and full scopes', () => {
  it('the public export carries no sharing attributes; the full one carries them on every dataset', () => {
    const open = buildDcatGraph(INFO, openDatasets(), { scope: 'open' });
    expect(open.filter((q) => q.predicate.value === `${OWN}shareType`)).toEqual([]);
    const full = buildDcatGraph(INFO, allDatasets(), { scope: 'full' });
    const datasets = subjectsOfType(full, `${DCAT}Dataset`);
    for (const ds of datasets)
      expect(
        full.some((q) => q.subject.value === ds && q.predicate.value === `${OWN}shareType`),
        ds,
      ).toBe(true);
  });

  it('a 不予开放 resource in the full export is NON_PUBLIC and still conforms', async () => {
    const full = buildDcatGraph(INFO, allDatasets(), { scope: 'full' });
    const rights = full
      .filter((q) => q.predicate.value === `${DCT}accessRights` && q.subject.value.endsWith('-00007'))
      .map((q) => q.object.value);
    expect(rights).toEqual(['http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC']);
    await expectConforms(full);
  });
});

describe('hostile text', () => {
  it('a resource named with quotes, backslashes, newlines, markup and emoji still parses and conforms', async () => {
    const nasty = 'a"""b\\c\nd\r\te<script>alert(1)</script>😀\u0000 "\'@zh .';
    // Set after normalisation: the serializer must cope with any string, whatever the schema lets in today.
    const doc = { ...docOf(enterprises), name: `企业${nasty}`, summary: nasty, tags: [`标签${nasty}`] };
    const d = datasetOf(doc, STATS, 2);
    const turtle = parseRdf(toTurtle(INFO, [d]));
    const titles = turtle.filter((q) => q.predicate.value === `${DCT}title`).map((q) => q.object.value);
    expect(titles).toContain(`企业${nasty}`);
    await expectConforms(turtle);
    const fromJsonLd = await jsonLdToQuads(JSON.parse(toJsonLdText(INFO, [d])) as object);
    expect(ntriples(fromJsonLd)).toEqual(ntriples(turtle));
  });
});
