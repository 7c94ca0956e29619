// The normalised resource document: every default resolved, levels on both scales, effective share types.
// This is what versions store, what the policy checks and what exports read.
import type { MaskSpec, PiiKind } from '../masking/index.js';
import type {
  Category,
  DataType,
  Format,
  Method,
  NationalLevel,
  OpenReason,
  OpenType,
  ProvincialLevel,
  ShareType,
  UpdateCycle,
} from './vocab.js';

/** A normalised 信息项. */
export interface Item {
  name: string;
  label: string;
  code: string;
  dataType: DataType;
  length: number | null;
  scale: number | null;
  nullable: boolean;
  primaryKey: boolean;
  piiKind: PiiKind | null;
  nationalLevel: NationalLevel;
  provincialLevel: ProvincialLevel;
  /** The item's own share type as declared (defaults to the resource's). */
  shareType: ShareType;
  /** The stricter of the item's and the resource's share types: what the sharing workflow enforces. */
  effectiveShareType: ShareType;
  secret: boolean;
  defaultMask: MaskSpec;
  watermarkTolerant: boolean;
  description: string | null;
}

/** A normalised resource document (one version). */
export interface ResourceDoc {
  classification: { category: Category; item: string; catalog: string; detail: string | null; code: string };
  name: string;
  nameEn: string | null;
  summary: string;
  format: Format;
  items: Item[];
  share: { type: ShareType; condition: string | null; methods: Method[]; basis: string | null };
  open: { type: OpenType; condition: string | null; reason: { kind: OpenReason; text: string } | null };
  updateCycle: UpdateCycle;
  relatedCodes: string[];
  tags: string[];
  spatial: string | null;
  contact: { name: string; phone: string; email: string | null };
  /** The highest item level (就高从严); 一般1 for a resource without items. */
  level: NationalLevel;
  provincialLevel: ProvincialLevel;
}
