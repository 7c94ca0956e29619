// The whole export as triples: one dcat:Catalog, one dcat:Dataset per input (the caller chose them), their
// distributions and data services, and the typing of every vocabulary IRI used so the DCAT-AP shapes (with
// or without ranges.ttl) accept the graph on its own.
import type { Quad } from 'n3';
import { typedLink, type ExportContext } from './context.js';
import { describeAgent, describeDataset } from './dataset.js';
import { describeDistributions } from './distribution.js';
import { GraphBuilder } from './graph-builder.js';
import { assertIri, irisFor } from './iri.js';
import { describeItems, describeSharing } from './own-terms.js';
import type { DcatCatalogueInfo, DcatDatasetInput, DcatOptions } from './types.js';
import { DEFAULT_LICENCE, dcat, dct, foaf, LANGUAGE_ZH, NS, type OwnTerm } from './vocabulary.js';
import { toXsdDateTime } from './xsd-datetime.js';

/** Our own namespace for a catalogue: the configured one, or `${baseUrl}/ns#`. */
export function ownNamespace(info: DcatCatalogueInfo): string {
  const ns = info.namespace ?? `${irisFor(info.baseUrl).base}/ns#`;
  assertIri(ns);
  if (!/[#/]$/.test(ns)) throw new RangeError(`namespace must end with # or /: ${JSON.stringify(ns)}`);
  if (Object.values(NS).includes(ns as (typeof NS)[keyof typeof NS]))
    throw new RangeError(`namespace must be our own, not ${ns}`);
  return ns;
}

/** Builds the DCAT-AP 3 graph of a catalogue and the given datasets (no filtering: the caller chooses). */
export function buildDcatGraph(
  info: DcatCatalogueInfo,
  datasets: readonly DcatDatasetInput[],
  options: DcatOptions = {},
): Quad[] {
  const iris = irisFor(info.baseUrl);
  const ns = ownNamespace(info);
  const ctx: ExportContext = {
    g: new GraphBuilder(),
    iris,
    own: (term: OwnTerm) => `${ns}${term}`,
    scope: options.scope ?? 'open',
    licence: assertIri(info.licence ?? DEFAULT_LICENCE),
  };
  const { g } = ctx;
  const cat = iris.catalog;
  g.type(cat, dcat('Catalog'));
  g.add(cat, dct('title'), g.text(info.title, 'zh'));
  g.add(cat, dct('description'), g.text(info.description, 'zh'));
  describeAgent(ctx, cat, dct('publisher'), { name: info.publisher.name, uscc: info.publisher.id });
  typedLink(ctx, cat, dct('language'), LANGUAGE_ZH, dct('LinguisticSystem'));
  g.add(cat, dct('modified'), g.typed(toXsdDateTime(info.modified, 'catalogue modified'), 'dateTime'));
  if (info.homepage) typedLink(ctx, cat, foaf('homepage'), info.homepage, foaf('Document'));
  if (datasets.length > 0) g.link(cat, dcat('themeTaxonomy'), iris.classScheme);

  const codes = new Set<string>();
  const services: string[] = [];
  for (const d of datasets) {
    // Two inputs with one code would merge into one node with two titles: a caller bug, not data to publish.
    if (codes.has(d.code)) throw new RangeError(`dataset ${d.code} appears twice`);
    codes.add(d.code);
    const ds = describeDataset(ctx, d);
    g.link(cat, dcat('dataset'), ds);
    const service = describeDistributions(ctx, ds, d);
    if (service) services.push(service);
    describeItems(ctx, ds, d.doc);
    if (ctx.scope === 'full') describeSharing(ctx, ds, d.doc);
  }
  for (const service of services) g.link(cat, dcat('service'), service);
  // Readers meet the catalogue first, then each dataset with its own fragments, then shared nodes
  // (organisations, classification, vocabulary typing).
  const datasetPrefix = iris.dataset('');
  return g.quads((s) => (s === cat ? 0 : s.startsWith(datasetPrefix) ? 1 : 2));
}
