import {
  violationsOf,
  type Category,
  type DataType,
  type DetectedColumn,
  type Format,
  type ItemInput,
  type Method,
  type NationalLevel,
  type OpenReason,
  type OpenType,
  type PiiKind,
  type PiiSuggestion,
  type PolicyState,
  type ProvincialLevel,
  type ResourceDoc,
  type ResourceInput,
  type ShareType,
  type UpdateCycle,
} from '../../api/catalogue';
import { ApiError } from '../../api/errors';
import { DEFAULT_MASKS, FORMAT_METHODS, LENGTH_TYPES, maskFromKey, maskKey, provincialFor } from './vocab';

// The editor's state: the resource document as the form holds it (text fields as typed, '' for "not set"),
// its conversion to and from the API's document, the item rows made from a sample file's columns, and the
// server's field problems keyed by path (items.2.nationalLevel) so each cell can show its own.

/** A detection suggestion's state: not yet looked at, taken as proposed, or changed by the steward. */
export type Decision = 'pending' | 'accepted' | 'edited';

/** One row of the item grid. */
export interface Row {
  key: string;
  name: string;
  label: string;
  code: string;
  dataType: DataType;
  length: string;
  scale: string;
  nullable: boolean;
  primaryKey: boolean;
  piiKind: PiiKind | '';
  nationalLevel: NationalLevel | '';
  /** '' = derived from the national level by the policy table. */
  provincialLevel: ProvincialLevel | '';
  /** '' = the resource's share type. */
  shareType: ShareType | '';
  /** A maskKey(), or '' for the default mask of the PII kind. */
  mask: string;
  secret: boolean;
  watermarkTolerant: boolean;
  description: string;
  /** The sample file's column header and what the detector proposed for it. */
  header: string | null;
  suggestion: PiiSuggestion | null;
  decision: Decision | null;
}

/** The whole form. */
export interface Draft {
  category: Category;
  classItem: string;
  catalog: string;
  detail: string;
  name: string;
  nameEn: string;
  summary: string;
  format: Format;
  updateCycle: UpdateCycle;
  shareType: ShareType;
  shareCondition: string;
  shareBasis: string;
  methods: Method[];
  openType: OpenType;
  openCondition: string;
  openReasonKind: OpenReason | '';
  openReasonText: string;
  tags: string;
  relatedCodes: string;
  spatial: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  items: Row[];
}

let rowSeq = 0;
const rowKey = () => `row-${++rowSeq}`;

/** An empty item row. */
export function emptyRow(): Row {
  return {
    key: rowKey(),
    name: '',
    label: '',
    code: '',
    dataType: 'string',
    length: '',
    scale: '',
    nullable: true,
    primaryKey: false,
    piiKind: '',
    nationalLevel: '',
    provincialLevel: '',
    shareType: '',
    mask: '',
    secret: false,
    watermarkTolerant: false,
    description: '',
    header: null,
    suggestion: null,
    decision: null,
  };
}

/** A new resource: conditional sharing by API, closed to the public (the cautious defaults), no items. */
export function emptyDraft(contactName: string): Draft {
  return {
    category: 'basic',
    classItem: '01',
    catalog: '',
    detail: '',
    name: '',
    nameEn: '',
    summary: '',
    format: 'table',
    updateCycle: 'irregular',
    shareType: 'conditional',
    shareCondition: '',
    shareBasis: '',
    methods: ['api'],
    openType: 'closed',
    openCondition: '',
    openReasonKind: '',
    openReasonText: '',
    tags: '',
    relatedCodes: '',
    spatial: '',
    contactName,
    contactPhone: '',
    contactEmail: '',
    items: [],
  };
}

/** The row values a suggestion proposes. */
export function suggestedValues(
  s: PiiSuggestion,
): Pick<Row, 'piiKind' | 'nationalLevel' | 'provincialLevel' | 'mask'> {
  return { piiKind: s.kind, nationalLevel: s.nationalLevel, provincialLevel: '', mask: maskKey(s.mask) };
}

/** An item row from a sample column: prefilled from the detector's suggestion, waiting for the steward. */
export function rowFromColumn(c: DetectedColumn): Row {
  return {
    ...emptyRow(),
    name: c.name,
    label: c.label || c.header,
    dataType: c.dataType,
    length: c.length !== null && LENGTH_TYPES.has(c.dataType) ? String(c.length) : '',
    header: c.header,
    suggestion: c.suggestion,
    decision: c.suggestion ? 'pending' : null,
    ...(c.suggestion && suggestedValues(c.suggestion)),
  };
}

