// Both serializations carry exactly the graph, whatever the text: quotes, backslashes, newlines, markup,
// emoji and other non-BMP characters, control characters and broken UTF-16 all come back as they went in
// (broken UTF-16 as U+FFFD, the only faithful option).
import fc from 'fast-check';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { datasetOf, docOf, enterprises, INFO, openDatasets, STATS } from './examples.js';
import { buildDcatGraph, toJsonLd, toJsonLdText, toTurtle } from './index.js';

const TITLE = 'http://purl.org/dc/terms/title';
const HOSTILE = [
  '"""',
  'a"""b',
  '\\',
  'back\\slash\\',
  'line\nbreak\r\nand\ttab',
  '<script>alert("x")</script>',
  '😀🇨🇳𠀀',
  '\u0000\u0001\u001f\u007f\u2028\u2029',
  "'single' @zh . ; ,",
  '"@en',
  '</script><!--',
  ' leading and trailing ',
];

const lines = (quads: Quad[]) => quads.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`).sort();

function withName(name: string) {
  return datasetOf({ ...docOf(enterprises), name, summary: name, tags: [name] }, STATS, 1);
}

async function fromJsonLd(doc: object): Promise<Quad[]> {
  const nquads = await jsonld.toRDF(doc as jsonld.JsonLdDocument, {
    format: 'application/n-quads',
    documentLoader: (url: string) => Promise.reject(new Error(`fetched ${url}`)),
  });
  return new Parser({ format: 'application/n-quads' }).parse(nquads as string);
}

describe('Turtle', () => {
  it('parses back to exactly the graph that was built', () => {
    const graph = buildDcatGraph(INFO, openDatasets(), { scope: 'full' });
    const parsed = new Parser().parse(toTurtle(INFO, openDatasets(), { scope: 'full' }));
    expect(lines(parsed)).toEqual(lines(graph));
  });

  it.each(HOSTILE)('round-trips %j', (name) => {
    const parsed = new Parser().parse(toTurtle(INFO, [withName(name)]));
    expect(parsed.filter((q) => q.predicate.value === TITLE).map((q) => q.object.value)).toContain(name);
  });

  it('round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (name) => {
        const parsed = new Parser().parse(toTurtle(INFO, [withName(name)]));
        expect(parsed.filter((q) => q.predicate.value === TITLE).map((q) => q.object.value)).toContain(name);
      }),
      { numRuns: 200 },
    );
  });

  it('replaces unpaired surrogates with U+FFFD instead of emitting broken UTF-16', () => {
    const parsed = new Parser().parse(toTurtle(INFO, [withName('a\ud800b\udc00c')]));
    expect(parsed.filter((q) => q.predicate.value === TITLE).map((q) => q.object.value)).toContain(
      'a\ufffdb\ufffdc',
    );
  });
});

describe('JSON-LD', () => {
  it('has an inline @context only (nothing to fetch) and one node per subject', () => {
    const doc = toJsonLd(INFO, openDatasets());
    expect(typeof doc['@context']).toBe('object');
    expect(Object.values(doc['@context']).every((v) => /^https?:\/\//.test(v))).toBe(true);
    const ids = doc['@graph'].map((n) => n['@id']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('expands to the same graph as the Turtle', async () => {
    const quads = await fromJsonLd(toJsonLd(INFO, openDatasets(), { scope: 'full' }));
    expect(lines(quads)).toEqual(lines(buildDcatGraph(INFO, openDatasets(), { scope: 'full' })));
  });

  it.each(HOSTILE)('round-trips %j through the text form', async (name) => {
    const quads = await fromJsonLd(JSON.parse(toJsonLdText(INFO, [withName(name)])) as object);
    expect(quads.filter((q) => q.predicate.value === TITLE).map((q) => q.object.value)).toContain(name);
  });

  it('escapes <, >, & and line separators in the text form so it can sit inside a <script> element', () => {
    const text = toJsonLdText(INFO, [withName('</script><script>alert(1)</script>&\u2028')]);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
  });
});
