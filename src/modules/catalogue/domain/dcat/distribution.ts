// How a resource's data is reached: tables as CSV and JSON, files as one ZIP package, APIs through a
// dcat:DataService. Open resources point at the open-data endpoints; a 不予开放 resource (full export only)
// points at its catalogue page, where a department applies for access through the sharing workflow.
import { typedLink, type ExportContext } from './context.js';
import { contactIri, describeAgent } from './dataset.js';
import type { DcatDatasetInput } from './types.js';
import { ACCESS_RIGHTS, dcat, dct, FORMAT_FILE_TYPES, rdfs, type FileType } from './vocabulary.js';

const FILE_TYPE_LABELS: Record<FileType['key'], string> = { csv: 'CSV', json: 'JSON', zip: '数据包' };

/** Adds the dataset's distributions (and its data service, for an API resource); returns the service IRI. */
export function describeDistributions(ctx: ExportContext, ds: string, d: DcatDatasetInput): string | null {
  const { g, iris } = ctx;
  const { doc, code } = d;
  const reachable = doc.open.type !== 'closed';
  // Only 无条件开放 data is under the open licence; conditions of 有条件开放 data are agreed per request.
  const licence = doc.open.type === 'open' ? ctx.licence : null;
  const service = doc.format === 'api' ? describeService(ctx, ds, d, licence) : null;
  // The public needs the conditions of 有条件开放 data to apply for it: a DCAT-AP rights statement says so in
  // both scopes, with standard terms.
  const rights = doc.open.type === 'conditional' && doc.open.condition ? `${ds}#open-conditions` : null;
  if (rights && doc.open.condition) {
    g.type(rights, dct('RightsStatement'));
    g.add(rights, rdfs('label'), g.text(doc.open.condition, 'zh'));
  }
  for (const ft of FORMAT_FILE_TYPES[doc.format]) {
    const dist = `${ds}#dist-${ft.key}`;
    g.link(ds, dcat('distribution'), dist);
    g.type(dist, dcat('Distribution'));
    g.add(dist, dct('title'), g.text(`${doc.name}（${FILE_TYPE_LABELS[ft.key]}）`, 'zh'));
    const url = !reachable
      ? ds
      : doc.format === 'table'
        ? iris.dataUrl(code, ft.key)
        : doc.format === 'file'
          ? iris.packageUrl(code)
          : iris.apiEndpoint(code);
    g.link(dist, dcat('accessURL'), url);
    // A direct download only where nothing stands between the public and the bytes.
    if (doc.open.type === 'open' && doc.format !== 'api') g.link(dist, dcat('downloadURL'), url);
    typedLink(ctx, dist, dct('format'), ft.format, dct('MediaTypeOrExtent'));
    const mediaPredicate = doc.format === 'file' ? dcat('packageFormat') : dcat('mediaType');
    typedLink(ctx, dist, mediaPredicate, ft.mediaType, dct('MediaType'));
    if (licence) typedLink(ctx, dist, dct('license'), licence, dct('LicenseDocument'));
    g.link(dist, dct('rights'), rights);
    if (service) g.link(dist, dcat('accessService'), service);
  }
  return service;
}

function describeService(
  ctx: ExportContext,
  ds: string,
  d: DcatDatasetInput,
  licence: string | null,
): string {
  const { g, iris } = ctx;
  const { doc } = d;
  const svc = `${ds}#service`;
  g.type(svc, dcat('DataService'));
  g.add(svc, dct('title'), g.text(`${doc.name}（数据接口）`, 'zh'));
  if (doc.nameEn) g.add(svc, dct('title'), g.text(`${doc.nameEn} API`, 'en'));
  g.add(svc, dct('description'), g.text(doc.summary, 'zh'));
  // ranges.ttl wants the endpoint typed rdfs:Resource (sh:class does no RDFS inference).
  const endpoint = doc.open.type === 'closed' ? ds : iris.apiEndpoint(d.code);
  typedLink(ctx, svc, dcat('endpointURL'), endpoint, rdfs('Resource'));
  g.link(svc, dcat('servesDataset'), ds);
  describeAgent(ctx, svc, dct('publisher'), d.provider);
  g.link(svc, dcat('contactPoint'), contactIri(ds));
  typedLink(ctx, svc, dct('accessRights'), ACCESS_RIGHTS[doc.open.type], dct('RightsStatement'));
  if (licence) typedLink(ctx, svc, dct('license'), licence, dct('LicenseDocument'));
  for (const tag of doc.tags) g.add(svc, dcat('keyword'), g.text(tag, 'zh'));
  return svc;
}