/** The form for a stored document (the latest version when editing). */
export function draftFromDoc(doc: ResourceDoc, table: PolicyState['table']): Draft {
  return {
    category: doc.classification.category,
    classItem: doc.classification.item,
    catalog: doc.classification.catalog,
    detail: doc.classification.detail ?? '',
    name: doc.name,
    nameEn: doc.nameEn ?? '',
    summary: doc.summary,
    format: doc.format,
    updateCycle: doc.updateCycle,
    shareType: doc.share.type,
    shareCondition: doc.share.condition ?? '',
    shareBasis: doc.share.basis ?? '',
    methods: [...doc.share.methods],
    openType: doc.open.type,
    openCondition: doc.open.condition ?? '',
    openReasonKind: doc.open.reason?.kind ?? '',
    openReasonText: doc.open.reason?.text ?? '',
    tags: doc.tags.join('，'),
    relatedCodes: doc.relatedCodes.join(', '),
    spatial: doc.spatial ?? '',
    contactName: doc.contact.name,
    contactPhone: doc.contact.phone,
    contactEmail: doc.contact.email ?? '',
    items: doc.items.map((i) => {
      const defaultMask = i.piiKind ? DEFAULT_MASKS[i.piiKind] : { kind: 'clear' };
      return {
        ...emptyRow(),
        name: i.name,
        label: i.label,
        code: i.code,
        dataType: i.dataType,
        length: i.length !== null ? String(i.length) : '',
        scale: i.scale !== null ? String(i.scale) : '',
        nullable: i.nullable,
        primaryKey: i.primaryKey,
        piiKind: i.piiKind ?? '',
        nationalLevel: i.nationalLevel,
        // Derived values go back to "derived", so lowering the national level is not undone by them.
        provincialLevel: provincialFor(table, i.nationalLevel) === i.provincialLevel ? '' : i.provincialLevel,
        shareType: i.shareType === doc.share.type ? '' : i.shareType,
        mask: maskKey(i.defaultMask) === maskKey(defaultMask) ? '' : maskKey(i.defaultMask),
        secret: i.secret,
        watermarkTolerant: i.watermarkTolerant,
        description: i.description ?? '',
      };
    }),
  };
}

/** Words separated by commas, 、, semicolons or spaces. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean))];
}

const num = (s: string) => Number(s.trim());

/** The document to send; blank optional fields are left out, and fields the chosen types do not use dropped. */
export function toInput(d: Draft): ResourceInput {
  const trim = (s: string) => s.trim();
  const items: ItemInput[] = d.items.map((r) => ({
    name: trim(r.name),
    label: trim(r.label),
    ...(trim(r.code) && { code: trim(r.code) }),
    dataType: r.dataType,
    ...(trim(r.length) && LENGTH_TYPES.has(r.dataType) && { length: num(r.length) }),
    ...(trim(r.scale) && r.dataType === 'number' && { scale: num(r.scale) }),
    nullable: r.nullable,
    primaryKey: r.primaryKey,
    piiKind: r.piiKind || null,
    ...(r.nationalLevel && { nationalLevel: r.nationalLevel }),
    ...(r.provincialLevel && { provincialLevel: r.provincialLevel }),
    ...(r.shareType && { shareType: r.shareType }),
    ...(r.mask && { defaultMask: maskFromKey(r.mask) }),
    secret: r.secret,
    watermarkTolerant: r.watermarkTolerant,
    ...(trim(r.description) && { description: trim(r.description) }),
  }));
  const reason = d.openType !== 'open' && d.openReasonKind;
  return {
    classification: {
      category: d.category,
      item: trim(d.classItem),
      catalog: trim(d.catalog),
      ...(trim(d.detail) && { detail: trim(d.detail) }),
    },
    name: trim(d.name),
    ...(trim(d.nameEn) && { nameEn: trim(d.nameEn) }),
    summary: trim(d.summary),
    format: d.format,
    items,
    share: {
      type: d.shareType,
      ...(d.shareType === 'conditional' && trim(d.shareCondition) && { condition: trim(d.shareCondition) }),
      methods: d.methods.filter((m) => FORMAT_METHODS[d.format].includes(m)),
      ...(d.shareType !== 'unconditional' && trim(d.shareBasis) && { basis: trim(d.shareBasis) }),
    },
    open: {
      type: d.openType,
      ...(d.openType === 'conditional' && trim(d.openCondition) && { condition: trim(d.openCondition) }),
      ...(reason && { reason: { kind: reason, text: trim(d.openReasonText) } }),
    },
    updateCycle: d.updateCycle,
    relatedCodes: splitList(d.relatedCodes),
    tags: splitList(d.tags),
    ...(trim(d.spatial) && { spatial: trim(d.spatial) }),
    contact: {
      name: trim(d.contactName),
      phone: trim(d.contactPhone),
      ...(trim(d.contactEmail) && { email: trim(d.contactEmail) }),
    },
  };
}

/** Problems by field path, from a validation answer's fields and a policy answer's violations. */
export type FieldErrors = ReadonlyMap<string, string[]>;

export function fieldErrorsOf(e: unknown): FieldErrors {
  const out = new Map<string, string[]>();
  const add = (field: string, message: string) => out.set(field, [...(out.get(field) ?? []), message]);
  if (e instanceof ApiError) for (const f of e.fields) add(f.field, f.message);
  for (const v of violationsOf(e)) add(v.field, v.message);
  return out;
}

/** The problems of a field and of anything inside it (defaultMask covers defaultMask.kind). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  const found: string[] = [];
  for (const [field, messages] of errors)
    if (field === path || field.startsWith(`${path}.`)) found.push(...messages);
  return found.length ? found.join('；') : undefined;
}
