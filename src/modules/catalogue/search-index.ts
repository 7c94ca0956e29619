import { indexTerms, type FieldText } from './domain/search/index.js';
import { BASIC_CLASSES, THEME_CLASSES, type ResourceDoc } from './domain/resource/index.js';
import type { SearchTermRow } from './tables.js';

/** The postings of a published document: name, tags and class, item labels, summary, code and provider. */
export function searchRows(
  resourceId: string,
  code: string,
  doc: ResourceDoc,
  providerName: string,
): SearchTermRow[] {
  const cls = doc.classification;
  const className =
    cls.category === 'basic'
      ? BASIC_CLASSES[cls.item]
      : cls.category === 'theme'
        ? THEME_CLASSES[cls.item]
        : undefined;
  const fields: FieldText[] = [
    { field: 'name', text: doc.name },
    ...(doc.nameEn ? [{ field: 'name' as const, text: doc.nameEn }] : []),
    ...doc.tags.map((t) => ({ field: 'tag' as const, text: t })),
    ...(className ? [{ field: 'tag' as const, text: className }] : []),
    ...doc.items.flatMap((i) => [
      { field: 'item' as const, text: i.label },
      { field: 'item' as const, text: i.name },
    ]),
    { field: 'summary', text: doc.summary },
    { field: 'code', text: code },
    { field: 'provider', text: providerName },
  ];
  return indexTerms(fields).map((t) => ({
    resource_id: resourceId,
    term: t.term,
    field: t.field,
    count: t.count,
  }));
}
