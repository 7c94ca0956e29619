// One resource as a dcat:Dataset: the GB/T 21063 elements mapped onto DCAT-AP (see docs/dcat-export.md for
// the table), with its publisher, contact point, classification themes and region.
import { regionName } from '../../../../kernel/index.js';
import {
  BASIC_CLASSES,
  CATEGORIES,
  CATEGORY_LABELS,
  THEME_CLASSES,
  type ResourceDoc,
} from '../resource/index.js';
import { typedLink, type ExportContext } from './context.js';
import { mailtoIri, telIri } from './iri.js';
import type { DcatDatasetInput } from './types.js';
import {
  ACCESS_RIGHTS,
  dcat,
  dct,
  EU_NS,
  EU_THEME_LABELS,
  EU_THEMES,
  foaf,
  FREQUENCY,
  LANGUAGE_ZH,
  skos,
  vcard,
} from './vocabulary.js';
import { toXsdDateTime } from './xsd-datetime.js';

/** Describes the dataset node itself and returns its IRI. */
export function describeDataset(ctx: ExportContext, d: DcatDatasetInput): string {
  const { g, iris } = ctx;
  const doc = d.doc;
  const ds = iris.dataset(d.code);
  g.type(ds, dcat('Dataset'));
  g.add(ds, dct('identifier'), g.plain(d.code));
  g.add(ds, dct('title'), g.text(doc.name, 'zh'));
  if (doc.nameEn) g.add(ds, dct('title'), g.text(doc.nameEn, 'en'));
  g.add(ds, dct('description'), g.text(doc.summary, 'zh'));
  for (const tag of doc.tags) g.add(ds, dcat('keyword'), g.text(tag, 'zh'));
  g.add(ds, dct('issued'), g.typed(toXsdDateTime(d.issued, `${d.code} issued`), 'dateTime'));
  g.add(ds, dct('modified'), g.typed(toXsdDateTime(d.modified, `${d.code} modified`), 'dateTime'));
  g.add(ds, dcat('version'), g.plain(String(d.version)));
  typedLink(ctx, ds, dct('language'), LANGUAGE_ZH, dct('LinguisticSystem'));
  typedLink(ctx, ds, dct('accrualPeriodicity'), FREQUENCY[doc.updateCycle], dct('Frequency'));
  typedLink(ctx, ds, dct('accessRights'), ACCESS_RIGHTS[doc.open.type], dct('RightsStatement'));
  describeAgent(ctx, ds, dct('publisher'), d.provider);
  describeThemes(ctx, ds, doc.classification);
  if (doc.spatial) {
    const region = iris.region(doc.spatial);
    typedLink(ctx, ds, dct('spatial'), region, dct('Location'));
    g.add(region, dct('identifier'), g.plain(doc.spatial));
    const name = regionName(doc.spatial);
    if (name) g.add(region, skos('prefLabel'), g.text(name, 'zh'));
  }
  describeContact(ctx, ds, doc.contact);
  for (const related of doc.relatedCodes) g.link(ds, dct('relation'), iris.dataset(related));
  return ds;
}

/** Links `subject` to an organisation (foaf:Agent under /orgs/<USCC>) and describes it once. */
export function describeAgent(
  ctx: ExportContext,
  subject: string,
  predicate: string,
  org: { name: string; uscc: string },
): void {
  const agent = ctx.iris.org(org.uscc);
  typedLink(ctx, subject, predicate, agent, foaf('Agent'), foaf('Organization'));
  ctx.g.add(agent, foaf('name'), ctx.g.text(org.name, 'zh'));
  ctx.g.add(agent, dct('identifier'), ctx.g.plain(org.uscc));
}

/** The contact point's IRI for a dataset (its data service shares it). */
export function contactIri(datasetIri: string): string {
  return `${datasetIri}#contact`;
}

function describeContact(ctx: ExportContext, ds: string, contact: ResourceDoc['contact']): void {
  const { g } = ctx;
  const c = contactIri(ds);
  typedLink(ctx, ds, dcat('contactPoint'), c, vcard('Kind'));
  g.add(c, vcard('fn'), g.text(contact.name, 'zh'));
  const tel = telIri(contact.phone);
  // A number we cannot turn into a tel: IRI is still worth showing; vcard:note keeps it as text.
  if (tel) g.link(c, vcard('hasTelephone'), tel);
  else g.add(c, vcard('note'), g.text(`电话：${contact.phone}`, 'zh'));
  const mail = contact.email ? mailtoIri(contact.email) : null;
  if (mail) g.link(c, vcard('hasEmail'), mail);
}

/**
 * dcat:theme: our classification (类 → 项) as a SKOS scheme under the base URL, plus the EU data theme where
 * the 项 maps soundly onto one, so European-style harvesters can facet on it.
 */
function describeThemes(ctx: ExportContext, ds: string, c: ResourceDoc['classification']): void {
  const { g, iris } = ctx;
  const topCode = CATEGORIES[c.category];
  const itemCode = `${topCode}${c.item}`;
  const known =
    c.category === 'basic'
      ? BASIC_CLASSES[c.item]
      : c.category === 'theme'
        ? THEME_CLASSES[c.item]
        : undefined;
  const top = iris.classConcept(topCode);
  const item = iris.classConcept(itemCode);
  g.type(iris.classScheme, skos('ConceptScheme'));
  g.add(iris.classScheme, dct('title'), g.text('政务信息资源分类', 'zh'));
  concept(ctx, top, CATEGORY_LABELS[c.category], topCode);
  g.link(top, skos('topConceptOf'), iris.classScheme);
  g.link(iris.classScheme, skos('hasTopConcept'), top);
  concept(ctx, item, known ?? `${CATEGORY_LABELS[c.category]}类 ${c.item}`, itemCode);
  g.link(item, skos('broader'), top);
  g.link(ds, dcat('theme'), item);
  const eu = EU_THEMES[c.category]?.[c.item];
  if (eu) {
    const euIri = `${EU_NS.theme}${eu}`;
    typedLink(ctx, ds, dcat('theme'), euIri, skos('Concept'));
    g.add(euIri, skos('prefLabel'), g.text(EU_THEME_LABELS[eu], 'en'));
  }
}

function concept(ctx: ExportContext, iri: string, label: string, notation: string): void {
  const { g } = ctx;
  g.type(iri, skos('Concept'));
  g.add(iri, skos('prefLabel'), g.text(label, 'zh'));
  g.add(iri, skos('notation'), g.plain(notation));
  g.link(iri, skos('inScheme'), ctx.iris.classScheme);
}
